import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSnapshot } from '../../src/model/conversation-snapshot.js';
import type { Health } from '../../src/serve/floor-frame.js';
import { startGenesysStub, type GenesysStub, type StubArchive } from '../support/genesys-stub/index.js';
import { carried, genesysWorld } from '../support/genesys-world.js';
import { spawnServe, stopServe } from '../support/served.js';
import { scratchSpace } from '../support/temp-store.js';

// Runs the built CLI (`npm run build` first, as `npm test` does) against a local Genesys Cloud stub.
const { tempDir, cleanup } = scratchSpace();
const SECRET = 'stub-secret-a5d94e27';

let stub: GenesysStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('participant-tracker serve --genesys', () => {
  it('follows the queues through the stub: /healthz shows the connection, /api/conversations the world, and Ctrl-C ends it with 130', async () => {
    // A world that ended two hours ago, whose notifications arrive now.
    const world = genesysWorld({ seed: 11, start: new Date(Date.now() - 3 * 3_600_000).toISOString(), duration: '40m', agents: 4, arrivalsPerHour: 40, media: 'mixed' });
    // The details query about today (the start-up backfill) finds nothing of a world that ended before it.
    const archive: StubArchive = {
      conversation: (media, id) => world.archive.conversation(media, id),
      detailsQuery: (body) => {
        const [from, to] = String((body as { interval: string }).interval).split('/').map((t) => Date.parse(t));
        return Math.min(to!, world.now) > from! ? world.archive.detailsQuery!(body) : { totalHits: 0 };
      },
    };
    stub = await startGenesysStub({ clientSecret: SECRET, heartbeatMs: 1_000, archive });
    const queues = [...new Set(world.feed.map((item) => item.payload.topicName.split('.')[3]!))];
    const served = await spawnServe(['--genesys', '--queues', queues.join(','), '--port', '0', '--data', tempDir(), '--retention', '24h'], {
      ...process.env,
      GENESYS_CLIENT_ID: stub.clientId, GENESYS_CLIENT_SECRET: SECRET, GENESYS_API_URL: stub.apiUrl, GENESYS_LOGIN_URL: stub.loginUrl, GENESYS_REGION: '',
    });
    cleanup(() => served.child.kill('SIGKILL'));
    const genesys = async () => ((await (await fetch(new URL('/healthz', served.url))).json()) as Health).sources.find((s) => s.name === 'genesys');
    const poll = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const value = await read();
        if (done(value)) return value;
        if (Date.now() > deadline) throw new Error(`${what}: never; last ${JSON.stringify(value)}\n${served.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await poll(genesys, (s) => s?.connection?.state === 'connected', 'connected');
    for (const item of world.feed) {
      world.now = Date.parse(item.time);
      stub.publish(item.payload.topicName, item.payload.eventBody);
    }
    const source = await poll(genesys, (s) => s?.connection?.notifications === world.feed.length && s.connection.backfills.count === 1, 'every notification received');
    expect(source).toMatchObject({
      kind: 'genesys', state: 'running', rejected: 0,
      connection: { state: 'connected', channels: [{ state: 'connected', topics: 2 * queues.length }], gaps: { count: 0 }, backfills: { count: 1 } },
    });
    const truth = carried(world.truth(world.now));
    const conversations = async () => carried((await (await fetch(new URL('/api/conversations?limit=10000', served.url))).json()) as ConversationSnapshot[]);
    expect(await poll(conversations, (state) => JSON.stringify(state) === JSON.stringify(truth), 'the world served')).toEqual(truth);
    expect(await stopServe(served)).toBe(130);
    expect(served.stderr()).toMatch(/genesys: connected/);
    expect(served.stderr()).not.toContain(SECRET);
  });
});
