import { describe, expect, it } from 'vitest';
import { planAfterCallWork, type AfterCallWorkSettings } from '../../../src/sim/after-call-work.js';
import { Agenda } from '../../../src/sim/agenda.js';
import { nextArrival } from '../../../src/sim/arrivals.js';
import { buildDirectory, WRAPUP_TIMEOUT_CODE } from '../../../src/sim/directory.js';
import { uuid } from '../../../src/sim/identifiers.js';
import { planInteraction } from '../../../src/sim/interaction-plan.js';
import { isoTimeFormatter } from '../../../src/sim/iso-time.js';
import { createRandom } from '../../../src/sim/random.js';
import { resolveScenario } from '../../../src/sim/scenario.js';
import { WaitingLine } from '../../../src/sim/waiting-line.js';

const HOUR = 3_600_000;

describe('Agenda', () => {
  it('runs actions by time, and actions at the same time in scheduling order', () => {
    const agenda = new Agenda();
    const ran: string[] = [];
    agenda.schedule(5, () => ran.push('b'));
    agenda.schedule(1, () => {
      ran.push('a');
      agenda.schedule(5, () => ran.push('c'));
    });
    agenda.schedule(9, () => ran.push('d'));
    agenda.schedule(5, () => ran.push('b2'));
    while (agenda.runNext());
    expect(ran).toEqual(['a', 'b', 'b2', 'c', 'd']);
  });

  it('sets now to the running action\'s time and never schedules into the past', () => {
    const agenda = new Agenda();
    const times: number[] = [];
    agenda.schedule(10, () => agenda.schedule(3, () => times.push(agenda.now)));
    while (agenda.runNext()) times.push(agenda.now);
    expect(times).toEqual([10, 10, 10]);
    expect(agenda.runNext()).toBe(false);
  });
});

describe('nextArrival', () => {
  const count = (rates: number[], from: number, until: number, seed = 1) => {
    const random = createRandom(seed);
    const times: number[] = [];
    for (let t = nextArrival(random, rates, 0, until); t !== undefined; t = nextArrival(random, rates, t, until)) times.push(t);
    return times.filter((t) => t >= from);
  };

  it('follows an hourly profile: no arrivals in an hour of rate 0, about the rate elsewhere', () => {
    const times = count([600, 0, 1_200], 0, 3 * HOUR);
    const perHour = [0, 1, 2].map((h) => times.filter((t) => t >= h * HOUR && t < (h + 1) * HOUR).length);
    expect(perHour[1]).toBe(0);
    // Poisson counts: 5 sd is 5√600 ≈ 122 and 5√1200 ≈ 173.
    expect(Math.abs(perHour[0]! - 600)).toBeLessThan(122);
    expect(Math.abs(perHour[2]! - 1_200)).toBeLessThan(173);
  });

  it('repeats the profile past its end and stops before `until`', () => {
    const times = count([0, 3_600], 0, 4 * HOUR);
    expect(times.some((t) => t < HOUR || (t >= 2 * HOUR && t < 3 * HOUR))).toBe(false);
    expect(times.filter((t) => t >= 3 * HOUR).length).toBeGreaterThan(3_000);
    expect(Math.max(...times)).toBeLessThan(4 * HOUR);
  });

  it('returns undefined when every rate is 0', () => {
    expect(nextArrival(createRandom(1), [0], 0, 10 * HOUR)).toBeUndefined();
  });
});

describe('WaitingLine', () => {
  const waiter = (name: string, queuedAt: number) => ({ name, queuedAt, gone: false, waiting() { return !this.gone; } });

  it('serves first in, first out, puts a returning waiter back in its place and skips those who left', () => {
    const line = new WaitingLine<ReturnType<typeof waiter>>();
    const [a, b, c] = [waiter('a', 1), waiter('b', 2), waiter('c', 3)];
    line.add(a);
    line.add(b);
    line.add(c);
    expect(line.take()?.name).toBe('a');
    line.add(a);
    expect(line.front()?.name).toBe('a');
    a.gone = true;
    b.gone = true;
    expect(line.take()?.name).toBe('c');
    expect(line.take()).toBeUndefined();
  });

  it('keeps order across many waiters', () => {
    const line = new WaitingLine<ReturnType<typeof waiter>>();
    for (let i = 0; i < 5_000; i++) line.add(waiter(String(i), i));
    const served: number[] = [];
    for (let w = line.take(); w !== undefined; w = line.take()) served.push(w.queuedAt);
    expect(served).toEqual(Array.from({ length: 5_000 }, (_, i) => i));
  });
});

describe('isoTimeFormatter', () => {
  it('formats like Date#toISOString, across minutes, hours, days and years', () => {
    const format = isoTimeFormatter();
    const start = Date.parse('2026-12-31T23:58:59.000Z');
    for (const offset of [0, 1, 9, 10, 99, 100, 999, 1_000, 60_999, 61_000, 61_001, 3_600_000, 86_400_123]) {
      expect(format(start + offset)).toBe(new Date(start + offset).toISOString());
    }
    expect(format(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('uuid', () => {
  it('has the version-4 shape and is reproducible', () => {
    const id = uuid(createRandom(5));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid(createRandom(5))).toBe(id);
  });
});

describe('planInteraction', () => {
  it('puts a hold inside the conversation, at least 1 s after the connection and at most half of it', () => {
    const random = createRandom(2);
    for (let i = 0; i < 500; i++) {
      const handleMs = 3_000 + random.below(600_000);
      const { hold } = planInteraction(random, { handleMs, holdProbability: 1, parkProbability: 0, parkTimeMs: 0 });
      expect(hold).toBeDefined();
      expect(hold!.startMs).toBeGreaterThanOrEqual(1_000);
      expect(hold!.endMs).toBeLessThanOrEqual(handleMs);
      expect(hold!.endMs - hold!.startMs).toBeLessThanOrEqual(handleMs / 2);
    }
  });

  it('never holds a very short conversation, and parks after the hold', () => {
    const random = createRandom(3);
    expect(planInteraction(random, { handleMs: 2_999, holdProbability: 1, parkProbability: 0, parkTimeMs: 0 }).hold).toBeUndefined();
    for (let i = 0; i < 200; i++) {
      const plan = planInteraction(random, { handleMs: 200_000, holdProbability: 1, parkProbability: 1, parkTimeMs: 300_000 });
      expect(plan.park!.atMs).toBeGreaterThanOrEqual(plan.hold!.endMs);
      expect(plan.park!.atMs).toBeLessThanOrEqual(200_000);
      expect(plan.park!.durationMs).toBeGreaterThanOrEqual(1_000);
    }
  });
});

describe('planAfterCallWork', () => {
  const codes = [{ code: 'c-resolved', name: 'Resolved' }];
  const plans = (settings: Omit<AfterCallWorkSettings, 'codes'>, n = 2_000) => {
    const random = createRandom(4);
    return Array.from({ length: n }, () => planAfterCallWork(random, { ...settings, codes }));
  };

  it('timeout: a code within wrapupTimeoutMs, else ININ-WRAP-UP-TIMEOUT exactly at the timeout', () => {
    const all = plans({ prompt: 'timeout', acwMs: 30_000, wrapupTimeoutMs: 20_000 });
    const timedOut = all.filter((p) => p.outcome.kind === 'timedOut');
    expect(timedOut.length).toBeGreaterThan(0);
    for (const p of timedOut) expect(p).toEqual({ wrapupAtMs: 20_000, endAtMs: 20_000, outcome: { kind: 'timedOut', code: WRAPUP_TIMEOUT_CODE } });
    for (const p of all.filter((x) => x.outcome.kind === 'applied')) {
      expect(p.wrapupAtMs).toBeLessThan(20_000);
      expect(p.endAtMs).toBe(p.wrapupAtMs);
    }
    expect(all.some((p) => p.outcome.kind === 'skipped')).toBe(false);
  });

  it('forcedTimeout: after-call work always lasts wrapupTimeoutMs', () => {
    const all = plans({ prompt: 'forcedTimeout', acwMs: 10_000, wrapupTimeoutMs: 15_000 });
    expect(all.every((p) => p.endAtMs === 15_000 && p.wrapupAtMs <= 15_000)).toBe(true);
    expect(all.some((p) => p.outcome.kind === 'applied' && p.wrapupAtMs < 15_000)).toBe(true);
  });

  it('optional: some agents skip; mandatory: a code every time, with notes now and then', () => {
    const optional = plans({ prompt: 'optional', acwMs: 30_000, wrapupTimeoutMs: 0 });
    const skipped = optional.filter((p) => p.outcome.kind === 'skipped').length / optional.length;
    // One in five skip; 5 sd of a share of 2 000 is 0.045.
    expect(Math.abs(skipped - 0.2)).toBeLessThan(0.045);
    const mandatory = plans({ prompt: 'mandatory', acwMs: 30_000, wrapupTimeoutMs: 0 });
    expect(mandatory.every((p) => p.outcome.kind === 'applied' && p.outcome.code.code === 'c-resolved')).toBe(true);
    expect(mandatory.some((p) => p.outcome.kind === 'applied' && p.outcome.notes !== undefined)).toBe(true);
  });
});

describe('buildDirectory', () => {
  const scenario = (seed: number) => {
    const result = resolveScenario({
      seed, queues: [{ name: 'Sales' }, { name: 'Billing' }], agentGroups: [{ name: 'Tier 1', agents: 3 }, { name: 'Tier 2', agents: 2 }],
    });
    if (!result.ok) throw new Error(result.message);
    return result.scenario;
  };

  it('gives queues, teams, users and wrap-up codes Genesys refs that do not depend on the seed', () => {
    const one = buildDirectory(scenario(1));
    const two = buildDirectory(scenario(2));
    expect(one).toEqual(two);
    const sales = one.queues[0]!;
    expect(sales.ref).toEqual({ id: sales.routingRef.id, name: 'Sales', selfUri: `/api/v2/routing/queues/${sales.routingRef.id}` });
    expect(one.agents).toHaveLength(5);
    expect(new Set(one.agents.map((a) => a.user.id)).size).toBe(5);
    expect(one.agents[0]!.user.selfUri).toBe(`/api/v2/users/${one.agents[0]!.user.id}`);
    expect(one.agents.map((a) => a.team.name)).toEqual(['Tier 1', 'Tier 1', 'Tier 1', 'Tier 2', 'Tier 2']);
    expect(sales.wrapupCodes.map((c) => c.name)).toContain('Resolved');
    expect(one.queues[1]!.wrapupCodes[0]!.code).toBe(sales.wrapupCodes[0]!.code);
  });
});
