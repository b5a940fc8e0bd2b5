import { statSync } from 'node:fs';
import type { LogSource } from '../replay/replay-log.js';
import { fileProblem } from './file-problem.js';
import { UsageError } from './usage-error.js';

/** An opened log argument: the source to read and its size when known (for progress). */
export interface OpenedLog {
  readonly source: LogSource;
  readonly label: string;
  readonly sizeBytes: number | undefined;
}

/**
 * Resolves a `<file|->` argument: `-` is stdin; anything else must exist and not be a directory:
 * a file, or a stream such as a FIFO, `/dev/stdin` or a shell's `<(…)`. Otherwise the command
 * stops with a one-line usage error (exit 2). Only a file has a size (for progress).
 *
 * @example
 * const { source } = openLog('-'); // stdin
 */
export function openLog(argument: string): OpenedLog {
  if (argument === '-') return { source: process.stdin, label: 'stdin', sizeBytes: undefined };
  let size: number | undefined;
  try {
    const stat = statSync(argument);
    if (stat.isDirectory()) throw new UsageError(`cannot read ${argument}: is a directory`);
    size = stat.isFile() ? stat.size : undefined;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${argument}: ${fileProblem(error, 'read')}`);
  }
  return { source: argument, label: argument, sizeBytes: size };
}
