import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidJson, parseJson, readBody } from './body.js';
import type { ChannelRegistry } from './channels.js';
import { genesysError, sendJson } from './errors.js';
import type { Fault, FaultPlan } from './faults.js';
import { topicListing, topicsOfBody, withinLimit } from './subscriptions.js';
import { basicAuthMatches, type TokenStore } from './tokens.js';
import type { ArchiveMedia, RecordedRequest, StubArchive, StubRoute } from './types.js';

/** What the HTTP routes work on. */
export interface RouteContext {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly maxBodyBytes: number;
  readonly maxTopicsPerChannel: number;
  readonly archive: StubArchive | undefined;
  readonly tokens: TokenStore;
  readonly faults: FaultPlan;
  readonly channels: ChannelRegistry;
  readonly requests: RecordedRequest[];
  readonly detailsQueries: unknown[];
}

type Handler = (context: RouteContext, req: IncomingMessage, res: ServerResponse, body: unknown, query: URLSearchParams) => Promise<void> | void;

interface Match {
  route: StubRoute;
  /** Handlers by method; a known path with another method answers 405. */
  methods: Partial<Record<string, Handler>>;
  /** Login takes a form and Basic auth; everything else wants a bearer token. */
  bearer: boolean;
}

/** Answers one HTTP request the way Genesys Cloud would, logging it in `context.requests`. */
export async function handleRequest(context: RouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://stub.invalid');
  const method = req.method ?? 'GET';
  const match = matchRoute(url.pathname);
  const record: { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] } = { method, path: url.pathname + url.search, route: match.route, time: Date.now(), status: 0 };
  context.requests.push(record);
  res.on('finish', () => void (record.status = res.statusCode));

  const read = await readBody(req, context.maxBodyBytes);
  if (read.tooLarge) return sendJson(res, 413, genesysError(413), { connection: 'close' });
  const body = bodyOf(req, read.bytes);
  if (body !== undefined && body !== invalidJson) record.body = body;

  if (match.route !== 'other') {
    const fault = context.faults.take(match.route);
    if (fault !== undefined) return sendFault(res, fault);
  }
  const handler = match.methods[method];
  if (handler === undefined) {
    return Object.keys(match.methods).length === 0 ? sendJson(res, 404, genesysError(404)) : sendJson(res, 405, genesysError(405));
  }
  if (match.bearer && !context.tokens.accepts(req.headers.authorization)) return sendJson(res, 401, genesysError(401));
  if (body === invalidJson) return sendJson(res, 400, genesysError(400, 'The request body is not valid JSON.'));
  try {
    await handler(context, req, res, body, url.searchParams);
  } catch (error) {
    if (!res.headersSent) sendJson(res, 500, genesysError(500, error instanceof Error ? error.message : String(error)));
  }
}

function bodyOf(req: IncomingMessage, bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(bytes.toString('utf8')));
  }
  return parseJson(bytes);
}

export function sendFault(res: ServerResponse, fault: Fault): void {
  const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
  const stock = genesysError(fault.status, fault.status === 429 ? `Rate limit exceeded the maximum. Retry the request in [${fault.retryAfterSeconds ?? 1}] seconds` : undefined);
  sendJson(res, fault.status, fault.body ?? stock, headers);
}

const segment = '([^/]+)';
const channelPath = new RegExp(`^/api/v2/notifications/channels/${segment}$`);
const subscriptionsPath = new RegExp(`^/api/v2/notifications/channels/${segment}/subscriptions$`);
const conversationPath = new RegExp(`^/api/v2/conversations/(chats|callbacks)/${segment}$`);

function matchRoute(path: string): Match {
  if (path === '/login/oauth/token') return { route: 'login', bearer: false, methods: { POST: login } };
  if (path === '/api/v2/notifications/channels') return { route: 'channels', bearer: true, methods: { POST: createChannel, GET: listChannels } };
  let m = subscriptionsPath.exec(path);
  if (m !== null) {
    const id = decode(m[1]!);
    return {
      route: 'subscriptions',
      bearer: true,
      methods: {
        GET: (c, _req, res) => withChannel(c, res, id, (ch) => sendJson(res, 200, topicListing(ch.topics))),
        PUT: (c, _req, res, body, query) => changeTopics(c, res, id, body, query, 'replace'),
        POST: (c, _req, res, body, query) => changeTopics(c, res, id, body, query, 'add'),
        DELETE: (c, _req, res) =>
          withChannel(c, res, id, (ch) => {
            c.channels.setTopics(ch, []);
            res.writeHead(204).end();
          }),
      },
    };
  }
  m = channelPath.exec(path);
  if (m !== null) {
    const id = decode(m[1]!);
    return {
      route: 'channel',
      bearer: true,
      methods: {
        HEAD: (c, _req, res) => withChannel(c, res, id, () => res.writeHead(200).end()),
        // Not in Genesys' API (channels only expire); here so tests can retire a channel over HTTP.
        DELETE: (c, _req, res) => withChannel(c, res, id, () => void (c.channels.delete(id), res.writeHead(204).end())),
      },
    };
  }
  m = conversationPath.exec(path);
  if (m !== null) {
    const media: ArchiveMedia = m[1] === 'chats' ? 'chat' : 'callback';
    const id = decode(m[2]!);
    return { route: 'conversation', bearer: true, methods: { GET: (c, _req, res) => conversation(c, res, media, id) } };
  }
  if (path === '/api/v2/analytics/conversations/details/query') return { route: 'details', bearer: true, methods: { POST: detailsQuery } };
  return { route: 'other', bearer: false, methods: {} };
}

function decode(segmentText: string): string {
  try {
    return decodeURIComponent(segmentText);
  } catch {
    return segmentText;
  }
}

const login: Handler = (context, req, res, body) => {
  if (!basicAuthMatches(req.headers.authorization, context.clientId, context.clientSecret)) {
    return sendJson(res, 401, { error: 'invalid_client', description: 'client not found', error_description: 'client not found' });
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return sendJson(res, 400, { error: 'invalid_request', description: 'the body must be application/x-www-form-urlencoded', error_description: 'the body must be application/x-www-form-urlencoded' });
  }
  const grant = (body as Record<string, string> | undefined)?.grant_type;
  if (grant !== 'client_credentials') {
    return sendJson(res, 400, { error: 'unsupported_grant_type', description: `grant_type ${String(grant)} is not supported`, error_description: `grant_type ${String(grant)} is not supported` });
  }
  const { token, expiresIn } = context.tokens.issue();
  sendJson(res, 200, { access_token: token, token_type: 'bearer', expires_in: expiresIn });
};

const channelBody = (c: { id: string; connectUri: string; expires: number }) => ({ id: c.id, connectUri: c.connectUri, expires: new Date(c.expires).toISOString() });

const createChannel: Handler = (context, _req, res) => {
  const channel = context.channels.create();
  if (channel === undefined) return sendJson(res, 400, genesysError(400, 'Channel limit reached and every channel has an active connection.', 'notification.channel.limit.exceeded'));
  sendJson(res, 200, channelBody(channel));
};

const listChannels: Handler = (context, _req, res) => sendJson(res, 200, { entities: context.channels.all().map(channelBody) });

function withChannel(context: RouteContext, res: ServerResponse, id: string, then: (channel: NonNullable<ReturnType<ChannelRegistry['get']>>) => void): void {
  const channel = context.channels.get(id);
  if (channel === undefined) return sendJson(res, 404, genesysError(404, `Channel ${id} was not found.`));
  then(channel);
}

function changeTopics(context: RouteContext, res: ServerResponse, id: string, body: unknown, query: URLSearchParams, how: 'replace' | 'add'): void {
  withChannel(context, res, id, (channel) => {
    const asked = topicsOfBody(body, query.get('ignoreErrors') === 'true');
    if (!asked.ok) return sendJson(res, 400, asked.error);
    const next = withinLimit(how === 'replace' ? asked.topics : [...channel.topics, ...asked.topics], context.maxTopicsPerChannel);
    if (!next.ok) return sendJson(res, 400, next.error);
    context.channels.setTopics(channel, next.topics);
    sendJson(res, 200, topicListing(next.topics));
  });
}

async function conversation(context: RouteContext, res: ServerResponse, media: ArchiveMedia, id: string): Promise<void> {
  const found = await context.archive?.conversation(media, id);
  if (found === undefined) return sendJson(res, 404, genesysError(404, `The conversation ${id} was not found.`));
  sendJson(res, 200, found);
}

const detailsQuery: Handler = async (context, _req, res, body) => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendJson(res, 400, genesysError(400, 'The query must be a JSON object.'));
  context.detailsQueries.push(body);
  const answer = context.archive?.detailsQuery === undefined ? undefined : await context.archive.detailsQuery(body);
  sendJson(res, 200, answer ?? { totalHits: 0 });
};
