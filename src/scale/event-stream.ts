import { JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig, type StreamInfo } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { ScaleError } from '../errors/scale-error.js';
import { printable } from '../text/printable.js';
import { DEFAULT_PARTITIONS, DEFAULT_SUBJECT_PREFIX, eventSubjects, requirePartitionCount, requireSubjectPrefix } from './partition.js';

const DAY_MS = 86_400_000;

/** The event stream's settings when none are given. */
export const EVENT_STREAM_DEFAULTS = {
  /** The JetStream stream's name. */
  name: 'PARTICIPANT_EVENTS',
  subjectPrefix: DEFAULT_SUBJECT_PREFIX,
  partitions: DEFAULT_PARTITIONS,
  /** Events older than this are removed (7 days): long enough for a worker down over a weekend to catch up. */
  maxAgeMs: 7 * DAY_MS,
  /** A second publish of an event id within this window is dropped (2 minutes, JetStream's default). */
  duplicateWindowMs: 120_000,
} as const;

/**
 * The event stream asked for. Unset fields take {@link EVENT_STREAM_DEFAULTS}. `maxAgeMs` and
 * `duplicateWindowMs` shape a stream that is created; an existing stream is checked against them
 * only when they are given.
 */
export interface EventStreamSettings {
  readonly name?: string;
  readonly subjectPrefix?: string;
  readonly partitions?: number;
  readonly maxAgeMs?: number;
  readonly duplicateWindowMs?: number;
}

/** {@link EventStreamSettings} with every field set. */
export interface ResolvedEventStreamSettings {
  readonly name: string;
  readonly subjectPrefix: string;
  readonly partitions: number;
  readonly maxAgeMs: number;
  readonly duplicateWindowMs: number;
}

/** What {@link ensureEventStream} found or made. */
export interface EnsuredEventStream {
  readonly settings: ResolvedEventStreamSettings;
  /** The stream was made by this call (it did not exist). */
  readonly created: boolean;
  readonly info: StreamInfo;
}

const DESCRIPTION_HEAD = 'participant-tracker v1 events';

/**
 * The stream description that records what the stream holds and its partition count (NATS 2.9
 * streams have no metadata field): `participant-tracker v1 events; partitions=16`.
 *
 * @example
 * eventStreamDescription(16); // 'participant-tracker v1 events; partitions=16'
 */
export function eventStreamDescription(partitions: number): string {
  return `${DESCRIPTION_HEAD}; partitions=${requirePartitionCount(partitions)}`;
}

/**
 * The partition count an event stream's description records, or `undefined` when the
 * description is not one {@link eventStreamDescription} writes.
 *
 * @example
 * partitionsOfDescription('participant-tracker v1 events; partitions=16'); // 16
 * partitionsOfDescription('orders'); // undefined
 */
export function partitionsOfDescription(description: string | undefined): number | undefined {
  const match = /^participant-tracker v1 events; partitions=([1-9][0-9]{0,3})$/.exec(description ?? '');
  return match === null ? undefined : Number(match[1]);
}

/** A stream name NATS takes: printable, without whitespace, `.`, `*`, `>`, `/` or `\`. */
function requireStreamName(name: string): string {
  if (name === '' || name.length > 255 || /[\s\u0000-\u001f\u007f.*>/\\]/u.test(name)) {
    throw new InvalidOptionError(`the stream name ${JSON.stringify(printable(name))} is not one NATS takes: non-empty, without spaces, ".", "*", ">", "/" or "\\"`);
  }
  return name;
}

function requireDuration(what: string, ms: number): number {
  if (!Number.isInteger(ms) || ms < 1) throw new InvalidOptionError(`${what} must be a positive whole number of milliseconds, not ${String(ms)}`);
  return ms;
}

/**
 * Fills in and checks the settings of an event stream (name, subject prefix, partition count,
 * durations); a bad one is an `InvalidOptionError`.
 *
 * @example
 * resolveEventStreamSettings({ partitions: 32 }).name; // 'PARTICIPANT_EVENTS'
 */
export function resolveEventStreamSettings(settings: EventStreamSettings = {}): ResolvedEventStreamSettings {
  const d = EVENT_STREAM_DEFAULTS;
  return {
    name: requireStreamName(settings.name ?? d.name),
    subjectPrefix: requireSubjectPrefix(settings.subjectPrefix ?? d.subjectPrefix),
    partitions: requirePartitionCount(settings.partitions ?? d.partitions),
    maxAgeMs: requireDuration('the maximum age', settings.maxAgeMs ?? d.maxAgeMs),
    duplicateWindowMs: requireDuration('the duplicate window', settings.duplicateWindowMs ?? d.duplicateWindowMs),
  };
}

/**
 * The JetStream configuration of an event stream: file storage, limits retention (events leave
 * by age only), one subject per partition under `<prefix>.events.*`, and the partition count in
 * the description.
 *
 * @example
 * eventStreamConfig(resolveEventStreamSettings()).subjects; // ['participant-tracker.events.*']
 */
export function eventStreamConfig(settings: ResolvedEventStreamSettings): Partial<StreamConfig> & { name: string } {
  return {
    name: settings.name,
    description: eventStreamDescription(settings.partitions),
    subjects: [eventSubjects(settings.subjectPrefix)],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(settings.maxAgeMs),
    duplicate_window: nanos(settings.duplicateWindowMs),
  };
}

const shown = (value: unknown) => printable(JSON.stringify(value) ?? 'none');
const ms = (n: number) => `${Math.round(n / 1_000_000)} ms`;

/** Each way an existing stream differs from the settings, as "what it has, expected what". */
function differences(config: StreamConfig, settings: ResolvedEventStreamSettings, given: EventStreamSettings): string[] {
  const expected = eventStreamConfig(settings);
  const found: string[] = [];
  const partitions = partitionsOfDescription(config.description);
  if (partitions === undefined) {
    found.push(`${config.description === undefined ? 'no description' : `description ${shown(config.description)}`}, expected ${shown(expected.description)} (not a participant-tracker event stream?)`);
  } else if (partitions !== settings.partitions) {
    found.push(`partitions=${partitions}, expected partitions=${settings.partitions}`);
  }
  if (JSON.stringify(config.subjects ?? []) !== JSON.stringify(expected.subjects)) found.push(`subjects ${shown(config.subjects ?? [])}, expected ${shown(expected.subjects)}`);
  if (config.retention !== expected.retention) found.push(`retention ${shown(config.retention)}, expected "${expected.retention}"`);
  if (config.storage !== expected.storage) found.push(`storage ${shown(config.storage)}, expected "${expected.storage}"`);
  if (given.maxAgeMs !== undefined && config.max_age !== expected.max_age) found.push(`max age ${ms(config.max_age)}, expected ${ms(expected.max_age!)}`);
  if (given.duplicateWindowMs !== undefined && config.duplicate_window !== expected.duplicate_window) {
    found.push(`duplicate window ${ms(config.duplicate_window)}, expected ${ms(expected.duplicate_window!)}`);
  }
  return found;
}

/** A failed JetStream request as a one-line `ScaleError`. */
function requestFailed(what: string, error: unknown): ScaleError {
  if (error instanceof ScaleError) return error;
  const message = printable((error as Error).message ?? String(error));
  return new ScaleError('NATS_FAILED', `${what}: ${message}`);
}

/**
 * Makes sure the event stream exists with the settings asked for: creates it when it is
 * missing (with 16 partitions unless asked for another count); when it exists, checks its
 * subjects, retention and storage, and its partition count (in its description), maximum age and
 * duplicate window when they are given (an existing stream's own partition count is taken otherwise). A stream with
 * other settings is never updated: a `ScaleError` (`EVENT_STREAM_MISMATCH`) says in one line what
 * differs and what was expected. A stream made at the same moment by another process is
 * checked like an existing one.
 *
 * @example
 * const nc = await connectToNats('nats://127.0.0.1:4222');
 * const { settings, created } = await ensureEventStream(await jetstreamManager(nc), { partitions: 16 });
 */
export async function ensureEventStream(jsm: JetStreamManager, given: EventStreamSettings = {}): Promise<EnsuredEventStream> {
  const resolved = resolveEventStreamSettings(given);
  const { name } = resolved;
  const check = (info: StreamInfo, created: boolean): EnsuredEventStream => {
    // Without a partition count asked for, an existing stream's own is taken.
    const own = given.partitions === undefined ? partitionsOfDescription(info.config.description) : undefined;
    const settings = own === undefined ? resolved : { ...resolved, partitions: own };
    const found = differences(info.config, settings, given);
    if (found.length > 0) {
      throw new ScaleError('EVENT_STREAM_MISMATCH', `the stream ${printable(name)} exists with other settings: ${found.join('; ')}; it was left unchanged`);
    }
    return { settings, created, info };
  };
  const existing = await streamInfo(jsm, name);
  if (existing !== undefined) return check(existing, false);
  try {
    return check(await jsm.streams.add(eventStreamConfig(resolved)), true);
  } catch (error) {
    if (error instanceof ScaleError) throw error;
    // Made by another process meanwhile (same name, other settings), or subjects another stream takes.
    const raced = await streamInfo(jsm, name);
    if (raced !== undefined) return check(raced, false);
    throw requestFailed(`cannot create the stream ${printable(name)}`, error);
  }
}

/** The stream's information, or `undefined` when there is no such stream. */
async function streamInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return undefined;
    throw requestFailed(`cannot read the stream ${printable(name)}`, error);
  }
}
