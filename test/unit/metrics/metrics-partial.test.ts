import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../../src/errors/invalid-option-error.js';
import { computeMetrics, computeMetricsPartial, type MetricsOptions } from '../../../src/metrics/compute-metrics.js';
import { createLiveMetrics } from '../../../src/metrics/live-metrics.js';
import { mergeMetricsPartials, type MetricsPartial } from '../../../src/metrics/metrics-partial.js';
import { createTracker, type Tracker } from '../../../src/tracker/create-tracker.js';

const support = { id: 'q-support', name: 'Support' };
const sales = { id: 'q-sales', name: 'Sales' };
const chat = { media: 'chat' };
let n = 0;
/** `'10:01:30'` is that time on 2026-11-21; a full ISO time is taken as it is. */
const time = (t: string) => (t.includes('T') ? t : `2026-11-21T${t}.000Z`);
const ev = (conversationId: string, participantId: string, t: string, type: string, fields: Record<string, unknown> = {}) =>
  ({ id: `p${++n}`, type, time: time(t), conversationId, participantId, ...fields });

/** A chat that enters `queue` at `start`, answered at `answer` (if given) and ended at `end` (if given). */
function chatIn(conversationId: string, queue: object, start: string, answer?: string, end?: string) {
  return [
    ev(conversationId, 'customer', start, 'participant.added', { ...chat, purpose: 'customer', state: 'connected' }),
    ev(conversationId, 'acd', start, 'participant.added', { ...chat, purpose: 'acd', state: 'connected', queue }),
    ...(answer === undefined ? [] : [
      ev(conversationId, 'agent', answer, 'participant.added', { ...chat, purpose: 'agent', state: 'connected', queue }),
      ev(conversationId, 'acd', answer, 'participant.disconnected', { disconnectType: 'transfer' }),
    ]),
    ...(end === undefined ? [] : [
      ev(conversationId, 'agent', end, 'participant.disconnected', { disconnectType: 'client' }),
      ev(conversationId, 'customer', end, 'participant.disconnected', { disconnectType: 'peer' }),
    ]),
  ];
}

/** A tracker holding these events, all applied. */
function trackerOf(events: object[]): Tracker {
  const tracker = createTracker();
  expect(tracker.load(events).filter((r) => r.status !== 'applied')).toEqual([]);
  return tracker;
}

/** One tracker per group of conversation ids, each holding the events of its conversations, in log order. */
function partitioned(events: { conversationId: string }[], groups: string[][]): Tracker[] {
  return groups.map((ids) => trackerOf(events.filter((e) => ids.includes(e.conversationId))));
}

/** A partial as a gateway receives it: through JSON. */
const overTheWire = (partial: MetricsPartial): MetricsPartial => JSON.parse(JSON.stringify(partial)) as MetricsPartial;

const log = [
  ...chatIn('c1', support, '10:00:00', '10:00:12', '10:04:00'),
  ...chatIn('c2', sales, '10:01:00', '10:01:40'),
  ...chatIn('c3', support, '10:02:00'),
  ...chatIn('c4', sales, '10:03:30'),
  ...chatIn('c5', support, '10:35:00', '10:35:05', '10:40:00'),
].sort((a, b) => a.time.localeCompare(b.time));

describe('mergeMetricsPartials', () => {
  it('the partials of empty trackers merge into the report of an empty tracker; no partial at all is an InvalidOptionError', () => {
    const empty = [createTracker(), createTracker()];
    expect(mergeMetricsPartials(empty.map((t) => overTheWire(computeMetricsPartial(t))))).toEqual(computeMetrics(createTracker()));
    const from = { from: '2026-11-21T00:00:00Z' };
    expect(mergeMetricsPartials(empty.map((t) => computeMetricsPartial(t, from)))).toEqual(computeMetrics(createTracker(), from));
    expect(mergeMetricsPartials(empty.map((t) => createLiveMetrics(t).partial()))).toEqual(createLiveMetrics(createTracker()).report());
    expect(() => mergeMetricsPartials([])).toThrow(InvalidOptionError);
  });

  it("one partial merges into its own tracker's report", () => {
    const tracker = trackerOf(log);
    const cases: MetricsOptions[] = [{}, { at: time('10:03:00') }, { from: time('10:02:00'), intervalMs: 15 * 60_000 }, { serviceLevelMs: 5_000 }];
    for (const options of cases) {
      expect(mergeMetricsPartials([overTheWire(computeMetricsPartial(tracker, options))])).toEqual(computeMetrics(tracker, options));
    }
    expect(mergeMetricsPartials([overTheWire(createLiveMetrics(tracker).partial())])).toEqual(createLiveMetrics(tracker).report());
  });

  it('partitions of the conversations merge into the report of one tracker holding them all, at the latest event, at an instant and from an instant', () => {
    const whole = trackerOf(log);
    const parts = partitioned(log, [['c1', 'c4'], ['c2', 'c3', 'c5'], []]);
    const cases: MetricsOptions[] = [{}, { at: time('10:03:00') }, { from: time('10:02:00'), at: time('10:36:00'), intervalMs: 15 * 60_000 }];
    for (const options of cases) {
      const merged = mergeMetricsPartials(parts.map((t) => overTheWire(computeMetricsPartial(t, options))));
      expect(merged).toEqual(computeMetrics(whole, options));
    }
    expect(mergeMetricsPartials(parts.map((t) => computeMetricsPartial(t)), { at: time('11:00:00') })).toEqual(computeMetrics(whole, { at: time('11:00:00') }));
  });

  it('the oldest wait is measured at the merged instant from the earliest offer of any partition', () => {
    const parts = partitioned(log, [['c1', 'c3'], ['c2', 'c4']]);
    const merged = mergeMetricsPartials(parts.map((t) => overTheWire(computeMetricsPartial(t, { at: time('10:10:00') }))));
    expect(merged.overall.observations).toMatchObject({ waiting: 2, interacting: 1, oldestWaitingMs: 8 * 60_000 });
    expect(merged.queues.map((q) => [q.queue?.name, q.observations.waiting, q.observations.oldestWaitingMs])).toEqual([
      ['Sales', 1, 6.5 * 60_000],
      ['Support', 1, 8 * 60_000],
    ]);
    // The floor of partials taken without an instant is measured at the instant of the merge.
    const later = mergeMetricsPartials(parts.map((t) => computeMetricsPartial(t)), { at: time('10:50:00') });
    expect(later.overall.observations.oldestWaitingMs).toBe(48 * 60_000);
  });

  it('a queue is named by the reference given by the conversation with the earliest first event, as one tracker fed in time order names it', () => {
    const renamed = { id: 'q-support', name: 'Customer Care' };
    const events = [...chatIn('c1', support, '10:00:00'), ...chatIn('c2', renamed, '10:05:00', '10:05:10')];
    const whole = trackerOf(events);
    const [first, second] = partitioned(events, [['c1'], ['c2']]);
    const report = computeMetrics(whole);
    expect(report.queues.map((q) => q.queue?.name)).toEqual(['Support']);
    for (const order of [[first!, second!], [second!, first!]]) {
      expect(mergeMetricsPartials(order.map((t) => overTheWire(computeMetricsPartial(t))))).toEqual(report);
    }
  });

  it('partials must share their settings, their start and their instant, and the instant must not be before their latest event', () => {
    const [a, b] = partitioned(log, [['c1'], ['c2']]);
    expect(() => mergeMetricsPartials([computeMetricsPartial(a!), computeMetricsPartial(b!, { intervalMs: 60_000 })])).toThrow(InvalidOptionError);
    expect(() => mergeMetricsPartials([computeMetricsPartial(a!), computeMetricsPartial(b!, { from: time('10:00:00') })])).toThrow(InvalidOptionError);
    expect(() => mergeMetricsPartials([computeMetricsPartial(a!), createLiveMetrics(b!).partial()])).toThrow(InvalidOptionError);
    expect(() => mergeMetricsPartials([computeMetricsPartial(a!, { at: time('10:05:00') }), computeMetricsPartial(b!, { at: time('10:06:00') })])).toThrow(InvalidOptionError);
    expect(() => mergeMetricsPartials([computeMetricsPartial(a!, { at: time('10:05:00') })], { at: time('10:06:00') })).toThrow(InvalidOptionError);
    expect(() => mergeMetricsPartials([computeMetricsPartial(a!), computeMetricsPartial(b!)], { at: time('10:01:00') })).toThrow(InvalidOptionError);
  });
});

describe('LiveMetrics.partial across UTC midnight', () => {
  // c1 waits from before midnight and is answered after it; c2 ends before midnight; c3 starts after it.
  const events = [
    ...chatIn('c1', support, '2026-11-21T23:50:00.000Z', '2026-11-22T00:02:00.000Z'),
    ...chatIn('c2', sales, '2026-11-21T23:52:00.000Z', '2026-11-21T23:52:10.000Z', '2026-11-21T23:58:00.000Z'),
    ...chatIn('c3', sales, '2026-11-22T00:05:00.000Z'),
  ].sort((a, b) => a.time.localeCompare(b.time));

  it("a partition still in the day before adds its floor, not its day's aggregates, as one tracker's live report counts it", () => {
    const beforeMidnight = events.filter((e) => e.time < '2026-11-22');
    const wholeLive = createLiveMetrics(trackerOf(beforeMidnight));
    // The partition of c1 and c2 has seen nothing of the 22nd yet; the partition of c3 has.
    const parts = partitioned(beforeMidnight, [['c1', 'c2'], ['c3']]);
    const [old, fresh] = parts.map((t) => createLiveMetrics(t));
    const at = '2026-11-22T00:01:00.000Z';
    expect(mergeMetricsPartials([old!.partial(), fresh!.partial()].map(overTheWire), { at })).toEqual(wholeLive.report(at));

    const whole = trackerOf(events);
    const c3Only = trackerOf(events.filter((e) => e.conversationId === 'c3'));
    const c2Only = trackerOf(events.filter((e) => e.conversationId === 'c2'));
    const merged = mergeMetricsPartials([createLiveMetrics(c2Only).partial(), createLiveMetrics(c3Only).partial()].map(overTheWire));
    const c2c3 = trackerOf(events.filter((e) => e.conversationId !== 'c1'));
    expect(merged).toEqual(createLiveMetrics(c2c3).report());
    expect(merged.overall.total.offered).toBe(1);
    expect(merged.overall.observations.waiting).toBe(1);

    const all = partitioned(events, [['c1'], ['c2'], ['c3']]).map((t) => overTheWire(createLiveMetrics(t).partial()));
    expect(all.map((p) => p.from)).toEqual(['2026-11-22T00:00:00.000Z', '2026-11-21T00:00:00.000Z', '2026-11-22T00:00:00.000Z']);
    expect(mergeMetricsPartials(all)).toEqual(createLiveMetrics(whole).report());
  });
});
