/**
 * The public API of `participant-tracker`: every name a user imports, listed one by one (no
 * `export *`), so that nothing internal becomes public by accident. docs/api.md describes each
 * name; test/e2e/public-api.test.ts pins the runtime names of the built package. The folder
 * modules (`src/<folder>/index.ts`) gather names for use inside the package and its tests; only
 * what is listed here is public (the package's `exports` map opens nothing else).
 */

// Tracker: live and bulk folding, snapshots, time travel, subscriptions.
export { createTracker } from './tracker/index.js';
export type {
  Tracker, TrackerOptions, TrackerView, ConversationChange, ApplyResult, Rejection, RejectReason, StandingRejection,
} from './tracker/index.js';

// Events: the v1 event vocabulary and its validation.
export { parseEvent, EVENT_LIMITS, EVENT_TYPES } from './events/index.js';
export type { TrackerEvent, TrackerEventType, EventOfType, ParticipantAddedEvent, ParseEventResult, EventIssue } from './events/index.js';

// Participant lifecycles: the XState machines that specify them.
export { chatParticipantMachine, callbackParticipantMachine } from './machines/participant-lifecycle.js';
export type { ParticipantMachine, LifecycleState, LifecycleMeta } from './machines/participant-lifecycle.js';

// The embedded event store: restart without loss, flat memory, time travel by index.
export { openEventStore } from './store/event-store.js';
export type { EventStore, EventStoreOptions } from './store/event-store.js';

// Replay of an event log.
export { replayLog } from './replay/index.js';
export type { ReplayOptions, ReplayResult, ReplaySummary, LineRejection, LogSource } from './replay/index.js';

// Metrics with Genesys Cloud's definitions.
export { computeMetrics, createLiveMetrics } from './metrics/index.js';
export type { MetricsOptions, MetricsReport, QueueMetrics, IntervalMetrics, Observations, LiveMetrics, LiveMetricsOptions } from './metrics/index.js';

// Simulation of a contact center, and queueing theory to check it against.
export { simulate, erlangA, erlangC } from './sim/index.js';
export type {
  SimulationOptions, QueueOptions, AgentGroupOptions, CallbackOptions, QueueDefaults, AgentGroupDefaults, Duration,
  SimulatedMedia, HandleTimeDistribution, ErlangAInput, ErlangAResult, ErlangCInput, ErlangCResult,
} from './sim/index.js';

// Ingest of Genesys Cloud payloads into v1 events.
export { ingestGenesys, createGenesysIngest } from './ingest/index.js';
export type {
  GenesysIngestRun, IngestGenesysOptions, JsonSource, GenesysIngest, PayloadResult, IngestReport, LocatedFinding,
  UnreadableInput, IngestFinding, FindingKind,
} from './ingest/index.js';

// Model: the Genesys participant and conversation types, their known values and invariants.
export {
  PARTICIPANT_STATES, PARTICIPANT_PURPOSES, DIRECTIONS, DISCONNECT_TYPES, WRAPUP_PROMPTS, FLAGGED_REASONS,
  UPLOAD_STATUSES, MEDIA_TYPES, participantViolations,
} from './model/index.js';
export type {
  OpenEnum, ParticipantState, ParticipantPurpose, Direction, DisconnectType, WrapupPrompt, FlaggedReason, UploadStatus,
  MediaType, DomainEntityRef, AddressableEntityRef, ErrorInfo, Wrapup, JourneyContext, JourneyCustomer,
  JourneyCustomerSession, JourneyAction, JourneyActionMap, ConversationRoutingData, ScoredAgent, DialerPreview,
  PhoneNumberColumn, Voicemail, MediaParticipantBase, ChatOnlyFields, CallbackOnlyFields, ChatMediaParticipant,
  CallbackMediaParticipant, MediaParticipant, ConversationSnapshot, ChatConversationSnapshot,
  CallbackConversationSnapshot, InvariantRule, InvariantViolation,
} from './model/index.js';

// Errors: one family with a stable code.
export {
  ParticipantTrackerError, InvalidInstantError, InvalidOptionError, HeapExhaustedError, StoreError, ERROR_CODES,
} from './errors/index.js';
export type { ErrorCode, StoreErrorCode } from './errors/index.js';
