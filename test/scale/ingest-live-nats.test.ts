import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToNats } from '../../src/scale/connect.js';
import { eventSubject, partitionOf } from '../../src/scale/partition.js';
import { startGenesysStub, type GenesysStub } from '../support/genesys-stub/index.js';
import { genesysWorld } from '../support/genesys-world.js';
import { startNatsServer, type TestNatsServer } from '../support/nats-server.js';

const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'pt-ingest-nats-'));

let nats: TestNatsServer;
let stub: GenesysStub;
beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(async () => {
  await stub?.close();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
});

const linesOf = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line !== '') : []);

describe('participant-tracker ingest genesys --live --nats', () => {
  it('publishes the events of the notifications to the stream, each on its conversation\'s partition: the stream holds exactly the events written to --out', async () => {
    const world = genesysWorld({ seed: 3, start: new Date(Date.now() - 3 * 3_600_000).toISOString(), duration: '20m', agents: 3, arrivalsPerHour: 30, media: 'mixed' });
    stub = await startGenesysStub({ clientSecret: 'stub-secret-2b7e41d0', heartbeatMs: 1_000, archive: { conversation: (media, id) => world.archive.conversation(media, id), detailsQuery: () => ({ totalHits: 0 }) } });
    const queues = [...new Set(world.feed.map((item) => item.payload.topicName.split('.')[3]!))];
    const out = join(dir, 'live.jsonl');
    const child = spawn(process.execPath, [bin, 'ingest', 'genesys', '--live', '--queues', queues.join(','), '--out', out, '--nats', nats.url], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, GENESYS_CLIENT_ID: stub.clientId, GENESYS_CLIENT_SECRET: stub.clientSecret, GENESYS_API_URL: stub.apiUrl, GENESYS_LOGIN_URL: stub.loginUrl, GENESYS_REGION: '' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      for (let waited = 0; !/genesys: connected/.test(stderr); waited += 20) {
        if (waited > 15_000) throw new Error(`never connected:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const item of world.feed) {
        world.now = Date.parse(item.time);
        stub.publish(item.payload.topicName, item.payload.eventBody);
      }
      // Until the log stops growing.
      let count = -1;
      while (linesOf(out).length !== count) {
        count = linesOf(out).length;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
    const written = linesOf(out).map((line) => JSON.parse(line) as { id: string; conversationId: string });
    expect(written.length).toBeGreaterThan(50);
    expect(stderr).toMatch(new RegExp(`ingest: ${written.length} events published to the stream PARTICIPANT_EVENTS, 0 duplicates, 0 rejected`));

    const nc = await connectToNats(nats.url);
    try {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info('PARTICIPANT_EVENTS');
      expect(info.state.messages).toBe(written.length);
      const js = jetstream(nc);
      const consumer = await js.consumers.get('PARTICIPANT_EVENTS');
      const stored = new Map<string, string>();
      const messages = await consumer.fetch({ max_messages: written.length, expires: 5_000 });
      for await (const message of messages) {
        const event = message.json<{ id: string }>();
        stored.set(event.id, message.subject);
        if (stored.size === written.length) break;
      }
      for (const event of written) expect(stored.get(event.id), event.id).toBe(eventSubject('participant-tracker', partitionOf(event.conversationId, 16)));
    } finally {
      await nc.close();
    }
  }, 90_000);
});
