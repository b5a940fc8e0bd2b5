import { isUtf8 } from 'node:buffer';
import { encodingProblem } from '../io/encoding-problem.js';
import { untilAborted } from '../io/until-aborted.js';
import { JsonArrayElements } from './json-array-elements.js';

/** Why a line of a log could not become an event candidate. */
export type LineFault = 'not-json' | 'invalid-utf8' | 'line-too-long';

/** What the reader hands over for each non-blank line. */
export type LogLine =
  | { readonly kind: 'value'; readonly line: number; readonly value: unknown }
  | { readonly kind: 'fault'; readonly line: number; readonly fault: LineFault; readonly message: string };

export interface ReadLogOptions {
  /** Longest line (or array element) accepted, in bytes (default 1 MiB). Longer ones are reported and skipped. */
  readonly maxLineBytes?: number;
  /** Called with the number of bytes read so far, once per chunk. */
  readonly onProgress?: (bytesRead: number) => void;
  /** Stops reading when aborted (Ctrl-C): what was read so far is kept, and the summary says so. */
  readonly signal?: AbortSignal;
}

export interface ReadLogSummary {
  /** Non-blank lines (or array elements) handed to `visit`. */
  readonly lines: number;
  readonly blankLines: number;
  readonly bytes: number;
  /** `visit` asked to stop. */
  readonly stopped: boolean;
  /** `signal` was aborted before the end of the input. */
  readonly interrupted: boolean;
}

const NEWLINE = 0x0a;
const OPEN_BRACKET = 0x5b;
const MIB = 1024 * 1024;

function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== NEWLINE) return false;
  }
  return true;
}

/** The first byte that is not whitespace or a UTF-8 byte-order mark, or -1. */
function firstSignificantByte(chunk: Uint8Array): number {
  let i = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
  for (; i < chunk.length; i++) if (!isBlank(chunk.subarray(i, i + 1))) return chunk[i]!;
  return -1;
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

const MISPLACED_BOM =
  'the line starts with a byte-order mark (U+FEFF), which only the start of a file may have: were files saved with one joined together? Remove it (e.g. sed -i "s/^\\xEF\\xBB\\xBF//")';

/**
 * Streams an event log (JSONL, or one JSON array of events) and hands each line (or array
 * element) to `visit`, parsed, or with the fault that stops it from being parsed: not JSON (a
 * truncated last line or an array cut off in the middle included), invalid UTF-8 (UTF-16 input
 * is named as such), or longer than the cap. Blank lines are skipped. Memory stays bounded by
 * the longest line or element, so multi-GB logs stream. `visit` returns `false` to stop;
 * aborting `signal` stops too.
 *
 * @example
 * await readLog(createReadStream('day.jsonl'), (line) => {
 *   if (line.kind === 'value') tracker.stage(line.value);
 * });
 */
export async function readLog(
  source: AsyncIterable<Uint8Array | string>,
  visit: (line: LogLine) => boolean | void,
  options: ReadLogOptions = {},
): Promise<ReadLogSummary> {
  const maxLineBytes = options.maxLineBytes ?? MIB;
  let line = 0;
  let lines = 0;
  let blankLines = 0;
  let bytes = 0;
  let stopped = false;
  let mode: 'unknown' | 'lines' | 'array' = 'unknown';
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overLong = false;

  const emit = (item: LogLine): void => {
    lines++;
    if (visit(item) === false) stopped = true;
  };

  const tooLong = (): void =>
    emit({ kind: 'fault', line, fault: 'line-too-long', message: `the line is longer than ${maxLineBytes} bytes; it was skipped` });

  /** Parses one decoded line or element (`notJson` says what is wrong when it is not JSON). */
  const parse = (text: string, notJson: string, truncated: boolean): void => {
    try {
      emit({ kind: 'value', line, value: JSON.parse(text) });
    } catch (error) {
      const why = (error as Error).message;
      const message = text.charCodeAt(0) === 0xfeff
        ? MISPLACED_BOM
        : truncated ? `truncated last line (no newline at the end, and not complete JSON): ${why}` : `${notJson}: ${why}`;
      emit({ kind: 'fault', line, fault: 'not-json', message });
    }
  };

  /** One decoded line (its newline removed). */
  const handleText = (raw: string, last: boolean): void => {
    const text = raw.charCodeAt(raw.length - 1) === 0x0d ? raw.slice(0, -1) : raw;
    if (text.trim().length === 0) {
      blankLines++;
      return;
    }
    // A character is 1 to 4 bytes: count bytes only when the characters alone do not decide.
    if (text.length > maxLineBytes || (text.length * 3 > maxLineBytes && Buffer.byteLength(text) > maxLineBytes)) {
      tooLong();
      return;
    }
    parse(line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'not JSON', last);
  };

  /** One line as bytes (its newline removed): checked for UTF-8 before it is decoded. */
  const handleBytes = (raw: Buffer, last: boolean): void => {
    if (raw.length > maxLineBytes) tooLong();
    else if (isUtf8(raw)) handleText(raw.toString('utf8'), last);
    else if (isBlank(raw)) blankLines++;
    else emit({ kind: 'fault', line, fault: 'invalid-utf8', message: 'the line is not valid UTF-8' });
  };

  /**
   * Complete lines (the region ends with a newline). The usual case, valid UTF-8 throughout, is
   * decoded once and split as a string; otherwise each line is checked on its own, so one bad
   * byte costs only its line.
   */
  const handleRegion = (region: Buffer): void => {
    if (isUtf8(region)) {
      const text = region.toString('utf8');
      for (let from = 0; from < text.length && !stopped; ) {
        const newline = text.indexOf('\n', from);
        line++;
        handleText(text.slice(from, newline), false);
        from = newline + 1;
      }
      return;
    }
    for (let from = 0; from < region.length && !stopped; ) {
      const newline = region.indexOf(NEWLINE, from);
      line++;
      handleBytes(region.subarray(from, newline), false);
      from = newline + 1;
    }
  };

  /** Keeps the start of an unfinished line, up to the cap; past it, the line is skipped to its end. */
  const keep = (part: Buffer): void => {
    if (overLong || part.length === 0) return;
    pendingBytes += part.length;
    if (pendingBytes > maxLineBytes) {
      overLong = true;
      pending = [];
    } else pending.push(part);
  };

  /** A JSON-array log: each element is a line, numbered from 1. */
  const elements = new JsonArrayElements(maxLineBytes, (piece) => {
    line = piece.index;
    if (piece.kind === 'broken') emit({ kind: 'fault', line, fault: 'not-json', message: piece.message });
    else if (piece.kind === 'too-long') emit({ kind: 'fault', line, fault: 'line-too-long', message: `element ${line} is longer than ${maxLineBytes} bytes; it was skipped` });
    else if (!isUtf8(piece.bytes)) emit({ kind: 'fault', line, fault: 'invalid-utf8', message: `element ${line} is not valid UTF-8` });
    else parse(piece.bytes.toString('utf8'), `element ${line} is not JSON`, false);
    return !stopped;
  });

  const chunks = untilAborted(source, options.signal);
  for await (const piece of chunks) {
    const chunk = toBuffer(piece);
    bytes += chunk.length;
    options.onProgress?.(bytes);
    if (mode === 'unknown') {
      const encoding = bytes === chunk.length ? encodingProblem(chunk) : undefined;
      if (encoding !== undefined) {
        emit({ kind: 'fault', line: 1, fault: 'invalid-utf8', message: encoding });
        stopped = true;
        break;
      }
      const first = firstSignificantByte(chunk);
      if (first === -1) {
        // Whitespace only, so far: its newlines end blank lines.
        for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) {
          line++;
          blankLines++;
        }
        continue;
      }
      mode = first === OPEN_BRACKET ? 'array' : 'lines';
    }
    if (mode === 'array') {
      if (!elements.feed(chunk)) break;
      continue;
    }
    let start = 0;
    if (overLong) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) continue;
      line++;
      tooLong();
      overLong = false;
      pendingBytes = 0;
      start = newline + 1;
    }
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline < start) {
      keep(chunk.subarray(start));
      continue;
    }
    let region = chunk.subarray(start, lastNewline + 1);
    if (pending.length > 0) {
      region = Buffer.concat([...pending, region]);
      pending = [];
      pendingBytes = 0;
    }
    if (!stopped) handleRegion(region);
    if (stopped) break;
    keep(chunk.subarray(lastNewline + 1));
  }

  const interrupted = chunks.gaveUp;
  if (!stopped && !interrupted) {
    if (mode === 'array') elements.end();
    else if (pending.length > 0 || overLong) {
      line++;
      if (overLong) tooLong();
      else handleBytes(Buffer.concat(pending), true);
    }
  }
  return { lines, blankLines, bytes, stopped, interrupted };
}
