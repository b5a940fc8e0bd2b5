import type { MetricEmission, MetricKind } from './metric-emissions.js';

/** Aggregates of one interval (or of the whole log), Genesys-style: each metric in the interval it completes in. */
export interface IntervalMetrics {
  /** Interval start and end (canonical ISO); the whole span for totals. */
  readonly start: string;
  readonly end: string;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Unanswered ACD legs transferred elsewhere (flow-outs). */
  readonly flowOuts: number;
  /** Answered within the service-level threshold. */
  readonly answeredWithinServiceLevel: number;
  /** answeredWithinServiceLevel / (answered + abandoned), 0..1; `null` when nothing completed. */
  readonly serviceLevel: number | null;
  readonly averageSpeedOfAnswerMs: number | null;
  readonly averageAbandonWaitMs: number | null;
  readonly handled: number;
  readonly averageTalkMs: number | null;
  readonly averageHoldMs: number | null;
  readonly averageAcwMs: number | null;
  readonly averageHandleMs: number | null;
  readonly holds: number;
  readonly transfers: number;
  /** Alert timeouts (agents marked Not Responding). */
  readonly notResponding: number;
}

/**
 * Running sums of one interval; `finish` turns them into {@link IntervalMetrics}. Emissions can be
 * taken out again (`remove`), exactly: durations are whole milliseconds, so the sums stay integers.
 *
 * @example
 * const interval = new IntervalAccumulator(20_000);
 * interval.add(answer);    // answered after 12 s
 * interval.remove(answer); // the conversation changed: its old contribution leaves
 * interval.size;           // 0
 */
export class IntervalAccumulator {
  private readonly counts = new Map<MetricKind, number>();
  private readonly sums = new Map<MetricKind, number>();
  private withinServiceLevel = 0;
  private emissions = 0;

  constructor(private readonly serviceLevelMs: number) {}

  /** How many emissions it holds (added and not removed). */
  get size(): number {
    return this.emissions;
  }

  /** Adds one emission. */
  add(emission: MetricEmission): void {
    this.count(emission, 1);
  }

  /** Takes out one emission added before (an equal one: same kind and value). */
  remove(emission: MetricEmission): void {
    this.count(emission, -1);
  }

  private count({ kind, valueMs }: MetricEmission, sign: 1 | -1): void {
    this.emissions += sign;
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + sign);
    if (valueMs !== undefined) this.sums.set(kind, (this.sums.get(kind) ?? 0) + sign * valueMs);
    if (kind === 'answered' && valueMs !== undefined && valueMs <= this.serviceLevelMs) this.withinServiceLevel += sign;
  }

  /** The aggregates of `[start, end)`. */
  finish(start: string, end: string): IntervalMetrics {
    const count = (kind: MetricKind) => this.counts.get(kind) ?? 0;
    const average = (kind: MetricKind) => (count(kind) === 0 ? null : (this.sums.get(kind) ?? 0) / count(kind));
    const completed = count('answered') + count('abandoned');
    return {
      start, end,
      offered: count('offered'),
      answered: count('answered'),
      abandoned: count('abandoned'),
      flowOuts: count('flowOut'),
      answeredWithinServiceLevel: this.withinServiceLevel,
      serviceLevel: completed === 0 ? null : this.withinServiceLevel / completed,
      averageSpeedOfAnswerMs: average('answered'),
      averageAbandonWaitMs: average('abandoned'),
      handled: count('handle'),
      averageTalkMs: average('talk'),
      averageHoldMs: average('hold'),
      averageAcwMs: average('acw'),
      averageHandleMs: average('handle'),
      holds: count('hold'),
      transfers: count('transfer'),
      notResponding: count('notResponding'),
    };
  }
}
