import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { replayLog } from '../../../src/replay/replay-log.js';
import { openEventStore } from '../../../src/store/event-store.js';
import { scratchSpace } from '../../support/temp-store.js';

const line = (o: object) => JSON.stringify(o);
const added = (id: string, conversationId: string, ms: number) =>
  ({ id, type: 'participant.added', time: new Date(Date.UTC(2026, 10, 21, 10) + ms).toISOString(), conversationId, participantId: 'a1', media: 'chat', purpose: 'agent', state: 'connected' });
const step = (id: string, type: string, conversationId: string, ms: number) =>
  ({ id, type, time: new Date(Date.UTC(2026, 10, 21, 10) + ms).toISOString(), conversationId, participantId: 'a1' });
const log = (...events: object[]) => Readable.from([Buffer.from(events.map(line).join('\n') + '\n')]);

const { tempDir: storeDir } = scratchSpace();

describe('replayLog into a store', () => {
  const first = [added('e1', 'c1', 0), step('e2', 'participant.acwEnded', 'c1', 1000), step('e3', 'participant.disconnected', 'c1', 2000)];

  it('reports this replay\'s lines only: a second replay on the same store numbers its own lines and leaves out the first one\'s rejections', async () => {
    const dir = storeDir();
    const one = await replayLog(log(...first), { store: openEventStore(dir), retentionMs: 0 });
    expect(one.rejections).toEqual([expect.objectContaining({ line: 2, eventId: 'e2', reason: 'illegal-transition' })]);
    one.tracker.close();

    const two = await replayLog(log(added('f1', 'c2', 3000), ...first, step('f2', 'participant.holdEnded', 'c2', 4000)), { store: openEventStore(dir), retentionMs: 0 });
    expect(two.summary).toMatchObject({ linesRead: 5, applied: 1, duplicates: 3, rejected: 1 });
    expect(two.rejections).toEqual([expect.objectContaining({ line: 5, eventId: 'f2', reason: 'illegal-transition' })]);
    // The store's own view still has both standing rejections.
    expect(two.tracker.rejections().map((r) => r.event.id)).toEqual(['e2', 'f2']);
    two.tracker.close();
  });

  it('a late line of this replay that overturns a stored event is not counted against this replay', async () => {
    const dir = storeDir();
    const stored = await replayLog(log(added('e1', 'c1', 0), step('e2', 'participant.holdStarted', 'c1', 2000)), { store: openEventStore(dir) });
    expect(stored.summary.rejected).toBe(0);
    stored.tracker.close();
    // A disconnect before the hold: the stored hold becomes illegal; this replay applied its one line.
    const late = await replayLog(log(step('e3', 'participant.disconnected', 'c1', 1000)), { store: openEventStore(dir), strict: true });
    expect(late.summary).toMatchObject({ linesRead: 1, applied: 1, rejected: 0, stoppedEarly: false });
    expect(late.tracker.rejections().map((r) => r.event.id)).toEqual(['e2']);
    late.tracker.close();
  });

  it('commits every batchLines lines: when reading fails, the batches committed before are kept', async () => {
    const dir = storeDir();
    const lines = Array.from({ length: 30 }, (_, i) => added(`e${i}`, `c${i}`, i * 1000));
    const source = (async function* () {
      for (const [i, event] of lines.entries()) {
        if (i === 25) throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
        yield Buffer.from(`${line(event)}\n`);
      }
    })();
    const store = openEventStore(dir);
    await expect(replayLog(source, { store, batchLines: 10 })).rejects.toThrow(/EIO/);
    store.close();
    const reopened = openEventStore(dir);
    try {
      expect(reopened.counts().events).toBe(20);
    } finally {
      reopened.close();
    }
  });
});
