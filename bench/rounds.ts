import type { RowResult } from './measure.js';

/** The most rounds `--rounds` accepts (a round of the core rows takes about a minute). */
export const MAX_ROUNDS = 20;

/** A bench command line that cannot be run: the message says which argument and why. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

/**
 * How many rounds the bench runs: `--rounds N` (each round runs every chosen row once, in
 * order, so that a row's runs are spread over the machine's ups and downs), 1 without it.
 *
 * @example
 * roundsFrom(['--rounds', '3', 'live', 'ceiling']); // 3
 * roundsFrom(['live']);                            // 1
 */
export function roundsFrom(argv: readonly string[]): number {
  const flag = argv.indexOf('--rounds');
  if (flag < 0) return 1;
  const text = argv[flag + 1];
  const rounds = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || rounds < 1 || rounds > MAX_ROUNDS) {
    throw new BenchUsageError(`--rounds takes a whole number of rounds from 1 to ${MAX_ROUNDS}, not ${text === undefined ? 'nothing' : JSON.stringify(text)}`);
  }
  return rounds;
}

/**
 * The run of a row that the bench reports when it ran several: the one with the median wall
 * time (the lower of the two middle ones for an even count), its note saying how many runs there
 * were and the range of their wall times. One run is reported as it is.
 *
 * @example
 * medianRun([fast, slow, middle]) === middle; // with a note: 'median of 3 runs (wall 4.10–5.32 s)'
 */
export function medianRun(runs: readonly RowResult[]): RowResult {
  if (runs.length === 0) throw new RangeError('medianRun needs at least one run');
  if (runs.length === 1) return runs[0]!;
  const bySeconds = [...runs].sort((a, b) => a.seconds - b.seconds);
  const median = bySeconds[(bySeconds.length - 1) >> 1]!;
  const range = `median of ${runs.length} runs (wall ${bySeconds[0]!.seconds.toFixed(2)}–${bySeconds[bySeconds.length - 1]!.seconds.toFixed(2)} s)`;
  return { ...median, note: median.note === undefined ? range : `${median.note}; ${range}` };
}
