import { JsonLogReader, type LogLine } from '../io/json-log-reader.js';
import { toBuffer } from '../io/to-buffer.js';

/** Text to read JSON values from: all at once, or as chunks arrive (a file stream, `process.stdin`). */
export type JsonSource = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** One JSON value read, or input that is not JSON; `line` is where it starts (1-based). */
export type JsonItem =
  | { readonly line: number; readonly value: unknown }
  | { readonly line: number; readonly error: string };

/** The largest payload read (a REST listing of conversations can be several MB). */
const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;


async function* chunksOf(source: JsonSource): AsyncGenerator<Buffer> {
  if (typeof source === 'string' || source instanceof Uint8Array) yield toBuffer(source);
  else for await (const chunk of source as AsyncIterable<string | Uint8Array>) yield toBuffer(chunk);
}

const itemOf = (item: LogLine): JsonItem =>
  item.kind === 'value' ? { line: item.line, value: item.value } : { line: item.line, error: item.message };

/**
 * Reads JSON values from input as it arrives: JSON Lines, one pretty-printed value or several in
 * a row, or a JSON array (its elements are the values). Each value is handed over as soon as it
 * is complete, so a live stream is read as it comes. Input that is not JSON is reported with its
 * line and skipped, and reading goes on: a line that starts with `{` while a value is still open
 * ends that value as incomplete, so one truncated line loses nothing after it. UTF-16 input is
 * named as such; a payload over 64 MB is reported and skipped. The same reader as the event
 * log's (`JsonLogReader`), laid out for payloads.
 *
 * @example
 * for await (const item of readJsonValues('{"a":1}\nnot json\n{"b":2}\n')) console.log(item);
 * // { line: 1, value: { a: 1 } }, { line: 2, error: 'not JSON: "not json"' }, { line: 3, value: { b: 2 } }
 */
export async function* readJsonValues(source: JsonSource): AsyncGenerator<JsonItem> {
  let ready: JsonItem[] = [];
  const reader = new JsonLogReader({ layout: 'values', maxValueBytes: MAX_PAYLOAD_BYTES }, (item) => void ready.push(itemOf(item)));
  for await (const chunk of chunksOf(source)) {
    const go = reader.push(chunk);
    const items = ready;
    ready = [];
    yield* items;
    if (!go) return;
  }
  reader.end();
  yield* ready;
}
