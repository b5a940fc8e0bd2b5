import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { requireInstant } from '../events/time.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { DomainEntityRef } from '../model/domain-entity-ref.js';
import type { Tracker } from '../tracker/create-tracker.js';
import { conversationContribution } from './conversation-contribution.js';
import type { IntervalMetrics } from './interval-metrics.js';
import { mergeMetricsPartials, type MetricsPartial } from './metrics-partial.js';
import type { Observations } from './observations.js';
import { MetricsAccumulator, type QueueAccumulator } from './queue-accumulator.js';

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

/**
 * The interval length and service-level threshold of `options`, defaults filled in and checked
 * (an {@link InvalidOptionError} otherwise).
 *
 * @example
 * metricsSettings({ intervalMs: 15 * 60_000 }); // { intervalMs: 900000, serviceLevelMs: 20000 }
 */
export function metricsSettings(options: Pick<MetricsOptions, 'intervalMs' | 'serviceLevelMs'>): { intervalMs: number; serviceLevelMs: number } {
  const intervalMs = options.intervalMs ?? 30 * 60_000;
  const serviceLevelMs = options.serviceLevelMs ?? 20_000;
  if (!(intervalMs > 0)) throw new InvalidOptionError('intervalMs must be a positive number of milliseconds');
  if (!(serviceLevelMs >= 0)) throw new InvalidOptionError('serviceLevelMs must be ≥ 0');
  return { intervalMs, serviceLevelMs };
}

/** The last instant an ISO time names: `between(from, LAST_INSTANT)` is everything from `from` on. */
export const LAST_INSTANT = '9999-12-31T23:59:59.999Z';

/**
 * Contact-center metrics from the tracked state, per queue and overall, with Genesys Cloud's
 * definitions: observations at the instant (waiting, alerting, interacting, held, parked, ACW,
 * oldest waiting age, scheduled callbacks) and aggregates per interval, each metric attributed to
 * the interval it completes in (offered at queue entry, answered at answer, handle at the end of
 * after-call work…). The report is {@link computeMetricsPartial}'s partial, finished.
 *
 * @example
 * const { tracker } = await replayLog('day.jsonl');
 * const report = computeMetrics(tracker, { intervalMs: 15 * 60_000, serviceLevelMs: 20_000 });
 * report.overall.total.serviceLevel; // e.g. 0.89
 */
export function computeMetrics(tracker: Tracker, options: MetricsOptions = {}): MetricsReport {
  return mergeMetricsPartials([computeMetricsPartial(tracker, options)]);
}

/**
 * What {@link computeMetrics} sums, before the report is finished: the partial of one partition
 * of the conversations, which `mergeMetricsPartials` merges with those of the others into the
 * report of all (take each partition's partial with the same options).
 *
 * @example
 * const options = { from: '2026-11-21T00:00:00Z', at: '2026-11-21T10:42:00Z' };
 * const partial = computeMetricsPartial(partitionTracker, options);
 * mergeMetricsPartials([partial]); // deep-equal to computeMetrics(partitionTracker, options)
 */
export function computeMetricsPartial(tracker: Tracker, options: MetricsOptions = {}): MetricsPartial {
  const { intervalMs, serviceLevelMs } = metricsSettings(options);
  const requested = options.at === undefined ? undefined : requireInstant(options.at);
  const from = options.from === undefined ? undefined : requireInstant(options.from);

  // One at a time: a store's conversations are read as they are summed, never all held at once.
  const conversations: Iterable<ConversationSnapshot> =
    from !== undefined ? tracker.between(from, requested ?? LAST_INSTANT).eachConversation()
    : requested === undefined ? tracker.eachConversation()
    : tracker.at(requested).eachConversation();
  const metrics = new MetricsAccumulator(intervalMs, serviceLevelMs);
  /** Without `from`, each total starts at its first completed metric. */
  const firstCompleted = new Map<QueueAccumulator, string>();

  // One conversation at a time (its history is dropped after it): memory stays flat. The floor
  // is counted as of the instant asked for, else as of the last event.
  let latest: string | undefined;
  for (const conversation of conversations) {
    const whole = tracker.history(conversation.id);
    const history = requested === undefined ? whole : whole.filter((e) => e.time <= requested);
    const contribution = conversationContribution(conversation, history, from);
    const last = contribution.lastEventTime;
    if (last !== undefined && (latest === undefined || last > latest)) latest = last;
    for (const queue of contribution.queues) metrics.of(queue, contribution.firstEventTime);
    for (const participant of contribution.observed) metrics.observe(participant);
    for (const emission of contribution.emissions) {
      metrics.add(emission);
      for (const acc of [metrics.overall, metrics.of(emission.queue, contribution.firstEventTime)]) {
        const first = firstCompleted.get(acc);
        if (first === undefined || emission.time < first) firstCompleted.set(acc, emission.time);
      }
    }
  }
  const scope = { at: requested ?? null, latest: latest ?? null, from: from ?? null, daily: false };
  return metrics.partial(scope, (acc) => firstCompleted.get(acc));
}
