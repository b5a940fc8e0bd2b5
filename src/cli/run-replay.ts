import { HeapExhaustedError } from '../errors/heap-exhausted-error.js';
import { requireInstant } from '../events/time.js';
import { replayLog, type LineRejection, type ReplayOptions, type ReplayResult } from '../replay/replay-log.js';
import { createTracker } from '../tracker/create-tracker.js';
import { commandStore, type DataOptions } from './data-store.js';
import { printable } from '../text/printable.js';
import { fileProblem } from './file-problem.js';
import type { Interruption } from './interruption.js';
import { openLog } from './log-source.js';
import { notice } from './notice.js';
import { BufferedOutput } from './output.js';
import { startProgress } from './progress.js';
import { UsageError } from './usage-error.js';

/** Options every log-reading command shares. */
export interface ReplayCommandOptions extends DataOptions {
  readonly at?: string;
  readonly strict?: boolean;
  readonly rejects?: string;
  /** Share of the heap the replayed log may fill, leaving the rest to what the command does next. */
  readonly maxHeapShare?: number;
  /** Check the log against `--data` without changing the store (`validate`). */
  readonly dryRun?: boolean;
}

/** A command's replay: the result, over the command's store, and the call that closes it. */
export interface CommandReplay extends ReplayResult {
  /** Commits and closes the store (a scratch store is removed). Call it once the output is written. */
  close(): void;
}

const NOTHING_READ = { linesRead: 0, blankLines: 0, bytesRead: 0, applied: 0, duplicates: 0, rejected: 0, stoppedEarly: false, interrupted: false };

/**
 * One rejected line as a person reads it (escape control characters before showing it).
 *
 * @example
 * describeRejection({ line: 4, eventId: 'e9', reason: 'not-json', message: 'not JSON: …' }); // 'line 4 (event e9): not-json: not JSON: …'
 */
export function describeRejection(r: LineRejection): string {
  return `line ${r.line}${r.eventId === undefined ? '' : ` (event ${r.eventId})`}: ${r.reason}: ${r.message}`;
}

/**
 * Replays a `<file|->` argument for a command into its store (`--data`, or a scratch store):
 * progress bar on a terminal, every rejected line reported (stderr, or JSONL in `--rejects`), the
 * summary on stderr. Without a file, the result answers from `--data` alone. Ctrl-C or SIGTERM
 * while the log is read stops the reading, and what was found so far is still stored, written
 * and summed up; once the log is read, the signals end the process at once again (folding and
 * output run without a pause, where a handler could not run).
 *
 * @example
 * const result = await runReplay('replay', 'day.jsonl', { at: '2026-11-21T10:42:00.000Z' }, interruption);
 * try { … result.snapshots() … } finally { result.close(); }
 */
export async function runReplay(command: string, file: string | undefined, options: ReplayCommandOptions, interruption?: Interruption): Promise<CommandReplay> {
  if (file === undefined && options.data === undefined) throw new UsageError(`${command}: give a log (a file, or - for stdin), or --data to answer from a store`);
  const { store, release } = commandStore(options.data, options.dryRun === true);
  const retention = options.retention !== undefined ? { retentionMs: options.retention } : {};
  if (file === undefined) {
    interruption?.dispose();
    const tracker = createTracker({ store, ...retention });
    const at = options.at === undefined ? undefined : requireInstant(options.at);
    return {
      tracker, summary: NOTHING_READ, rejections: [],
      snapshots: () => (at === undefined ? tracker.conversations() : tracker.at(at).conversations()),
      eachSnapshot: () => (at === undefined ? tracker : tracker.at(at)).eachConversation(),
      close: () => {
        tracker.close();
        release();
      },
    };
  }
  let result: ReplayResult | undefined;
  try {
    result = await replayFile(command, file, { ...options, store, ...retention }, interruption);
  } finally {
    if (result === undefined) {
      store.close();
      release();
    }
  }
  const { tracker } = result;
  return {
    ...result,
    close: () => {
      try {
        tracker.close();
      } finally {
        release();
      }
    },
  };
}

async function replayFile(
  command: string, file: string, options: ReplayCommandOptions & Pick<ReplayOptions, 'store' | 'retentionMs'>, interruption?: Interruption,
): Promise<ReplayResult> {
  const signal = interruption?.signal;
  const log = openLog(file);
  const rejectsOut = options.rejects === undefined ? BufferedOutput.stderr() : await BufferedOutput.open(options.rejects);
  const progress = startProgress(log.sizeBytes);
  let result: ReplayResult;
  try {
    result = await replayLog(log.source, {
      ...(options.at !== undefined ? { at: options.at } : {}),
      strict: options.strict === true,
      onProgress: progress.update,
      ...(options.maxHeapShare !== undefined ? { maxHeapShare: options.maxHeapShare } : {}),
      ...(signal !== undefined ? { signal } : {}),
      ...(options.store !== undefined ? { store: options.store } : {}),
      ...(options.retentionMs !== undefined ? { retentionMs: options.retentionMs } : {}),
    });
  } catch (error) {
    await rejectsOut.close();
    if (error instanceof HeapExhaustedError) throw new UsageError(`cannot replay ${log.label}: ${error.message}`);
    if ((error as NodeJS.ErrnoException).code !== undefined) throw new UsageError(`cannot read ${log.label}: ${fileProblem(error, 'read')}`);
    throw error;
  } finally {
    progress.stop();
    interruption?.dispose();
  }
  try {
    for (const rejection of result.rejections) {
      await rejectsOut.write(options.rejects === undefined ? `${printable(describeRejection(rejection))}\n` : `${JSON.stringify(rejection)}\n`);
    }
  } finally {
    await rejectsOut.close();
  }
  const s = result.summary;
  notice(
    `${command}: ${s.linesRead} lines read, ${s.applied} applied, ${s.duplicates} duplicates, ${s.rejected} rejected` +
      `${s.blankLines > 0 ? ` (${s.blankLines} blank lines ignored)` : ''}` +
      `${s.stoppedEarly ? '; stopped at the first rejected line (--strict)' : ''}` +
      `${s.interrupted ? `; interrupted by ${String(signal?.reason)}: the rest of ${log.label} was not read` : ''}` +
      `${options.rejects !== undefined && s.rejected > 0 ? `; rejections written to ${options.rejects}` : ''}`,
  );
  if (s.stoppedEarly) process.exitCode = 1;
  return result;
}
