/**
 * `participant-tracker/scale`: the tracker spread over machines on NATS JetStream. Publishing
 * events to the partitioned stream, tracker workers that share its partitions through leases,
 * and the gateway that serves every partition's merged state. Its own entry point, so that the
 * package root does not load the NATS client.
 */
export { partitionOf, eventSubject, DEFAULT_PARTITIONS, MAX_PARTITIONS, DEFAULT_SUBJECT_PREFIX } from './partition.js';
export { connectToNats, type NatsConnectOptions } from './connect.js';
export { ensureEventStream, EVENT_STREAM_DEFAULTS, type EventStreamSettings, type ResolvedEventStreamSettings, type EnsuredEventStream } from './event-stream.js';
export { createEventPublisher, type EventPublisher, type EventPublisherOptions, type PublishCounts, type PublishOutcome } from './event-publisher.js';
export { startTrackerWorker, type TrackerWorker, type TrackerWorkerOptions } from './tracker-worker.js';
export { startGateway, type GatewayOptions, type RunningGateway } from './gateway.js';
export { ScaleError, type ScaleErrorCode } from '../errors/scale-error.js';
