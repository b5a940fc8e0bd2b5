import type { MediaType } from '../model/enums.js';
import { isObject, text, type Raw } from './raw-values.js';

/** The communication arrays of a nested participant that this tracker follows, by media. */
const MEDIA_ARRAYS: Readonly<Record<MediaType, string>> = { chat: 'chats', callback: 'callbacks' };

/** Every communication array of the nested `Participant` / `ConversationEventTopicParticipant` models. */
export const COMMUNICATION_ARRAYS = [
  'calls', 'callbacks', 'chats', 'cobrowsesessions', 'emails', 'messages', 'internalMessages',
  'screenMonitorings', 'screenshares', 'socialExpressions', 'videos',
] as const;

/** Participant-level fields that keep their name in the MediaParticipant shape. */
const PARTICIPANT_FIELDS = [
  'id', 'name', 'address', 'startTime', 'connectedTime', 'endTime', 'purpose', 'wrapupRequired',
  'wrapupPrompt', 'wrapupTimeoutMs', 'wrapupSkipped', 'wrapup', 'startAcwTime', 'endAcwTime',
  'alertingTimeoutMs', 'conversationRoutingData', 'attributes', 'mediaRoles', 'flaggedReason',
  'externalContactInitialDivisionId', 'errorInfo',
] as const;

/** Communication-level fields that keep their name (and win over the participant's). */
const COMMUNICATION_FIELDS = [
  'state', 'initialState', 'direction', 'held', 'disconnectType', 'startHoldTime', 'startAlertingTime',
  'connectedTime', 'provider', 'roomId', 'avatarImageUrl', 'journeyContext', 'errorInfo', 'afterCallWork',
  'parkTime', 'resumeTime', 'callbackNumbers', 'callbackUserName', 'externalCampaign', 'skipEnabled',
  'timeoutSeconds', 'callbackScheduledTime', 'automatedCallbackConfigId', 'voicemail',
] as const;

/** A nested participant in the MediaParticipant shape. */
export interface FlattenedParticipant {
  readonly media: MediaType;
  readonly participant: Raw;
  /** Model fields that were fed by a payload field of another name (`endTime` ← `disconnectedTime`). */
  readonly renamed: Partial<Record<string, string>>;
  /** How many communications of the media the participant has (the last one is used). */
  readonly communications: number;
}

/**
 * The tracked media of a nested participant: the first of `chats` / `callbacks` that holds a
 * communication, or `undefined` when it has neither (a voice-only leg, say).
 *
 * @example
 * nestedMedia({ id: 'p1', chats: [{ state: 'connected' }] }); // 'chat'
 */
export function nestedMedia(participant: Raw): MediaType | undefined {
  for (const media of ['chat', 'callback'] as const) {
    const list = participant[MEDIA_ARRAYS[media]];
    if (Array.isArray(list) && list.some(isObject)) return media;
  }
  return undefined;
}

/**
 * Flattens a nested participant (`GET /api/v2/conversations`, `v2.users.{id}.conversations`:
 * participant data plus `chats[]` / `callbacks[]` communications) into the
 * `ChatMediaParticipant` / `CallbackMediaParticipant` shape: the communication gives `state`,
 * `held`, `disconnectType`, `connectedTime` (the participant's own `connectedTime` is only a
 * fallback: it is the participant's, not the media's), `disconnectedTime` → `endTime`,
 * `afterCallWork.startTime/endTime` → `startAcwTime` / `endAcwTime` when the participant has
 * none, and `scriptId` → `script`, `peerId` → `peer`, `dialerPreview` → `outboundPreview`;
 * `userId`, `queueId`, `teamId`, `externalContactId`, `externalOrganizationId` become entity
 * references. Returns `undefined` when the participant has no communication of `media`.
 *
 * @example
 * flattenParticipant({ id: 'p1', purpose: 'agent', userId: 'u1',
 *   chats: [{ state: 'disconnected', disconnectType: 'client', disconnectedTime: '2022-03-08T15:50:29.611Z' }] }, 'chat');
 * // { media: 'chat', participant: { id: 'p1', purpose: 'agent', user: { id: 'u1' }, state: 'disconnected',
 * //   disconnectType: 'client', endTime: '2022-03-08T15:50:29.611Z' }, renamed: { endTime: 'disconnectedTime' }, communications: 1 }
 */
export function flattenParticipant(nested: Raw, media: MediaType): FlattenedParticipant | undefined {
  const list = nested[MEDIA_ARRAYS[media]];
  const communications = Array.isArray(list) ? list.filter(isObject) : [];
  const communication = communications[communications.length - 1];
  if (communication === undefined) return undefined;

  const flat: Raw = {};
  const renamed: Partial<Record<string, string>> = {};
  for (const field of PARTICIPANT_FIELDS) if (nested[field] !== undefined) flat[field] = nested[field];
  for (const field of COMMUNICATION_FIELDS) if (communication[field] !== undefined) flat[field] = communication[field];
  if (communication.disconnectedTime !== undefined) {
    flat.endTime = communication.disconnectedTime;
    renamed.endTime = 'disconnectedTime';
  }
  if (communication.wrapup !== undefined && flat.wrapup === undefined) flat.wrapup = communication.wrapup;
  const acw = isObject(communication.afterCallWork) ? communication.afterCallWork : undefined;
  if (acw?.startTime !== undefined && flat.startAcwTime === undefined) {
    flat.startAcwTime = acw.startTime;
    renamed.startAcwTime = 'afterCallWork.startTime';
  }
  if (acw?.endTime !== undefined && flat.endAcwTime === undefined) {
    flat.endAcwTime = acw.endTime;
    renamed.endAcwTime = 'afterCallWork.endTime';
  }
  if (communication.dialerPreview !== undefined) flat.outboundPreview = communication.dialerPreview;
  const peer = text(communication.peerId);
  if (peer !== undefined) flat.peer = peer;

  const ref = (id: unknown, extra: Raw = {}) => {
    const value = text(id);
    return value === undefined ? undefined : { id: value, ...extra };
  };
  const user = ref(nested.userId);
  const queue = ref(nested.queueId, text(nested.queueName) ? { name: nested.queueName } : {});
  const entries: [string, unknown][] = [
    ['user', user], ['queue', queue], ['team', ref(nested.teamId)], ['script', ref(communication.scriptId)],
    ['externalContact', ref(nested.externalContactId)], ['externalOrganization', ref(nested.externalOrganizationId)],
  ];
  for (const [field, value] of entries) if (value !== undefined) flat[field] = value;
  return { media, participant: flat, renamed, communications: communications.length };
}
