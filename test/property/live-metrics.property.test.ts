import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { TrackerEvent } from '../../src/events/tracker-event.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { createLiveMetrics, type LiveMetrics, type LiveMetricsOptions } from '../../src/metrics/live-metrics.js';
import { simulate } from '../../src/sim/index.js';
import { openEventStore } from '../../src/store/event-store.js';
import { createTracker, type Tracker } from '../../src/tracker/create-tracker.js';
import { tempStoreDir } from '../support/temp-store.js';
import { arbitraryMixedLog, shuffleArrival } from '../support/walks.js';

/** Runs per property; the mutation-testing config asks for fewer (PROPERTY_NUM_RUNS). */
const runs = (n: number) => ({ numRuns: Math.min(n, Number(process.env.PROPERTY_NUM_RUNS ?? n)), endOnFailure: process.env.END_ON_FAILURE === "1" });

const DAY_MS = 86_400_000;
const dayStartOf = (instant: string) => new Date(Math.floor(Date.parse(instant) / DAY_MS) * DAY_MS).toISOString();

/** The walks start at 2026-11-21T10:00: this moves a log to start two minutes before midnight. */
const TO_MIDNIGHT_MS = Date.parse('2026-11-21T23:58:00.000Z') - Date.parse('2026-11-21T10:00:00.000Z');

/** An event `ms` later: its time and the times it carries. */
function shifted(event: TrackerEvent, ms: number): TrackerEvent {
  const later = (time: unknown) => new Date(Date.parse(time as string) + ms).toISOString();
  const fields = event as unknown as Record<string, unknown>;
  return {
    ...event, time: later(event.time),
    ...(fields.resumeTime === undefined ? {} : { resumeTime: later(fields.resumeTime) }),
    ...(fields.callbackScheduledTime === undefined ? {} : { callbackScheduledTime: later(fields.callbackScheduledTime) }),
  } as TrackerEvent;
}

/** Cuts `events` into batches of the sizes in `sizes` (cycling), the rest in one last batch. */
function batches<T>(events: readonly T[], sizes: readonly number[]): T[][] {
  const out: T[][] = [];
  for (let i = 0, k = 0; i < events.length; k++) {
    const size = 1 + sizes[k % sizes.length]!;
    out.push(events.slice(i, i + size));
    i += size;
  }
  return out;
}

/** The latest applied event time of a tracker: the latest last event of its conversations. */
function latestApplied(tracker: Tracker): string | undefined {
  let latest: string | undefined;
  for (const conversation of tracker.conversations()) {
    const last = tracker.history(conversation.id).at(-1)?.time;
    if (last !== undefined && (latest === undefined || last > latest)) latest = last;
  }
  return latest;
}

/**
 * Live metrics told of the conversation of every event applied, and the check after a batch: the
 * report equals computeMetrics from the start of the day of the instant, at the latest event
 * time (never going back) or at an instant `aheadMs` later, passed to `report`.
 */
function follow(tracker: Tracker, options: LiveMetricsOptions) {
  let live: LiveMetrics = createLiveMetrics(tracker, options);
  let latest: string | undefined;
  return {
    apply(event: TrackerEvent) {
      const result = tracker.apply(event);
      if (result.status === 'applied') live.changed(result.event.conversationId);
    },
    /** Starts over on another tracker (a tracker reopened on its store). */
    restart(next: Tracker) {
      tracker = next;
      latest = undefined;
      live = createLiveMetrics(tracker, options);
    },
    check(aheadMs = 0) {
      const last = latestApplied(tracker);
      if (last !== undefined && (latest === undefined || last > latest)) latest = last;
      if (latest === undefined) {
        expect(live.report()).toEqual(computeMetrics(tracker, options));
        return;
      }
      const at = new Date(Date.parse(latest) + aheadMs).toISOString();
      const report = aheadMs === 0 ? live.report() : live.report(at);
      expect(report).toEqual(computeMetrics(tracker, { from: dayStartOf(at), at, intervalMs: options.intervalMs, serviceLevelMs: options.serviceLevelMs }));
    },
  };
}

const liveOptions = fc.record({
  intervalMs: fc.constantFrom(1_000, 15_000, 60_000, 30 * 60_000),
  serviceLevelMs: fc.constantFrom(0, 5_000, 20_000),
  // 0 and a few seconds drop contributions as soon as they can be: late events then revive dropped conversations.
  retentionMs: fc.constantFrom(0, 3_000, 20_000, 10 * 60_000),
});

/** A walked log with refused events mixed in, in a shuffled arrival order with duplicates, cut into batches. */
const arrivals = fc.record({
  log: arbitraryMixedLog,
  keys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }),
  duplicates: fc.array(fc.nat(), { maxLength: 8 }),
  sizes: fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 6 }),
  /** After some batches, a report at an instant later than the latest event (up to past the next midnight). */
  aheads: fc.array(fc.constantFrom(0, 0, 0, 1, 30_000, 5 * 60_000), { minLength: 1, maxLength: 5 }),
  midnight: fc.boolean(),
  options: liveOptions,
});

describe('live metrics', () => {
  test.prop([arrivals], runs(120))(
    'live metrics equal computeMetrics from the start of the day after every batch, in any arrival order',
    ({ log, keys, duplicates, sizes, aheads, midnight, options }) => {
      const events = shuffleArrival(log, keys, duplicates).map((e) => (midnight ? shifted(e, TO_MIDNIGHT_MS) : e));
      const tracker = createTracker();
      const live = follow(tracker, options);
      live.check();
      batches(events, sizes).forEach((batch, k) => {
        for (const event of batch) live.apply(event);
        live.check(aheads[k % aheads.length]);
      });
    },
  );

  test.prop(
    [
      fc.record({
        seed: fc.nat(),
        start: fc.constantFrom('2026-11-21T23:35:00Z', '2026-11-21T23:50:00Z', '2026-11-21T23:58:00Z'),
        agents: fc.integer({ min: 2, max: 6 }),
        arrivalsPerHour: fc.integer({ min: 20, max: 90 }),
        media: fc.constantFrom('chat' as const, 'callback' as const, 'mixed' as const),
      }),
      fc.array(fc.nat({ max: 60 }), { minLength: 1, maxLength: 6 }),
      fc.array(fc.record({ at: fc.nat(), by: fc.integer({ min: 1, max: 120 }) }), { maxLength: 20 }),
      fc.array(fc.nat(), { maxLength: 10 }),
      liveOptions,
    ],
    runs(12),
  )(
    'over a simulated day across midnight, with late events and duplicates, live metrics equal computeMetrics after every batch',
    (simulation, sizes, delays, duplicates, options) => {
      const events = [...simulate({ ...simulation, duration: '30m' })];
      // Late events: some arrive up to 120 events after their turn; some arrive twice.
      const arrival = [...events];
      for (const { at, by } of delays) {
        const [late] = arrival.splice(at % arrival.length, 1);
        arrival.splice(Math.min(arrival.length, (at % arrival.length) + by), 0, late!);
      }
      for (const d of duplicates) arrival.push({ ...events[d % events.length]! });
      const tracker = createTracker();
      const live = follow(tracker, options);
      for (const batch of batches(arrival, sizes)) {
        for (const event of batch) live.apply(event);
        live.check();
      }
    },
  );

  test.prop([arrivals, fc.array(fc.nat(), { minLength: 1, maxLength: 3 })], runs(25))(
    'on a store that evicts finished conversations, reopened midway (live metrics made on the restored tracker), live metrics equal computeMetrics after every batch',
    ({ log, keys, duplicates, sizes, aheads, midnight, options }, reopenings) => {
      const events = shuffleArrival(log, keys, duplicates).map((e) => (midnight ? shifted(e, TO_MIDNIGHT_MS) : e));
      const { dir, remove } = tempStoreDir();
      const open = () => createTracker({ store: openEventStore(dir, { synchronous: 'NORMAL' }), retentionMs: 1_000 });
      let tracker = open();
      try {
        const live = follow(tracker, options);
        const all = batches(events, sizes);
        const reopenAfter = new Set(reopenings.map((r) => r % all.length));
        all.forEach((batch, k) => {
          for (const event of batch) live.apply(event);
          live.check(aheads[k % aheads.length]);
          if (reopenAfter.has(k)) {
            tracker.close();
            tracker = open();
            live.restart(tracker);
            live.check();
          }
        });
      } finally {
        tracker.close();
        remove();
      }
    },
  );
});
