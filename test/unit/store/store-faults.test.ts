import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../src/errors/store-error.js';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { openEventStore } from '../../../src/store/event-store.js';
import { createTracker, type Tracker } from '../../../src/tracker/create-tracker.js';
import { scratchSpace } from '../../support/temp-store.js';
import { addChatAgent, ev } from '../../support/tracker-fixtures.js';

/** A quota a fresh store (its schema takes 13 pages of 4 KiB) leaves a few pages of events under. */
const QUOTA = 64 * 1024;

const { tempDir, closeAfter } = scratchSpace();

/** A tracker on the store in `dir`, closed after the test if the test leaves it open. */
function trackerOn(dir: string, maxSizeBytes?: number): Tracker {
  return closeAfter(createTracker({ store: openEventStore(dir, maxSizeBytes === undefined ? {} : { maxSizeBytes }) }));
}

/** The `n`th event of a stream spread over conversations of five events each: a chat agent added, connected, then padded updates. */
function nth(n: number): TrackerEvent {
  const conversationId = `c${Math.floor(n / 5)}`;
  const ms = n * 1000;
  switch (n % 5) {
    case 0:
      return addChatAgent('a1', ms, { conversationId });
    case 1:
      return ev('participant.connected', 'a1', ms, { conversationId });
    default:
      return ev('participant.updated', 'a1', ms, { conversationId, attributes: { [`note${n}`]: 'x'.repeat(300) } });
  }
}

/** Everything a tracker answers, for the conversations `ids`. */
function reads(tracker: Tracker, ids: readonly string[]) {
  return {
    conversations: tracker.conversations(),
    histories: ids.map((id) => tracker.history(id).map((e) => e.id)),
    one: ids.map((id) => tracker.conversation(id)),
    active: tracker.active(),
    rejections: tracker.rejections(),
  };
}

const conversationIds = (events: readonly TrackerEvent[]) => [...new Set(events.map((e) => e.conversationId))];

/** Applies `nth(0)`, `nth(1)`… until an apply throws; returns the events applied and the one that failed with its error. */
function applyUntilFull(tracker: Tracker): { applied: TrackerEvent[]; failed: TrackerEvent; error: unknown } {
  const applied: TrackerEvent[] = [];
  for (let n = 0; n < 5000; n++) {
    const event = nth(n);
    try {
      expect(tracker.apply(event)).toEqual({ status: 'applied', event });
    } catch (error) {
      return { applied, failed: event, error };
    }
    applied.push(event);
  }
  throw new Error('the quota was never reached');
}

function expectDiskFull(error: unknown, file: string): void {
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe('STORE_WRITE_FAILED');
  expect((error as StoreError).message).toContain('the disk is full');
  expect((error as StoreError).message).toContain(file);
}

describe('a full disk: apply', () => {
  it('apply throws STORE_WRITE_FAILED saying the disk is full; every event applied before it is kept, the failed one is not', () => {
    const dir = tempDir();
    const tracker = trackerOn(dir, QUOTA);
    const { applied, failed, error } = applyUntilFull(tracker);
    expect(applied.length).toBeGreaterThan(5);
    expectDiskFull(error, `${dir}/events.db`);
    tracker.close();

    const store = openEventStore(dir);
    try {
      expect(store.counts().events).toBe(applied.length);
      for (const event of applied) expect(store.eventHolder(event.id)).toBe(event.conversationId);
      expect(store.eventHolder(failed.id)).toBeUndefined();
      const reopened = createTracker({ store });
      for (const id of conversationIds(applied)) expect(reopened.history(id)).toEqual(applied.filter((e) => e.conversationId === id));
    } finally {
      store.close();
    }
  });

  it('after the failure the tracker reads as the store\'s committed state: the failed event is not visible', () => {
    const dir = tempDir();
    const tracker = trackerOn(dir, QUOTA);
    const { applied, failed } = applyUntilFull(tracker);
    const ids = conversationIds([...applied, failed]);
    const after = { ...reads(tracker, ids), stats: tracker.stats() };
    expect(after.histories.flat()).not.toContain(failed.id);
    expect(after.histories.flat()).toEqual(applied.map((e) => e.id));
    tracker.close();

    const reopened = trackerOn(dir);
    expect({ ...reads(reopened, ids), stats: reopened.stats() }).toEqual(after);
  });

  it('the failed event\'s id is not taken: once there is room, the same event applies', () => {
    const dir = tempDir();
    const tracker = trackerOn(dir, QUOTA);
    const { applied, failed } = applyUntilFull(tracker);
    tracker.close();
    const roomy = trackerOn(dir);
    expect(roomy.apply(failed)).toEqual({ status: 'applied', event: failed });
    expect(roomy.history(failed.conversationId)).toEqual([...applied.filter((e) => e.conversationId === failed.conversationId), failed]);
  });
});

describe('a full disk: load commits each batch in one transaction', () => {
  it('a batch that does not fit stores none of its events and keeps the earlier batches', () => {
    const dir = tempDir();
    const tracker = trackerOn(dir, QUOTA);
    const first = Array.from({ length: 7 }, (_, n) => nth(n));
    expect(tracker.load(first).map((r) => r.status)).toEqual(first.map(() => 'applied'));
    const before = reads(tracker, conversationIds(first));
    // The second batch goes on with conversation c1 and opens many more.
    const second = Array.from({ length: 300 }, (_, n) => nth(n + first.length));
    const ids = conversationIds([...first, ...second]);

    let thrown: unknown;
    try {
      tracker.load(second);
    } catch (error) {
      thrown = error;
    }
    expectDiskFull(thrown, `${dir}/events.db`);
    const after = reads(tracker, ids);
    expect(after).toEqual({
      ...before,
      histories: ids.map((id) => first.filter((e) => e.conversationId === id).map((e) => e.id)),
      one: ids.map((_, i) => before.one[i]),
    });
    tracker.close();

    const store = openEventStore(dir);
    try {
      expect(store.counts().events).toBe(first.length);
      for (const event of second) expect(store.eventHolder(event.id)).toBeUndefined();
      expect(reads(createTracker({ store }), ids)).toEqual(after);
    } finally {
      store.close();
    }
  });
});

describe('a full disk: submit', () => {
  it('every submit of a group commit that fails rejects with the StoreError; earlier groups are kept', async () => {
    const dir = tempDir();
    const tracker = trackerOn(dir, QUOTA);
    const first = Array.from({ length: 5 }, (_, n) => nth(n));
    const results = await Promise.all(first.map((e) => tracker.submit(e)));
    expect(results).toEqual(first.map((event) => ({ status: 'applied', event })));

    const second = Array.from({ length: 300 }, (_, n) => nth(n + first.length));
    const settled = await Promise.allSettled(second.map((e) => tracker.submit(e)));
    const reasons = settled.map((s) => (s.status === 'rejected' ? (s.reason as unknown) : s.value));
    expectDiskFull(reasons[0], `${dir}/events.db`);
    // One commit, one error: every promise of the group rejects with it.
    for (const reason of reasons) expect(reason).toBe(reasons[0]);

    const ids = conversationIds([...first, ...second]);
    const after = reads(tracker, ids);
    expect(after.histories.flat()).toEqual(first.map((e) => e.id));
    tracker.close();
    expect(reads(trackerOn(dir), ids)).toEqual(after);
  });

  it('an apply whose commit fails rejects the submits waiting for that commit with the same error', async () => {
    const dir = tempDir();
    const tracker = trackerOn(dir, QUOTA);
    const committed = nth(0);
    await tracker.submit(committed);
    const waiting = Array.from({ length: 300 }, (_, n) => tracker.submit(nth(n + 1)));
    let thrown: unknown;
    try {
      tracker.apply(nth(301));
    } catch (error) {
      thrown = error;
    }
    expectDiskFull(thrown, `${dir}/events.db`);
    const settled = await Promise.allSettled(waiting);
    expect(settled.map((s) => s.status === 'rejected' && s.reason === thrown)).toEqual(waiting.map(() => true));
    expect(tracker.history('c0')).toEqual([committed]);
    tracker.close();
    const store = openEventStore(dir);
    try {
      expect(store.counts().events).toBe(1);
    } finally {
      store.close();
    }
  });
});
