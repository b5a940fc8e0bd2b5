import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScaleError } from '../../../src/errors/scale-error.js';
import { connectToNats, natsServerAddress } from '../../../src/scale/connect.js';
import { ensureEventStream, eventStreamDescription, partitionsOfDescription, resolveEventStreamSettings } from '../../../src/scale/event-stream.js';
import { InvalidOptionError } from '../../../src/errors/invalid-option-error.js';
import { startNatsServer, type TestNatsServer } from '../../support/nats-server.js';

let nats: TestNatsServer;
let nc: NatsConnection;
let jsm: JetStreamManager;
beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connectToNats(nats.url);
  jsm = await jetstreamManager(nc);
});
afterAll(async () => {
  await nc.close();
  await nats.stop();
});

/** The error a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<ScaleError> {
  try {
    await promise;
  } catch (error) {
    return error as ScaleError;
  }
  throw new Error('expected a failure');
}

describe('ensureEventStream', () => {
  it('creates the stream with the documented settings: file storage, limits retention, 7 days, 2-minute duplicate window, partitions in the description', async () => {
    const { created, settings, info } = await ensureEventStream(jsm);
    expect(created).toBe(true);
    expect(settings).toEqual({ name: 'PARTICIPANT_EVENTS', subjectPrefix: 'participant-tracker', partitions: 16, maxAgeMs: 604_800_000, duplicateWindowMs: 120_000 });
    expect(info.config).toMatchObject({
      name: 'PARTICIPANT_EVENTS',
      description: 'participant-tracker v1 events; partitions=16',
      subjects: ['participant-tracker.events.*'],
      retention: 'limits', storage: 'file',
      max_age: nanos(7 * 86_400_000), duplicate_window: nanos(120_000),
    });
  });

  it('finds an existing stream with the same settings and leaves it as it is', async () => {
    const before = await jsm.streams.info('PARTICIPANT_EVENTS');
    const again = await ensureEventStream(jsm, { partitions: 16 });
    expect(again.created).toBe(false);
    expect(again.info.config).toEqual(before.config);
  });

  it('takes its name, prefix, partition count and durations from the settings', async () => {
    const { info } = await ensureEventStream(jsm, { name: 'ACME', subjectPrefix: 'acme.pt', partitions: 4, maxAgeMs: 3_600_000, duplicateWindowMs: 60_000 });
    expect(info.config).toMatchObject({ subjects: ['acme.pt.events.*'], description: 'participant-tracker v1 events; partitions=4', max_age: nanos(3_600_000), duplicate_window: nanos(60_000) });
  });

  it('another partition count: one line saying what differs and what was expected; the stream is untouched', async () => {
    const before = await jsm.streams.info('PARTICIPANT_EVENTS');
    const error = await failure(ensureEventStream(jsm, { partitions: 8 }));
    expect(error).toBeInstanceOf(ScaleError);
    expect(error.code).toBe('EVENT_STREAM_MISMATCH');
    expect(error.message).toBe('the stream PARTICIPANT_EVENTS exists with other settings: partitions=16, expected partitions=8; it was left unchanged');
    expect((await jsm.streams.info('PARTICIPANT_EVENTS')).config).toEqual(before.config);
  });

  it('other subjects, another retention, a stream of someone else\'s: every difference on one line', async () => {
    await jsm.streams.add({ name: 'ORDERS', subjects: ['orders.>'], retention: 'workqueue' });
    const error = await failure(ensureEventStream(jsm, { name: 'ORDERS' }));
    expect(error.code).toBe('EVENT_STREAM_MISMATCH');
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain('no description, expected "participant-tracker v1 events; partitions=16"');
    expect(error.message).toContain('subjects ["orders.>"], expected ["participant-tracker.events.*"]');
    expect(error.message).toContain('retention "workqueue", expected "limits"');
    expect((await jsm.streams.info('ORDERS')).config.subjects).toEqual(['orders.>']);
  });

  it('a maximum age or duplicate window given and different is a mismatch; not given, the stream\'s own is kept', async () => {
    const error = await failure(ensureEventStream(jsm, { maxAgeMs: 86_400_000, duplicateWindowMs: 30_000 }));
    expect(error.message).toBe('the stream PARTICIPANT_EVENTS exists with other settings: max age 604800000 ms, expected 86400000 ms; duplicate window 120000 ms, expected 30000 ms; it was left unchanged');
    expect((await ensureEventStream(jsm, { name: 'ACME', subjectPrefix: 'acme.pt', partitions: 4 })).created).toBe(false);
  });

  it('untrusted text of the existing stream is shown escaped', async () => {
    await jsm.streams.add({ name: 'FORGED', subjects: ['forged.>'], description: 'x\n\u001b[2Jforged' });
    const error = await failure(ensureEventStream(jsm, { name: 'FORGED', subjectPrefix: 'forged' }));
    expect(error.message).toContain(String.raw`description "x\n\u001b[2Jforged"`);
    expect(error.message).not.toMatch(/[\n\u001b]/);
  });

  it('bad settings are InvalidOptionError before any request', () => {
    expect(() => resolveEventStreamSettings({ name: 'A.B' })).toThrow(InvalidOptionError);
    expect(() => resolveEventStreamSettings({ partitions: 0 })).toThrow(InvalidOptionError);
    expect(() => resolveEventStreamSettings({ subjectPrefix: 'a.>' })).toThrow(InvalidOptionError);
    expect(() => resolveEventStreamSettings({ maxAgeMs: 0 })).toThrow(InvalidOptionError);
  });

  it('the description records the partition count and is read back', () => {
    expect(eventStreamDescription(16)).toBe('participant-tracker v1 events; partitions=16');
    expect(partitionsOfDescription(eventStreamDescription(1024))).toBe(1024);
    expect(partitionsOfDescription('participant-tracker v1 events; partitions=016')).toBeUndefined();
    expect(partitionsOfDescription(undefined)).toBeUndefined();
  });
});

describe('connectToNats', () => {
  it('an unreachable server is a NATS_UNREACHABLE ScaleError of one line', async () => {
    const error = await failure(connectToNats('nats://127.0.0.1:1', { connectTimeoutMs: 500 }));
    expect(error).toBeInstanceOf(ScaleError);
    expect(error.code).toBe('NATS_UNREACHABLE');
    expect(error.message).toBe('cannot reach NATS at nats://127.0.0.1:1: connection refused');
  });

  it('a bare host:port means nats://; other schemes and paths are not NATS addresses', () => {
    expect(natsServerAddress('127.0.0.1:4222')).toBe('nats://127.0.0.1:4222');
    expect(natsServerAddress('tls://nats.example:4222')).toBe('tls://nats.example:4222');
    expect(() => natsServerAddress('http://127.0.0.1:4222')).toThrow(InvalidOptionError);
    expect(() => natsServerAddress('nats://127.0.0.1:4222/x')).toThrow(InvalidOptionError);
    expect(() => natsServerAddress('not a url')).toThrow(InvalidOptionError);
  });
});
