import Table from 'cli-table3';
import type { MetricsReport, QueueMetrics } from '../metrics/compute-metrics.js';
import type { IntervalMetrics } from '../metrics/interval-metrics.js';
import { printable } from '../text/printable.js';
import { formatDuration } from '../time/duration.js';

const seconds = (ms: number | null) => (ms === null ? '' : `${(ms / 1000).toFixed(1)}s`);
const percent = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);
const name = (q: QueueMetrics) => printable(q.queue === null ? '(none)' : q.queue.name ?? q.queue.id ?? '(none)');
const style = { head: [], border: [] };

const AGGREGATE_HEAD = ['offered', 'answered', 'abandoned', 'SL %', 'ASA', 'AHT', 'talk', 'hold', 'ACW', 'holds', 'transfers', 'not resp.'];
const aggregateCells = (m: IntervalMetrics) => [
  m.offered, m.answered, m.abandoned, percent(m.serviceLevel), seconds(m.averageSpeedOfAnswerMs), seconds(m.averageHandleMs),
  seconds(m.averageTalkMs), seconds(m.averageHoldMs), seconds(m.averageAcwMs), m.holds, m.transfers, m.notResponding,
].map(String);

/**
 * Renders a metrics report for people: the floor now, totals per queue, and the overall
 * intervals; control characters in queue names are escaped.
 *
 * @example
 * console.log(metricsTable(computeMetrics(tracker)));
 */
export function metricsTable(report: MetricsReport): string {
  const rows = [...report.queues, report.overall];
  const now = new Table({ head: ['queue', 'waiting', 'oldest wait', 'alerting', 'interacting', 'held', 'parked', 'in ACW', 'scheduled cb'], style });
  for (const q of rows) {
    const o = q.observations;
    now.push([q === report.overall ? 'all queues' : name(q), o.waiting, seconds(o.oldestWaitingMs), o.alerting, o.interacting, o.held, o.parked, o.afterCallWork, o.scheduledCallbacks].map(String));
  }
  const totals = new Table({ head: ['queue', ...AGGREGATE_HEAD], style });
  for (const q of rows) totals.push([q === report.overall ? 'all queues' : name(q), ...aggregateCells(q.total)]);
  const intervals = new Table({ head: ['interval (UTC)', ...AGGREGATE_HEAD], style });
  for (const m of report.overall.intervals) intervals.push([`${m.start.slice(0, 16).replace('T', ' ')}`, ...aggregateCells(m)]);
  return [
    `Observations at ${report.at ?? '(empty log)'}`,
    now.toString(),
    `Totals (service level ${formatDuration(report.serviceLevelMs)})`,
    totals.toString(),
    `All queues per ${formatDuration(report.intervalMs)} interval, each metric in the interval it completed in`,
    intervals.toString(),
  ].join('\n');
}
