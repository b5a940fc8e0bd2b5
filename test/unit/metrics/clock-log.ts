import { expect } from 'vitest';
import { computeMetrics, type MetricsOptions, type MetricsReport, type QueueMetrics } from '../../../src/metrics/compute-metrics.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';

/** `'10:01:30'` → `'2026-11-21T10:01:30.000Z'`: hand-computed cases read as wall-clock times. */
export const clock = (time: string): string => `2026-11-21T${time}.000Z`;

/**
 * Events of one conversation at wall-clock times; each line is
 * `[time, type, participantId, fields?]`.
 */
export function conversationLog(conversationId: string, lines: [string, string, string, Record<string, unknown>?][]): object[] {
  return lines.map(([time, type, participantId, fields], index) => ({
    id: `${conversationId}-${index + 1}`, type, time: clock(time), conversationId, participantId, ...fields,
  }));
}

/** The metrics of these events (all must apply), with `options` (`at` as a wall-clock time). */
export function metricsOf(events: object[], options: Omit<MetricsOptions, 'at'> & { at?: string } = {}): MetricsReport {
  const tracker = createTracker();
  expect(tracker.load(events).filter((r) => r.status !== 'applied')).toEqual([]);
  return computeMetrics(tracker, { ...options, at: options.at === undefined ? undefined : clock(options.at) });
}

/** The figures of one queue of a report. */
export function queueNamed(report: MetricsReport, name: string): QueueMetrics {
  const queue = report.queues.find((q) => q.queue?.name === name);
  expect(queue, `queue ${name}`).toBeDefined();
  return queue!;
}
