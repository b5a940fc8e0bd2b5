import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/metrics/index.js';
import { simulate, type SimulationOptions } from '../../src/sim/index.js';
import { createTracker } from '../../src/tracker/create-tracker.js';

/**
 * The simulator's traffic, checked through replay and metrics. Counts here are sums of
 * independent draws (Poisson arrivals, one answer-or-not per offer), so the tolerance is the
 * normal bound of their known variance: z = 3.2905, two-sided 99.9 % per check.
 */
const Z_999 = 3.2905;
const HOUR_MS = 3_600_000;
const START = '2026-11-21T00:00:00.000Z';

function metricsOf(options: SimulationOptions) {
  const tracker = createTracker();
  tracker.load(simulate({ start: START, ...options }));
  expect(tracker.rejections()).toEqual([]);
  return computeMetrics(tracker, { intervalMs: HOUR_MS });
}

describe('simulated traffic, through replay and metrics', () => {
  it('offers follow an hourly arrival profile, hour by hour (Poisson counts: variance = mean)', () => {
    const hours = 48;
    const report = metricsOf({ seed: 32, duration: `${hours}h`, arrivalsPerHour: [60, 240, 0], agents: 40, media: 'chat' });
    const offered = [0, 0, 0];
    for (const interval of report.overall.intervals) {
      const hour = (Date.parse(interval.start) - Date.parse(START)) / HOUR_MS;
      if (hour < hours) offered[hour % 3]! += interval.offered;
    }
    expect(offered[2]).toBe(0);
    for (const [phase, rate] of [[0, 60], [1, 240]] as const) {
      const expected = (rate * hours) / 3;
      expect(Math.abs(offered[phase]! - expected), `phase ${phase}`).toBeLessThanOrEqual(Z_999 * Math.sqrt(expected));
    }
  });

  it('agents miss offers at 1 − answer probability (binomial, one draw per offer)', () => {
    const answerProbability = 0.8;
    const report = metricsOf({
      seed: 33, duration: '24h', arrivalsPerHour: 120, agents: 12, media: 'chat', answerProbability, alertTime: 0, patience: 'none',
    });
    const { answered, notResponding } = report.overall.total;
    const offers = answered + notResponding;
    const missRate = 1 - answerProbability;
    const tolerance = Z_999 * Math.sqrt((missRate * (1 - missRate)) / offers);
    expect(offers).toBeGreaterThan(3_000);
    expect(Math.abs(notResponding / offers - missRate)).toBeLessThanOrEqual(tolerance);
  });
});
