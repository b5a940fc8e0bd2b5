export type { TrackerEvent, TrackerEventType, EventOfType, ParticipantAddedEvent } from './tracker-event.js';
export { trackerEventSchema, CHAT_ONLY_FIELDS, CALLBACK_ONLY_FIELDS } from './schemas.js';
export { parseEvent, type ParseEventResult, type EventIssue } from './parse-event.js';
export { EVENT_LIMITS } from './plain-input.js';
export { LIFECYCLE_RANK, EVENT_TYPES, compareEventOrder } from './lifecycle-rank.js';
export { normalizeTime, requireInstant, timeProblem, toCanonicalTime } from './time.js';
