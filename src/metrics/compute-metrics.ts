import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { requireInstant } from '../events/time.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { DomainEntityRef } from '../model/domain-entity-ref.js';
import type { MediaParticipant } from '../model/media-participant.js';
import type { Tracker } from '../tracker/create-tracker.js';
import { IntervalAccumulator, type IntervalMetrics } from './interval-metrics.js';
import { metricEmissions } from './metric-emissions.js';
import { emptyObservations, observeParticipant, type Observations } from './observations.js';
import { participantActivity } from './participant-activity.js';
import { conversationQueues, type ConversationQueues } from './queue-visits.js';

/**
 * What {@link computeMetrics} measures: the instant, the interval length and the service-level
 * threshold. Every field is optional.
 *
 * @example
 * const options: MetricsOptions = { at: '2026-11-21T12:00:00Z', intervalMs: 15 * 60_000, serviceLevelMs: 30_000 };
 * computeMetrics(tracker, options).intervalMs; // 900000
 */
export interface MetricsOptions {
  /**
   * The instant of the observations and the end of the aggregates: an ISO time with a zone, a
   * `Date` or epoch ms (default: the time of the last event). Only events up to it count.
   */
  readonly at?: string | number | Date;
  /**
   * The start of the aggregates (inclusive): only what completes from it on counts, and only the
   * conversations with an event from it on are read, so the cost follows the activity of the
   * window, not the history (default: everything up to `at`).
   */
  readonly from?: string | number | Date;
  /** Interval length in ms (default 30 minutes, as Genesys reports); must be positive. */
  readonly intervalMs?: number;
  /** Service-level threshold in ms (default 20 s): an answer within it counts as within service level; must be ≥ 0. */
  readonly serviceLevelMs?: number;
}

/** Observations and aggregates of one queue (or of all queues). */
export interface QueueMetrics {
  /** The queue; `null` for the overall figures and for interactions without a queue. */
  readonly queue: DomainEntityRef | null;
  readonly observations: Observations;
  readonly total: IntervalMetrics;
  /** The intervals in which anything completed, in time order. */
  readonly intervals: IntervalMetrics[];
}

/**
 * What {@link computeMetrics} returns: the options it used, and the metrics of all queues
 * together and of each queue (observations at `at`, aggregates in total and per interval).
 *
 * @example
 * const report: MetricsReport = computeMetrics(tracker);
 * report.overall.observations.waiting;  // interactions waiting in a queue at report.at
 * report.queues.map((q) => [q.queue?.name, q.total.serviceLevel]); // [['Support', 0.89], …]
 */
export interface MetricsReport {
  /** The instant measured (canonical ISO); `null` when the tracker holds no event and none was asked for. */
  readonly at: string | null;
  readonly intervalMs: number;
  readonly serviceLevelMs: number;
  /** All queues together, interactions without a queue included. */
  readonly overall: QueueMetrics;
  /** Each queue that has an observation or a completed metric, by name. */
  readonly queues: QueueMetrics[];
}

const NO_QUEUE = '\u0000none';

/** Whether a participant counts in any observation (at whatever instant). */
function isObserved(p: MediaParticipant, queues: ConversationQueues): boolean {
  const probe = emptyObservations();
  observeParticipant(probe, p, queues, 0);
  return Object.values(probe).some((v) => v !== 0 && v !== null);
}

/** The last instant an ISO time names: `between(from, LAST_INSTANT)` is everything from `from` on. */
const LAST_INSTANT = '9999-12-31T23:59:59.999Z';

class QueueAccumulator {
  readonly observations = emptyObservations();
  readonly total: IntervalAccumulator;
  readonly intervals = new Map<number, IntervalAccumulator>();
  first: string | undefined;
  last: string | undefined;
  constructor(readonly queue: DomainEntityRef | null, private readonly serviceLevelMs: number) {
    this.total = new IntervalAccumulator(serviceLevelMs);
  }
  interval(startMs: number): IntervalAccumulator {
    let acc = this.intervals.get(startMs);
    if (acc === undefined) this.intervals.set(startMs, (acc = new IntervalAccumulator(this.serviceLevelMs)));
    return acc;
  }
  finish(intervalMs: number, at: string | undefined, from: string | undefined): QueueMetrics {
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      queue: this.queue,
      observations: this.observations,
      total: this.total.finish(from ?? this.first ?? at ?? iso(0), at ?? this.last ?? iso(0)),
      intervals: [...this.intervals.entries()].sort(([a], [b]) => a - b).map(([start, acc]) => acc.finish(iso(start), iso(start + intervalMs))),
    };
  }
}

/**
 * Contact-center metrics from the tracked state, per queue and overall, with Genesys Cloud's
 * definitions: observations at the instant (waiting, alerting, interacting, held, parked, ACW,
 * oldest waiting age, scheduled callbacks) and aggregates per interval, each metric attributed to
 * the interval it completes in (offered at queue entry, answered at answer, handle at the end of
 * after-call work…).
 *
 * @example
 * const { tracker } = await replayLog('day.jsonl');
 * const report = computeMetrics(tracker, { intervalMs: 15 * 60_000, serviceLevelMs: 20_000 });
 * report.overall.total.serviceLevel; // e.g. 0.89
 */
export function computeMetrics(tracker: Tracker, options: MetricsOptions = {}): MetricsReport {
  const intervalMs = options.intervalMs ?? 30 * 60_000;
  const serviceLevelMs = options.serviceLevelMs ?? 20_000;
  if (!(intervalMs > 0)) throw new InvalidOptionError('intervalMs must be a positive number of milliseconds');
  if (!(serviceLevelMs >= 0)) throw new InvalidOptionError('serviceLevelMs must be ≥ 0');
  const requested = options.at === undefined ? undefined : requireInstant(options.at);
  const from = options.from === undefined ? undefined : requireInstant(options.from);

  const conversations: ConversationSnapshot[] =
    from !== undefined ? tracker.between(from, requested ?? LAST_INSTANT).conversations()
    : requested === undefined ? tracker.conversations()
    : tracker.at(requested).conversations();
  const overall = new QueueAccumulator(null, serviceLevelMs);
  const accumulators = new Map<string, QueueAccumulator>();
  const accumulatorOf = (queue: DomainEntityRef | undefined) => {
    const key = queue?.id ?? NO_QUEUE;
    let acc = accumulators.get(key);
    if (acc === undefined) accumulators.set(key, (acc = new QueueAccumulator(queue ?? null, serviceLevelMs)));
    return acc;
  };

  // One conversation at a time (its history is dropped after it): memory stays flat. The
  // observations wait for the instant, which is the last event's time when none was asked for.
  const observed: { participant: MediaParticipant; queues: ConversationQueues; queue: QueueAccumulator }[] = [];
  let latest: string | undefined;
  for (const conversation of conversations) {
    const whole = tracker.history(conversation.id);
    const history = requested === undefined ? whole : whole.filter((e) => e.time <= requested);
    const last = history[history.length - 1]?.time;
    if (last !== undefined && (latest === undefined || last > latest)) latest = last;
    const activity = participantActivity(history);
    const queues = conversationQueues(conversation, activity);
    for (const participant of conversation.participants as MediaParticipant[]) {
      const queue = accumulatorOf(queues.queueOf(participant));
      if (isObserved(participant, queues)) observed.push({ participant, queues, queue });
    }
    for (const emission of metricEmissions(conversation, history, activity, queues)) {
      if (from !== undefined && emission.time < from) continue;
      const bucket = Math.floor(Date.parse(emission.time) / intervalMs) * intervalMs;
      for (const acc of [overall, accumulatorOf(emission.queue)]) {
        acc.total.add(emission);
        acc.interval(bucket).add(emission);
        if (acc.first === undefined || emission.time < acc.first) acc.first = emission.time;
        if (acc.last === undefined || emission.time > acc.last) acc.last = emission.time;
      }
    }
  }
  const at = requested ?? latest;
  const atMs = at === undefined ? 0 : Date.parse(at);
  for (const { participant, queues, queue } of observed) {
    observeParticipant(overall.observations, participant, queues, atMs);
    observeParticipant(queue.observations, participant, queues, atMs);
  }

  const queueList = [...accumulators.values()]
    .filter((q) => q.first !== undefined || Object.values(q.observations).some((v) => v !== 0 && v !== null))
    .sort((a, b) => (a.queue?.name ?? a.queue?.id ?? '\uffff').localeCompare(b.queue?.name ?? b.queue?.id ?? '\uffff'));
  return {
    at: at ?? null, intervalMs, serviceLevelMs,
    overall: overall.finish(intervalMs, at, from),
    queues: queueList.map((q) => q.finish(intervalMs, at, from)),
  };
}
