import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScaleError } from '../../../src/errors/scale-error.js';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { simulate } from '../../../src/sim/index.js';
import { connectToNats } from '../../../src/scale/connect.js';
import { answerQueries, askPartition } from '../../../src/scale/partition-queries.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { startNatsServer, type TestNatsServer } from '../../support/nats-server.js';

let nats: TestNatsServer;
let nc: NatsConnection;
const day: TrackerEvent[] = [...simulate({ seed: 3, duration: '30m', agents: 4 })];
const tracker = createTracker();
tracker.load(day);
const conversationId = day[0]!.conversationId;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connectToNats(nats.url);
});
afterAll(async () => {
  await nc.close();
  await nats.stop();
});

describe('askPartition against a real nats-server', () => {
  it('the owner answers a history', async () => {
    const stop = answerQueries({ nc, subjectPrefix: 'owned', partition: 1 }, tracker);
    try {
      expect(await askPartition(nc, 'owned', 1, { op: 'history', id: conversationId })).toEqual(JSON.parse(JSON.stringify(tracker.history(conversationId))));
    } finally {
      stop();
    }
  });

  it('a partition whose owner comes back within the time (it was moving, or NATS restarted) is answered, not refused', async () => {
    let stop: (() => void) | undefined;
    const owner = setTimeout(() => (stop = answerQueries({ nc, subjectPrefix: 'moving', partition: 2 }, tracker)), 400);
    try {
      const items = await askPartition(nc, 'moving', 2, { op: 'history', id: conversationId }, 3_000);
      expect(items).toHaveLength(tracker.history(conversationId).length);
    } finally {
      clearTimeout(owner);
      stop?.();
    }
  });

  it('a partition that nobody answers fails after the time, naming the partition', async () => {
    const started = Date.now();
    const asked = askPartition(nc, 'nobody', 5, { op: 'history', id: conversationId }, 600);
    await expect(asked).rejects.toThrow(ScaleError);
    await expect(asked).rejects.toThrow(/^partition 5 has no owner answering within 600 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });
});
