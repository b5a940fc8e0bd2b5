export type { OpenEnum } from './open-enum.js';
export * from './enums.js';
export type { DomainEntityRef, AddressableEntityRef } from './domain-entity-ref.js';
export type { ErrorInfo } from './error-info.js';
export type { Wrapup } from './wrapup.js';
export type {
  JourneyContext, JourneyCustomer, JourneyCustomerSession, JourneyAction, JourneyActionMap,
} from './journey-context.js';
export type { ConversationRoutingData, ScoredAgent } from './conversation-routing-data.js';
export type { DialerPreview, PhoneNumberColumn } from './dialer-preview.js';
export type { Voicemail } from './voicemail.js';
export type {
  MediaParticipantBase, ChatOnlyFields, CallbackOnlyFields, ChatMediaParticipant,
  CallbackMediaParticipant, MediaParticipant,
} from './media-participant.js';
export type {
  ConversationSnapshot, ChatConversationSnapshot, CallbackConversationSnapshot,
} from './conversation-snapshot.js';
export { participantViolations, type InvariantRule, type InvariantViolation } from './invariants.js';
