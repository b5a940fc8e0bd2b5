import { describe, expect, it } from 'vitest';
import { erlangA, erlangB, erlangC } from '../../../src/sim/index.js';

/** The reference load: λ = 100 per 30 min, AHT 180 s, 14 agents (10 Erlangs). */
const load = { agents: 14, arrivalsPerHour: 200, ahtMs: 180_000 };

describe('erlangC', () => {
  it('matches the reference values (R ErlangC README: A = 10, N = 14, 20 s)', () => {
    const result = erlangC({ ...load, serviceLevelMs: 20_000 });
    expect(result.trafficErlangs).toBeCloseTo(10, 12);
    expect(result.probabilityOfWait).toBeCloseTo(0.174132, 6);
    expect(result.serviceLevel).toBeCloseTo(0.88835, 6);
    expect(result.averageSpeedOfAnswerMs / 1000).toBeCloseTo(7.8359, 4);
    expect(result.occupancy).toBeCloseTo(0.7143, 4);
  });

  it('defaults the service-level threshold to 20 s', () => {
    expect(erlangC(load).serviceLevel).toBe(erlangC({ ...load, serviceLevelMs: 20_000 }).serviceLevel);
  });

  it('reports an overloaded queue (N ≤ A) as always waiting, with no service level', () => {
    const result = erlangC({ agents: 10, arrivalsPerHour: 200, ahtMs: 180_000 });
    expect(result).toMatchObject({ probabilityOfWait: 1, serviceLevel: 0, averageSpeedOfAnswerMs: Infinity, occupancy: 1 });
  });

  it('a single agent is M/M/1: P(wait) = ρ and ASA = ρ/(1−ρ)·AHT', () => {
    const result = erlangC({ agents: 1, arrivalsPerHour: 10, ahtMs: 180_000 });
    expect(result.probabilityOfWait).toBeCloseTo(0.5, 12);
    expect(result.averageSpeedOfAnswerMs).toBeCloseTo(180_000, 6);
  });
});

describe('erlangB', () => {
  it('gives the known blocking probability and 1 with no servers', () => {
    expect(erlangB(14, 10)).toBeCloseTo(0.0568, 4);
    expect(erlangB(0, 10)).toBe(1);
  });
});

describe('erlangA', () => {
  const reference = erlangA({ ...load, patienceMs: 300_000 });

  it('matches the reference values (pyworkforce ErlangA, patience mean 300 s)', () => {
    expect(reference.probabilityOfAbandon).toBeCloseTo(0.013984, 6);
    expect(reference.probabilityOfWait).toBeCloseTo(0.14526, 5);
    expect(reference.occupancy).toBeCloseTo(0.704297, 6);
    expect(reference.averageSpeedOfAnswerMs / 60_000).toBeCloseTo(0.069919, 6);
    expect(reference.serviceLevel).toBeCloseTo(0.916792, 6);
  });

  it('keeps Little\'s law: ASA = Lq / λ, and P(abandon) = θ·Lq / λ', () => {
    const lambdaPerMs = load.arrivalsPerHour / 3_600_000;
    expect(reference.averageSpeedOfAnswerMs).toBeCloseTo(reference.averageQueueLength / lambdaPerMs, 6);
    expect(reference.probabilityOfAbandon).toBeCloseTo(reference.averageQueueLength / 300_000 / lambdaPerMs, 12);
  });

  it('tends to Erlang C as patience grows', () => {
    const c = erlangC(load);
    const a = erlangA({ ...load, patienceMs: 1e12 });
    expect(a.probabilityOfWait).toBeCloseTo(c.probabilityOfWait, 4);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 4);
    expect(a.averageSpeedOfAnswerMs).toBeCloseTo(c.averageSpeedOfAnswerMs, 0);
    expect(a.probabilityOfAbandon).toBeLessThan(1e-4);
  });

  it('stays finite when overloaded: abandonment bounds the queue', () => {
    const result = erlangA({ agents: 10, arrivalsPerHour: 400, ahtMs: 180_000, patienceMs: 120_000 });
    expect(result.probabilityOfWait).toBeGreaterThan(0.9);
    // Served at most N/AHT per unit time, so at least 1 − N/A abandon.
    expect(result.probabilityOfAbandon).toBeGreaterThan(0.5);
    expect(result.occupancy).toBeLessThanOrEqual(1);
    expect(Number.isFinite(result.averageSpeedOfAnswerMs)).toBe(true);
  });

  it('handles heavy traffic (hundreds of Erlangs) without overflow', () => {
    const result = erlangA({ agents: 520, arrivalsPerHour: 10_000, ahtMs: 180_000, patienceMs: 300_000 });
    expect(result.trafficErlangs).toBeCloseTo(500, 9);
    expect(result.probabilityOfWait).toBeGreaterThan(0);
    expect(result.probabilityOfWait).toBeLessThan(1);
    expect(result.serviceLevel).toBeGreaterThan(0);
    expect(result.serviceLevel).toBeLessThanOrEqual(1);
  });

  it('with no arrivals, nobody waits or abandons', () => {
    expect(erlangA({ ...load, arrivalsPerHour: 0, patienceMs: 300_000 })).toMatchObject({
      probabilityOfWait: 0, probabilityOfAbandon: 0, serviceLevel: 1, averageSpeedOfAnswerMs: 0,
    });
  });
});
