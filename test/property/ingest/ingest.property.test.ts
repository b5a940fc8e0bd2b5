import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { createGenesysIngest, readJsonValues } from '../../../src/ingest/index.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { distinguishable, iso, snapshotAt, snapshotsArb, stageAt, type Snapshots } from './conversation-history.js';

const RUNS = { numRuns: 300 };

/** The snapshots' payloads, in the order given by `order` (indices into `taken`). */
function payloads(s: Snapshots, order: readonly number[]): Record<string, unknown>[] {
  return order.map((i) => snapshotAt(s.history, s.taken[i]!.t, s.taken[i]!.shape));
}

/** Snapshots plus an arrival order: a permutation of all of them, then some of them again. */
const arrivals = snapshotsArb.chain((s) => {
  const indices = s.taken.map((_, i) => i);
  return fc.record({
    s: fc.constant(s),
    order: fc.tuple(fc.shuffledSubarray(indices, { minLength: indices.length }), fc.array(fc.constantFrom(...indices), { maxLength: 4 }))
      .map(([all, again]) => [...all, ...again]),
  });
});

/** The events of `list` ingested in one session, then of the participants still waiting for a dated start (flush). */
function ingestAll(list: readonly unknown[]): TrackerEvent[] {
  const ingest = createGenesysIngest();
  return [...list.flatMap((payload) => [...ingest.push(payload).events]), ...ingest.flush().events];
}

const stageOfState = (state: unknown) => (state === 'disconnected' ? 'ended' : state === 'connected' || state === 'parked' ? 'connected' : 'pre');

describe('ingest properties over generated conversations', () => {
  it('any order of a conversation\'s snapshots, with repeats, yields a log that replays with zero rejections', () => {
    fc.assert(fc.property(arrivals, ({ s, order }) => {
      const events = ingestAll(payloads(s, order));
      const tracker = createTracker();
      expect(tracker.load(events).filter((r) => r.status !== 'applied')).toEqual([]);
      expect(tracker.rejections()).toEqual([]);
    }), RUNS);
  });

  it('whatever order the snapshots arrive in, each participant ends at the furthest step any snapshot shows, with its true times', () => {
    fc.assert(fc.property(arrivals, ({ s, order }) => {
      const tracker = createTracker();
      tracker.load(ingestAll(payloads(s, order)));
      const newest = Math.max(...s.taken.map((x) => x.t));
      for (const truth of s.history.participants) {
        const replayed = tracker.participant(s.history.conversationId, truth.id) as Record<string, unknown> | undefined;
        if (truth.start > newest) {
          expect(replayed).toBeUndefined();
          continue;
        }
        if (replayed === undefined) {
          // Only a participant that no snapshot with a time in it shows can be missing.
          const dated = s.taken.some(({ t, shape }) => truth.start <= t && (shape.startsWith('rest')
            || s.history.participants.some((p) => p.start <= t && ((p.connect ?? Infinity) <= t || (p.end ?? Infinity) <= t))));
          expect(dated).toBe(false);
          continue;
        }
        expect(stageOfState(replayed.state)).toBe(stageAt(truth, newest));
        const dated = (time: number | undefined) => (time !== undefined && time <= newest ? iso(time) : undefined);
        expect(replayed.connectedTime).toBe(dated(truth.connect));
        expect(replayed.endTime).toBe(dated(truth.end));
        expect(replayed.disconnectType).toBe(truth.end !== undefined && truth.end <= newest ? truth.disconnectType : undefined);
        expect(replayed.startAcwTime).toBe(dated(truth.acwStart));
        expect(replayed.endAcwTime).toBe(dated(truth.acwEnd));
      }
    }), RUNS);
  });

  it('the same snapshots in any order, with duplicates, replay to the same conversation, field for field', () => {
    const order = (indices: number[]) => fc.tuple(fc.shuffledSubarray(indices, { minLength: indices.length }), fc.array(fc.constantFrom(...indices), { maxLength: 4 }))
      .map(([all, again]) => [...all, ...again]);
    const twoOrders = snapshotsArb
      .filter((s) => s.taken.every(({ t }) => distinguishable(s.history, t)))
      .chain((s) => fc.record({ s: fc.constant(s), first: order(s.taken.map((_, i) => i)), second: order(s.taken.map((_, i) => i)) }));
    const replayed = (s: Snapshots, arrival: readonly number[]) => {
      const tracker = createTracker();
      tracker.load(ingestAll(payloads(s, arrival)));
      return tracker.conversations();
    };
    fc.assert(fc.property(twoOrders, ({ s, first, second }) => {
      expect(replayed(s, second)).toEqual(replayed(s, first));
    }), { numRuns: 500 });
  });

  it('a snapshot fed twice in a row adds nothing the second time', () => {
    fc.assert(fc.property(arrivals, ({ s, order }) => {
      const ingest = createGenesysIngest();
      for (const payload of payloads(s, order)) {
        ingest.push(payload);
        expect(ingest.push(structuredClone(payload)).events).toEqual([]);
      }
    }), RUNS);
  });

  it('the same payloads ingested again in a new session give the same events: a reader sees only duplicates', () => {
    fc.assert(fc.property(arrivals, ({ s, order }) => {
      const first = ingestAll(payloads(s, order));
      const second = ingestAll(payloads(s, order));
      expect(second).toEqual(first);
      const results = createTracker().load([...first, ...second]);
      expect(results.slice(first.length).every((r) => r.status === 'duplicate')).toBe(true);
    }), RUNS);
  });

  it('JSON text cut into chunks anywhere reads as the same values', async () => {
    await fc.assert(fc.asyncProperty(
      snapshotsArb,
      fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 6 }),
      fc.constantFrom('jsonl', 'pretty', 'array'),
      async (s, cuts, layout) => {
        const values = s.taken.map(({ t, shape }) => snapshotAt(s.history, t, shape));
        const text = layout === 'jsonl' ? values.map((v) => JSON.stringify(v)).join('\n')
          : layout === 'pretty' ? values.map((v) => JSON.stringify(v, null, 2)).join('\n') : JSON.stringify(values, null, 1);
        const bytes = new TextEncoder().encode(text);
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((from, i) => bytes.slice(from, points[i] ?? bytes.length));
        const read: unknown[] = [];
        for await (const item of readJsonValues(chunks)) read.push('value' in item ? item.value : item);
        expect(read).toEqual(values);
      },
    ), { numRuns: 100 });
  });
});

describe('ingest properties over mangled real payloads', () => {
  const samples = [
    'chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts', 'chat-rest-list-conversations-nested-chats',
    'chat-notification-users-conversations-chats-agent-disconnect-acw', 'callback-rest-get-conversation-scheduled-three-alert-timeouts',
    'callback-notification-users-conversations-agent-disconnect-acw-pending', 'chat-eventbridge-detail-customer-end',
  ].map((name) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/genesys/${name}.json`, import.meta.url)), 'utf8')) as unknown);

  /** Every path to a value inside `value`. */
  function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (typeof value !== 'object' || value === null) return [prefix];
    const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    return [prefix, ...keys.flatMap((key) => paths((value as Record<string | number, unknown>)[key], [...prefix, key]))];
  }

  function mangle(payload: unknown, edits: readonly { pick: number; value: unknown }[]): unknown {
    const copy = structuredClone(payload);
    for (const { pick, value } of edits) {
      const all = paths(copy).filter((p) => p.length > 0);
      const path = all[pick % all.length]!;
      let target = copy as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
      target[path[path.length - 1]!] = value;
    }
    return copy;
  }

  const edit = fc.record({ pick: fc.nat(), value: fc.oneof(fc.jsonValue(), fc.constantFrom('connected', 'disconnected', 'alerting', 'held', '2026-11-21T10:00:00Z', 'CONSULT_TRANSFER', '__proto__')) });

  it('a payload with any values replaced never throws, and its events replay with zero rejections', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.constantFrom(...samples.keys()), fc.array(edit, { maxLength: 6 })), { minLength: 1, maxLength: 6 }),
      (picks) => {
        const ingest = createGenesysIngest();
        const events = picks.flatMap(([index, edits]) => [...ingest.push(mangle(samples[index], edits)).events]);
        expect(createTracker().load(events).filter((r) => r.status !== 'applied')).toEqual([]);
        expect(Object.prototype).toEqual({});
      },
    ), { numRuns: 300 });
  });
});
