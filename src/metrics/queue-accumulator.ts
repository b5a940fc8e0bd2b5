import type { DomainEntityRef } from '../model/domain-entity-ref.js';
import type { MetricsReport, QueueMetrics } from './compute-metrics.js';
import type { ObservedParticipant } from './conversation-contribution.js';
import { IntervalAccumulator } from './interval-metrics.js';
import type { MetricEmission } from './metric-emissions.js';
import { emptyObservations, observeParticipant, type Observations } from './observations.js';

const NO_QUEUE = '\u0000none';

const iso = (ms: number) => new Date(ms).toISOString();

/** Where a report with no instant (an empty tracker) begins and ends. */
const EPOCH = iso(0);

/**
 * The figures of one queue (or of all queues) being summed: its observations, its total and its
 * intervals. Made by {@link MetricsAccumulator.of}.
 *
 * @example
 * const support = metrics.of({ id: 'q-support', name: 'Support' });
 * support.total.size; // emissions completed in Support
 */
export class QueueAccumulator {
  observations: Observations = emptyObservations();
  readonly total: IntervalAccumulator;
  private readonly intervals = new Map<number, IntervalAccumulator>();

  constructor(readonly queue: DomainEntityRef | null, private readonly intervalMs: number, private readonly serviceLevelMs: number) {
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

  /** Whether a report lists it: something completed in it, or something is observed in it. */
  get listed(): boolean {
    return this.total.size > 0 || Object.values(this.observations).some((v) => v !== 0 && v !== null);
  }

  /** The figures of a report: its observations, its total over `[totalStart, totalEnd]` and its intervals in time order. */
  finish(totalStart: string, totalEnd: string): QueueMetrics {
    return {
      queue: this.queue,
      observations: this.observations,
      total: this.total.finish(totalStart, totalEnd),
      intervals: [...this.intervals.entries()].sort(([a], [b]) => a - b).map(([start, acc]) => acc.finish(iso(start), iso(start + this.intervalMs))),
    };
  }
}

/**
 * The running figures of a metrics report: all queues together and each queue, summed from
 * conversation contributions. Emissions are added and removed (a conversation's old contribution
 * leaves when it changes); observations are taken afresh at each instant.
 *
 * @example
 * const metrics = new MetricsAccumulator(30 * 60_000, 20_000);
 * for (const emission of contribution.emissions) metrics.add(emission);
 * for (const observed of contribution.observed) metrics.observe(observed, Date.parse(at));
 * metrics.report(at, () => from).overall.total.offered;
 */
export class MetricsAccumulator {
  readonly overall: QueueAccumulator;
  private readonly queues = new Map<string, QueueAccumulator>();

  constructor(readonly intervalMs: number, readonly serviceLevelMs: number) {
    this.overall = new QueueAccumulator(null, intervalMs, serviceLevelMs);
  }

  /** The figures of a queue (`undefined`: interactions without a queue), made on first use; the first reference given for an id names it. */
  of(queue: DomainEntityRef | undefined): QueueAccumulator {
    const key = queue?.id ?? NO_QUEUE;
    let acc = this.queues.get(key);
    if (acc === undefined) this.queues.set(key, (acc = new QueueAccumulator(queue ?? null, this.intervalMs, this.serviceLevelMs)));
    return acc;
  }

  /** Adds an emission to all queues and to its own, in the interval it completes in. */
  add(emission: MetricEmission): void {
    const start = this.intervalStartOf(emission);
    this.overall.add(emission, start);
    this.of(emission.queue).add(emission, start);
  }

  /** Takes out an emission added before. */
  remove(emission: MetricEmission): void {
    const start = this.intervalStartOf(emission);
    this.overall.remove(emission, start);
    this.of(emission.queue).remove(emission, start);
  }

  /** Counts a participant in the observations at instant `atMs`, of all queues and of its own. */
  observe({ participant, queues, queue }: ObservedParticipant, atMs: number): void {
    observeParticipant(this.overall.observations, participant, queues, atMs);
    observeParticipant(this.of(queue).observations, participant, queues, atMs);
  }

  /** Forgets every observation (before observing the floor at a new instant). */
  clearObservations(): void {
    for (const acc of [this.overall, ...this.queues.values()]) acc.observations = emptyObservations();
  }

  /**
   * The report at `at`: each queue's total spans `totalStart(queue)` (else `at`) to `at`, the
   * start of time when there is no instant (nothing was read); the queues listed are those with
   * something completed or observed, by name (else id).
   */
  report(at: string | undefined, totalStart: (acc: QueueAccumulator) => string | undefined): MetricsReport {
    const end = at ?? EPOCH;
    const finish = (acc: QueueAccumulator) => acc.finish(totalStart(acc) ?? end, end);
    const listed = [...this.queues.values()]
      .filter((q) => q.listed)
      .sort((a, b) => (a.queue?.name ?? a.queue?.id ?? '\uffff').localeCompare(b.queue?.name ?? b.queue?.id ?? '\uffff'));
    return {
      at: at ?? null, intervalMs: this.intervalMs, serviceLevelMs: this.serviceLevelMs,
      overall: finish(this.overall),
      queues: listed.map(finish),
    };
  }

  private intervalStartOf(emission: MetricEmission): number {
    return Math.floor(Date.parse(emission.time) / this.intervalMs) * this.intervalMs;
  }
}
