/**
 * `participant-tracker/serve`: the live service as a library (its own entry point, so that the
 * package root does not load the HTTP server).
 */
export { startService } from './start-service.js';
export type { ServiceOptions, RunningService, SimulatedSource, GenesysSource } from './start-service.js';
export type { FloorFrame, FloorClock, Health, SourceHealth, SourceKind, SourceState } from './floor-frame.js';
export type { StreamLimits } from './stream-client.js';
