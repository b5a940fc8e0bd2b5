export { computeMetrics, type MetricsOptions, type MetricsReport, type QueueMetrics } from './compute-metrics.js';
export type { IntervalMetrics } from './interval-metrics.js';
export type { Observations } from './observations.js';
export { metricEmissions, type MetricEmission, type MetricKind } from './metric-emissions.js';
export { createLiveMetrics, type LiveMetrics, type LiveMetricsOptions } from './live-metrics.js';
