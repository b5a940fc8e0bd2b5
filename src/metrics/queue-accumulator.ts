import type { DomainEntityRef } from '../model/domain-entity-ref.js';
import type { ObservedParticipant } from './conversation-contribution.js';
import { IntervalAccumulator } from './interval-metrics.js';
import type { MetricEmission } from './metric-emissions.js';
import type { MetricsPartial, MetricsScope, QueuePartial } from './metrics-partial.js';
import { emptyFloor, observeParticipant, type FloorCounts } from './observations.js';

/**
 * The key of a queue among others: its id, or one key for the interactions without a queue.
 *
 * @example
 * queueKey({ id: 'q-support', name: 'Support' }); // 'q-support'
 */
export const queueKey = (queue: DomainEntityRef | null | undefined): string => queue?.id ?? '\u0000none';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The figures of one queue (or of all queues) being summed: its floor, its total and its
 * intervals. Made by {@link MetricsAccumulator.of}.
 *
 * @example
 * const support = metrics.of({ id: 'q-support', name: 'Support' }, '2026-11-21T10:00:00.000Z');
 * support.total.size; // emissions completed in Support
 */
export class QueueAccumulator {
  floor: FloorCounts = emptyFloor();
  readonly total: IntervalAccumulator;
  private readonly intervals = new Map<number, IntervalAccumulator>();

  /**
   * `namedAt`: the first event time of the conversation whose reference named the queue (`null`
   * for all queues together).
   */
  constructor(
    readonly queue: DomainEntityRef | null, readonly namedAt: string | null,
    private readonly serviceLevelMs: number,
  ) {
    this.total = new IntervalAccumulator(serviceLevelMs);
  }

  /** Adds an emission to the total and to the interval that starts at `intervalStartMs`. */
  add(emission: MetricEmission, intervalStartMs: number): void {
    this.total.add(emission);
    let interval = this.intervals.get(intervalStartMs);
    if (interval === undefined) this.intervals.set(intervalStartMs, (interval = new IntervalAccumulator(this.serviceLevelMs)));
    interval.add(emission);
  }

  /** Takes out an emission added before; an interval left empty is no longer listed. */
  remove(emission: MetricEmission, intervalStartMs: number): void {
    this.total.remove(emission);
    const interval = this.intervals.get(intervalStartMs)!;
    interval.remove(emission);
    if (interval.size === 0) this.intervals.delete(intervalStartMs);
  }

  /** What it has summed, as plain JSON; `firstCompleted` is the time of its earliest emission when known. */
  partial(firstCompleted: string | undefined): QueuePartial {
    return {
      queue: this.queue,
      namedAt: this.namedAt,
      firstCompleted: firstCompleted ?? null,
      floor: { ...this.floor },
      total: this.total.sumsSoFar(),
      intervals: [...this.intervals.entries()].sort(([a], [b]) => a - b).map(([start, acc]) => ({ start: iso(start), ...acc.sumsSoFar() })),
    };
  }
}

/**
 * The running figures of a metrics report: all queues together and each queue, summed from
 * conversation contributions. Emissions are added and removed (a conversation's old contribution
 * leaves when it changes); the floor is counted afresh for each report. `partial` hands out the
 * sums, which `mergeMetricsPartials` turns into the report.
 *
 * @example
 * const metrics = new MetricsAccumulator(30 * 60_000, 20_000);
 * for (const queue of contribution.queues) metrics.of(queue, contribution.firstEventTime);
 * for (const emission of contribution.emissions) metrics.add(emission);
 * for (const observed of contribution.observed) metrics.observe(observed);
 * mergeMetricsPartials([metrics.partial({ at: null, latest: at, from, daily: false }, () => undefined)]).overall.total.offered;
 */
export class MetricsAccumulator {
  readonly overall: QueueAccumulator;
  private readonly queues = new Map<string, QueueAccumulator>();

  constructor(readonly intervalMs: number, readonly serviceLevelMs: number) {
    this.overall = new QueueAccumulator(null, null, serviceLevelMs);
  }

  /**
   * The figures of a queue (`undefined`: interactions without a queue), made on first use: the
   * first reference given for an id names it, `namedAt` being the first event time of the
   * conversation that gave it.
   */
  of(queue: DomainEntityRef | undefined, namedAt: string | undefined): QueueAccumulator {
    const key = queueKey(queue);
    let acc = this.queues.get(key);
    if (acc === undefined) this.queues.set(key, (acc = new QueueAccumulator(queue ?? null, namedAt ?? null, this.serviceLevelMs)));
    return acc;
  }

  /** Adds an emission to all queues and to its own (given to {@link of} before), in the interval it completes in. */
  add(emission: MetricEmission): void {
    const start = this.intervalStartOf(emission);
    this.overall.add(emission, start);
    this.known(emission.queue).add(emission, start);
  }

  /** Takes out an emission added before. */
  remove(emission: MetricEmission): void {
    const start = this.intervalStartOf(emission);
    this.overall.remove(emission, start);
    this.known(emission.queue).remove(emission, start);
  }

  /** Counts a participant on the floor of all queues and of its own (given to {@link of} before). */
  observe({ participant, queues, queue }: ObservedParticipant): void {
    observeParticipant(this.overall.floor, participant, queues);
    observeParticipant(this.known(queue).floor, participant, queues);
  }

  /** Forgets the floor (before counting it again). */
  clearObservations(): void {
    for (const acc of [this.overall, ...this.queues.values()]) acc.floor = emptyFloor();
  }

  /**
   * Everything summed, as a {@link MetricsPartial} of `scope`: all queues together and each queue
   * in the order they were named; `firstCompleted` gives a queue's earliest emission time when
   * known.
   */
  partial(scope: MetricsScope, firstCompleted: (acc: QueueAccumulator) => string | undefined): MetricsPartial {
    const partialOf = (acc: QueueAccumulator) => acc.partial(firstCompleted(acc));
    return {
      ...scope, intervalMs: this.intervalMs, serviceLevelMs: this.serviceLevelMs,
      overall: partialOf(this.overall),
      queues: [...this.queues.values()].map(partialOf),
    };
  }

  /** The figures of a queue already named. */
  private known(queue: DomainEntityRef | undefined): QueueAccumulator {
    const acc = this.queues.get(queueKey(queue));
    if (acc === undefined) throw new Error(`queue ${queue?.id ?? '(none)'} was not named before its figures were counted`);
    return acc;
  }

  private intervalStartOf(emission: MetricEmission): number {
    return Math.floor(Date.parse(emission.time) / this.intervalMs) * this.intervalMs;
  }
}
