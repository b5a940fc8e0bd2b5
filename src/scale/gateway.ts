import type { FastifyInstance } from 'fastify';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseEvent } from '../events/parse-event.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import { metricsSettings } from '../metrics/compute-metrics.js';
import { mergeMetricsPartials, type MetricsPartial } from '../metrics/metrics-partial.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import { ApiError } from '../serve/api-error.js';
import { createServer } from '../serve/create-server.js';
import { FloorFeed } from '../serve/floor-feed.js';
import { floorTime } from '../serve/floor-clock.js';
import type { Health } from '../serve/floor-frame.js';
import type { FloorReads } from '../serve/floor-reads.js';
import type { ServiceContext } from '../serve/service-context.js';
import { SourceRegistry } from '../serve/source-registry.js';
import { serviceHealth } from '../serve/service-health.js';
import { serviceUrl } from '../serve/service-url.js';
import type { StreamLimits } from '../serve/stream-client.js';
import type { ApplyResult } from '../tracker/apply-result.js';
import { connectToNats } from './connect.js';
import { ensureEventStream, type EnsuredEventStream, type EventStreamSettings } from './event-stream.js';
import { MergedFloor } from './merged-floor.js';
import { eventSubject, partitionOf } from './partition.js';
import { askPartition } from './partition-queries.js';
import { consumerName } from './partition-worker.js';
import { DEFAULT_LEASE_MS, openScaleBuckets } from './scale-buckets.js';

/** What `participant-tracker serve --nats` takes. */
export interface GatewayOptions extends EventStreamSettings {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly token?: string;
  readonly intervalMs?: number;
  readonly serviceLevelMs?: number;
  readonly bodyLimitBytes?: number;
  readonly pushIntervalMs?: number;
  readonly streamLimits?: StreamLimits;
  readonly webRoot?: string;
  /** How often the events not yet applied are counted (default 1 s). */
  readonly pendingEveryMs?: number;
}

/** A running gateway. */
export interface RunningGateway {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly floor: MergedFloor;
  close(): Promise<void>;
}

/**
 * Starts the gateway: the API and dashboard of `serve`, over the merged state of every
 * partition. Current conversations and today's metrics come from what the workers publish;
 * a conversation's history and the state as of a past instant are asked of the partitions'
 * owners; `POST /api/events` publishes into the stream.
 *
 * @example
 * const gateway = await startGateway({ url: 'nats://127.0.0.1:4222', host: '127.0.0.1', port: 8080 });
 * await gateway.close();
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const nc = await connectToNats(options.url, { name: 'participant-tracker gateway' });
  let floor: MergedFloor | undefined;
  try {
    const jsm = await jetstreamManager(nc);
    const stream = await ensureEventStream(jsm, options);
    const buckets = await openScaleBuckets(nc, stream.settings.name, { leaseMs: DEFAULT_LEASE_MS, maxAgeMs: stream.settings.maxAgeMs });
    floor = await MergedFloor.open(buckets);
    return await serveGateway(options, nc, jsm, stream, floor);
  } catch (error) {
    floor?.close();
    await nc.close();
    throw error;
  }
}

/** The reads of the merged partitions: current state from the floor, the rest from the owners. */
function gatewayReads(floor: MergedFloor, nc: NatsConnection, stream: EnsuredEventStream): FloorReads {
  const { partitions, subjectPrefix } = stream.settings;
  /** Asks a partition's owner, once more when none answers (the partition may be moving); a 503 when it still cannot answer. */
  const ask = async (partition: number, query: Parameters<typeof askPartition>[3]) => {
    try {
      return await askPartition(nc, subjectPrefix, partition, query);
    } catch {
      try {
        return await askPartition(nc, subjectPrefix, partition, query);
      } catch (error) {
        throw new ApiError(503, 'partition-unavailable', (error as Error).message);
      }
    }
  };
  const askAll = async (query: Parameters<typeof askPartition>[3]) =>
    (await Promise.all(Array.from({ length: partitions }, (_, partition) => ask(partition, query)))).flat();
  return {
    conversation: async (id, at) => (at === undefined ? floor.conversation(id) : (await ask(partitionOf(id, partitions), { op: 'conversation', id, at }))[0] as ConversationSnapshot | undefined),
    conversations: async (at) => (at === undefined ? floor.eachConversation() : (await askAll({ op: 'conversations', at, active: false })) as ConversationSnapshot[]),
    active: async (at) => (await askAll({ op: 'conversations', at, active: true })) as ConversationSnapshot[],
    history: async (id) => (await ask(partitionOf(id, partitions), { op: 'history', id })) as TrackerEvent[],
    metrics: async (metricsOptions) => {
      const { at, from } = metricsOptions;
      const { intervalMs, serviceLevelMs } = metricsSettings(metricsOptions);
      const partials = (await askAll({
        op: 'metrics', intervalMs, serviceLevelMs,
        ...(at === undefined ? {} : { at: String(at) }), ...(from === undefined ? {} : { from: String(from) }),
      })) as MetricsPartial[];
      return mergeMetricsPartials(partials, at === undefined ? {} : { at });
    },
    latestTime: () => floor.latestTime(),
  };
}

/** Publishes an event given to `POST /api/events` into the stream: `applied` once the stream holds it. */
function publishSubmit(js: JetStreamClient, stream: EnsuredEventStream): (input: unknown) => Promise<ApplyResult> {
  return async (input) => {
    const parsed = parseEvent(input);
    if (!parsed.ok) {
      const field = parsed.issues[0]?.field;
      return { status: 'rejected', reason: 'invalid-event', message: parsed.message, ...(field ? { field } : {}), ...(parsed.id ? { eventId: parsed.id } : {}) };
    }
    const { event } = parsed;
    const subject = eventSubject(stream.settings.subjectPrefix, partitionOf(event.conversationId, stream.settings.partitions));
    const ack = await js.publish(subject, JSON.stringify(event), { msgID: event.id });
    return ack.duplicate ? { status: 'duplicate', eventId: event.id } : { status: 'applied', event };
  };
}

/** The events in the stream not yet applied: each partition consumer's pending and unacknowledged messages (all of a partition nobody consumes yet). */
async function countPending(jsm: JetStreamManager, stream: EnsuredEventStream): Promise<number> {
  const { name, partitions, subjectPrefix } = stream.settings;
  const info = await jsm.streams.info(name, { subjects_filter: `${subjectPrefix}.events.>` });
  const bySubject = info.state.subjects ?? {};
  let pending = 0;
  for (let partition = 0; partition < partitions; partition++) {
    try {
      const consumer = await jsm.consumers.info(name, consumerName(partition));
      pending += consumer.num_pending + consumer.num_ack_pending;
    } catch {
      pending += bySubject[eventSubject(subjectPrefix, partition)] ?? 0;
    }
  }
  return pending;
}

async function serveGateway(options: GatewayOptions, nc: NatsConnection, jsm: JetStreamManager, stream: EnsuredEventStream, floor: MergedFloor): Promise<RunningGateway> {
  const intervalMs = options.intervalMs ?? 30 * 60_000;
  const serviceLevelMs = options.serviceLevelMs ?? 20_000;
  const clock = floorTime();
  const sources = new SourceRegistry();
  const streamClients = { count: 0 };
  let pending: number | null = null;
  const countNow = () => countPending(jsm, stream).then((count) => void (pending = count), () => undefined);
  await countNow();
  const pendingTimer = setInterval(() => void countNow(), options.pendingEveryMs ?? 1000);
  const health = (): Health => ({
    ...serviceHealth({ ready: true, latestTime: floor.latestTime(), sources, clock, clients: streamClients.count }),
    pending,
    partitions: floor.partitionFigures().map(({ partition, covered, applied }) => ({ partition, covered, applied })),
  });
  const source = {
    active: () => floor.active(),
    subscribe: (listener: Parameters<MergedFloor['subscribe']>[0]) => floor.subscribe(listener),
    latestTime: () => floor.latestTime(),
    submit: publishSubmit(jetstream(nc), stream),
  };
  const feed = new FloorFeed({
    tracker: source, clock, health,
    metrics: { changed: () => undefined, report: () => floor.metrics() },
    ...(options.pushIntervalMs !== undefined ? { pushIntervalMs: options.pushIntervalMs } : {}),
  });
  const context: ServiceContext = {
    reads: gatewayReads(floor, nc, stream), feed, sources, health, intervalMs, serviceLevelMs,
    bodyLimitBytes: options.bodyLimitBytes ?? 16 << 20,
    streamLimits: options.streamLimits ?? {},
    streamClients,
  };
  let app: FastifyInstance;
  try {
    app = await createServer(context, {
      ...(options.token !== undefined ? { token: options.token } : {}),
      ...(options.webRoot !== undefined ? { webRoot: options.webRoot } : {}),
    });
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    clearInterval(pendingTimer);
    feed.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: serviceUrl(app, options.host, options.port),
    app, floor,
    close: () => (closing ??= (async () => {
      clearInterval(pendingTimer);
      feed.close();
      await app.close();
      floor.close();
      await nc.drain();
    })()),
  };
}
