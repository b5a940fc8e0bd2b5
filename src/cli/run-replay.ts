import { HeapExhaustedError } from '../errors/heap-exhausted-error.js';
import { replayLog, type LineRejection, type ReplayResult } from '../replay/replay-log.js';
import { printable } from '../text/printable.js';
import { fileProblem } from './file-problem.js';
import type { Interruption } from './interruption.js';
import { openLog } from './log-source.js';
import { notice } from './notice.js';
import { BufferedOutput } from './output.js';
import { startProgress } from './progress.js';
import { UsageError } from './usage-error.js';

/** Options every log-reading command shares. */
export interface ReplayCommandOptions {
  readonly at?: string;
  readonly strict?: boolean;
  readonly rejects?: string;
  /** Share of the heap the replayed log may fill, leaving the rest to what the command does next. */
  readonly maxHeapShare?: number;
}

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
 * Replays a `<file|->` argument for a command: progress bar on a terminal, every rejected line
 * reported (stderr, or JSONL in `--rejects`), the summary on stderr. Ctrl-C or SIGTERM while the
 * log is read stops the reading, and what was found so far is still written and summed up; once
 * the log is read, the signals end the process at once again (folding and output run without a
 * pause, where a handler could not run).
 *
 * @example
 * const result = await runReplay('replay', 'day.jsonl', { at: '2026-11-21T10:42:00.000Z' }, interruption);
 */
export async function runReplay(command: string, file: string, options: ReplayCommandOptions, interruption?: Interruption): Promise<ReplayResult> {
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
