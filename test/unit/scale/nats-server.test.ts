import { jetstreamManager } from '@nats-io/jetstream';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToNats } from '../../../src/scale/connect.js';
import { startNatsServer, type TestNatsServer } from '../../support/nats-server.js';

describe('test support: a real nats-server with JetStream', () => {
  let nats: TestNatsServer;
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(() => nats.stop());

  it('takes connections on 127.0.0.1 at its url, with JetStream enabled, its store in storeDir', async () => {
    expect(nats.url).toBe(`nats://127.0.0.1:${nats.port}`);
    const nc = await connectToNats(nats.url);
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: 'PROBE', subjects: ['probe.>'] });
      expect(existsSync(`${nats.storeDir}/jetstream`)).toBe(true);
    } finally {
      await nc.close();
    }
  });

  it('kill9 then restart: the same port, the same store, the stream is still there', async () => {
    await nats.kill9();
    await expect(connectToNats(nats.url, { connectTimeoutMs: 500 })).rejects.toThrow(/cannot reach NATS/);
    await nats.restart();
    const nc = await connectToNats(nats.url);
    try {
      const info = await (await jetstreamManager(nc)).streams.info('PROBE');
      expect(info.config.subjects).toEqual(['probe.>']);
    } finally {
      await nc.close();
    }
  });

  it('stop ends the server and removes its store; a second stop does nothing', async () => {
    const other = await startNatsServer();
    await other.stop();
    expect(existsSync(other.storeDir)).toBe(false);
    await expect(connectToNats(other.url, { connectTimeoutMs: 500 })).rejects.toThrow(/cannot reach NATS/);
    await other.stop();
  });
});
