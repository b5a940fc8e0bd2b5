import { describe, expect, it } from 'vitest';
import type { RowResult } from '../../../bench/measure.js';
import { BenchUsageError, MAX_ROUNDS, medianRun, roundsFrom } from '../../../bench/rounds.js';

const run = (seconds: number, note?: string): RowResult => ({
  row: 'live', label: 'live', events: 1_000, participants: 10, rejected: 0, seconds, peakHeapBytes: seconds * 1e6,
  peakRssBytes: 0, inputHeapBytes: 0, retainedHeapBytes: 0, ...(note === undefined ? {} : { note }),
});

describe('bench rounds', () => {
  it('--rounds N is read from the command line, 1 without it', () => {
    expect(roundsFrom(['live', 'ceiling'])).toBe(1);
    expect(roundsFrom(['--rounds', '3', 'live'])).toBe(3);
    expect(roundsFrom(['live', '--rounds', String(MAX_ROUNDS)])).toBe(MAX_ROUNDS);
  });

  it.each([['0'], ['-1'], ['2.5'], ['x'], [String(MAX_ROUNDS + 1)], [undefined]])('--rounds %s is refused with a message naming it', (value) => {
    const argv = value === undefined ? ['--rounds'] : ['--rounds', value];
    expect(() => roundsFrom(argv)).toThrow(BenchUsageError);
    expect(() => roundsFrom(argv)).toThrow(value === undefined ? 'not nothing' : `not "${value}"`);
  });

  it('one run is reported as it is', () => {
    const only = run(4);
    expect(medianRun([only])).toBe(only);
  });

  it('of several runs, the one with the median wall time is reported, whole, with the range in its note', () => {
    const reported = medianRun([run(6), run(4), run(5, 'first 50,000 events')]);
    expect(reported.seconds).toBe(5);
    expect(reported.peakHeapBytes).toBe(5e6);
    expect(reported.note).toBe('first 50,000 events; median of 3 runs (wall 4.00–6.00 s)');
  });

  it('of an even number of runs, the lower middle one', () => {
    expect(medianRun([run(7), run(4), run(6), run(5)]).seconds).toBe(5);
    expect(medianRun([run(7), run(4)]).note).toBe('median of 2 runs (wall 4.00–7.00 s)');
  });

  it('no run at all is a mistake of the caller', () => {
    expect(() => medianRun([])).toThrow(RangeError);
  });
});
