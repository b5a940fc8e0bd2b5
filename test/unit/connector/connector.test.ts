import { afterEach, describe, expect, it } from 'vitest';
import { startGenesysConnector, type GenesysConnector } from '../../../src/connector/genesys-connector.js';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import type { FeedItem } from '../../../src/payloads/index.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { startGenesysStub, type GenesysStub } from '../../support/genesys-stub/index.js';
import { carried, genesysWorld, publishInTurn, type GenesysWorld, publishLost, silence } from '../../support/genesys-world.js';

/** Short timings: heartbeats every 100 ms, so a stall is found in a third of a second. */
const TIMINGS = { heartbeatMs: 100, watchMs: 150, backoff: { initialMs: 20, maxMs: 200 }, lateBackfillMs: 300 };
const SIMULATION = { seed: 11, start: '2026-11-21T08:00:00Z', duration: '40m', agents: 4, arrivalsPerHour: 40, media: 'mixed' } as const;

interface Harness {
  readonly stub: GenesysStub;
  readonly world: GenesysWorld;
  readonly connector: GenesysConnector;
  readonly events: TrackerEvent[];
  readonly notices: string[];
  /** Publishes feed items [from, to) in order, each once the one before was received; resolves with how many a socket took. */
  play(from: number, to: number): Promise<number>;
  /** The connector's events replayed, reduced to what the payloads carry. */
  replayed(): ReturnType<typeof carried>;
}

const open: { stub?: GenesysStub; connector?: GenesysConnector }[] = [];

afterEach(async () => {
  for (const { stub, connector } of open.splice(0)) {
    await connector?.stop();
    await stub?.close();
  }
});

async function harness(options: { world?: GenesysWorld; queues?: string[]; users?: string[]; beforeStart?: (stub: GenesysStub) => void; channelLifetimeMs?: number } = {}): Promise<Harness> {
  const world = options.world ?? genesysWorld(SIMULATION);
  const stub = await startGenesysStub({ heartbeatMs: 100, archive: world.archive, ...(options.channelLifetimeMs === undefined ? {} : { channelLifetimeMs: options.channelLifetimeMs }) });
  const entry: { stub?: GenesysStub; connector?: GenesysConnector } = { stub };
  open.push(entry);
  options.beforeStart?.(stub);
  const events: TrackerEvent[] = [];
  const notices: string[] = [];
  const queues = options.queues ?? [...new Set(world.feed.map((item) => item.payload.topicName.split('.')[3]!))];
  const connector = startGenesysConnector({
    environment: { clientId: stub.clientId, clientSecret: stub.clientSecret, apiUrl: stub.apiUrl, loginUrl: stub.loginUrl },
    queues, ...(options.users === undefined ? {} : { users: options.users }), ...TIMINGS,
    backfillFrom: world.now,
    clock: () => world.now,
    onEvents: (batch) => events.push(...batch),
    onNotice: (line) => notices.push(line),
  });
  entry.connector = connector;
  return {
    stub, world, connector, events, notices,
    async play(from, to) {
      let sent = 0;
      for (const item of world.feed.slice(from, to)) sent += await publishInTurn(world, stub, item, () => connector.status().notifications);
      return sent;
    },
    replayed() {
      const tracker = createTracker();
      const results = tracker.load(events);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      return carried(tracker.conversations());
    },
  };
}

/** The simulator's own state at the world's clock, reduced to what the payloads carry. */
const truth = (world: GenesysWorld) => carried(world.truth(world.now));

/**
 * Stalls the socket with the connector's clock where it is, loses `items` to the stall, and waits
 * until the connector declared the socket dead, connected again and backfilled the gap.
 */
async function loseInStall(h: Harness, items: readonly FeedItem[]): Promise<void> {
  await silence(h.stub);
  publishLost(h.world, h.stub, items);
  await h.stub.waitFor(() => h.connector.status().gaps.count >= 1, 3000, 'the stalled socket declared dead and replaced');
  h.stub.stallHeartbeats(false);
  await h.stub.waitFor(() => h.connector.status().backfills.count >= 2 && h.connector.status().state === 'connected', 5000, 'the backfill after the stall');
}

describe('Genesys Cloud connector against a local Genesys stub', () => {
  it('logs in after a 429 on the first login (honouring Retry-After), subscribes the queue topics and tracks every notification exactly', async () => {
    const h = await harness({ beforeStart: (stub) => stub.failNext('login', 429, { retryAfterSeconds: 1 }) });
    await h.connector.ready;
    const logins = h.stub.requests.filter((r) => r.route === 'login');
    expect(logins.map((r) => r.status)).toEqual([429, 200]);
    expect(logins[1]!.time - logins[0]!.time).toBeGreaterThanOrEqual(950);
    const [channel] = h.stub.channels();
    expect(channel!.topics).toEqual(expect.arrayContaining([expect.stringMatching(/^v2\.routing\.queues\..+\.conversations\.chats$/), expect.stringMatching(/\.conversations\.callbacks$/)]));
    await h.play(0, h.world.feed.length);
    expect(h.replayed()).toEqual(truth(h.world));
    expect(h.connector.status()).toMatchObject({ state: 'connected', gaps: { count: 0 } });
  });

  it('a socket dropped without a close frame while conversations go on changing: the gap is backfilled over REST and the state is exact', async () => {
    const h = await harness();
    await h.connector.ready;
    const third = Math.floor(h.world.feed.length / 3);
    await h.play(0, third);
    await silence(h.stub);
    expect(h.stub.dropSockets()).toBe(1);
    // What Genesys sends while the socket is down is lost for good.
    publishLost(h.world, h.stub, h.world.feed.slice(third, 2 * third));
    h.stub.stallHeartbeats(false);
    await h.stub.waitFor(() => h.connector.status().backfills.count >= 2, 5000, 'the backfill after the gap');
    expect(h.replayed()).toEqual(truth(h.world));
    await h.play(2 * third, h.world.feed.length);
    expect(h.replayed()).toEqual(truth(h.world));
    const status = h.connector.status();
    expect(status.gaps.count).toBe(1);
    expect(status.gaps.last?.reason).toMatch(/1006/);
    expect(status.backfills.last?.fetched).toBeGreaterThan(0);
    expect(h.notices.some((line) => /gap closed after/.test(line))).toBe(true);
    // The gap is looked at once more, for conversations analytics did not know yet.
    await h.stub.waitFor(() => h.connector.status().backfills.count >= 3, 3000, 'the second look at the gap');
    const intervals = h.stub.detailsQueries.map((query) => (query as { interval: string }).interval);
    const lookedFrom = new Date(Date.parse(status.gaps.last!.from) - 60_000).toISOString();
    expect(intervals.filter((interval) => interval === `${lookedFrom}/${status.gaps.last!.to}`)).toHaveLength(2);
  });

  it('a heartbeat stall with the socket open: a ping gets no answer, the socket is declared dead and replaced, and the gap is backfilled', async () => {
    const h = await harness();
    await h.connector.ready;
    await h.stub.waitFor(() => h.connector.status().channels[0]!.heartbeatMs !== null, 2000, 'a heartbeat interval observed');
    const half = Math.floor(h.world.feed.length / 2);
    await h.play(0, half);
    await loseInStall(h, h.world.feed.slice(half, half + 20));
    expect(h.connector.status().gaps.last?.reason).toMatch(/no heartbeat or pong/);
    expect(h.stub.requests.filter((r) => r.route === 'socket').length).toBeGreaterThanOrEqual(2);
    await h.play(half + 20, h.world.feed.length);
    expect(h.replayed()).toEqual(truth(h.world));
  });

  it('a conversation told of only after later heartbeats, every notification of it lost: the backfill looks from a minute before the gap and finds it', async () => {
    const h = await harness();
    await h.connector.ready;
    const half = Math.floor(h.world.feed.length / 2);
    await h.play(0, half);
    const told = new Set(h.world.feed.slice(0, half).map((item) => item.payload.eventBody.id));
    const fresh = h.world.feed.findIndex((item, index) => index >= half && !told.has(item.payload.eventBody.id));
    expect(fresh).toBeGreaterThanOrEqual(half);
    // Heartbeats keep coming for 30 s after the conversation began, before any notification of it.
    h.world.now = Date.parse(h.world.feed[fresh]!.time) + 30_000;
    const lastSignOfLife = new Date(h.world.now).toISOString();
    await h.stub.waitFor(() => h.connector.status().lastMessageAt === lastSignOfLife, 2000, 'a heartbeat after the conversation began');
    await loseInStall(h, h.world.feed.slice(half, fresh + 1));
    const gap = h.connector.status().gaps.last!;
    expect(gap.from).toBe(lastSignOfLife);
    expect(h.stub.detailsQueries.at(-1)).toMatchObject({ interval: `${new Date(Date.parse(gap.from) - 60_000).toISOString()}/${gap.to}` });
    expect(Object.keys(h.replayed())).toContain(h.world.feed[fresh]!.payload.eventBody.id);
    await h.play(fresh + 1, h.world.feed.length);
    expect(h.replayed()).toEqual(truth(h.world));
  });

  it('socket_closing followed by the channel\'s deletion: a new channel with its subscriptions, and nothing lost', async () => {
    const h = await harness();
    await h.connector.ready;
    const half = Math.floor(h.world.feed.length / 2);
    await h.play(0, half);
    const first = h.stub.channels()[0]!.id;
    await h.stub.warnSocketClosing({ deleteChannel: true, closeAfterMs: 100 });
    await h.stub.waitFor(() => h.stub.channels().some((c) => c.id !== first && c.connected), 3000, 'a new channel connected');
    const second = h.stub.channels().find((c) => c.id !== first)!;
    expect(second.topics).toEqual(h.stub.channels().find((c) => c.id === first)?.topics ?? second.topics);
    await h.play(half, h.world.feed.length);
    expect(h.replayed()).toEqual(truth(h.world));
    expect(h.connector.status().gaps.count).toBe(0);
  });

  it('renews a channel before it expires: the new channel\'s socket opens before the old one goes, so no gap opens', async () => {
    const h = await harness({ channelLifetimeMs: 700 });
    await h.connector.ready;
    const half = Math.floor(h.world.feed.length / 2);
    await h.play(0, half);
    await h.stub.waitFor(() => h.stub.requests.filter((r) => r.route === 'channels' && r.method === 'POST').length >= 3, 3000, 'two renewals');
    await h.play(half, h.world.feed.length);
    expect(h.connector.status().gaps.count).toBe(0);
    expect(h.replayed()).toEqual(truth(h.world));
    expect(h.notices.some((line) => /the channel is about to expire: moving channel/.test(line))).toBe(true);
  });

  it('no_longer_subscribed and a token revoked each lead to a new channel and new subscriptions, then a backfill', async () => {
    const h = await harness();
    await h.connector.ready;
    const third = Math.floor(h.world.feed.length / 3);
    await h.play(0, third);
    h.stub.noLongerSubscribed();
    await h.stub.waitFor(() => h.stub.channels().filter((c) => c.connected && c.topics.length > 0).length === 1 && h.connector.status().backfills.count >= 2, 3000, 'resubscribed');
    await h.play(third, 2 * third);
    h.stub.revokeTokens();
    await h.stub.waitFor(() => h.connector.status().backfills.count >= 3, 3000, 'resubscribed after the revocation');
    await h.play(2 * third, h.world.feed.length);
    expect(h.replayed()).toEqual(truth(h.world));
    expect(h.stub.requests.filter((r) => r.route === 'login').length).toBeGreaterThanOrEqual(2);
  });

  it('a {"result":"404"} on the socket (the channel expired or was replaced) leads to a new channel', async () => {
    const h = await harness();
    await h.connector.ready;
    const first = h.stub.channels()[0]!.id;
    h.stub.publishRaw('{"result":"404","message":"channel not found"}');
    await h.stub.waitFor(() => h.stub.channels().some((c) => c.id !== first && c.connected && c.topics.length > 0), 3000, 'a new subscribed channel');
    await h.play(0, h.world.feed.length);
    expect(h.replayed()).toEqual(truth(h.world));
  });

  it('a token that expires early: the 401 makes it log in again, and the call goes through', async () => {
    const h = await harness();
    await h.connector.ready;
    h.stub.expireTokens();
    h.stub.dropSockets();
    await h.stub.waitFor(() => h.connector.status().backfills.count >= 2, 3000, 'the backfill after the drop');
    const statuses = h.stub.requests.filter((r) => r.route !== 'socket').map((r) => r.status);
    expect(statuses).toContain(401);
    expect(h.stub.requests.filter((r) => r.route === 'login' && r.status === 200).length).toBe(2);
    expect(h.notices.some((line) => /401, the token is no longer valid; logging in again/.test(line))).toBe(true);
  });

  it('duplicate and out-of-order notifications give the same state as the feed in order', async () => {
    const h = await harness();
    await h.connector.ready;
    const items = h.world.feed.map((item, i) => ({ item, i }));
    // Swap neighbours and send every fifth one twice.
    for (let i = 0; i + 1 < items.length; i += 2) [items[i], items[i + 1]] = [items[i + 1]!, items[i]!];
    for (const { item, i } of items) await publishInTurn(h.world, h.stub, item, () => h.connector.status().notifications, { duplicate: i % 5 === 0 });
    expect(h.replayed()).toEqual(truth(h.world));
  });

  it('a user topic notification, which dates no participant\'s start, makes the connector fetch the conversation over REST, which does', async () => {
    const h = await harness({ users: ['agent-user-1'] });
    await h.connector.ready;
    const item = h.world.feed.find((f) => f.payload.topicName.endsWith('.chats') && f.payload.eventBody.participants.some((p) => p.state === 'connected'))!;
    h.world.now = Date.parse(item.time);
    const undated = { ...item.payload.eventBody, participants: item.payload.eventBody.participants.map(({ startTime: _startTime, ...p }) => p) };
    h.stub.publish('v2.users.agent-user-1.conversations.chats', undated);
    const path = `/api/v2/conversations/chats/${item.payload.eventBody.id}`;
    await h.stub.waitFor(() => h.stub.requests.some((r) => r.path === path && r.status === 200), 3000, 'the conversation fetched');
    await h.stub.waitFor(() => h.events.length > 0, 3000, 'its events');
    const id = item.payload.eventBody.id;
    expect(h.replayed()[id]).toEqual(truth(h.world)[id]);
    expect(h.stub.requests.filter((r) => r.path === path)).toHaveLength(1);
  });

  it('hostile messages are skipped and counted, and the stream goes on', async () => {
    const h = await harness();
    await h.connector.ready;
    h.stub.publishRaw('{not json');
    h.stub.publishRaw(JSON.stringify({ topicName: h.world.feed[0]!.payload.topicName, eventBody: JSON.parse('{"__proto__":{"polluted":true},"id":"x"}') }));
    await h.play(0, h.world.feed.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(h.connector.status().unreadable).toBe(1);
    expect(h.replayed()).toEqual(truth(h.world));
  });

  it('refused credentials stop the connector with one clear line that never shows the secret', async () => {
    const world = genesysWorld(SIMULATION);
    const stub = await startGenesysStub({ archive: world.archive });
    const connector = startGenesysConnector({
      environment: { clientId: stub.clientId, clientSecret: 'wrong-secret-value', apiUrl: stub.apiUrl, loginUrl: stub.loginUrl },
      queues: ['q1'], ...TIMINGS, onEvents: () => undefined,
    });
    open.push({ stub, connector });
    await expect(connector.done).rejects.toThrow(/POST \/oauth\/token: 401 the login was refused/);
    expect(connector.status().state).toBe('failed');
    expect(connector.status().detail).not.toContain('wrong-secret-value');
  });

  it('spreads more than 1,000 topics over several channels', async () => {
    const world = genesysWorld(SIMULATION);
    const queues = Array.from({ length: 700 }, (_, i) => `queue-${i}`);
    const h = await harness({ world, queues });
    await h.connector.ready;
    expect(h.stub.channels().map((c) => c.topics.length).sort((a, b) => b - a)).toEqual([1000, 400]);
    expect(h.stub.socketsOpen()).toBe(2);
  });
});
