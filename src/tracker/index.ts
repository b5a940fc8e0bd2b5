export { createTracker, type Tracker, type TrackerOptions, type TrackerView, type ConversationChange } from './create-tracker.js';
export type { ApplyResult, Rejection, RejectReason, StandingRejection } from './apply-result.js';
