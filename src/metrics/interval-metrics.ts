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
 * What one interval (or a total) has summed, as plain JSON: per metric kind the count of
 * emissions and the sum of their lengths (kinds at zero left out), the answers within service
 * level and the number of emissions. Sums of the same interval taken apart add up
 * ({@link addIntervalSums}); {@link finishInterval} turns them into {@link IntervalMetrics}.
 *
 * @example
 * const sums: IntervalSums = { counts: { offered: 3, answered: 2 }, sums: { answered: 21_000 }, answeredWithinServiceLevel: 1, emissions: 5 };
 * finishInterval(sums, start, end).averageSpeedOfAnswerMs; // 10500
 */
export interface IntervalSums {
  readonly counts: Partial<Record<MetricKind, number>>;
  /** Milliseconds, per kind of the emissions that carry a length. */
  readonly sums: Partial<Record<MetricKind, number>>;
  readonly answeredWithinServiceLevel: number;
  readonly emissions: number;
}

/** Nothing summed. */
export const emptyIntervalSums = (): IntervalSums => ({ counts: {}, sums: {}, answeredWithinServiceLevel: 0, emissions: 0 });

/** A record of per-kind numbers, its zero entries left out. */
function nonZero(entries: Iterable<[MetricKind, number]>): Partial<Record<MetricKind, number>> {
  const out: Partial<Record<MetricKind, number>> = {};
  for (const [kind, value] of entries) if (value !== 0) out[kind] = value;
  return out;
}

/** Per-kind numbers of two records added up. */
function addPerKind(a: Partial<Record<MetricKind, number>>, b: Partial<Record<MetricKind, number>>): Partial<Record<MetricKind, number>> {
  const kinds = new Set([...Object.keys(a), ...Object.keys(b)] as MetricKind[]);
  return nonZero([...kinds].map((kind): [MetricKind, number] => [kind, (a[kind] ?? 0) + (b[kind] ?? 0)]));
}

/**
 * The sums of an interval counted apart (one part per partition), added up.
 *
 * @example
 * addIntervalSums(partitionA.total, partitionB.total).emissions; // both partitions' emissions
 */
export function addIntervalSums(a: IntervalSums, b: IntervalSums): IntervalSums {
  return {
    counts: addPerKind(a.counts, b.counts),
    sums: addPerKind(a.sums, b.sums),
    answeredWithinServiceLevel: a.answeredWithinServiceLevel + b.answeredWithinServiceLevel,
    emissions: a.emissions + b.emissions,
  };
}

/**
 * The aggregates of `[start, end)` from what was summed in it.
 *
 * @example
 * finishInterval(emptyIntervalSums(), start, end).serviceLevel; // null: nothing completed
 */
export function finishInterval(summed: IntervalSums, start: string, end: string): IntervalMetrics {
  const count = (kind: MetricKind) => summed.counts[kind] ?? 0;
  const average = (kind: MetricKind) => (count(kind) === 0 ? null : (summed.sums[kind] ?? 0) / count(kind));
  const completed = count('answered') + count('abandoned');
  const within = summed.answeredWithinServiceLevel;
  return {
    start, end,
    offered: count('offered'),
    answered: count('answered'),
    abandoned: count('abandoned'),
    flowOuts: count('flowOut'),
    answeredWithinServiceLevel: within,
    serviceLevel: completed === 0 ? null : within / completed,
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

/**
 * Running sums of one interval; {@link finishInterval} of its `sumsSoFar()` gives its {@link IntervalMetrics}. Emissions can be
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

  /** What it has summed, as plain JSON. */
  sumsSoFar(): IntervalSums {
    return { counts: nonZero(this.counts), sums: nonZero(this.sums), answeredWithinServiceLevel: this.withinServiceLevel, emissions: this.emissions };
  }
}
