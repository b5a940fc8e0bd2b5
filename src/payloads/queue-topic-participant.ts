import type { ConversationRoutingData } from '../model/conversation-routing-data.js';
import type { DialerPreview } from '../model/dialer-preview.js';
import type { DomainEntityRef } from '../model/domain-entity-ref.js';
import type { ErrorInfo } from '../model/error-info.js';
import type { JourneyContext } from '../model/journey-context.js';
import type { MediaParticipant } from '../model/media-participant.js';
import type { Voicemail } from '../model/voicemail.js';
import type { Wrapup } from '../model/wrapup.js';

/** A reference on the topic models (`…EventTopicUriReference`): an id and a name, no `selfUri`. */
export interface TopicUriReference {
  id?: string;
  name?: string;
}

/** The topic models' wrap-up (`…EventTopicWrapup`): no `name`, no `provisional`. */
export interface TopicWrapup {
  code?: string;
  notes?: string;
  tags?: string[];
  durationSeconds?: number;
  endTime?: string;
}

/** The topic models' routing data: references by id, no `label`. */
export interface TopicConversationRoutingData {
  queue?: { id?: string };
  language?: { id?: string };
  priority?: number;
  skills?: { id?: string }[];
  scoredAgents?: { agent?: TopicUriReference; score?: number }[];
}

/** The topic models' dialer preview: no `callbackAutoAnswer`, columns without `callableTimeColumnName`. */
export interface TopicDialerPreview {
  id?: string;
  contactId?: string;
  contactListId?: string;
  campaignId?: string;
  phoneNumberColumns?: { columnName?: string; type?: string }[];
}

/**
 * A participant as the queue conversation topics carry it
 * (`QueueConversationChatEventTopicChatMediaParticipant`,
 * `QueueConversationCallbackEventTopicCallbackMediaParticipant`): the REST fields less
 * `startAlertingTime`, plus `initialState`; topic spellings (`endpoint.dnd`, `transfer.dnd`).
 */
export interface QueueTopicParticipant {
  id?: string;
  name?: string;
  address?: string;
  startTime?: string;
  connectedTime?: string;
  endTime?: string;
  startHoldTime?: string;
  purpose?: string;
  state?: string;
  initialState?: string;
  direction?: string;
  disconnectType?: string;
  held?: boolean;
  wrapupRequired?: boolean;
  wrapupPrompt?: string;
  user?: TopicUriReference;
  queue?: TopicUriReference;
  team?: TopicUriReference;
  attributes?: Record<string, string>;
  errorInfo?: { message?: string; code?: string };
  script?: TopicUriReference;
  wrapupTimeoutMs?: number;
  wrapupSkipped?: boolean;
  alertingTimeoutMs?: number;
  provider?: string;
  externalContact?: TopicUriReference;
  externalContactInitialDivisionId?: string;
  externalOrganization?: TopicUriReference;
  wrapup?: TopicWrapup;
  conversationRoutingData?: TopicConversationRoutingData;
  peer?: string;
  flaggedReason?: string;
  journeyContext?: JourneyContext;
  startAcwTime?: string;
  endAcwTime?: string;
  resumeTime?: string;
  parkTime?: string;
  mediaRoles?: string[];
  /** Chat only. */
  roomId?: string;
  /** Chat only. */
  avatarImageUrl?: string;
  /** Callback only (this and what follows). */
  outboundPreview?: TopicDialerPreview;
  voicemail?: Voicemail;
  callbackNumbers?: string[];
  callbackUserName?: string;
  skipEnabled?: boolean;
  externalCampaign?: boolean;
  timeoutSeconds?: number;
  callbackScheduledTime?: string;
  automatedCallbackConfigId?: string;
}

type Field = keyof QueueTopicParticipant;

/** The fields of both topic models, in the SDK's order. */
const SHARED: readonly Field[] = [
  'id', 'name', 'address', 'startTime', 'connectedTime', 'endTime', 'startHoldTime', 'purpose', 'state', 'initialState',
  'direction', 'disconnectType', 'held', 'wrapupRequired', 'wrapupPrompt', 'user', 'queue', 'team', 'attributes', 'errorInfo',
  'script', 'wrapupTimeoutMs', 'wrapupSkipped', 'alertingTimeoutMs', 'provider', 'externalContact',
  'externalContactInitialDivisionId', 'externalOrganization', 'wrapup', 'conversationRoutingData', 'peer', 'flaggedReason',
  'journeyContext', 'startAcwTime', 'endAcwTime', 'resumeTime', 'parkTime', 'mediaRoles',
];
const FIELDS: Readonly<Record<'chat' | 'callback', readonly Field[]>> = {
  chat: [...SHARED, 'roomId', 'avatarImageUrl'],
  callback: [
    ...SHARED, 'outboundPreview', 'voicemail', 'callbackNumbers', 'callbackUserName', 'skipEnabled', 'externalCampaign',
    'timeoutSeconds', 'callbackScheduledTime', 'automatedCallbackConfigId',
  ],
};

/** The REST spellings the topic models spell otherwise. */
const TOPIC_DISCONNECT_TYPES: Readonly<Record<string, string>> = {
  'endpoint.donotdisturb': 'endpoint.dnd',
  'transfer.donotdisturb': 'transfer.dnd',
};

const uriReference = (ref: DomainEntityRef): TopicUriReference => ({
  ...(ref.id === undefined ? {} : { id: ref.id }),
  ...(ref.name === undefined ? {} : { name: ref.name }),
});

const idOnly = (ref: { id?: string }): { id?: string } => (ref.id === undefined ? {} : { id: ref.id });

function topicWrapup({ code, notes, tags, durationSeconds, endTime }: Wrapup): TopicWrapup {
  return {
    ...(code === undefined ? {} : { code }), ...(notes === undefined ? {} : { notes }), ...(tags === undefined ? {} : { tags: [...tags] }),
    ...(durationSeconds === undefined ? {} : { durationSeconds }), ...(endTime === undefined ? {} : { endTime }),
  };
}

function topicRoutingData(data: ConversationRoutingData): TopicConversationRoutingData {
  const out: TopicConversationRoutingData = {};
  if (data.queue !== undefined) out.queue = idOnly(data.queue);
  if (data.language !== undefined) out.language = idOnly(data.language);
  if (data.priority !== undefined) out.priority = data.priority;
  if (data.skills !== undefined && data.skills.length > 0) out.skills = data.skills.map(idOnly);
  if (data.scoredAgents !== undefined && data.scoredAgents.length > 0) {
    out.scoredAgents = data.scoredAgents.map(({ agent, score }) => ({
      ...(agent === undefined ? {} : { agent: uriReference(agent) }), ...(score === undefined ? {} : { score }),
    }));
  }
  return out;
}

function topicDialerPreview({ phoneNumberColumns, callbackAutoAnswer: _dropped, ...rest }: DialerPreview): TopicDialerPreview {
  return {
    ...rest,
    ...(phoneNumberColumns === undefined
      ? {}
      : { phoneNumberColumns: phoneNumberColumns.map(({ columnName, type }) => ({ ...(columnName === undefined ? {} : { columnName }), ...(type === undefined ? {} : { type }) })) }),
  };
}

const topicErrorInfo = ({ message, code }: ErrorInfo) => ({ ...(message === undefined ? {} : { message }), ...(code === undefined ? {} : { code }) });

/** How a participant value becomes its topic form, for the fields whose form differs. */
const CONVERT: Partial<Record<Field, (value: never) => unknown>> = {
  user: uriReference, queue: uriReference, team: uriReference, script: uriReference,
  externalContact: uriReference, externalOrganization: uriReference,
  wrapup: topicWrapup, conversationRoutingData: topicRoutingData, outboundPreview: topicDialerPreview, errorInfo: topicErrorInfo,
  disconnectType: (value: string) => TOPIC_DISCONNECT_TYPES[value] ?? value,
};

/**
 * One participant in the queue topic model's fields and order: `startAlertingTime` left out
 * (the topic models do not have it), references reduced to `{ id, name }`, the wrap-up to the
 * topic's fields, `disconnectType` in the topic spelling (`endpoint.dnd`), `initialState` when
 * known. Absent values stay absent.
 *
 * @example
 * queueTopicParticipant(snapshot.participants[2]!, 'chat', 'alerting');
 * // { id: '…', startTime: '…', purpose: 'agent', state: 'connected', initialState: 'alerting', user: { id: '…', name: 'Jonas Larsen' }, … }
 */
export function queueTopicParticipant(participant: MediaParticipant, media: 'chat' | 'callback', initialState?: string): QueueTopicParticipant {
  const source = participant as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const field of FIELDS[media]) {
    const value = field === 'initialState' ? initialState : source[field];
    if (value === undefined) continue;
    const convert = CONVERT[field] as ((value: unknown) => unknown) | undefined;
    out[field] = convert === undefined ? structuredClone(value) : convert(value);
  }
  return out;
}
