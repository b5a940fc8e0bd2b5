import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { CallbackMediaParticipant, ChatMediaParticipant, MediaParticipant } from '../model/media-participant.js';

/** The body of `GET /api/v2/conversations/chats/{conversationId}` (`ChatConversation`). */
export interface RestChatConversation {
  readonly id: string;
  readonly participants: ChatMediaParticipant[];
  readonly otherMediaUris: string[];
  readonly selfUri: string;
}

/** The body of `GET /api/v2/conversations/callbacks/{conversationId}` (`CallbackConversation`). */
export interface RestCallbackConversation {
  readonly id: string;
  readonly participants: CallbackMediaParticipant[];
  readonly otherMediaUris: string[];
  readonly selfUri: string;
}

/** Either REST conversation body. */
export type RestConversation = RestChatConversation | RestCallbackConversation;

type Field = keyof ChatMediaParticipant | keyof CallbackMediaParticipant;

/** The fields of `ChatMediaParticipant` / `CallbackMediaParticipant`, in the SDK's order (the order of the REST samples). */
const SHARED: readonly Field[] = [
  'id', 'name', 'address', 'startTime', 'startAlertingTime', 'connectedTime', 'endTime', 'startHoldTime', 'purpose', 'state',
  'direction', 'disconnectType', 'held', 'wrapupRequired', 'wrapupPrompt', 'mediaRoles', 'user', 'queue', 'team', 'attributes',
  'errorInfo', 'script', 'wrapupTimeoutMs', 'wrapupSkipped', 'alertingTimeoutMs', 'provider', 'externalContact',
  'externalContactInitialDivisionId', 'externalOrganization', 'wrapup', 'peer', 'flaggedReason', 'journeyContext',
  'conversationRoutingData', 'startAcwTime', 'endAcwTime', 'parkTime', 'resumeTime',
];
const FIELDS: Readonly<Record<'chat' | 'callback', readonly Field[]>> = {
  chat: [...SHARED, 'roomId', 'avatarImageUrl'],
  callback: [
    ...SHARED, 'outboundPreview', 'voicemail', 'callbackNumbers', 'callbackUserName', 'externalCampaign', 'skipEnabled',
    'timeoutSeconds', 'automatedCallbackConfigId', 'callbackScheduledTime',
  ],
};

/**
 * One participant as the REST API returns it: the tracked snapshot's values (already the
 * `ChatMediaParticipant` / `CallbackMediaParticipant` model) in the model's field order, as
 * plain, unfrozen data. Absent values stay absent.
 *
 * @example
 * restParticipant(snapshot.participants[0]!, 'chat'); // { id: '…', name: 'Ada Sato', startTime: '…', connectedTime: '…', purpose: 'customer', … }
 */
export function restParticipant(participant: MediaParticipant, media: 'chat' | 'callback'): MediaParticipant {
  const source = participant as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const field of FIELDS[media]) {
    const value = source[field];
    if (value !== undefined) out[field] = structuredClone(value);
  }
  return out;
}

/**
 * The REST body Genesys returns for a conversation (`GET /api/v2/conversations/chats/{id}` or
 * `…/callbacks/{id}`): `{ id, participants, otherMediaUris, selfUri }`, as in the REST samples,
 * every participant in the media-participant model (with `startAlertingTime`, which the topic
 * models lack).
 *
 * @example
 * restConversation(tracker.conversation('c1')!);
 * // { id: 'c1', participants: [ … ], otherMediaUris: [], selfUri: '/api/v2/conversations/chats/c1' }
 */
export function restConversation(conversation: ConversationSnapshot): RestConversation {
  const { id, media } = conversation;
  return {
    id,
    participants: conversation.participants.map((participant) => restParticipant(participant, media)),
    otherMediaUris: [],
    selfUri: `/api/v2/conversations/${media === 'chat' ? 'chats' : 'callbacks'}/${id}`,
  } as RestConversation;
}
