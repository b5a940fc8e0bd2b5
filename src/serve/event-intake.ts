import { readLog } from '../replay/read-log.js';
import { rejectionOf } from '../replay/replay-log.js';
import type { ApplyResult } from '../tracker/apply-result.js';
import type { SourceReporter } from './source-registry.js';

/** Applies an event and resolves with its result once it is durable (`Tracker.submit`, or `FloorFeed.submit`). */
export type Submit = (input: unknown) => Promise<ApplyResult>;

/** What became of one line of a source, as `POST /api/events` answers it. */
export type LineResult =
  | { readonly line: number; readonly status: 'applied'; readonly eventId: string; readonly overturned?: readonly string[] }
  | { readonly line: number; readonly status: 'duplicate'; readonly eventId: string }
  | {
      readonly line: number; readonly status: 'rejected'; readonly eventId?: string;
      readonly reason: string; readonly message: string; readonly field?: string;
    };

/** Counts of an intake; every non-blank line is exactly one of applied, duplicate or rejected. */
export interface IntakeSummary {
  readonly lines: number;
  readonly applied: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** The input stopped before its end (too large, or the source was stopped). */
  readonly interrupted: boolean;
}

export interface IntakeOptions {
  /** Longest line accepted, in bytes (default 1 MiB); a longer one is rejected alone. */
  readonly maxLineBytes?: number;
  /** Stops reading; what was read is kept. */
  readonly signal?: AbortSignal;
  /** Called with each line's result once it is durable (in line order within a commit). */
  readonly onResult?: (result: LineResult) => void;
}

/** A submitted line's result as the line reports it. */
function lineResult(line: number, result: ApplyResult): LineResult {
  switch (result.status) {
    case 'applied':
      return result.overturned === undefined || result.overturned.length === 0
        ? { line, status: 'applied', eventId: result.event.id }
        : { line, status: 'applied', eventId: result.event.id, overturned: result.overturned.map((o) => o.event.id) };
    case 'duplicate':
      return { line, status: 'duplicate', eventId: result.eventId };
    default:
      return { status: 'rejected', ...rejectionOf(line, result) };
  }
}

/**
 * Reads events from a stream of JSON Lines (or one JSON array) into a live tracker, each line
 * applied as it is read and acknowledged once durable (`submit`: the tracker's group commit): a bad
 * line (not JSON, invalid UTF-8, too long, or an event the tracker rejects) costs only itself.
 * Resolves once every line read is durable; rejects with the store's error when a commit fails
 * (the lines before it stay committed).
 *
 * @example
 * const summary = await intakeEvents(request.raw, feed.submit, sources.add('http', 'http'), { onResult: (r) => results.push(r) });
 */
export async function intakeEvents(
  source: AsyncIterable<Uint8Array | string>, submit: Submit, reporter: SourceReporter, options: IntakeOptions = {},
): Promise<IntakeSummary> {
  const counts = { applied: 0, duplicates: 0, rejected: 0 };
  const count = (result: LineResult) => {
    if (result.status === 'applied') counts.applied++;
    else if (result.status === 'duplicate') counts.duplicates++;
    else counts.rejected++;
    options.onResult?.(result);
  };
  let durable: Promise<unknown> = Promise.resolve();
  const read = await readLog(
    source,
    (item) => {
      if (item.kind === 'fault') {
        const result: LineResult = { line: item.line, status: 'rejected', reason: item.fault, message: item.message };
        durable = durable.then(() => count(result));
        return;
      }
      const submitted = submit(item.value);
      durable = Promise.all([durable, submitted]).then(([, result]) => {
        reporter.counted(result);
        count(lineResult(item.line, result));
      });
    },
    { ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}), ...(options.signal !== undefined ? { signal: options.signal } : {}) },
  );
  await durable;
  return { lines: read.lines, ...counts, interrupted: read.interrupted };
}
