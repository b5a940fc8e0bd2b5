export * from './model/index.js';
export * from './events/index.js';
export { chatParticipantMachine, callbackParticipantMachine, PARTICIPANT_MACHINES } from './machines/participant-lifecycle.js';
export { compileLifecycle, LIFECYCLES, lifecycleEventKey, type CompiledLifecycle } from './machines/compile-lifecycle.js';
export { REDUCERS, reduceParticipant, type ParticipantDraft, type Reducer } from './reducers/index.js';
export * from './tracker/index.js';
export * from './replay/index.js';
export * from './metrics/index.js';
export { parseDuration, formatDuration } from './time/duration.js';
