export { replayLog, type ReplayOptions, type ReplayResult, type ReplaySummary, type LineRejection, type LogSource } from './replay-log.js';
export { readLog, type LogLine, type LineFault, type ReadLogOptions, type ReadLogSummary } from './read-log.js';
