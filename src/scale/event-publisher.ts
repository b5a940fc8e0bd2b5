import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { ScaleError } from '../errors/scale-error.js';
import { parseEvent } from '../events/parse-event.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import { printable } from '../text/printable.js';
import { DEFAULT_PARTITIONS, DEFAULT_SUBJECT_PREFIX, eventSubject, partitionOf, requirePartitionCount, requireSubjectPrefix } from './partition.js';

/** How an {@link EventPublisher} publishes. */
export interface EventPublisherOptions {
  /** The subject prefix of the event stream (default `participant-tracker`). */
  readonly subjectPrefix?: string;
  /** The event stream's partition count (default 16); it must be the stream's. */
  readonly partitions?: number;
  /** Publishes awaiting their acknowledgement at once (default 256). */
  readonly maxInFlight?: number;
  /** How long a publish waits for its acknowledgement (ms, default 5,000). */
  readonly ackTimeoutMs?: number;
  /** How often a publish that failed (no acknowledgement in time, no stream answering) is tried again (default 10). */
  readonly retries?: number;
  /** The wait before each new try (ms, default 500). */
  readonly retryWaitMs?: number;
}

/**
 * What an {@link EventPublisher} did. Every input is one of published, duplicate or rejected
 * once its acknowledgement came.
 */
export interface PublishCounts {
  /** Events the stream stored. */
  readonly published: number;
  /** Events the stream dropped: an event with the same id was published within its duplicate window. */
  readonly duplicates: number;
  /** Inputs that are not valid v1 events: never sent. */
  readonly rejected: number;
  /**
   * Publishes tried again after a failure. A publish whose first try was stored but not
   * acknowledged (a server restart) is acknowledged as a duplicate on its next try, so with
   * retries the split between published and duplicates is an estimate.
   */
  readonly retries: number;
}

/** What {@link EventPublisher.publish} did with one input. */
export type PublishOutcome =
  | { readonly status: 'sent'; readonly event: TrackerEvent; readonly partition: number }
  | { readonly status: 'rejected'; readonly message: string; readonly field?: string; readonly eventId?: string };

/** Publishes v1 events to the partitions of the event stream. */
export interface EventPublisher {
  /**
   * Validates one input and, when it is a v1 event, publishes it to its conversation's partition
   * with the event id as the JetStream message id. Resolves once the publish is under way and
   * the window of publishes awaiting acknowledgement has room: await each call. A publish that
   * failed for good makes the next call (and `flush`) throw its `ScaleError`.
   */
  publish(input: unknown): Promise<PublishOutcome>;
  /** Waits for every acknowledgement; throws the `ScaleError` of a publish that failed for good. */
  flush(): Promise<PublishCounts>;
  /** The counts so far (publishes still awaiting their acknowledgement are not counted yet). */
  counts(): PublishCounts;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a failed publish is worth another try: anything but a closed connection or a refusal. */
function retryable(error: unknown): boolean {
  const { name, message } = error as { name?: string; message?: string };
  if (name === 'ClosedConnectionError' || name === 'DrainingConnectionError') return false;
  return name === 'TimeoutError' || name === 'NoRespondersError' || name === 'RequestError' || /timeout|no responders|disconnect/i.test(message ?? '');
}

function requireCount(what: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new InvalidOptionError(`${what} must be a whole number of at least ${min}, not ${String(value)}`);
  return value;
}

/**
 * A publisher of v1 events to the event stream (see `ensureEventStream`): each input is
 * validated with `parseEvent`; a valid event is published, as its JSON, on
 * `eventSubject(prefix, partitionOf(event.conversationId, partitions))` with its id as the
 * message id (`Nats-Msg-Id`), so JetStream drops a second publish of it within the stream's
 * duplicate window and acknowledges it as a duplicate. Up to `maxInFlight` publishes await
 * their acknowledgement at once; a publish that times out is tried again with the same message
 * id, which the stream cannot store twice.
 *
 * @example
 * const js = jetstream(await connectToNats('nats://127.0.0.1:4222'));
 * const publisher = createEventPublisher(js, { partitions: 16 });
 * for (const event of events) await publisher.publish(event);
 * const { published, duplicates } = await publisher.flush();
 */
export function createEventPublisher(js: JetStreamClient, options: EventPublisherOptions = {}): EventPublisher {
  const prefix = requireSubjectPrefix(options.subjectPrefix ?? DEFAULT_SUBJECT_PREFIX);
  const partitions = requirePartitionCount(options.partitions ?? DEFAULT_PARTITIONS);
  const maxInFlight = requireCount('maxInFlight', options.maxInFlight ?? 256, 1);
  const ackTimeoutMs = requireCount('ackTimeoutMs', options.ackTimeoutMs ?? 5000, 1);
  const retries = requireCount('retries', options.retries ?? 10, 0);
  const retryWaitMs = requireCount('retryWaitMs', options.retryWaitMs ?? 500, 0);
  const subjects = Array.from({ length: partitions }, (_, partition) => eventSubject(prefix, partition));

  let published = 0;
  let duplicates = 0;
  let rejected = 0;
  let retried = 0;
  let failure: ScaleError | undefined;
  const inFlight = new Set<Promise<void>>();

  const send = async (subject: string, event: TrackerEvent): Promise<void> => {
    const payload = JSON.stringify(event);
    for (let attempt = 0; ; attempt++) {
      let ack: PubAck;
      try {
        ack = await js.publish(subject, payload, { msgID: event.id, timeout: ackTimeoutMs });
      } catch (error) {
        if (attempt < retries && retryable(error)) {
          retried++;
          await delay(retryWaitMs);
          continue;
        }
        const tries = attempt + 1;
        failure ??= new ScaleError('NATS_FAILED', `cannot publish event ${printable(event.id)} on ${subject} (${tries} ${tries === 1 ? 'try' : 'tries'}): ${printable((error as Error).message ?? String(error))}`);
        return;
      }
      if (ack.duplicate) duplicates++;
      else published++;
      return;
    }
  };

  const counts = (): PublishCounts => ({ published, duplicates, rejected, retries: retried });

  return {
    async publish(input) {
      if (failure !== undefined) throw failure;
      const parsed = parseEvent(input);
      if (!parsed.ok) {
        rejected++;
        const field = parsed.issues[0]?.field;
        return { status: 'rejected', message: parsed.message, ...(field ? { field } : {}), ...(parsed.id ? { eventId: parsed.id } : {}) };
      }
      const { event } = parsed;
      const partition = partitionOf(event.conversationId, partitions);
      const pending: Promise<void> = send(subjects[partition]!, event).finally(() => inFlight.delete(pending));
      inFlight.add(pending);
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      return { status: 'sent', event, partition };
    },
    async flush() {
      while (inFlight.size > 0) await Promise.all(inFlight);
      if (failure !== undefined) throw failure;
      return counts();
    },
    counts,
  };
}
