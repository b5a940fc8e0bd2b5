import { createServer, STATUS_CODES, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ChannelRegistry } from './channels.js';
import { Delays } from './delays.js';
import { envelope, noLongerSubscribed, socketClosing, tokenRevoked } from './envelopes.js';
import { FaultPlan } from './faults.js';
import { answerInBand } from './in-band.js';
import { LiveSocket, type SendGate } from './live-socket.js';
import { handleRequest, type RouteContext } from './routes.js';
import { TokenStore } from './tokens.js';
import type { GenesysStub, GenesysStubOptions, RecordedRequest } from './types.js';
import { waitFor } from './wait-for.js';

export type * from './types.js';
export { waitFor } from './wait-for.js';

/**
 * Starts a local Genesys Cloud on 127.0.0.1 (a free port): client-credentials login, notification
 * channels, subscriptions and their WebSockets (heartbeats, ping/pong, one socket per channel,
 * system messages), conversation reads and the analytics details query answered from `archive`,
 * plus faults to inject. Close it with `close()`.
 *
 * @example
 * const stub = await startGenesysStub({ heartbeatMs: 100, archive });
 * stub.failNext('login', 429, { retryAfterSeconds: 1 });
 * // … connect with { loginUrl: stub.loginUrl, apiUrl: stub.apiUrl, clientId: stub.clientId, clientSecret: stub.clientSecret }
 * stub.publish('v2.routing.queues.q1.conversations.chats', conversation);
 * await stub.close();
 */
export async function startGenesysStub(options: GenesysStubOptions = {}): Promise<GenesysStub> {
  const clientId = options.clientId ?? 'stub-client';
  const clientSecret = options.clientSecret ?? 'stub-secret';
  const heartbeatMs = positive('heartbeatMs', options.heartbeatMs ?? 30_000);
  const maxTopicsPerChannel = options.maxTopicsPerChannel ?? 1_000;
  const tokens = new TokenStore(positive('tokenLifetimeSeconds', options.tokenLifetimeSeconds ?? 86_400));
  const faults = new FaultPlan();
  const gate: SendGate = { stalled: false };
  const delays = new Delays();
  const live = new Set<LiveSocket>();
  const requests: RecordedRequest[] = [];
  const detailsQueries: unknown[] = [];
  let pings = 0;
  let origin = '';
  const channels = new ChannelRegistry(
    { lifetimeMs: positive('channelLifetimeMs', options.channelLifetimeMs ?? 24 * 3_600_000), maxChannels: options.maxChannels ?? 20 },
    (id) => `${origin.replace(/^http/, 'ws')}/channels/${id}`,
  );
  const context: RouteContext = {
    clientId,
    clientSecret,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    maxTopicsPerChannel,
    archive: options.archive,
    tokens,
    faults,
    channels,
    requests,
    detailsQueries,
  };

  const server = createServer((req, res) => {
    handleRequest(context, req, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: context.maxBodyBytes });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = req.url ?? '/';
    const record: RecordedRequest = { method: req.method ?? 'GET', path, route: 'socket', time: Date.now(), status: 0 };
    requests.push(record);
    const refuse = (status: number, headers: Record<string, string> = {}) => {
      record.status = status;
      const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`, 'Connection: close', 'Content-Length: 0', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      socket.end(`${lines.join('\r\n')}\r\n\r\n`);
    };
    const fault = faults.take('socket');
    if (fault !== undefined) return refuse(fault.status, fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) });
    const match = /^\/channels\/([^/?]+)(\?.*)?$/.exec(path);
    const channel = match === null ? undefined : channels.get(decodeURIComponent(match[1]!));
    if (channel === undefined) return refuse(404);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const liveSocket = new LiveSocket(ws, socket, channel.id, gate, heartbeatMs, (s, message) => answerInBand(channels, maxTopicsPerChannel, s, message), () => pings++);
      live.add(liveSocket);
      liveSocket.onClosed(() => live.delete(liveSocket));
      record.status = 101;
      if (channels.get(channel.id) === undefined) return liveSocket.close(1001, 'Channel closed');
      channels.attach(channel, liveSocket);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sendEach = (sockets: readonly LiveSocket[], text: (socket: LiveSocket) => string) => sockets.filter((s) => s.send(text(s))).length;
  let closed: Promise<void> | undefined;

  return {
    loginUrl: `${origin}/login`,
    apiUrl: origin,
    clientId,
    clientSecret,
    requests,
    detailsQueries,
    failNext: (route, status, failOptions) => faults.add(route, status, failOptions),
    setTokenLifetime: (seconds) => void (tokens.lifetimeSeconds = positive('tokenLifetimeSeconds', seconds)),
    expireTokens: () => tokens.invalidateAll(),
    revokeTokens() {
      tokens.invalidateAll();
      return sendEach(channels.openSockets(), (s) => tokenRevoked(s.channelId, clientId));
    },
    dropSockets() {
      const open = [...live];
      for (const socket of open) socket.drop();
      return open.length;
    },
    stallHeartbeats: (on) => void (gate.stalled = on),
    pings: () => pings,
    async warnSocketClosing(closing = {}) {
      const closeAfterMs = closing.closeAfterMs ?? 0;
      const sockets = channels.openSockets(closing.channelId);
      sendEach(sockets, (s) => socketClosing(s.channelId, closeAfterMs));
      if (closeAfterMs > 0 && !(await delays.wait(closeAfterMs))) return 0;
      for (const socket of sockets) {
        if (closing.deleteChannel === true) channels.delete(socket.channelId);
        socket.close(1001, 'Socket closing');
      }
      return sockets.length;
    },
    noLongerSubscribed(channelId) {
      const targets = channels.all().filter((c) => channelId === undefined || c.id === channelId);
      let told = 0;
      for (const channel of targets) {
        if (channel.socket?.send(noLongerSubscribed(channel.id)) === true) told += 1;
        channel.topics = [];
      }
      return told;
    },
    deleteChannel: (channelId) => channels.delete(channelId),
    publish(topicName, eventBody, publishOptions = {}) {
      const text = JSON.stringify(envelope(topicName, eventBody, publishOptions.correlationId));
      const copies = publishOptions.duplicate === true ? 2 : 1;
      return channels.subscribers(topicName).filter((s) => Array.from({ length: copies }, () => s.send(text)).every(Boolean)).length;
    },
    publishRaw: (text, channelId) => sendEach(channels.openSockets(channelId), () => text),
    channels: () => channels.info(),
    socketsOpen: () => channels.openSockets().length,
    waitFor,
    close() {
      closed ??= (async () => {
        delays.cancelAll();
        for (const socket of live) socket.terminate();
        live.clear();
        channels.clear();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`startGenesysStub: ${name} must be a positive number, got ${value}`);
  return value;
}
export { callApi, loginTo, openSocket, subscribedSocket, type SocketClient } from './test-client.js';
