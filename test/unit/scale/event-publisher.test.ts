import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager, type PubAck } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScaleError } from '../../../src/errors/scale-error.js';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { simulate } from '../../../src/sim/index.js';
import { connectToNats } from '../../../src/scale/connect.js';
import { createEventPublisher } from '../../../src/scale/event-publisher.js';
import { ensureEventStream } from '../../../src/scale/event-stream.js';
import { partitionOf } from '../../../src/scale/partition.js';
import { publishLog } from '../../../src/scale/publish-log.js';
import { startNatsServer, type TestNatsServer } from '../../support/nats-server.js';

let nats: TestNatsServer;
let nc: NatsConnection;
let jsm: JetStreamManager;
let js: JetStreamClient;
const day: TrackerEvent[] = [...simulate({ seed: 3, duration: '1h', agents: 6 })];

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connectToNats(nats.url);
  jsm = await jetstreamManager(nc);
  js = jetstream(nc);
});
afterAll(async () => {
  await nc.close();
  await nats.stop();
});

/** Messages per subject in a stream. */
async function subjectsOf(stream: string): Promise<Record<string, number>> {
  return (await jsm.streams.info(stream, { subjects_filter: '>' })).state.subjects ?? {};
}

describe('createEventPublisher against a real JetStream', () => {
  it('each event on its conversation\'s partition subject, its id as the message id; the same events again are all duplicates', async () => {
    await ensureEventStream(jsm, { name: 'DAY', subjectPrefix: 'day', partitions: 8 });
    const publisher = createEventPublisher(js, { subjectPrefix: 'day', partitions: 8 });
    for (const event of day) expect((await publisher.publish(event)).status).toBe('sent');
    expect(await publisher.flush()).toEqual({ published: day.length, duplicates: 0, rejected: 0, retries: 0 });

    const expected: Record<string, number> = {};
    for (const event of day) {
      const subject = `day.events.${partitionOf(event.conversationId, 8)}`;
      expected[subject] = (expected[subject] ?? 0) + 1;
    }
    expect(await subjectsOf('DAY')).toEqual(expected);
    const first = await jsm.streams.getMessage('DAY', { seq: 1 });
    expect(first?.header.get('Nats-Msg-Id')).toBe(day[0]!.id);
    expect(first?.json()).toEqual(JSON.parse(JSON.stringify(day[0])));

    const again = createEventPublisher(js, { subjectPrefix: 'day', partitions: 8 });
    for (const event of day) await again.publish(event);
    expect(await again.flush()).toEqual({ published: 0, duplicates: day.length, rejected: 0, retries: 0 });
    expect((await jsm.streams.info('DAY')).state.messages).toBe(day.length);
  });

  it('an input that is not a v1 event is rejected with its reason and never sent', async () => {
    await ensureEventStream(jsm, { name: 'BAD', subjectPrefix: 'bad', partitions: 2 });
    const publisher = createEventPublisher(js, { subjectPrefix: 'bad', partitions: 2 });
    const outcome = await publisher.publish({ ...day[0], time: '2026-11-21T10:00:00' });
    expect(outcome).toMatchObject({ status: 'rejected', eventId: day[0]!.id, field: 'time' });
    expect(await publisher.flush()).toEqual({ published: 0, duplicates: 0, rejected: 1, retries: 0 });
    expect((await jsm.streams.info('BAD')).state.messages).toBe(0);
  });

  it('publishLog: bad lines reported like validate does, every good line published', async () => {
    await ensureEventStream(jsm, { name: 'LOG', subjectPrefix: 'log', partitions: 4 });
    const lines = [JSON.stringify(day[0]), 'not json', JSON.stringify({ ...day[1], type: 'participant.exploded' }), '', JSON.stringify(day[1])];
    const rejections: unknown[] = [];
    const summary = await publishLog((async function* () { yield `${lines.join('\n')}\n`; })(), createEventPublisher(js, { subjectPrefix: 'log', partitions: 4 }), {
      onRejection: (r) => {
        rejections.push(r);
      },
    });
    expect(summary).toMatchObject({ linesRead: 4, blankLines: 1, published: 2, duplicates: 0, rejected: 2, interrupted: false });
    expect(rejections).toMatchObject([{ line: 2, reason: 'not-json' }, { line: 3, reason: 'invalid-event', eventId: day[1]!.id, field: 'type' }]);
  });

  it('a server killed and restarted mid-stream: publishes are tried again, the stream holds every event once', async () => {
    await ensureEventStream(jsm, { name: 'RESTART', subjectPrefix: 'restart', partitions: 4 });
    const publisher = createEventPublisher(js, { subjectPrefix: 'restart', partitions: 4, ackTimeoutMs: 1000, retryWaitMs: 200, retries: 30 });
    const half = Math.floor(day.length / 2);
    for (const event of day.slice(0, half)) await publisher.publish(event);
    await nats.kill9();
    const restarted = new Promise((resolve) => setTimeout(resolve, 300)).then(() => nats.restart());
    for (const event of day.slice(half)) await publisher.publish(event);
    await restarted;
    const counts = await publisher.flush();
    expect(counts.published + counts.duplicates).toBe(day.length);
    expect(counts.retries).toBeGreaterThan(0);
    expect((await jsm.streams.info('RESTART')).state.messages).toBe(day.length);
  });

  it('at most maxInFlight publishes await their acknowledgement at once', async () => {
    let inFlight = 0;
    let most = 0;
    const fake = {
      publish: async (): Promise<PubAck> => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
        return { stream: 'S', seq: 1, duplicate: false };
      },
    } as unknown as JetStreamClient;
    const publisher = createEventPublisher(fake, { maxInFlight: 5 });
    for (const event of day.slice(0, 50)) await publisher.publish(event);
    expect((await publisher.flush()).published).toBe(50);
    expect(most).toBe(5);
  });

  it('a publish that fails for good is a NATS_FAILED ScaleError from flush (and the next publish)', async () => {
    const fake = { publish: () => Promise.reject(Object.assign(new Error('stream sealed'), { name: 'JetStreamApiError' })) } as unknown as JetStreamClient;
    const publisher = createEventPublisher(fake);
    await publisher.publish(day[0]);
    await expect(publisher.flush()).rejects.toThrow(ScaleError);
    await expect(publisher.publish(day[1])).rejects.toThrow(`cannot publish event ${day[0]!.id} on participant-tracker.events.${partitionOf(day[0]!.conversationId, 16)} (1 try): stream sealed`);
  });
});
