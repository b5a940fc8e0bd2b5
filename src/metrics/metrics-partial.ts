import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { requireInstant } from '../events/time.js';
import type { DomainEntityRef } from '../model/domain-entity-ref.js';
import { startOfUtcDay } from '../time/start-of-utc-day.js';
import type { MetricsOptions, MetricsReport, QueueMetrics } from './compute-metrics.js';
import { addIntervalSums, emptyIntervalSums, finishInterval, type IntervalSums } from './interval-metrics.js';
import { addFloor, emptyFloor, observationsAt, type FloorCounts } from './observations.js';
import { queueKey } from './queue-accumulator.js';

/**
 * What a partial covers: the instant asked for, the latest event read, where the aggregates start
 * and whether they are a UTC day's (live metrics).
 *
 * @example
 * const scope: MetricsScope = { at: null, latest: '2026-11-21T10:42:00.000Z', from: '2026-11-21T00:00:00.000Z', daily: true };
 */
export interface MetricsScope {
  /** The instant asked for (canonical ISO); `null` when none was: the report is then at the latest event. */
  readonly at: string | null;
  /** The time of the latest applied event read (canonical ISO); `null` when none was. */
  readonly latest: string | null;
  /**
   * The start of the aggregates (inclusive; canonical ISO); `null` when each total starts at its
   * first completed metric.
   */
  readonly from: string | null;
  /**
   * Whether the aggregates are those of the UTC day that starts at `from` (live metrics, whose
   * `from` is `null` only when they have no instant at all): they count in a merged report of
   * that day only, the floor in any.
   */
  readonly daily: boolean;
}

/**
 * What one queue (or all queues together) has summed, as plain JSON.
 *
 * @example
 * partial.queues.find((q) => q.queue?.name === 'Support')?.total.counts.offered; // offers to Support
 */
export interface QueuePartial {
  /** The queue; `null` for all queues together and for interactions without a queue. */
  readonly queue: DomainEntityRef | null;
  /** The first event time of the conversation whose reference named the queue; `null` for all queues together. */
  readonly namedAt: string | null;
  /** The time of its earliest completed metric, when the total starts there (no `from`); else `null`. */
  readonly firstCompleted: string | null;
  /** The floor: every count of the observations, and the offer time of the longest wait. */
  readonly floor: FloorCounts;
  readonly total: IntervalSums;
  /** The intervals in which anything completed, in time order, each with its start (canonical ISO). */
  readonly intervals: readonly (IntervalSums & { readonly start: string })[];
}

/**
 * A metrics report stopped before it is finished: sums, counts and earliest times only, in plain
 * JSON (it survives `JSON.stringify`/`JSON.parse` as it is). Partials of trackers that split the
 * conversations between them (by conversation id) merge, with {@link mergeMetricsPartials}, into
 * the report of one tracker holding them all. Made by `computeMetricsPartial` and
 * `LiveMetrics.partial`.
 *
 * @example
 * const partial: MetricsPartial = computeMetricsPartial(tracker, { from: '2026-11-21T00:00:00Z' });
 * send(JSON.stringify(partial)); // to the gateway, which merges the partitions' partials
 */
export interface MetricsPartial extends MetricsScope {
  readonly intervalMs: number;
  readonly serviceLevelMs: number;
  readonly overall: QueuePartial;
  /** Every queue referenced (listed in a report or not), in the order they were named. */
  readonly queues: readonly QueuePartial[];
}

/** Where a report with no instant (an empty tracker) begins and ends. */
const EPOCH = new Date(0).toISOString();

const iso = (ms: number) => new Date(ms).toISOString();

/** The figures of one queue being merged. */
interface QueueSum {
  readonly queue: DomainEntityRef | null;
  readonly floor: FloorCounts;
  total: IntervalSums;
  readonly intervals: Map<string, IntervalSums>;
  firstCompleted: string | null;
}

const emptySum = (queue: DomainEntityRef | null): QueueSum => ({
  queue, floor: emptyFloor(), total: emptyIntervalSums(), intervals: new Map(), firstCompleted: null,
});

/** Adds a queue's partial to its sum: its floor always, its aggregates when `aggregates`. */
function addQueue(into: QueueSum, from: QueuePartial, aggregates: boolean): void {
  addFloor(into.floor, from.floor);
  if (!aggregates) return;
  into.total = addIntervalSums(into.total, from.total);
  for (const { start, ...sums } of from.intervals) {
    const interval = into.intervals.get(start);
    into.intervals.set(start, interval === undefined ? sums : addIntervalSums(interval, sums));
  }
  const first = from.firstCompleted;
  if (first !== null && (into.firstCompleted === null || first < into.firstCompleted)) into.firstCompleted = first;
}

/**
 * The partials' queues, each with its partial, in the order one tracker holding all their
 * conversations would have named them: each partial's own order kept, the next queue taken from
 * the partial whose next one was named earliest (the earlier partial on a tie).
 */
function* inNamingOrder(partials: readonly MetricsPartial[]): Generator<[MetricsPartial, QueuePartial], void, undefined> {
  const next = partials.map(() => 0);
  const namedAt = (i: number) => partials[i]!.queues[next[i]!]?.namedAt;
  for (;;) {
    let earliest = -1;
    for (let i = 0; i < partials.length; i++) {
      const candidate = namedAt(i);
      if (candidate === undefined) continue;
      const best = earliest < 0 ? undefined : namedAt(earliest);
      if (best === undefined || (candidate !== null && (best === null || candidate < best))) earliest = i;
    }
    if (earliest < 0) return;
    const partial = partials[earliest]!;
    yield [partial, partial.queues[next[earliest]!++]!];
  }
}

/** The instant of the merged report: the one asked for (by the options or the partials), else the latest event; checked. */
function mergedInstant(partials: readonly MetricsPartial[], requested: MetricsOptions['at']): string | null {
  const asked = new Set(partials.flatMap((p) => (p.at === null ? [] : [p.at])));
  if (requested !== undefined) asked.add(requireInstant(requested));
  if (asked.size > 1) throw new InvalidOptionError(`the partials and at name different instants (${[...asked].join(', ')}): each partial must be taken at the instant of the merge`);
  let latest: string | null = null;
  for (const p of partials) if (p.latest !== null && (latest === null || p.latest > latest)) latest = p.latest;
  const [at = latest] = asked;
  if (at !== null && latest !== null && at < latest) throw new InvalidOptionError(`at (${at}) must not be before the latest event (${latest})`);
  return at;
}

/**
 * The metrics report of the conversations of several trackers (partitions of the conversations,
 * by id) from their partials, equal to what one tracker holding them all reports
 * (`computeMetrics`, or `LiveMetrics.report`): counts and sums added per queue and interval, the
 * earliest times kept; at the instant asked for (`options.at`, or the partials' own), else at the
 * latest event of all; the floor's longest wait measured from the earliest offer. Live partials
 * sum a UTC day: one of a day before the instant's (its partition has no event of that day yet)
 * adds its floor, not its aggregates. Queues are named by the reference of the conversation with
 * the earliest first event (the earlier partial on a tie), as one tracker fed in time order names
 * them by the first reference given; queues are listed as `computeMetrics` lists them.
 *
 * Partials must share `intervalMs`, `serviceLevelMs` and their start (`from`, or all be live), and
 * name no two different instants; `at` must not be before the latest event: an
 * `InvalidOptionError` otherwise, as for no partial at all.
 *
 * @example
 * const options = { from: '2026-11-21T00:00:00Z', at: '2026-11-21T10:42:00Z' };
 * const partials = partitions.map((tracker) => computeMetricsPartial(tracker, options));
 * mergeMetricsPartials(partials); // deep-equal to computeMetrics(oneTrackerWithEverything, options)
 */
export function mergeMetricsPartials(partials: readonly MetricsPartial[], options: Pick<MetricsOptions, 'at'> = {}): MetricsReport {
  const [first] = partials;
  if (first === undefined) throw new InvalidOptionError('there is no partial to merge');
  const { intervalMs, serviceLevelMs, daily } = first;
  for (const p of partials) {
    if (p.intervalMs !== intervalMs || p.serviceLevelMs !== serviceLevelMs) throw new InvalidOptionError('the partials must share intervalMs and serviceLevelMs');
    if (p.daily !== daily || (!daily && p.from !== first.from)) throw new InvalidOptionError('the partials must all be live, or all start at the same from');
  }
  const at = mergedInstant(partials, options.at);
  const from = !daily ? first.from : at === null ? null : startOfUtcDay(at);

  /** Whether a partial's aggregates count: a live one's only in the day of the instant. */
  const aggregates = (p: MetricsPartial) => !daily || p.from === from;
  const overall = emptySum(null);
  for (const p of partials) addQueue(overall, p.overall, aggregates(p));
  const queues = new Map<string, QueueSum>();
  for (const [p, q] of inNamingOrder(partials)) {
    const key = queueKey(q.queue);
    let sum = queues.get(key);
    if (sum === undefined) queues.set(key, (sum = emptySum(q.queue)));
    addQueue(sum, q, aggregates(p));
  }

  const end = at ?? EPOCH;
  const atMs = at === null ? 0 : Date.parse(at);
  const finish = (sum: QueueSum): QueueMetrics => ({
    queue: sum.queue,
    observations: observationsAt(sum.floor, atMs),
    total: finishInterval(sum.total, from ?? sum.firstCompleted ?? end, end),
    intervals: [...sum.intervals.entries()]
      .sort(([a], [b]) => Date.parse(a) - Date.parse(b))
      .map(([start, sums]) => finishInterval(sums, start, iso(Date.parse(start) + intervalMs))),
  });
  const listed = [...queues.values()]
    .filter((q) => q.total.emissions > 0 || Object.values(q.floor).some((v) => v !== 0 && v !== null))
    .sort((a, b) => (a.queue?.name ?? a.queue?.id ?? '\uffff').localeCompare(b.queue?.name ?? b.queue?.id ?? '\uffff'));
  return { at, intervalMs, serviceLevelMs, overall: finish(overall), queues: listed.map(finish) };
}
