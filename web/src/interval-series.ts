import type { IntervalMetrics } from '../../src/metrics/interval-metrics.js';
/** The interval charts' data: one column per interval, from the first with activity to the one `at` falls in. */
export interface IntervalSeries {
  /** The interval length, in seconds. */
  readonly intervalSeconds: number;
  /** Interval starts, in epoch seconds. */
  readonly starts: number[];
  readonly offered: number[];
  readonly answered: number[];
  readonly abandoned: number[];
  /** Service level in percent; `null` where nothing completed. */
  readonly serviceLevel: (number | null)[];
}

/**
 * Every interval from the first of `intervals` (the day's first activity) to the interval `at`
 * falls in, filled from `intervals`: the report lists only those in which something completed,
 * the others are 0.
 *
 * @example
 * intervalSeries(metrics.overall.intervals, metrics.intervalMs, metrics.at).offered; // [3, 0, 5, …]
 */
export function intervalSeries(intervals: readonly IntervalMetrics[], intervalMs: number, at: string | null): IntervalSeries {
  const series: IntervalSeries = { intervalSeconds: intervalMs / 1000, starts: [], offered: [], answered: [], abandoned: [], serviceLevel: [] };
  if (at === null) return series;
  const atMs = Date.parse(at);
  const byStart = new Map(intervals.map((i) => [Date.parse(i.start), i]));
  const first = intervals[0] === undefined ? Math.floor(atMs / intervalMs) * intervalMs : Date.parse(intervals[0].start);
  for (let start = first; start <= atMs; start += intervalMs) {
    const interval = byStart.get(start);
    series.starts.push(start / 1000);
    series.offered.push(interval?.offered ?? 0);
    series.answered.push(interval?.answered ?? 0);
    series.abandoned.push(interval?.abandoned ?? 0);
    series.serviceLevel.push(interval?.serviceLevel == null ? null : Math.round(interval.serviceLevel * 1000) / 10);
  }
  return series;
}
