import { createReadStream } from 'node:fs';
import { JsonLogReader, type LogLine } from '../io/json-log-reader.js';
import { toBuffer } from '../io/to-buffer.js';
import { untilAborted } from '../io/until-aborted.js';
import type { LineRejection, LogSource } from '../replay/replay-log.js';
import type { EventPublisher, PublishCounts } from './event-publisher.js';

/** How {@link publishLog} reads. */
export interface PublishLogOptions {
  /** Longest line (or array element) accepted, in bytes (default 1 MiB). Longer ones are rejected. */
  readonly maxLineBytes?: number;
  /** Called with each rejected line, in line order, as it is found; a promise it returns is awaited. */
  readonly onRejection?: (rejection: LineRejection) => void | Promise<void>;
  /** Called with the bytes read so far, once per chunk. */
  readonly onProgress?: (bytesRead: number) => void;
  /** Stops reading when aborted: what was read is still published and counted. */
  readonly signal?: AbortSignal;
}

/** What {@link publishLog} did. Every non-blank line is one of published, duplicate or rejected. */
export interface PublishLogSummary extends PublishCounts {
  /** Non-blank lines (or array elements) read. */
  readonly linesRead: number;
  readonly blankLines: number;
  readonly bytesRead: number;
  /** `signal` stopped the reading before the end of the log. */
  readonly interrupted: boolean;
}

const MIB = 1024 * 1024;

/**
 * Streams an event log (JSONL, or one JSON array of events; a path or a stream of chunks) into
 * an event publisher. A line that is not JSON, not UTF-8, too long or not a valid v1 event is
 * rejected the way `replay` and `validate` report it (line number, event id, reason, message)
 * and skipped; every other line is published. Memory stays bounded by a chunk of the input and
 * the publisher's window, whatever the log's length. Resolves once every publish is
 * acknowledged.
 *
 * @example
 * const summary = await publishLog('day.jsonl', createEventPublisher(js), { onRejection: (r) => console.error(r.line, r.message) });
 * console.log(summary.published, summary.duplicates, summary.rejected);
 */
export async function publishLog(source: LogSource, publisher: EventPublisher, options: PublishLogOptions = {}): Promise<PublishLogSummary> {
  const stream: AsyncIterable<Uint8Array | string> = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
  // The reader hands lines over synchronously; they are published between chunks, with backpressure.
  const lines: LogLine[] = [];
  const reader = new JsonLogReader({ layout: 'lines', maxValueBytes: options.maxLineBytes ?? MIB }, (line) => {
    lines.push(line);
  });
  let faults = 0;
  const publishLines = async () => {
    for (const line of lines) {
      if (line.kind === 'fault') {
        faults++;
        await options.onRejection?.({ line: line.line, reason: line.fault, message: line.message });
        continue;
      }
      const outcome = await publisher.publish(line.value);
      if (outcome.status === 'rejected') {
        await options.onRejection?.({
          line: line.line, reason: 'invalid-event', message: outcome.message,
          ...(outcome.eventId !== undefined ? { eventId: outcome.eventId } : {}),
          ...(outcome.field !== undefined ? { field: outcome.field } : {}),
        });
      }
    }
    lines.length = 0;
  };
  const chunks = untilAborted(stream, options.signal);
  let bytes = 0;
  for await (const piece of chunks) {
    const chunk = toBuffer(piece);
    bytes += chunk.length;
    options.onProgress?.(bytes);
    const more = reader.push(chunk);
    await publishLines();
    if (!more) break;
  }
  if (!chunks.gaveUp) reader.end();
  await publishLines();
  const counts = await publisher.flush();
  return {
    ...counts, rejected: counts.rejected + faults,
    linesRead: reader.items, blankLines: reader.blankLines, bytesRead: bytes, interrupted: chunks.gaveUp,
  };
}
