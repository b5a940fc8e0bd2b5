import type { ConversationRoutingData } from './conversation-routing-data.js';
import type { DialerPreview } from './dialer-preview.js';
import type { DomainEntityRef } from './domain-entity-ref.js';
import type {
  Direction, DisconnectType, FlaggedReason, ParticipantPurpose, ParticipantState, WrapupPrompt,
} from './enums.js';
import type { ErrorInfo } from './error-info.js';
import type { JourneyContext } from './journey-context.js';
import type { Voicemail } from './voicemail.js';
import type { Wrapup } from './wrapup.js';

/**
 * The fields `ChatMediaParticipant` and `CallbackMediaParticipant` share, in Genesys' camelCase
 * JSON shape. Times are ISO-8601 UTC strings with milliseconds (`2026-11-21T10:00:00.000Z`).
 */
export interface MediaParticipantBase {
  /** The unique participant ID. */
  id?: string;
  /** The display friendly name of the participant. */
  name?: string;
  /** The participant address. */
  address?: string;
  /** The time when this participant first joined the conversation. */
  startTime?: string;
  /** The timestamp when it is first put into an alerting state. */
  startAlertingTime?: string;
  /** The time when this participant went connected for this media. */
  connectedTime?: string;
  /** The time when this participant went disconnected for this media. */
  endTime?: string;
  /** The time when this participant's hold started (only while held). */
  startHoldTime?: string;
  /** The participant's purpose: agent, user, customer, external, acd, ivr. */
  purpose?: ParticipantPurpose;
  /** The participant's state. */
  state?: ParticipantState;
  /** The participant's direction: inbound or outbound. */
  direction?: Direction;
  /** The reason the participant was disconnected from the conversation. */
  disconnectType?: DisconnectType;
  /** True when the participant is on hold. */
  held?: boolean;
  /** True when the participant requires wrap-up. */
  wrapupRequired?: boolean;
  /** The wrap-up prompt indicating the type of wrap-up to be performed. */
  wrapupPrompt?: WrapupPrompt;
  /** Roles this participant's media has had on the conversation (monitor, coach…). */
  mediaRoles?: string[];
  /** The Genesys Cloud user for this participant. */
  user?: DomainEntityRef;
  /** The queue for this participant. */
  queue?: DomainEntityRef;
  /** The team for this participant. */
  team?: DomainEntityRef;
  /** Ad-hoc attributes for the participant. */
  attributes?: Record<string, string>;
  /** If the conversation ends in error, additional error details. */
  errorInfo?: ErrorInfo;
  /** The Engage script this participant should use. */
  script?: DomainEntityRef;
  /** The amount of time the participant has to complete wrap-up. */
  wrapupTimeoutMs?: number;
  /** True when the participant has skipped wrap-up. */
  wrapupSkipped?: boolean;
  /** How long the agent has to answer before being marked as not responding. */
  alertingTimeoutMs?: number;
  /** The source provider for the communication. */
  provider?: string;
  /** The external contact this participant represents. */
  externalContact?: DomainEntityRef;
  /** The initial division of the external contact. */
  externalContactInitialDivisionId?: string;
  /** The external organization this participant represents. */
  externalOrganization?: DomainEntityRef;
  /** Wrap-up for this participant, if it has been applied. */
  wrapup?: Wrapup;
  /** The peer communication corresponding to a matching leg for this communication. */
  peer?: string;
  /** The reason specifying why the participant flagged the conversation. */
  flaggedReason?: FlaggedReason;
  /** Journey System data/context applicable to this communication. */
  journeyContext?: JourneyContext;
  /** Information on how the communication should be routed to an agent. */
  conversationRoutingData?: ConversationRoutingData;
  /** When this participant started after-call work. */
  startAcwTime?: string;
  /** When this participant ended after-call work. */
  endAcwTime?: string;
}

/** Fields only a chat participant has. */
export interface ChatOnlyFields {
  /** The ID of the chat room. */
  roomId?: string;
  /** The URI to the avatar image of this communication. */
  avatarImageUrl?: string;
}

/** Fields only a callback participant has. */
export interface CallbackOnlyFields {
  /** When this participant's communication was last parked. Does not reset on resume. */
  parkTime?: string;
  /** When this participant's communication will resume. */
  resumeTime?: string;
  /** The outbound preview associated with this callback. */
  outboundPreview?: DialerPreview;
  /** The voicemail associated with this callback. */
  voicemail?: Voicemail;
  /** The phone numbers to use for this callback. */
  callbackNumbers?: string[];
  /** The name of the callback target. */
  callbackUserName?: string;
  /** True if the call for the callback uses external dialing. */
  externalCampaign?: boolean;
  /** If true, the callback can be skipped. */
  skipEnabled?: boolean;
  /** Seconds before the callback will be auto-dialed (0 disables automatic placement). */
  timeoutSeconds?: number;
  /** The config for automatically placing the callback; absent means routed to an agent. */
  automatedCallbackConfigId?: string;
  /** When the callback is scheduled; absent means it is placed immediately. */
  callbackScheduledTime?: string;
}

/** Makes every key of `T` forbidden (`?: never`), so one media's fields are refused on the other. */
type Forbid<T> = { [K in keyof T]?: never };

/** A Genesys Cloud chat participant (`ChatMediaParticipant`). */
export interface ChatMediaParticipant extends MediaParticipantBase, ChatOnlyFields, Forbid<CallbackOnlyFields> {}

/** A Genesys Cloud callback participant (`CallbackMediaParticipant`). */
export interface CallbackMediaParticipant extends MediaParticipantBase, CallbackOnlyFields, Forbid<ChatOnlyFields> {}

/** Either kind of participant. */
export type MediaParticipant = ChatMediaParticipant | CallbackMediaParticipant;
