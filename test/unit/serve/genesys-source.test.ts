import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorStatus } from '../../../src/connector/connector-status.js';
import type { ConversationSnapshot } from '../../../src/model/conversation-snapshot.js';
import type { Health } from '../../../src/serve/floor-frame.js';
import { startGenesysStub, type GenesysStub } from '../../support/genesys-stub/index.js';
import { carried, genesysWorld, type GenesysWorld, publishLost, silence } from '../../support/genesys-world.js';
import { testService, type TestService } from '../../support/service.js';

/** Short timings: heartbeats every 100 ms, retries from 20 ms. */
const TIMINGS = { heartbeatMs: 100, watchMs: 150, backoff: { initialMs: 20, maxMs: 200 } };
const SIMULATION = { seed: 11, start: '2026-11-21T08:00:00Z', duration: '40m', agents: 4, arrivalsPerHour: 40, media: 'mixed' } as const;
const SECRET = 'stub-secret-3b8e51d0';

interface Harness {
  readonly stub: GenesysStub;
  readonly world: GenesysWorld;
  readonly t: TestService;
  health(): Promise<Health>;
  genesys(): Promise<Health['sources'][number] & { connection: ConnectorStatus }>;
  /** Publishes feed items [from, to) one at a time, each once the service's connector received the one before. */
  play(from: number, to: number): Promise<void>;
  /** `GET /api/conversations`, reduced to what the payloads carry. */
  served(): Promise<ReturnType<typeof carried>>;
}

const open: { stub: GenesysStub; t?: TestService }[] = [];
afterEach(async () => {
  for (const { stub, t } of open.splice(0)) {
    await t?.stop();
    await stub.close();
  }
});

async function harness(options: { clientSecret?: string } = {}): Promise<Harness> {
  const world = genesysWorld(SIMULATION);
  const stub = await startGenesysStub({ clientSecret: SECRET, heartbeatMs: 100, archive: world.archive });
  const entry: { stub: GenesysStub; t?: TestService } = { stub };
  open.push(entry);
  const queues = [...new Set(world.feed.map((item) => item.payload.topicName.split('.')[3]!))];
  const t = await testService({
    retentionMs: 7 * 24 * 3_600_000,
    genesys: {
      environment: { clientId: stub.clientId, clientSecret: options.clientSecret ?? SECRET, apiUrl: stub.apiUrl, loginUrl: stub.loginUrl },
      queues, ...TIMINGS, clock: () => world.now, backfillFrom: world.now,
    },
  });
  entry.t = t;
  const health = async () => (await t.service.app.inject({ url: '/healthz' })).json<Health>();
  const genesys = async () => {
    const source = (await health()).sources.find((s) => s.name === 'genesys');
    expect(source?.connection).toBeDefined();
    return source as Health['sources'][number] & { connection: ConnectorStatus };
  };
  const received = async () => (await genesys()).connection.notifications;
  return {
    stub, world, t, health, genesys,
    async play(from, to) {
      for (const item of world.feed.slice(from, to)) {
        world.now = Date.parse(item.time);
        const before = await received();
        if (stub.publish(item.payload.topicName, item.payload.eventBody) === 0) continue;
        const deadline = Date.now() + 5_000;
        while (await received() <= before) {
          if (Date.now() > deadline) throw new Error(`notification at ${item.time} never received`);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      }
    },
    async served() {
      const answer = await t.service.app.inject({ url: '/api/conversations?limit=10000' });
      expect(answer.statusCode).toBe(200);
      return carried(answer.json<ConversationSnapshot[]>());
    },
  };
}

/** Waits until `predicate` holds of the genesys source (polled); throws with the last one seen. */
async function until(h: Harness, predicate: (source: Awaited<ReturnType<Harness['genesys']>>) => boolean, what: string, ms = 5_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const source = await h.genesys();
    if (predicate(source)) return source;
    if (Date.now() > deadline) throw new Error(`${what}: never; last ${JSON.stringify(source)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('serve with the Genesys Cloud connector as a source', () => {
  it('the tracker follows the queues exactly, and /healthz shows the connection under the genesys source', async () => {
    const h = await harness();
    await until(h, (s) => s.connection.state === 'connected' && s.connection.backfills.count >= 1, 'connected');
    await h.play(0, h.world.feed.length);
    await until(h, (s) => s.events > 0, 'events counted');
    expect(await h.served()).toEqual(carried(h.world.truth(h.world.now)));
    const source = await h.genesys();
    expect(source).toMatchObject({
      name: 'genesys', kind: 'genesys', state: 'running', rejected: 0,
      connection: {
        state: 'connected', detail: null, notifications: h.world.feed.length, unreadable: 0,
        channels: [{ id: expect.any(String), topics: 2, state: 'connected', connectedSince: expect.any(String) }],
        gaps: { count: 0, totalMs: 0, last: null },
        backfills: { count: 1 },
      },
    });
    expect(source.events).toBe(source.connection.events);
    expect(JSON.stringify(await h.health())).not.toContain(SECRET);
  });

  it('after the socket drops and comes back, /healthz counts one gap and its backfill, and the state is still exact', async () => {
    const h = await harness();
    await until(h, (s) => s.connection.state === 'connected', 'connected');
    const third = Math.floor(h.world.feed.length / 3);
    await h.play(0, third);
    await silence(h.stub);
    expect(h.stub.dropSockets()).toBe(1);
    // What Genesys sends while the socket is down is lost for good.
    publishLost(h.world, h.stub, h.world.feed.slice(third, 2 * third));
    h.stub.stallHeartbeats(false);
    const after = await until(h, (s) => s.connection.state === 'connected' && s.connection.backfills.count >= 2, 'reconnected and backfilled');
    expect(after).toMatchObject({
      state: 'running',
      connection: { gaps: { count: 1, last: { reason: expect.stringMatching(/1006/) } }, backfills: { count: 2, last: { fetched: expect.any(Number) } } },
    });
    expect(after.connection.backfills.last!.fetched).toBeGreaterThan(0);
    expect(after.connection.backfills.last!.found).toBeGreaterThan(0);
    expect(await h.served()).toEqual(carried(h.world.truth(h.world.now)));
    await h.play(2 * third, h.world.feed.length);
    expect(await h.served()).toEqual(carried(h.world.truth(h.world.now)));
    expect((await h.genesys()).rejected).toBe(0);
  });

  it('refused credentials fail the source with one line, and the service goes on serving', async () => {
    const wrong = 'wrong-secret-90c1a7';
    const h = await harness({ clientSecret: wrong });
    const source = await until(h, (s) => s.state === 'failed', 'failed');
    expect(source.detail).toMatch(/POST \/oauth\/token: 401 the login was refused/);
    expect(source.detail).not.toContain('\n');
    expect(JSON.stringify(await h.health())).not.toContain(wrong);
    expect(source.connection.state).toBe('failed');
    expect((await h.t.service.app.inject({ url: '/api/conversations' })).statusCode).toBe(200);
    const event = h.world.events[0]!;
    const posted = await h.t.service.app.inject({ method: 'POST', url: '/api/events', payload: `${JSON.stringify(event)}\n`, headers: { 'content-type': 'application/x-ndjson' } });
    expect(posted.statusCode).toBeLessThan(300);
    expect((await h.health()).ready).toBe(true);
  });
});
