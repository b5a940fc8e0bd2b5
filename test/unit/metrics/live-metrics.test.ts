import { describe, expect, it, vi } from 'vitest';
import { InvalidOptionError } from '../../../src/errors/invalid-option-error.js';
import { computeMetrics } from '../../../src/metrics/compute-metrics.js';
import { createLiveMetrics, type LiveMetricsOptions } from '../../../src/metrics/live-metrics.js';
import { createTracker, type Tracker } from '../../../src/tracker/create-tracker.js';

const support = { id: 'q-support', name: 'Support' };
const chat = { media: 'chat' };
let n = 0;
/** `'10:01:30'` is that time on 2026-11-21; a full ISO time is taken as it is. */
const time = (t: string) => (t.includes('T') ? t : `2026-11-21T${t}.000Z`);
const ev = (conversationId: string, participantId: string, t: string, type: string, fields: Record<string, unknown> = {}) =>
  ({ id: `e${++n}`, type, time: time(t), conversationId, participantId, ...fields });

/** A chat in Support that enters the queue at `start` and that an agent answers at `answer` (if given). */
function chatIn(conversationId: string, start: string, answer?: string) {
  return [
    ev(conversationId, 'customer', start, 'participant.added', { ...chat, purpose: 'customer', state: 'connected' }),
    ev(conversationId, 'acd', start, 'participant.added', { ...chat, purpose: 'acd', state: 'connected', queue: support }),
    ...(answer === undefined ? [] : [
      ev(conversationId, 'agent', answer, 'participant.added', { ...chat, purpose: 'agent', state: 'connected', queue: support }),
      ev(conversationId, 'acd', answer, 'participant.disconnected', { disconnectType: 'transfer' }),
    ]),
  ];
}

/** The agent and the customer of a chat leave at `end`: nobody of it is on the floor any more. */
const chatEnds = (conversationId: string, end: string) => [
  ev(conversationId, 'agent', end, 'participant.disconnected', { disconnectType: 'client' }),
  ev(conversationId, 'customer', end, 'participant.disconnected', { disconnectType: 'peer' }),
];

const dayStartOf = (at: string) => `${at.slice(0, 10)}T00:00:00.000Z`;

/** A tracker, and live metrics told of every applied event. */
function liveTracker(options: LiveMetricsOptions = {}, tracker: Tracker = createTracker()) {
  const live = createLiveMetrics(tracker, options);
  const history = vi.spyOn(tracker, 'history');
  const between = vi.spyOn(tracker, 'between');
  return {
    tracker, live,
    apply(events: object[]) {
      for (const event of events) {
        const result = tracker.apply(event);
        expect(result.status).toBe('applied');
        if (result.status === 'applied') live.changed(result.event.conversationId);
      }
    },
    /**
     * The report (at `at` if given), checked against computeMetrics from the start of its day, and
     * what it read: the histories, and the days summed again (`tracker.between`).
     */
    report(at?: string) {
      history.mockClear();
      between.mockClear();
      const report = live.report(at === undefined ? undefined : time(at));
      const histories = history.mock.calls.map(([id]) => id);
      const resummed = [...between.mock.calls];
      expect(report).toEqual(computeMetrics(tracker, { ...options, from: dayStartOf(report.at!), at: report.at! }));
      return { ...report, histories, resummed };
    },
  };
}

describe('live metrics', () => {
  it('a report reads only the conversations changed since the last one', () => {
    const t = liveTracker();
    t.apply([...chatIn('c1', '10:00:00', '10:00:20'), ...chatIn('c2', '10:01:00'), ...chatIn('c3', '10:02:00')]);
    t.report();
    t.apply(chatIn('c2', '10:01:00', '10:03:00').slice(2));
    const answered = t.report();
    expect(answered.overall.total).toMatchObject({ offered: 3, answered: 2 });
    expect(answered).toMatchObject({ histories: ['c2'], resummed: [] });
    // Nothing changed: nothing is read, the floor is observed at the instant asked for.
    const later = t.report('10:05:00');
    expect(later.overall.observations).toMatchObject({ waiting: 1, oldestWaitingMs: 180_000, interacting: 2 });
    expect(later).toMatchObject({ histories: [], resummed: [] });
  });

  it('a conversation on the floor stays at hand whatever its age; one that left the floor is dropped after retentionMs, and a late change to it sums the day again', () => {
    const t = liveTracker({ retentionMs: 60_000 });
    t.apply([...chatIn('waiting', '10:00:00'), ...chatIn('done', '10:00:00', '10:00:30'), ...chatEnds('done', '10:02:00')]);
    t.report();
    t.apply(chatIn('later', '10:05:00', '10:05:10'));
    // At 10:05:10, 'done' (last event 10:02:00) has been idle for over a minute: dropped.
    expect(t.report()).toMatchObject({ histories: ['later'], resummed: [] });
    // The one waiting since 10:00 was kept: its answer is taken in without summing the day again.
    t.apply(chatIn('waiting', '10:00:00', '10:06:00').slice(2));
    const answered = t.report();
    expect(answered.overall.total).toMatchObject({ offered: 3, answered: 3, averageSpeedOfAnswerMs: (30_000 + 10_000 + 360_000) / 3 });
    expect(answered).toMatchObject({ histories: ['waiting'], resummed: [] });
    // A late hold in 'done' (noted from the apply result: the snapshot does not change) sums the day again, exactly.
    t.apply([ev('done', 'agent', '10:01:00', 'participant.holdStarted'), ev('done', 'agent', '10:01:20', 'participant.holdEnded')]);
    const held = t.report();
    expect(held.overall.total).toMatchObject({ holds: 1, averageHoldMs: 20_000 });
    expect(held.resummed).toEqual([[time('00:00:00'), time('10:06:00')]]);
    // Summed again, 'done' is dropped again: a change to a kept conversation reads that one only.
    t.apply(chatEnds('later', '10:07:00'));
    expect(t.report()).toMatchObject({ histories: ['later'], resummed: [] });
    // A conversation that arrives late and already idle for longer than retentionMs is dropped at once.
    t.apply([...chatIn('old', '09:00:00', '09:00:20'), ...chatEnds('old', '09:01:00')]);
    expect(t.report()).toMatchObject({ histories: ['old'], resummed: [] });
    t.apply([ev('old', 'agent', '09:00:30', 'participant.holdStarted'), ev('old', 'agent', '09:00:40', 'participant.holdEnded')]);
    expect(t.report().resummed).toEqual([[time('00:00:00'), time('10:07:00')]]);
  });

  it('at midnight the sums start again from the new day; a chat under way across midnight is still on the floor', () => {
    const t = liveTracker({ intervalMs: 15 * 60_000 });
    t.apply([...chatIn('evening', '23:50:00', '23:50:30'), ...chatIn('late', '23:58:00', '23:58:05'), ...chatEnds('late', '23:59:00')]);
    expect(t.report().overall.total).toMatchObject({ offered: 2, answered: 2, handled: 1 });
    t.apply(chatIn('night', '2026-11-22T00:02:00.000Z', '2026-11-22T00:02:40.000Z'));
    const night = t.report();
    expect(night.overall.total).toMatchObject({ start: '2026-11-22T00:00:00.000Z', end: '2026-11-22T00:02:40.000Z', offered: 1, answered: 1, handled: 0 });
    expect(night.overall.observations).toMatchObject({ interacting: 2 });
    expect(night.overall.intervals.map((i) => i.start)).toEqual(['2026-11-22T00:00:00.000Z']);
    // The evening chat ends after midnight: its handle counts in the new day.
    t.apply(chatEnds('evening', '2026-11-22T00:04:00.000Z'));
    expect(t.report().overall.total).toMatchObject({ handled: 1, averageHandleMs: 13 * 60_000 + 30_000 });
  });

  it('made on a tracker that already holds events, it sums the day of the latest event at once', () => {
    const tracker = createTracker();
    tracker.load([...chatIn('yesterday', '2026-11-20T15:00:00.000Z', '2026-11-20T15:00:10.000Z'), ...chatIn('c1', '09:00:00', '09:00:05'), ...chatIn('c2', '09:30:00')]);
    const t = liveTracker({}, tracker);
    expect(t.report()).toMatchObject({
      at: time('09:30:00'), histories: [], resummed: [],
      overall: { total: { start: time('00:00:00'), offered: 2 }, observations: { waiting: 1, interacting: 2 } },
    });
  });

  it('with no event it reports as computeMetrics does on an empty tracker, or at the instant given', () => {
    const tracker = createTracker();
    const live = createLiveMetrics(tracker);
    expect(live.report()).toEqual(computeMetrics(tracker));
    expect(live.report()).toMatchObject({ at: null, queues: [] });
    expect(live.report('2026-11-21T10:00:00+01:00')).toEqual(computeMetrics(tracker, { from: time('00:00:00'), at: time('09:00:00') }));
  });

  it('refuses an instant before the latest event, and nonsense options', () => {
    const t = liveTracker();
    t.apply(chatIn('c1', '10:00:00'));
    expect(() => t.live.report('2026-11-21T09:59:59.999Z')).toThrow(
      new InvalidOptionError('at (2026-11-21T09:59:59.999Z) must not be before the latest event (2026-11-21T10:00:00.000Z)'),
    );
    expect(t.report('2026-11-21T10:00:00Z').at).toBe(time('10:00:00'));
    expect(() => createLiveMetrics(t.tracker, { retentionMs: -1 })).toThrow(new InvalidOptionError('retentionMs must be a number of milliseconds ≥ 0'));
    expect(() => createLiveMetrics(t.tracker, { intervalMs: 0 })).toThrow(new InvalidOptionError('intervalMs must be a positive number of milliseconds'));
    expect(() => createLiveMetrics(t.tracker, { serviceLevelMs: -1 })).toThrow(new InvalidOptionError('serviceLevelMs must be ≥ 0'));
  });
});
