import { describe, expect, it } from 'vitest';
import { InvalidInstantError } from '../../../src/errors/invalid-instant-error.js';
import { InvalidOptionError } from '../../../src/errors/invalid-option-error.js';
import { computeMetrics } from '../../../src/metrics/compute-metrics.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { iso } from '../../support/walks.js';

let n = 0;
const e = (type: string, conversationId: string, participantId: string, s: number, fields: Record<string, unknown> = {}) =>
  ({ id: `m${++n}`, type, time: iso(s * 1000), conversationId, participantId, ...fields });
const support = { id: 'q-support', name: 'Support' };
const sales = { id: 'q-sales', name: 'Sales' };

/** A chat: customer and ACD at `start`, agent alerting at `alert`, answered at `answer` (or abandoned at `abandon`). */
function chat(c: string, start: number, o: { queue?: object; alert?: number; answer?: number; abandon?: number; holds?: [number, number][]; end?: number; acw?: number; timeoutAt?: number }) {
  const queue = o.queue ?? support;
  const events = [
    e('participant.added', c, 'cust', start, { media: 'chat', purpose: 'customer', state: 'connected' }),
    e('participant.added', c, 'acd', start, { media: 'chat', purpose: 'acd', state: 'connected', queue }),
  ];
  if (o.timeoutAt !== undefined) {
    events.push(e('participant.added', c, 'agent0', start + 1, { media: 'chat', purpose: 'agent', queue }));
    events.push(e('participant.disconnected', c, 'agent0', o.timeoutAt, { disconnectType: 'system' }));
  }
  if (o.answer !== undefined) {
    events.push(e('participant.added', c, 'agent', o.alert ?? o.answer, { media: 'chat', purpose: 'agent', queue }));
    events.push(e('participant.connected', c, 'agent', o.answer));
    events.push(e('participant.disconnected', c, 'acd', o.answer, { disconnectType: 'transfer' }));
    for (const [from, to] of o.holds ?? []) {
      events.push(e('participant.holdStarted', c, 'agent', from), e('participant.holdEnded', c, 'agent', to));
    }
    if (o.end !== undefined) {
      events.push(e('participant.disconnected', c, 'agent', o.end, { disconnectType: 'client' }));
      if (o.acw !== undefined) events.push(e('participant.acwStarted', c, 'agent', o.end), e('participant.acwEnded', c, 'agent', o.acw));
    }
  }
  if (o.abandon !== undefined) {
    events.push(e('participant.disconnected', c, 'cust', o.abandon, { disconnectType: 'endpoint' }));
    events.push(e('participant.disconnected', c, 'acd', o.abandon, { disconnectType: 'peer' }));
  }
  return events;
}

function trackerOf(...logs: object[][]) {
  const tracker = createTracker();
  const results = tracker.load(logs.flat());
  expect(results.filter((r) => r.status !== 'applied')).toEqual([]);
  return tracker;
}

describe('computeMetrics: aggregates with Genesys definitions', () => {
  const tracker = trackerOf(
    chat('c1', 0, { answer: 10, holds: [[100, 130], [200, 210]], end: 400, acw: 460 }),
    chat('c2', 60, { alert: 61, answer: 95, end: 300 }),
    chat('c3', 120, { abandon: 150 }),
    chat('c4', 130, { queue: sales, timeoutAt: 161, answer: 170, end: 500 }),
  );
  const report = computeMetrics(tracker, { serviceLevelMs: 20_000, intervalMs: 5 * 60_000 });

  it('offered, answered, abandoned and service level over answered + abandoned', () => {
    expect(report.overall.total).toMatchObject({ offered: 4, answered: 3, abandoned: 1, answeredWithinServiceLevel: 1 });
    expect(report.overall.total.serviceLevel).toBeCloseTo(1 / 4);
    expect(report.overall.total.averageSpeedOfAnswerMs).toBeCloseTo((10_000 + 35_000 + 40_000) / 3);
    expect(report.overall.total.averageAbandonWaitMs).toBe(30_000);
  });

  it('talk excludes hold; every hold counts; handle = talk + hold + ACW', () => {
    const support = report.queues.find((q) => q.queue?.id === 'q-support')!.total;
    expect(support.holds).toBe(2);
    expect(support.averageHoldMs).toBe(20_000);
    // c1: talk 390 - 40 = 350 s, ACW 60 s, handle 450 s; c2: talk = handle = 205 s
    expect(support.averageTalkMs).toBe((350_000 + 205_000) / 2);
    expect(support.averageAcwMs).toBe(60_000);
    expect(support.averageHandleMs).toBe((450_000 + 205_000) / 2);
    expect(support.handled).toBe(2);
  });

  it('alert timeouts are Not Responding, per queue', () => {
    const salesQueue = report.queues.find((q) => q.queue?.id === 'q-sales')!;
    expect(salesQueue.total).toMatchObject({ offered: 1, answered: 1, notResponding: 1 });
    expect(report.queues.find((q) => q.queue?.id === 'q-support')!.total.notResponding).toBe(0);
  });

  it('each metric lands in the interval it completes in', () => {
    const [first, second] = report.overall.intervals;
    expect(first).toMatchObject({ start: iso(0), end: iso(300_000), offered: 4, answered: 3, abandoned: 1, handled: 0 });
    // c2 handled at its disconnect (300 s), c1 at its ACW end (460 s), c4 at 500 s
    expect(second).toMatchObject({ start: iso(300_000), offered: 0, handled: 3 });
  });
});

describe('computeMetrics: observations at an instant', () => {
  const tracker = trackerOf(
    chat('c1', 0, { answer: 10, holds: [[100, 130]], end: 400, acw: 460 }),
    chat('c2', 60, { alert: 61, answer: 95 }),
    chat('c3', 120, { abandon: 150 }),
    [
      e('participant.added', 'cb', 'cust', 0, { media: 'callback', purpose: 'customer', state: 'scheduled', callbackScheduledTime: iso(3_600_000) }),
      e('participant.added', 'cb', 'acd', 0, { media: 'callback', purpose: 'acd', state: 'scheduled', queue: support }),
    ],
  );

  it('waiting with the oldest wait, alerting, interacting, held, in ACW, scheduled callbacks', () => {
    expect(computeMetrics(tracker, { at: iso(90_000) }).overall.observations).toEqual({
      waiting: 1, oldestWaitingMs: 30_000, alerting: 1, interacting: 1, held: 0, parked: 0, afterCallWork: 0, scheduledCallbacks: 1,
    });
    expect(computeMetrics(tracker, { at: iso(110_000) }).overall.observations).toMatchObject({ waiting: 0, interacting: 2, held: 1 });
    expect(computeMetrics(tracker, { at: iso(420_000) }).overall.observations).toMatchObject({ interacting: 1, afterCallWork: 1 });
  });

  it('aggregates stop at the instant', () => {
    const early = computeMetrics(tracker, { at: iso(100_000) });
    expect(early.overall.total).toMatchObject({ offered: 2, answered: 2, abandoned: 0, handled: 0 });
    expect(early.at).toBe(iso(100_000));
  });

  it('defaults to the last event', () => {
    expect(computeMetrics(tracker).at).toBe(iso(460_000));
  });

  it('refuses nonsense options', () => {
    expect(() => computeMetrics(tracker, { intervalMs: 0 })).toThrow(new InvalidOptionError('intervalMs must be a positive number of milliseconds'));
    expect(() => computeMetrics(tracker, { serviceLevelMs: -1 })).toThrow(new InvalidOptionError('serviceLevelMs must be ≥ 0'));
    expect(() => computeMetrics(tracker, { at: 'later' })).toThrow(new InvalidInstantError('"later" is not an ISO-8601 time with a zone (e.g. 2026-11-21T10:00:00.000Z)'));
    expect(() => computeMetrics(tracker, { at: '2016-12-31T23:59:60Z' })).toThrow(/is a leap second/);
    expect(() => computeMetrics(tracker, { at: null as never })).toThrow(InvalidInstantError);
  });
});
