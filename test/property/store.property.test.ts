import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { TrackerEvent } from '../../src/events/tracker-event.js';
import { openEventStore } from '../../src/store/event-store.js';
import { createTracker, type Tracker } from '../../src/tracker/create-tracker.js';
import { tempStoreDir } from '../support/temp-store.js';
import { arbitraryMixedLog, shuffleArrival } from '../support/walks.js';

/** Fewer runs than the in-memory properties: every run writes a SQLite file. */
const params = { numRuns: Math.min(40, Number(process.env.PROPERTY_NUM_RUNS ?? 40)), endOnFailure: process.env.END_ON_FAILURE === "1" };

/** Everything a tracker answers, independent of listing order and arrival numbers. */
function reads(tracker: Tracker, instants: readonly string[]) {
  const byId = <T extends { id: string }>(items: T[]) => items.sort((a, b) => (a.id < b.id ? -1 : 1));
  const listed = tracker.conversations();
  // One at a time, the same conversations in the same order.
  expect([...tracker.eachConversation()]).toEqual(listed);
  const conversations = byId(listed);
  return {
    conversations,
    rejections: tracker.rejections().map((r) => `${r.event.id}: ${r.reason}: ${r.message}`).sort(),
    histories: conversations.map((c) => tracker.history(c.id).map((e) => e.id)),
    active: byId(tracker.active()),
    at: instants.map((t) => ({ all: byId([...tracker.at(t).eachConversation()]), active: byId(tracker.at(t).active()) })),
    one: conversations.map((c) => tracker.conversation(c.id)),
    stats: tracker.stats(),
  };
}

const arrival = fc.tuple(
  arbitraryMixedLog,
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }),
  fc.array(fc.nat(), { maxLength: 6 }),
  fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  fc.boolean(),
);

describe('tracker on a store', () => {
  test.prop([arrival], params)(
    'a tracker on a store, reopened at any points and evicting every finished conversation at once, reads the same as a tracker in memory, live and bulk',
    ([log, keys, duplicates, cuts, bulk]) => {
      const events: TrackerEvent[] = shuffleArrival(log, keys, duplicates);
      const instants = [...new Set(log.map((e) => e.time))].filter((_, i) => i % 3 === 0);
      const memory = createTracker();
      if (bulk) memory.load(events);
      else for (const event of events) memory.apply(event);

      const { dir, remove } = tempStoreDir();
      try {
        const open = () => createTracker({ store: openEventStore(dir, { synchronous: 'NORMAL' }), retentionMs: 0 });
        let stored = open();
        const reopenAfter = new Set(cuts.map((c) => c % events.length));
        events.forEach((event, i) => {
          if (bulk) stored.load([event]);
          else stored.apply(event);
          if (reopenAfter.has(i)) {
            stored.close();
            stored = open();
          }
        });
        expect(reads(stored, instants)).toEqual(reads(memory, instants));
        stored.close();
        const reopened = open();
        expect(reads(reopened, instants)).toEqual(reads(memory, instants));
        reopened.close();
        // Every event came through once: a second pass finds each one stored.
        const again = open();
        expect(events.map((e) => again.apply(e).status).filter((s) => s === 'applied')).toEqual([]);
        again.close();
        // With no retention, every finished conversation has left memory: its row holds it.
        const store = openEventStore(dir);
        const active = new Set(memory.active().map((c) => c.id));
        for (const c of memory.conversations()) expect({ id: c.id, evicted: store.conversation(c.id)?.evicted }).toEqual({ id: c.id, evicted: !active.has(c.id) });
        store.close();
      } finally {
        remove();
      }
    },
  );
});
