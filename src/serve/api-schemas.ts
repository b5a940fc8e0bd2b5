/**
 * JSON Schemas of the HTTP API: Fastify validates requests with them and the OpenAPI document
 * (`GET /openapi.json`) is generated from them.
 */

const instant = { type: 'string', description: 'an ISO-8601 instant with a zone, e.g. 2026-11-21T10:42:00Z' } as const;
const duration = { type: 'string', pattern: '^[0-9.]+(ms|s|m|h|d)$', description: 'a duration: 250ms, 20s, 15m, 1h' } as const;

/** An error answer: a stable code and a sentence. */
export const errorSchema = {
  type: 'object', required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
} as const;

const participant = {
  type: 'object', additionalProperties: true,
  description: 'A Genesys ChatMediaParticipant or CallbackMediaParticipant (see docs/api.md)',
  properties: { id: { type: 'string' }, name: { type: 'string' }, purpose: { type: 'string' }, state: { type: 'string' } },
} as const;

/** A conversation snapshot, as `replay` prints it. */
export const conversationSchema = {
  type: 'object', required: ['id', 'media', 'participants'],
  properties: { id: { type: 'string' }, media: { type: 'string', enum: ['chat', 'callback'] }, participants: { type: 'array', items: participant } },
} as const;

export const conversationsQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    at: instant,
    active: { type: 'boolean', description: 'only the conversations under way' },
    limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 1_000 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
} as const;

export const atQuery = { type: 'object', additionalProperties: false, properties: { at: instant } } as const;

export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 1024 } } } as const;

export const metricsQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    at: { ...instant, description: 'observe at this instant; aggregates stop there (default: the latest event)' },
    from: { ...instant, description: 'aggregates count what completed from this instant on (default: the start of the UTC day of `at`)' },
    interval: { ...duration, description: 'aggregate interval (default: the service\'s, 30m)' },
    sla: { ...duration, description: 'service-level threshold (default: the service\'s, 20s)' },
  },
} as const;

/** A metrics report, as `metrics --format json` prints it. */
export const metricsSchema = {
  type: 'object', additionalProperties: true,
  required: ['at', 'intervalMs', 'serviceLevelMs', 'overall', 'queues'],
  properties: {
    at: { type: ['string', 'null'] }, intervalMs: { type: 'number' }, serviceLevelMs: { type: 'number' },
    overall: { type: 'object', additionalProperties: true }, queues: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
} as const;

const lineResult = {
  type: 'object', required: ['line', 'status'],
  properties: {
    line: { type: 'integer' }, status: { type: 'string', enum: ['applied', 'duplicate', 'rejected'] },
    eventId: { type: 'string' }, reason: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' },
    overturned: { type: 'array', items: { type: 'string' }, description: 'events applied before that this late one made rejected' },
  },
} as const;

/** The answer to `POST /api/events`. */
export const intakeSchema = {
  type: 'object', required: ['lines', 'applied', 'duplicates', 'rejected', 'results'],
  properties: {
    lines: { type: 'integer' }, applied: { type: 'integer' }, duplicates: { type: 'integer' }, rejected: { type: 'integer' },
    results: { type: 'array', items: lineResult },
  },
} as const;

const nullableTime = { type: ['string', 'null'] } as const;
const connectionState = { type: 'string', enum: ['connecting', 'connected', 'reconnecting', 'stopped', 'failed'] } as const;
const gap = { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, ms: { type: 'number' }, reason: { type: 'string' } } } as const;
const backfillReport = {
  type: 'object',
  properties: {
    from: { type: 'string' }, to: { type: 'string' }, active: { type: 'integer' }, found: { type: 'integer' },
    fetched: { type: 'integer' }, missing: { type: 'integer' }, events: { type: 'integer' },
  },
} as const;

/** A Genesys Cloud connection (`ConnectorStatus`): under the `genesys` source. */
const connection = {
  type: 'object',
  properties: {
    state: connectionState, detail: { type: ['string', 'null'] },
    channels: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: ['string', 'null'] }, topics: { type: 'integer' }, state: connectionState, connectedSince: nullableTime, heartbeatMs: { type: ['number', 'null'] } },
      },
    },
    notifications: { type: 'integer' }, unreadable: { type: 'integer' }, events: { type: 'integer' }, lastMessageAt: nullableTime,
    gaps: { type: 'object', properties: { count: { type: 'integer' }, totalMs: { type: 'number' }, last: { anyOf: [gap, { type: 'null' }] } } },
    backfills: {
      type: 'object',
      properties: { count: { type: 'integer' }, conversations: { type: 'integer' }, events: { type: 'integer' }, last: { anyOf: [backfillReport, { type: 'null' }] } },
    },
  },
} as const;

const source = {
  type: 'object', additionalProperties: true,
  properties: {
    name: { type: 'string' }, kind: { type: 'string', enum: ['simulate', 'follow', 'http', 'genesys'] }, state: { type: 'string', enum: ['starting', 'running', 'done', 'failed'] },
    detail: { type: 'string' }, events: { type: 'integer' }, rejected: { type: 'integer' }, lastEventAt: nullableTime, connection,
  },
} as const;

/** `GET /healthz`. */
export const healthSchema = {
  type: 'object', required: ['ready', 'lastEventTime', 'lastEventAgeMs', 'lagMs', 'sources', 'clients', 'memory'],
  properties: {
    ready: { type: 'boolean' }, lastEventTime: { type: ['string', 'null'] }, lastEventAgeMs: { type: ['number', 'null'] },
    lagMs: { type: ['number', 'null'] }, sources: { type: 'array', items: source }, clients: { type: 'integer' },
    memory: { type: 'object', properties: { rssBytes: { type: 'integer' }, heapUsedBytes: { type: 'integer' } } },
    pending: { type: ['integer', 'null'], description: 'gateway only: events in the stream not yet applied by the workers' },
    partitions: {
      type: 'array', description: 'gateway only: each partition\'s last applied stream sequence',
      items: { type: 'object', properties: { partition: { type: 'integer' }, covered: { type: 'integer' }, applied: { type: 'integer' } } },
    },
  },
} as const;
