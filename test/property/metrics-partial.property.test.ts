import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { TrackerEvent } from '../../src/events/tracker-event.js';
import { computeMetrics, computeMetricsPartial, type MetricsOptions } from '../../src/metrics/compute-metrics.js';
import { createLiveMetrics, type LiveMetrics } from '../../src/metrics/live-metrics.js';
import { mergeMetricsPartials, type MetricsPartial } from '../../src/metrics/metrics-partial.js';
import { simulate } from '../../src/sim/index.js';
import { createTracker, type Tracker } from '../../src/tracker/create-tracker.js';

/** Runs per property; the mutation-testing config asks for fewer (PROPERTY_NUM_RUNS). */
const runs = (n: number) => ({ numRuns: Math.min(n, Number(process.env.PROPERTY_NUM_RUNS ?? n)), endOnFailure: process.env.END_ON_FAILURE === '1' });

/** The partition of a conversation among `k`: a string hash of its id (not the production partition function). */
function partitionOf(conversationId: string, k: number): number {
  let hash = 0;
  for (let i = 0; i < conversationId.length; i++) hash = (hash * 31 + conversationId.charCodeAt(i)) >>> 0;
  return hash % k;
}

/** A partial as a gateway receives it: through JSON. */
const overTheWire = (partial: MetricsPartial): MetricsPartial => JSON.parse(JSON.stringify(partial)) as MetricsPartial;

/** One tracker holding every event, and `k` trackers holding the events of their conversations, each fed in log order. */
function split(events: readonly TrackerEvent[], k: number): { whole: Tracker; parts: Tracker[] } {
  const whole = createTracker();
  const parts = Array.from({ length: k }, () => createTracker());
  for (const event of events) {
    whole.apply(event);
    parts[partitionOf(event.conversationId, k)]!.apply(event);
  }
  return { whole, parts };
}

/** A small simulated contact center: two queues, chats and callbacks, some runs across UTC midnight. */
const simulation = fc.record({
  seed: fc.nat(),
  start: fc.constantFrom('2026-11-21T10:00:00Z', '2026-11-21T23:45:00Z', '2026-11-21T23:55:00Z'),
  agents: fc.integer({ min: 2, max: 5 }),
  arrivalsPerHour: fc.integer({ min: 20, max: 90 }),
  media: fc.constantFrom('chat' as const, 'callback' as const, 'mixed' as const),
});
const simulated = (options: typeof simulation extends fc.Arbitrary<infer T> ? T : never): TrackerEvent[] =>
  [...simulate({ ...options, duration: '20m', queues: [{ name: 'Support' }, { name: 'Sales' }] })];

const settings = fc.record({
  intervalMs: fc.constantFrom(60_000, 15 * 60_000, 30 * 60_000),
  serviceLevelMs: fc.constantFrom(0, 20_000),
});

describe('metrics partials', () => {
  test.prop([simulation, fc.integer({ min: 1, max: 5 }), settings, fc.nat(), fc.nat()], runs(25))(
    "metrics merged from per-partition partials (through JSON) equal one tracker's metrics: at the latest event, at an instant inside the log, and from an instant",
    (sim, k, { intervalMs, serviceLevelMs }, atIndex, fromIndex) => {
      const events = simulated(sim);
      const { whole, parts } = split(events, k);
      const at = events[atIndex % events.length]!.time;
      const from = events[fromIndex % events.length]!.time;
      const cases: MetricsOptions[] = [
        { intervalMs, serviceLevelMs },
        { at, intervalMs, serviceLevelMs },
        { from, intervalMs, serviceLevelMs },
        { from: from < at ? from : at, at, intervalMs, serviceLevelMs },
      ];
      for (const options of cases) {
        const merged = mergeMetricsPartials(parts.map((tracker) => overTheWire(computeMetricsPartial(tracker, options))));
        expect(merged).toEqual(computeMetrics(whole, options));
      }
    },
  );

  test.prop([simulation, fc.integer({ min: 1, max: 5 }), settings, fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 5 })], runs(20))(
    "live metrics merged from per-partition partials (through JSON) equal one tracker's live report after every batch, across UTC midnight",
    (sim, k, options, sizes) => {
      const events = simulated(sim);
      const whole = createTracker();
      const parts = Array.from({ length: k }, () => createTracker());
      const wholeLive = createLiveMetrics(whole, options);
      const partsLive: LiveMetrics[] = parts.map((tracker) => createLiveMetrics(tracker, options));
      const feed = (tracker: Tracker, live: LiveMetrics, event: TrackerEvent) => {
        const result = tracker.apply(event);
        if (result.status === 'applied') live.changed(result.event.conversationId);
      };
      for (let i = 0, b = 0; i < events.length; b++) {
        const batch = events.slice(i, (i += 1 + sizes[b % sizes.length]!));
        for (const event of batch) {
          const p = partitionOf(event.conversationId, k);
          feed(whole, wholeLive, event);
          feed(parts[p]!, partsLive[p]!, event);
        }
        expect(mergeMetricsPartials(partsLive.map((live) => overTheWire(live.partial())))).toEqual(wholeLive.report());
      }
      // Later, past the next midnight for some runs: partials taken at the gateway's instant, or without one.
      const later = new Date(Date.parse(events.at(-1)!.time) + 10 * 60_000).toISOString();
      const report = wholeLive.report(later);
      expect(mergeMetricsPartials(partsLive.map((live) => overTheWire(live.partial())), { at: later })).toEqual(report);
      expect(mergeMetricsPartials(partsLive.map((live) => overTheWire(live.partial(later))))).toEqual(report);
    },
  );
});
