import { JsonLogReader, type LogLine } from '../io/json-log-reader.js';
import { toBuffer } from '../io/to-buffer.js';
import { untilAborted } from '../io/until-aborted.js';

export type { LineFault, LogLine } from '../io/json-log-reader.js';

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

const MIB = 1024 * 1024;


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
  const reader = new JsonLogReader({ layout: 'lines', maxValueBytes: options.maxLineBytes ?? MIB }, visit);
  const chunks = untilAborted(source, options.signal);
  let bytes = 0;
  for await (const piece of chunks) {
    const chunk = toBuffer(piece);
    bytes += chunk.length;
    options.onProgress?.(bytes);
    if (!reader.push(chunk)) break;
  }
  if (!chunks.gaveUp) reader.end();
  return { lines: reader.items, blankLines: reader.blankLines, bytes, stopped: reader.stopped, interrupted: chunks.gaveUp };
}
