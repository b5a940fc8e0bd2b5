import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { InvalidArgumentError, type Command } from 'commander';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { ScaleError } from '../errors/scale-error.js';
import { connectToNats } from '../scale/connect.js';
import { createEventPublisher, type EventPublisher } from '../scale/event-publisher.js';
import { ensureEventStream, EVENT_STREAM_DEFAULTS, type ResolvedEventStreamSettings } from '../scale/event-stream.js';
import { MAX_PARTITIONS } from '../scale/partition.js';
import { printable } from '../text/printable.js';
import { UsageError } from './usage-error.js';

/** The NATS options as commander hands them over. */
export interface NatsCommandOptions {
  nats?: string;
  partitions?: number;
  stream?: string;
  subjectPrefix?: string;
}

/** `--partitions`: a whole number from 1 to 1024. */
function partitionCount(text: string): number {
  const value = Number(text);
  if (!/^[0-9]+$/.test(text.trim()) || !Number.isInteger(value) || value < 1 || value > MAX_PARTITIONS) {
    throw new InvalidArgumentError(`"${printable(text)}" must be a whole number from 1 to ${MAX_PARTITIONS}`);
  }
  return value;
}

/**
 * Adds the options that name a NATS server and the event stream on it: `--nats <url>`,
 * `--partitions`, `--stream`, `--subject-prefix` (`publish` and `simulate` share them).
 *
 * @example
 * addNatsOptions(new Command('publish'), 'publish the events to JetStream on this NATS server');
 */
export function addNatsOptions(command: Command, natsHelp: string): Command {
  const d = EVENT_STREAM_DEFAULTS;
  return command
    .option('--nats <url>', natsHelp)
    .option('--partitions <n>', `partitions of the event stream, 1 to ${MAX_PARTITIONS}; must be the stream's (default ${d.partitions})`, partitionCount)
    .option('--stream <name>', `JetStream stream of the events (default ${d.name})`)
    .option('--subject-prefix <prefix>', `subjects are <prefix>.events.<partition> (default ${d.subjectPrefix})`);
}

/** A connection to NATS with the event stream made sure of, and a publisher to it. */
export interface NatsEventTarget {
  readonly url: string;
  readonly settings: ResolvedEventStreamSettings;
  readonly created: boolean;
  readonly publisher: EventPublisher;
  /** Sends what is buffered and closes the connection. */
  close(): Promise<void>;
}

/**
 * Connects to `--nats`, makes sure the event stream exists with the settings the options name,
 * and opens a publisher to it. A bad option is a usage error; an unreachable server or a stream
 * with other settings is a `ScaleError`: both end the command with one line and exit code 2.
 *
 * @example
 * const target = await openNatsEventTarget({ nats: 'nats://127.0.0.1:4222', partitions: 16 });
 * try { await target.publisher.publish(event); await target.publisher.flush(); } finally { await target.close(); }
 */
export async function openNatsEventTarget(options: NatsCommandOptions & { nats: string }): Promise<NatsEventTarget> {
  const streamSettings = {
    ...(options.partitions !== undefined ? { partitions: options.partitions } : {}),
    ...(options.stream !== undefined ? { name: options.stream } : {}),
    ...(options.subjectPrefix !== undefined ? { subjectPrefix: options.subjectPrefix } : {}),
  };
  let nc: NatsConnection | undefined;
  try {
    nc = await connectToNats(options.nats);
    const { settings, created } = await ensureEventStream(await jetstreamManager(nc), streamSettings);
    const publisher = createEventPublisher(jetstream(nc), { partitions: settings.partitions, subjectPrefix: settings.subjectPrefix });
    const connection = nc;
    return { url: options.nats, settings, created, publisher, close: () => connection.drain() };
  } catch (error) {
    await nc?.close();
    if (error instanceof InvalidOptionError) throw new UsageError(error.message);
    if (error instanceof ScaleError) throw error;
    throw new ScaleError('NATS_FAILED', `NATS at ${printable(options.nats)}: ${printable((error as Error).message ?? String(error))}`);
  }
}
