import { describe, expect, it } from 'vitest';
import { finishInterval, IntervalAccumulator } from '../../../src/metrics/interval-metrics.js';
import type { MetricEmission } from '../../../src/metrics/metric-emissions.js';

const support = { id: 'q-support', name: 'Support' };
const at = '2026-11-21T10:00:00.000Z';
const emission = (kind: MetricEmission['kind'], valueMs?: number): MetricEmission => ({ kind, time: at, queue: support, ...(valueMs === undefined ? {} : { valueMs }) });

/** An interval (service level 20 s) holding these emissions. */
function intervalOf(emissions: MetricEmission[]): IntervalAccumulator {
  const interval = new IntervalAccumulator(20_000);
  for (const e of emissions) interval.add(e);
  return interval;
}

describe('IntervalAccumulator.remove', () => {
  const fast = emission('answered', 12_000);
  const slow = emission('answered', 45_000);
  const gaveUp = emission('abandoned', 30_001);
  const handle = emission('handle', 180_000);
  const transfer = emission('transfer');

  it('takes out exactly what add put in: the figures equal those of the emissions left', () => {
    const interval = intervalOf([fast, slow, gaveUp, handle, transfer, emission('offered'), emission('offered')]);
    interval.remove(fast);
    interval.remove(transfer);
    interval.remove(emission('offered'));
    const left = intervalOf([slow, gaveUp, handle, emission('offered')]);
    expect(interval.size).toBe(4);
    expect(finishInterval(interval.sumsSoFar(), at, at)).toEqual(finishInterval(left.sumsSoFar(), at, at));
    // The fast answer was the one within service level: none is left.
    expect(finishInterval(interval.sumsSoFar(), at, at)).toMatchObject({ answered: 1, answeredWithinServiceLevel: 0, serviceLevel: 0, averageSpeedOfAnswerMs: 45_000, transfers: 0, offered: 1 });
  });

  it('taking out every emission leaves the figures of an empty interval: nothing counted, no average', () => {
    const interval = intervalOf([fast, gaveUp, handle]);
    for (const e of [handle, fast, gaveUp]) interval.remove(e);
    expect(interval.size).toBe(0);
    expect(finishInterval(interval.sumsSoFar(), at, at)).toEqual(finishInterval(new IntervalAccumulator(20_000).sumsSoFar(), at, at));
    expect(finishInterval(interval.sumsSoFar(), at, at)).toMatchObject({ answered: 0, serviceLevel: null, averageSpeedOfAnswerMs: null, averageHandleMs: null });
  });

  it('adding back what was taken out gives the same figures again (sums of whole milliseconds stay exact)', () => {
    const odd = [emission('talk', 1), emission('talk', 2 ** 40 + 3), emission('talk', 7)];
    const interval = intervalOf(odd);
    const before = finishInterval(interval.sumsSoFar(), at, at);
    for (let round = 0; round < 1000; round++) {
      interval.remove(odd[round % 3]!);
      interval.add(odd[round % 3]!);
    }
    expect(finishInterval(interval.sumsSoFar(), at, at)).toEqual(before);
  });
});
