import { afterEach, describe, expect, it } from 'vitest';
import {
  callApi,
  loginTo,
  openSocket,
  startGenesysStub,
  subscribedSocket,
  type GenesysStub,
  type GenesysStubOptions,
  type SocketClient,
} from '../../support/genesys-stub/index.js';

const queueChats = 'v2.routing.queues.q1.conversations.chats';
const isHeartbeat = (m: any) => m.topicName === 'channel.metadata' && m.eventBody?.message === 'WebSocket Heartbeat';
const isPong = (m: any) => m.topicName === 'channel.metadata' && m.eventBody?.message === 'pong';
/** A response's JSON body, loosely typed for assertions. */
const json = (res: Response): Promise<any> => res.json();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('Genesys Cloud stub', () => {
  const stubs: GenesysStub[] = [];
  const clients: SocketClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.ws.terminate();
    await Promise.all(stubs.splice(0).map((s) => s.close()));
  });
  const start = async (options: GenesysStubOptions = {}) => {
    const stub = await startGenesysStub(options);
    stubs.push(stub);
    return stub;
  };
  const keep = <T extends { client: SocketClient }>(opened: T) => {
    clients.push(opened.client);
    return opened;
  };
  const postToken = (stub: GenesysStub, authorization: string, body = 'grant_type=client_credentials') =>
    fetch(`${stub.loginUrl}/oauth/token`, { method: 'POST', headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' }, body });

  describe('login', () => {
    it('issues a bearer token for the right client credentials sent as HTTP Basic auth', async () => {
      const stub = await start({ clientId: 'id-1', clientSecret: 's3cret', tokenLifetimeSeconds: 3600 });
      const res = await postToken(stub, basic('id-1', 's3cret'));
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 3600 });
      expect((await callApi(stub, body.access_token, 'POST', '/api/v2/notifications/channels')).status).toBe(200);
    });

    it('refuses wrong credentials with 401 invalid_client and another grant with 400', async () => {
      const stub = await start();
      const wrong = await postToken(stub, basic(stub.clientId, 'nope'));
      expect(wrong.status).toBe(401);
      expect(await json(wrong)).toMatchObject({ error: 'invalid_client' });
      expect((await postToken(stub, `Bearer x`)).status).toBe(401);
      const grant = await postToken(stub, basic(stub.clientId, stub.clientSecret), 'grant_type=password');
      expect(grant.status).toBe(400);
      expect(await json(grant)).toMatchObject({ error: 'unsupported_grant_type' });
    });

    it('keeps login and API apart: the token endpoint is under loginUrl only', async () => {
      const stub = await start();
      expect(stub.loginUrl).not.toBe(stub.apiUrl);
      const res = await fetch(`${stub.apiUrl}/oauth/token`, { method: 'POST', headers: { authorization: basic(stub.clientId, stub.clientSecret) } });
      expect(res.status).toBe(404);
    });

    it('answers 429 with Retry-After on the first login, then succeeds once the client waited', async () => {
      const stub = await start();
      stub.failNext('login', 429, { retryAfterSeconds: 1 });
      const first = await postToken(stub, basic(stub.clientId, stub.clientSecret));
      expect(first.status).toBe(429);
      const retryAfter = Number(first.headers.get('retry-after'));
      expect(retryAfter).toBe(1);
      expect(await json(first)).toMatchObject({ status: 429, code: 'too.many.requests', message: expect.any(String) });
      await sleep(retryAfter * 1000);
      const second = await postToken(stub, basic(stub.clientId, stub.clientSecret));
      expect(second.status).toBe(200);
      const logins = stub.requests.filter((r) => r.route === 'login');
      expect(logins.map((r) => r.status)).toEqual([429, 200]);
      expect(logins[1]!.time - logins[0]!.time).toBeGreaterThanOrEqual(1000);
    });

    it('fails several requests in a row with times, and 5xx on API routes', async () => {
      const stub = await start();
      const token = await loginTo(stub);
      stub.failNext('channels', 503, { times: 2 });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await callApi(stub, token, 'POST', '/api/v2/notifications/channels')).status);
      expect(statuses).toEqual([503, 503, 200]);
    });
  });

  describe('tokens', () => {
    it('answers 401 without a token, with an unknown one, and after expireTokens until a new login', async () => {
      const stub = await start();
      expect((await callApi(stub, undefined, 'POST', '/api/v2/notifications/channels')).status).toBe(401);
      expect((await callApi(stub, 'made-up', 'POST', '/api/v2/notifications/channels')).status).toBe(401);
      const token = await loginTo(stub);
      expect((await callApi(stub, token, 'POST', '/api/v2/notifications/channels')).status).toBe(200);
      stub.expireTokens();
      const expired = await callApi(stub, token, 'POST', '/api/v2/notifications/channels');
      expect(expired.status).toBe(401);
      expect(await json(expired)).toMatchObject({ status: 401, code: expect.any(String), message: expect.any(String) });
      const fresh = await loginTo(stub);
      expect((await callApi(stub, fresh, 'POST', '/api/v2/notifications/channels')).status).toBe(200);
    });

    it('lets a token lapse after its lifetime', async () => {
      const stub = await start({ tokenLifetimeSeconds: 0.1 });
      const token = await loginTo(stub);
      expect((await callApi(stub, token, 'GET', '/api/v2/notifications/channels')).status).toBe(200);
      await sleep(150);
      expect((await callApi(stub, token, 'GET', '/api/v2/notifications/channels')).status).toBe(401);
      stub.setTokenLifetime(60);
      const res = await postToken(stub, basic(stub.clientId, stub.clientSecret));
      expect((await json(res)).expires_in).toBe(60);
    });

    it('revokeTokens tells open sockets with v2.system.token_revoked.{channelId} and stops the tokens', async () => {
      const stub = await start();
      const token = await loginTo(stub);
      const { channelId, client } = keep(await subscribedSocket(stub, token, [queueChats]));
      expect(stub.revokeTokens()).toBe(1);
      const message = await client.next((m) => String(m.topicName).startsWith('v2.system.token_revoked'));
      expect(message.topicName).toBe(`v2.system.token_revoked.${channelId}`);
      expect(message.eventBody).toMatchObject({ channelId, systemTopicType: 'token_revoked', reason: 'user_tokens_revoked' });
      expect((await callApi(stub, token, 'GET', '/api/v2/notifications/channels')).status).toBe(401);
    });
  });

  describe('channels and subscriptions', () => {
    it('creates a channel, subscribes, and its socket receives a message published on the topic', async () => {
      const stub = await start();
      const token = await loginTo(stub);
      const created = await callApi(stub, token, 'POST', '/api/v2/notifications/channels');
      const channel = await json(created);
      expect(channel).toEqual({ id: expect.stringMatching(/^streaming-/), connectUri: `${stub.apiUrl.replace('http', 'ws')}/channels/${channel.id}`, expires: expect.any(String) });
      expect(Date.parse(channel.expires) - Date.now()).toBeGreaterThan(23 * 3_600_000);

      const put = await callApi(stub, token, 'PUT', `/api/v2/notifications/channels/${channel.id}/subscriptions`, [{ id: queueChats }, { id: 'v2.users.u1.conversations.callbacks' }]);
      expect(put.status).toBe(200);
      expect(await json(put)).toEqual({ entities: [{ id: queueChats }, { id: 'v2.users.u1.conversations.callbacks' }] });
      const listed = await callApi(stub, token, 'GET', `/api/v2/notifications/channels/${channel.id}/subscriptions`);
      expect(await json(listed)).toEqual({ entities: [{ id: queueChats }, { id: 'v2.users.u1.conversations.callbacks' }] });

      const client = await openSocket(channel.connectUri);
      clients.push(client);
      await stub.waitFor(() => stub.socketsOpen() === 1);
      expect(stub.channels()).toEqual([expect.objectContaining({ id: channel.id, connected: true, topics: [queueChats, 'v2.users.u1.conversations.callbacks'] })]);

      expect(stub.publish(queueChats, { id: 'c1', participants: [] }, { correlationId: 'corr-1' })).toBe(1);
      expect(await client.next((m) => m.topicName === queueChats)).toEqual({ topicName: queueChats, version: '2', eventBody: { id: 'c1', participants: [] }, metadata: { CorrelationId: 'corr-1' } });
      expect(stub.publish('v2.routing.queues.other.conversations.chats', {})).toBe(0);
    });

    it('replaces the topic list on PUT, adds on POST, and empties it on DELETE', async () => {
      const stub = await start();
      const token = await loginTo(stub);
      const { id } = await json(await callApi(stub, token, 'POST', '/api/v2/notifications/channels'));
      const path = `/api/v2/notifications/channels/${id}/subscriptions`;
      await callApi(stub, token, 'PUT', path, [{ id: 'v2.a.one' }, { id: 'v2.a.two' }]);
      await callApi(stub, token, 'PUT', path, [{ id: 'v2.a.three' }]);
      expect(await json(await callApi(stub, token, 'POST', path, [{ id: 'v2.a.four' }]))).toEqual({ entities: [{ id: 'v2.a.three' }, { id: 'v2.a.four' }] });
      expect((await callApi(stub, token, 'DELETE', path)).status).toBe(204);
      expect(stub.channels()[0]!.topics).toEqual([]);
    });

    it('refuses more than 1,000 topics with a Genesys 400, accepts exactly 1,000', async () => {
      const stub = await start();
      const token = await loginTo(stub);
      const { id } = await json(await callApi(stub, token, 'POST', '/api/v2/notifications/channels'));
      const topics = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `v2.routing.queues.q${i}.conversations.chats` }));
      const path = `/api/v2/notifications/channels/${id}/subscriptions`;
      const over = await callApi(stub, token, 'PUT', path, topics(1001));
      expect(over.status).toBe(400);
      expect(await json(over)).toMatchObject({ status: 400, code: expect.any(String), message: expect.stringContaining('1000') });
      expect(stub.channels()[0]!.topics).toEqual([]);
      expect((await callApi(stub, token, 'PUT', path, topics(1000))).status).toBe(200);
      expect((await callApi(stub, token, 'POST', path, [{ id: 'v2.one.more' }])).status).toBe(400);
    });

    it('answers 404 for an unknown channel and 400 for a body that is not a topic list', async () => {
      const stub = await start();
      const token = await loginTo(stub);
      const unknown = await callApi(stub, token, 'PUT', '/api/v2/notifications/channels/streaming-0-nope/subscriptions', [{ id: queueChats }]);
      expect(unknown.status).toBe(404);
      expect(await json(unknown)).toMatchObject({ status: 404, code: 'not.found' });
      const { id } = await json(await callApi(stub, token, 'POST', '/api/v2/notifications/channels'));
      expect((await callApi(stub, token, 'PUT', `/api/v2/notifications/channels/${id}/subscriptions`, { id: queueChats })).status).toBe(400);
      expect((await callApi(stub, token, 'PUT', `/api/v2/notifications/channels/${id}/subscriptions`, [{ id: 'not-a-topic' }])).status).toBe(400);
      const ignored = await callApi(stub, token, 'PUT', `/api/v2/notifications/channels/${id}/subscriptions?ignoreErrors=true`, [{ id: 'not-a-topic' }, { id: queueChats }]);
      expect(await json(ignored)).toEqual({ entities: [{ id: queueChats }] });
    });

    it('HEAD answers 200 for a live channel, 404 once deleted, and its socket can no longer connect', async () => {
      const stub = await start();
      const token = await loginTo(stub);
      const { channelId, connectUri, client } = keep(await subscribedSocket(stub, token, [queueChats]));
      expect((await callApi(stub, token, 'HEAD', `/api/v2/notifications/channels/${channelId}`)).status).toBe(200);
      expect((await callApi(stub, token, 'DELETE', `/api/v2/notifications/channels/${channelId}`)).status).toBe(204);
      expect((await client.closed).code).toBe(1001);
      expect((await callApi(stub, token, 'HEAD', `/api/v2/notifications/channels/${channelId}`)).status).toBe(404);
      await expect(openSocket(connectUri)).rejects.toThrow(/404/);
    });

    it('lets a channel expire after its lifetime unless resubscribed', async () => {
      const stub = await start({ channelLifetimeMs: 500 });
      const token = await loginTo(stub);
      const { channelId, client } = keep(await subscribedSocket(stub, token, [queueChats]));
      await sleep(300);
      await callApi(stub, token, 'PUT', `/api/v2/notifications/channels/${channelId}/subscriptions`, [{ id: queueChats }]);
      await sleep(300);
      expect((await callApi(stub, token, 'HEAD', `/api/v2/notifications/channels/${channelId}`)).status).toBe(200);
      expect((await client.closed).code).toBe(1001);
      expect((await callApi(stub, token, 'HEAD', `/api/v2/notifications/channels/${channelId}`)).status).toBe(404);
    });
  });

  describe('the WebSocket', () => {
    it('answers {"message":"ping"} with a pong', async () => {
      const stub = await start();
      const { client } = keep(await subscribedSocket(stub, await loginTo(stub), [queueChats]));
      client.send({ message: 'ping' });
      expect(await client.next(isPong)).toEqual({ topicName: 'channel.metadata', eventBody: { message: 'pong' } });
    });

    it('sends a heartbeat every heartbeatMs', async () => {
      const stub = await start({ heartbeatMs: 50 });
      const { client } = keep(await subscribedSocket(stub, await loginTo(stub), [queueChats]));
      await stub.waitFor(() => client.messages.filter(isHeartbeat).length >= 3, 2_000, 'three heartbeats');
      expect(client.messages[0]).toEqual({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });
    });

    it('closes the first socket when a second one connects to the same channel', async () => {
      const stub = await start();
      const { connectUri, client: first } = keep(await subscribedSocket(stub, await loginTo(stub), [queueChats]));
      const second = await openSocket(connectUri);
      clients.push(second);
      expect((await first.closed).code).toBe(1001);
      expect(stub.socketsOpen()).toBe(1);
      expect(stub.publish(queueChats, { n: 1 })).toBe(1);
      await second.next((m) => m.topicName === queueChats);
      expect(first.messages.some((m: any) => m.topicName === queueChats)).toBe(false);
    });

    it('dropSockets ends the TCP connection without a close frame: the client sees 1006', async () => {
      const stub = await start();
      const { client } = keep(await subscribedSocket(stub, await loginTo(stub), [queueChats]));
      expect(stub.dropSockets()).toBe(1);
      expect((await client.closed).code).toBe(1006);
      await stub.waitFor(() => stub.socketsOpen() === 0);
      expect(stub.channels()[0]!.connected).toBe(false);
    });

    it('stallHeartbeats keeps the socket open but silent, losing what was published meanwhile', async () => {
      const stub = await start({ heartbeatMs: 50 });
      const { client } = keep(await subscribedSocket(stub, await loginTo(stub), [queueChats]));
      await client.next(isHeartbeat);
      stub.stallHeartbeats(true);
      const before = client.messages.length;
      expect(stub.publish(queueChats, { lost: true })).toBe(0);
      client.send({ message: 'ping' });
      await sleep(200);
      expect(client.messages.length).toBe(before);
      expect(stub.socketsOpen()).toBe(1);
      stub.stallHeartbeats(false);
      expect(stub.publish(queueChats, { lost: false })).toBe(1);
      await client.next((m) => m.eventBody?.lost === false);
      expect(client.messages.some((m: any) => m.eventBody?.lost === true)).toBe(false);
    });

    it('sends duplicates with the same CorrelationId', async () => {
      const stub = await start();
      const { client } = keep(await subscribedSocket(stub, await loginTo(stub), [queueChats]));
      expect(stub.publish(queueChats, { n: 1 }, { duplicate: true })).toBe(1);
      await stub.waitFor(() => client.messages.filter((m: any) => m.topicName === queueChats).length === 2);
      const [a, b] = client.messages.filter((m: any) => m.topicName === queueChats) as any[];
      expect(a).toEqual(b);
    });

    it('warnSocketClosing sends v2.system.socket_closing, then closes with 1001 and can delete the channel', async () => {
      const stub = await start();
      const token = await loginTo(stub);
      const { channelId, connectUri, client } = keep(await subscribedSocket(stub, token, [queueChats]));
      const closing = stub.warnSocketClosing({ deleteChannel: true, closeAfterMs: 100 });
      const warning = await client.next((m) => m.topicName === 'v2.system.socket_closing');
      expect(warning).toMatchObject({ version: '2', eventBody: { channelId }, metadata: { CorrelationId: expect.any(String) } });
      expect(stub.socketsOpen()).toBe(1);
      expect(await closing).toBe(1);
      expect((await client.closed).code).toBe(1001);
      expect((await callApi(stub, token, 'HEAD', `/api/v2/notifications/channels/${channelId}`)).status).toBe(404);
      await expect(openSocket(connectUri)).rejects.toThrow(/404/);
    });

    it('warnSocketClosing without deleteChannel leaves the channel for a reconnect', async () => {
      const stub = await start();
      const { connectUri, client } = keep(await subscribedSocket(stub, await loginTo(stub), [queueChats]));
      expect(await stub.warnSocketClosing()).toBe(1);
      expect((await client.closed).code).toBe(1001);
      const again = await openSocket(connectUri);
      clients.push(again);
      expect(stub.publish(queueChats, {})).toBe(1);
    });

    it('noLongerSubscribed sends v2.system.no_longer_subscribed.{channelId} and drops the topics', async () => {
      const stub = await start();
      const { channelId, client } = keep(await subscribedSocket(stub, await loginTo(stub), [queueChats]));
      expect(stub.noLongerSubscribed(channelId)).toBe(1);
      const message = await client.next((m) => String(m.topicName).startsWith('v2.system.no_longer_subscribed'));
      expect(message).toMatchObject({ topicName: `v2.system.no_longer_subscribed.${channelId}`, eventBody: { channelId, systemTopicType: 'no_longer_subscribed' } });
      expect(stub.channels()[0]!.topics).toEqual([]);
      expect(stub.publish(queueChats, {})).toBe(0);
    });

    it('publishRaw sends hostile text as is', async () => {
      const stub = await start();
      const { client } = keep(await subscribedSocket(stub, await loginTo(stub), [queueChats]));
      expect(stub.publishRaw('{not json')).toBe(1);
      expect(stub.publishRaw('{"__proto__":{"polluted":true},"topicName":"x"}')).toBe(1);
      await stub.waitFor(() => client.messages.length >= 2);
      expect(client.messages[0]).toBe('{not json');
    });

    it('subscribes in-band on the socket', async () => {
      const stub = await start();
      const { client } = keep(await subscribedSocket(stub, await loginTo(stub), []));
      client.send({ message: 'subscribe', topics: [queueChats], correlationId: 'k1' });
      expect(await client.next((m) => m.correlationId === 'k1')).toEqual({ result: '200', status: 'subscribed', correlationId: 'k1' });
      expect(stub.publish(queueChats, {})).toBe(1);
    });

    it('refuses an upgrade on an unknown channel with 404, and a socket fault with its status', async () => {
      const stub = await start();
      await expect(openSocket(`${stub.apiUrl.replace('http', 'ws')}/channels/streaming-0-nope`)).rejects.toThrow(/404/);
      const { connectUri } = await json(await callApi(stub, await loginTo(stub), 'POST', '/api/v2/notifications/channels'));
      stub.failNext('socket', 503);
      await expect(openSocket(connectUri)).rejects.toThrow(/503/);
      clients.push(await openSocket(connectUri));
    });
  });

  describe('archive', () => {
    const archive = {
      conversation: (media: 'chat' | 'callback', id: string) => (id === 'known' ? { id, media } : undefined),
      detailsQuery: (body: unknown) => ({ conversations: [{ conversationId: 'c9' }], totalHits: 1, asked: body }),
    };

    it('answers chat and callback reads from the archive, 404 with a Genesys body otherwise', async () => {
      const stub = await start({ archive });
      const token = await loginTo(stub);
      expect(await json(await callApi(stub, token, 'GET', '/api/v2/conversations/chats/known'))).toEqual({ id: 'known', media: 'chat' });
      expect(await json(await callApi(stub, token, 'GET', '/api/v2/conversations/callbacks/known'))).toEqual({ id: 'known', media: 'callback' });
      const missing = await callApi(stub, token, 'GET', '/api/v2/conversations/chats/gone');
      expect(missing.status).toBe(404);
      expect(await json(missing)).toMatchObject({ status: 404, code: 'not.found', message: expect.any(String) });
      stub.failNext('conversation', 429, { retryAfterSeconds: 3 });
      const limited = await callApi(stub, token, 'GET', '/api/v2/conversations/chats/known');
      expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
    });

    it('answers the details query from the archive and records its body', async () => {
      const stub = await start({ archive });
      const token = await loginTo(stub);
      const query = { interval: '2024-01-01T00:00:00Z/2024-01-01T01:00:00Z', paging: { pageSize: 100, pageNumber: 1 } };
      const res = await callApi(stub, token, 'POST', '/api/v2/analytics/conversations/details/query', query);
      expect(await json(res)).toEqual({ conversations: [{ conversationId: 'c9' }], totalHits: 1, asked: query });
      expect(stub.detailsQueries).toEqual([query]);
      expect(stub.requests.at(-1)).toMatchObject({ method: 'POST', route: 'details', status: 200, body: query });
    });

    it('without an archive: conversations 404, details { totalHits: 0 }', async () => {
      const stub = await start();
      const token = await loginTo(stub);
      expect((await callApi(stub, token, 'GET', '/api/v2/conversations/chats/x')).status).toBe(404);
      expect(await json(await callApi(stub, token, 'POST', '/api/v2/analytics/conversations/details/query', {}))).toEqual({ totalHits: 0 });
    });
  });

  it('refuses a body over the bound with 413', async () => {
    const stub = await start({ maxBodyBytes: 1024 });
    const token = await loginTo(stub);
    const res = await callApi(stub, token, 'POST', '/api/v2/analytics/conversations/details/query', { pad: 'x'.repeat(2048) });
    expect(res.status).toBe(413);
    expect(await json(res)).toMatchObject({ status: 413 });
  });

  it('close() ends sockets and the server', async () => {
    const stub = await start({ heartbeatMs: 20 });
    const { client } = keep(await subscribedSocket(stub, await loginTo(stub), [queueChats]));
    const stillOpen = stub.warnSocketClosing({ closeAfterMs: 60_000 });
    await stub.close();
    expect(await stillOpen).toBe(0);
    expect((await client.closed).code).toBe(1006);
    await expect(fetch(`${stub.apiUrl}/api/v2/notifications/channels`)).rejects.toThrow();
  });
});
