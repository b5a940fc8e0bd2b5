import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { simulate } from '../../../src/sim/index.js';
import { BatchTurns } from '../../../src/scale/batch-turns.js';
import { connectToNats } from '../../../src/scale/connect.js';
import { createEventPublisher } from '../../../src/scale/event-publisher.js';
import { ensureEventStream } from '../../../src/scale/event-stream.js';
import { PartitionWorker } from '../../../src/scale/partition-worker.js';
import { conversationKey, openScaleBuckets, type PublishedConversation } from '../../../src/scale/scale-buckets.js';
import { startNatsServer, type TestNatsServer } from '../../support/nats-server.js';

const day: TrackerEvent[] = [...simulate({ seed: 3, duration: '30m', agents: 4 })];

let nats: TestNatsServer | undefined;
let nc: NatsConnection | undefined;
let dir: string | undefined;
afterEach(async () => {
  await nc?.close().catch(() => undefined);
  await nats?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  nats = nc = dir = undefined;
});

/** Polls `condition` every 20 ms for up to `ms`. */
async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A server with a one-partition stream holding `events`, its buckets, and a partition worker that applied them. */
async function workerOn(events: readonly TrackerEvent[], warnings: string[]) {
  nats = await startNatsServer();
  nc = await connectToNats(nats.url);
  const jsm = await jetstreamManager(nc, { timeout: 500 });
  const js = jetstream(nc, { timeout: 500 });
  const stream = await ensureEventStream(jsm, { partitions: 1 });
  const buckets = await openScaleBuckets(nc, stream.settings.name, { leaseMs: 10_000, maxAgeMs: stream.settings.maxAgeMs });
  const publisher = createEventPublisher(js, { subjectPrefix: stream.settings.subjectPrefix, partitions: 1 });
  for (const event of events) await publisher.publish(event);
  await publisher.flush();
  dir = mkdtempSync(join(tmpdir(), 'pt-partition-'));
  const worker = await PartitionWorker.start({
    nc, js, jsm, buckets, subjectPrefix: stream.settings.subjectPrefix, partition: 0, data: dir,
    identity: { stream: stream.settings.name, created: stream.info.created, partitions: 1 },
    intervalMs: 30 * 60_000, serviceLevelMs: 20_000, retentionMs: 10 * 60_000, snapshotEveryMs: 60_000,
    warn: (line) => warnings.push(line), holdsLease: () => true, turns: new BatchTurns(),
  });
  await until(() => worker.covered >= events.length, 10_000);
  return { jsm, stream, buckets, publisher, worker };
}

describe('PartitionWorker against a real nats-server', () => {
  it('a conversation whose publication failed is published again even when no batch follows', async () => {
    const warnings: string[] = [];
    const { jsm, stream, buckets, publisher, worker } = await workerOn(day.slice(0, -1), warnings);
    const last = day[day.length - 1]!;
    const bucketStream = `KV_${stream.settings.name}_CONVERSATIONS`;
    const config = (await jsm.streams.info(bucketStream)).config;
    await jsm.streams.delete(bucketStream);
    await publisher.publish(last);
    await publisher.flush();
    await until(() => warnings.some((w) => /publications failed/.test(w)), 10_000);
    await jsm.streams.add(config);
    const key = conversationKey(0, last.conversationId);
    const deadline = Date.now() + 10_000;
    let published: PublishedConversation | undefined;
    while (published?.covered !== day.length && Date.now() < deadline) {
      published = (await buckets.conversations.get(key))?.json<PublishedConversation>();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(published?.covered).toBe(day.length);
    expect(published?.snapshot.participants.find((p) => p.id === last.participantId)).toMatchObject({ state: expect.any(String) });
    await worker.stop({ snapshot: false });
  }, 30_000);


  it('a snapshot that cannot be saved (the server went away) is a warning: stopping still closes the store, and nothing is thrown', async () => {
    const warnings: string[] = [];
    const { worker } = await workerOn(day, warnings);
    await nats!.kill9();
    await expect(worker.stop({ snapshot: true })).resolves.toBeUndefined();
    expect(warnings.join('\n')).toMatch(new RegExp(`^partition 0: its snapshot after stream sequence ${day.length} was not saved \\(.+\\); it is tried again later$`, 'm'));
  }, 30_000);
});
