import { WebSocket } from 'ws';
import type { GenesysStub } from './types.js';

/** A WebSocket client on a channel that keeps every message it got, parsed when it is JSON. */
export interface SocketClient {
  readonly ws: WebSocket;
  /** Every text message so far, parsed (the raw text when it does not parse). */
  readonly messages: unknown[];
  /** Resolves with the first message (from the start) that `match` accepts; rejects after `timeoutMs`. */
  next(match: (message: any) => boolean, timeoutMs?: number): Promise<any>;
  /** Resolves with the close code and reason once the socket closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
}

/**
 * Opens a WebSocket at `connectUri` and resolves once it is open (rejects with the HTTP status
 * when the upgrade is refused).
 *
 * @example
 * const client = await openSocket(channel.connectUri);
 * client.send({ message: 'ping' });
 * await client.next((m) => m.eventBody?.message === 'pong');
 */
export async function openSocket(connectUri: string): Promise<SocketClient> {
  const ws = new WebSocket(connectUri);
  const messages: unknown[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const text = (data as Buffer).toString('utf8');
    try {
      messages.push(JSON.parse(text));
    } catch {
      messages.push(text);
    }
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`WebSocket upgrade refused: ${res.statusCode}`));
      ws.terminate();
    });
    ws.once('error', reject);
  });
  ws.on('error', () => {
    // A dropped connection: 'close' (1006) tells the test.
  });
  return {
    ws,
    messages,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next(match, timeoutMs = 2_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const found = messages.find((m) => {
            try {
              return match(m);
            } catch {
              return false;
            }
          });
          if (found === undefined) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found);
          return true;
        };
        const wake = () => void look();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(messages).slice(0, 500)}`));
        }, timeoutMs);
        if (!look()) waiters.add(wake);
      });
    },
  };
}

/** Logs in with the stub's client credentials the way the SDK does; resolves with the bearer token. */
export async function loginTo(stub: GenesysStub): Promise<string> {
  const res = await fetch(`${stub.loginUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${stub.clientId}:${stub.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Calls `${apiUrl}${path}` with the token and an optional JSON body. */
export function callApi(stub: GenesysStub, token: string | undefined, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${stub.apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** Creates a channel, subscribes `topics` (PUT) and opens its socket. */
export async function subscribedSocket(stub: GenesysStub, token: string, topics: readonly string[]): Promise<{ channelId: string; connectUri: string; client: SocketClient }> {
  const created = await callApi(stub, token, 'POST', '/api/v2/notifications/channels');
  if (created.status !== 200) throw new Error(`channel creation answered ${created.status}`);
  const { id, connectUri } = (await created.json()) as { id: string; connectUri: string };
  const put = await callApi(stub, token, 'PUT', `/api/v2/notifications/channels/${id}/subscriptions`, topics.map((t) => ({ id: t })));
  if (put.status !== 200) throw new Error(`subscription answered ${put.status}`);
  return { channelId: id, connectUri, client: await openSocket(connectUri) };
}
