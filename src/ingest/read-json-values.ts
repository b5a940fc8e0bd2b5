import { encodingProblem } from '../io/encoding-problem.js';

/** Text to read JSON values from: all at once, or as chunks arrive (a file stream, `process.stdin`). */
export type JsonSource = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** One JSON value read, or input that is not JSON; `line` is where it starts (1-based). */
export type JsonItem =
  | { readonly line: number; readonly value: unknown }
  | { readonly line: number; readonly error: string };

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const COMMA = 0x2c;

const isSpace = (code: number) => code === 0x20 || code === NEWLINE || code === 0x0d || code === 0x09 || code === 0xfeff;

/** Input in an encoding other than UTF-8 (UTF-16 from a Windows tool, say): nothing in it can be read. */
class NotUtf8 extends Error {}

async function* chunksOf(source: JsonSource): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield source;
    return;
  }
  const decoder = new TextDecoder();
  let first = true;
  const decode = (bytes: Uint8Array) => {
    const problem = first ? encodingProblem(bytes) : undefined;
    first = false;
    if (problem !== undefined) throw new NotUtf8(problem);
    return decoder.decode(bytes, { stream: true });
  };
  if (source instanceof Uint8Array) {
    yield decode(source);
    yield decoder.decode();
    return;
  }
  for await (const chunk of source as AsyncIterable<string | Uint8Array>) {
    yield typeof chunk === 'string' ? chunk : decode(chunk);
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Reads JSON values from text as it arrives: JSON Lines, one pretty-printed value or several in
 * a row, or a JSON array (its elements are the values). Each value is parsed as soon as it is
 * complete, so a live stream is read as it comes. Input that is not JSON is reported with its
 * line and skipped, and reading goes on: a line that starts with `{` at its first column while
 * a value is still open ends that value as incomplete, so one truncated line loses nothing after it.
 *
 * @example
 * for await (const item of readJsonValues('{"a":1}\nnot json\n{"b":2}\n')) console.log(item);
 * // { line: 1, value: { a: 1 } }, { line: 2, error: 'not JSON: "not json"' }, { line: 3, value: { b: 2 } }
 */
export async function* readJsonValues(source: JsonSource): AsyncGenerator<JsonItem> {
  let buffer = '';
  let at = 0;
  let line = 1;
  let start = -1;
  let startLine = 0;
  let depth = 0;
  let inString = false;
  let inArray = false;

  /** Scans what is buffered; `end` says no more text will come. */
  function* scan(end: boolean): Generator<JsonItem> {
    while (at < buffer.length) {
      const code = buffer.charCodeAt(at);
      if (start < 0) {
        if (isSpace(code)) {
          if (code === NEWLINE) line++;
          at++;
        } else if (inArray && (code === COMMA || code === CLOSE_BRACKET)) {
          if (code === CLOSE_BRACKET) inArray = false;
          at++;
        } else if (code === OPEN_BRACKET && !inArray) {
          inArray = true;
          at++;
        } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
          const newline = buffer.indexOf('\n', at);
          if (newline < 0 && !end) return;
          const lineEnd = newline < 0 ? buffer.length : newline;
          const text = buffer.slice(at, lineEnd).trimEnd();
          if (text.charCodeAt(text.length - 1) === CLOSE_BRACE) {
            try {
              const value: unknown = JSON.parse(text);
              yield { line, value };
              at = lineEnd;
              continue;
            } catch {
              // Not a whole value on one line: scan it character by character.
            }
          }
          start = at;
          startLine = line;
          depth = 0;
          inString = false;
        } else {
          const newline = buffer.indexOf('\n', at);
          if (newline < 0 && !end) return;
          const lineEnd = newline < 0 ? buffer.length : newline;
          let stop = lineEnd;
          if (inArray) {
            const comma = buffer.indexOf(',', at);
            const close = buffer.indexOf(']', at);
            stop = Math.min(lineEnd, comma < 0 ? lineEnd : comma, close < 0 ? lineEnd : close);
          }
          const text = buffer.slice(at, stop).trim();
          try {
            yield { line, value: JSON.parse(text) as unknown };
          } catch {
            yield { line, error: `not JSON: ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}` };
          }
          at = stop;
        }
        continue;
      }

      if (inString) {
        if (code === BACKSLASH) {
          if (at + 1 >= buffer.length && !end) return;
          at += 2;
          continue;
        }
        if (code === QUOTE) inString = false;
        else if (code === NEWLINE) line++;
        at++;
        continue;
      }
      if (code === QUOTE) inString = true;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) {
          const text = buffer.slice(start, at + 1);
          start = -1;
          at++;
          try {
            yield { line: startLine, value: JSON.parse(text) as unknown };
          } catch (error) {
            yield { line: startLine, error: describe(error) };
          }
          continue;
        }
      } else if (code === NEWLINE) {
        if (at + 1 >= buffer.length && !end) return;
        line++;
        if (buffer.charCodeAt(at + 1) === OPEN_BRACE) {
          yield { line: startLine, error: `incomplete JSON value (line ${line} starts a new one)` };
          start = -1;
        }
      }
      at++;
    }
  }

  const compact = () => {
    const keep = start >= 0 ? start : at;
    if (keep > 0) {
      buffer = buffer.slice(keep);
      at -= keep;
      if (start >= 0) start = 0;
    }
  };

  try {
    for await (const chunk of chunksOf(source)) {
      buffer += chunk;
      yield* scan(false);
      compact();
    }
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    yield { line: 1, error: error.message };
    return;
  }
  yield* scan(true);
  if (start >= 0) yield { line: startLine, error: 'incomplete JSON value at the end of the input' };
}
