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
 * Resolves a `<file|->` argument: `-` is stdin; a file must exist and be a readable file, or the
 * command stops with a one-line usage error (exit 2).
 *
 * @example
 * const { source } = openLog('-'); // stdin
 */
export function openLog(argument: string): OpenedLog {
  if (argument === '-') return { source: process.stdin, label: 'stdin', sizeBytes: undefined };
  let size: number;
  try {
    const stat = statSync(argument);
    if (!stat.isFile()) throw new UsageError(`cannot read ${argument}: not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${argument}: ${fileProblem(error, 'read')}`);
  }
  return { source: argument, label: argument, sizeBytes: size };
}
