export { computeMetrics, computeMetricsPartial, type MetricsOptions, type MetricsReport, type QueueMetrics } from './compute-metrics.js';
export type { IntervalMetrics, IntervalSums } from './interval-metrics.js';
export type { FloorCounts, Observations } from './observations.js';
export { metricEmissions, type MetricEmission, type MetricKind } from './metric-emissions.js';
export { createLiveMetrics, type LiveMetrics, type LiveMetricsOptions } from './live-metrics.js';
export { mergeMetricsPartials, type MetricsPartial, type MetricsScope, type QueuePartial } from './metrics-partial.js';
