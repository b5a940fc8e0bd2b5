import { describe, expect, it } from 'vitest';
import { computeMetrics, type MetricsReport } from '../../src/metrics/index.js';
import { erlangA, erlangC, simulate } from '../../src/sim/index.js';
import { createTracker } from '../../src/tracker/create-tracker.js';

/**
 * Queueing theory, checked through the project's own replay and metrics (never through the
 * simulator's internals): independent replications of an M/M/14 queue (one chat queue, chat
 * capacity 1, no hold, no ACW, every agent answers at once, exponential handle times,
 * λ = 100 per 30 min, AHT 180 s), each replayed into a tracker and measured with
 * `computeMetrics` after a warm-up hour.
 *
 * Tolerance: each replication gives one independent estimate; the check is a two-sided Student t
 * confidence interval on their mean, at 99.9 % per check (t = 3.5581 for 39 degrees of freedom,
 * scipy.stats.t.ppf(0.9995, 39)). With the 9 checks below, a correct simulator passes all of them
 * with probability ≥ 99.1 % (Bonferroni). The half-width comes from the replications' own spread,
 * so it shrinks as 1/√(replications · hours): with 40 replications of 24 measured hours (about
 * 190 000 customers per model) it is about ±0.015 on P(wait) and ±0.002 on P(abandon). Each check
 * also bounds the half-width, so that a vacuously wide interval cannot pass.
 */
const REPLICATIONS = 40;
const T_999 = 3.5581;
const HOURS = 25;
const WARM_UP_HOURS = 1;
const HOUR_MS = 3_600_000;
const START = '2026-11-21T00:00:00.000Z';
const LOAD = { agents: 14, arrivalsPerHour: 200, ahtMs: 180_000 };

interface Measures {
  probabilityOfWait: number;
  serviceLevel: number;
  meanWaitMs: number;
  probabilityOfAbandon: number;
  averageHandleMs: number;
}

/** Sums the intervals after the warm-up. */
function afterWarmUp(report: MetricsReport) {
  const from = Date.parse(START) + WARM_UP_HOURS * HOUR_MS;
  const sum = { answered: 0, abandoned: 0, within: 0, waitMs: 0, handled: 0, handleMs: 0 };
  for (const i of report.overall.intervals) {
    if (Date.parse(i.start) < from) continue;
    sum.answered += i.answered;
    sum.abandoned += i.abandoned;
    sum.within += i.answeredWithinServiceLevel;
    sum.waitMs += (i.averageSpeedOfAnswerMs ?? 0) * i.answered + (i.averageAbandonWaitMs ?? 0) * i.abandoned;
    sum.handled += i.handled;
    sum.handleMs += (i.averageHandleMs ?? 0) * i.handled;
  }
  return sum;
}

/** One replication, measured from the replayed log. */
function replicate(seed: number, patience: string): Measures {
  const tracker = createTracker();
  tracker.load(simulate({
    seed, start: START, duration: `${HOURS}h`, media: 'chat', chatCapacity: 1, holdProbability: 0, acw: 0,
    answerProbability: 1, alertTime: 0, handleTime: 'exponential', patience,
    arrivalsPerHour: LOAD.arrivalsPerHour, aht: `${LOAD.ahtMs / 1000}s`, agents: LOAD.agents,
  }));
  expect(tracker.rejections()).toEqual([]);
  const at20 = afterWarmUp(computeMetrics(tracker, { intervalMs: HOUR_MS, serviceLevelMs: 20_000 }));
  const at0 = afterWarmUp(computeMetrics(tracker, { intervalMs: HOUR_MS, serviceLevelMs: 0 }));
  const completed = at20.answered + at20.abandoned;
  return {
    // Answered with a wait of 0 ms never queued; everyone else (abandoners included) waited.
    probabilityOfWait: 1 - at0.within / completed,
    serviceLevel: at20.within / completed,
    meanWaitMs: at20.waitMs / completed,
    probabilityOfAbandon: at20.abandoned / completed,
    averageHandleMs: at20.handleMs / at20.handled,
  };
}

/** The t confidence interval of the mean of independent samples. */
function confidence(samples: number[]): { mean: number; halfWidth: number } {
  const n = samples.length;
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const variance = samples.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  return { mean, halfWidth: (T_999 * Math.sqrt(variance)) / Math.sqrt(n) };
}

function replications(firstSeed: number, patience: string): Measures[] {
  return Array.from({ length: REPLICATIONS }, (_, i) => replicate(firstSeed + i, patience));
}

/** Asserts that `expected` lies in the 99.9 % interval of the samples, and that the interval is at most `maxHalfWidth` wide. */
function expectWithin(samples: number[], expected: number, maxHalfWidth: number): void {
  const { mean, halfWidth } = confidence(samples);
  expect(halfWidth, 'interval too wide to test anything').toBeLessThan(maxHalfWidth);
  expect(Math.abs(mean - expected), `mean ${mean} vs ${expected} ± ${halfWidth}`).toBeLessThanOrEqual(halfWidth);
}

describe('the simulator against queueing theory, through replay and metrics', () => {
  it('Erlang C (no abandonment): P(wait) ≈ 0.1741, SL(20 s) ≈ 0.8884, ASA ≈ 7.84 s, AHT = 180 s', () => {
    const theory = erlangC({ ...LOAD, serviceLevelMs: 20_000 });
    const runs = replications(1_000, 'none');
    expect(runs.every((r) => r.probabilityOfAbandon === 0)).toBe(true);
    expectWithin(runs.map((r) => r.probabilityOfWait), theory.probabilityOfWait, 0.025);
    expectWithin(runs.map((r) => r.serviceLevel), theory.serviceLevel, 0.025);
    expectWithin(runs.map((r) => r.meanWaitMs), theory.averageSpeedOfAnswerMs, 2_500);
    expectWithin(runs.map((r) => r.averageHandleMs), LOAD.ahtMs, 3_000);
  });

  it('Erlang A (exponential patience, mean 300 s): P(abandon) ≈ 0.0140, P(wait) ≈ 0.1453, SL(20 s) ≈ 0.9168, ASA ≈ 4.20 s', () => {
    const theory = erlangA({ ...LOAD, patienceMs: 300_000, serviceLevelMs: 20_000 });
    const runs = replications(2_000, '300s');
    expectWithin(runs.map((r) => r.probabilityOfAbandon), theory.probabilityOfAbandon, 0.004);
    expectWithin(runs.map((r) => r.probabilityOfWait), theory.probabilityOfWait, 0.02);
    expectWithin(runs.map((r) => r.serviceLevel), theory.serviceLevel, 0.02);
    expectWithin(runs.map((r) => r.meanWaitMs), theory.averageSpeedOfAnswerMs, 1_000);
  });
});
