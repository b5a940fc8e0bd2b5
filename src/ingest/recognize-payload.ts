import type { MediaType } from '../model/enums.js';
import { classifyTopic } from './classify-topic.js';
import { COMMUNICATION_ARRAYS } from './flatten-participant.js';
import type { ParticipantDetailEvent } from './read-detail-event.js';
import { flatConversationMedia, isNestedConversation } from './read-conversation.js';
import { isObject, type Raw } from './raw-values.js';

/** What a payload is, and what ingest does with it. `kind` is Genesys' name for it. */
export type Recognition =
  /** Whole conversations: a REST conversation, an entity listing, a conversation notification. */
  | { readonly action: 'conversations'; readonly kind: string; readonly conversations: readonly Raw[]; readonly media?: MediaType }
  /** A detail event (`v2.detail.events.conversation.{id}.*`), bare or in an EventBridge envelope. */
  | { readonly action: 'detail'; readonly kind: string; readonly event: ParticipantDetailEvent; readonly body: Raw; readonly conversationId: string }
  /** A known kind that carries no participant state, or that cannot be used on its own. */
  | { readonly action: 'skip'; readonly kind: string; readonly reason: string }
  /** Nothing Genesys sends looks like this. */
  | { readonly action: 'unrecognised'; readonly kind: 'unrecognised'; readonly reason: string };

const skip = (kind: string, reason: string): Recognition => ({ action: 'skip', kind, reason });

/**
 * Recognises one parsed payload:
 * - the notification envelope `{ topicName, eventBody, metadata }`, by its topic (see `classifyTopic`);
 * - an AWS EventBridge envelope (`detail-type`, `detail`), by the topic inside;
 * - REST conversations: `ChatConversation`, `CallbackConversation` (flat participants) and the
 *   nested `Conversation`, and their entity listings (`entities`);
 * - known kinds that are skipped: analytics conversation details, a lone `Participant`, a detail
 *   event body without its topic (which event it is cannot be told).
 *
 * @example
 * recognizePayload({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });
 * // { action: 'skip', kind: 'channel.metadata', reason: 'heartbeat' }
 */
export function recognizePayload(payload: unknown): Recognition {
  if (!isObject(payload)) {
    const what = Array.isArray(payload) ? 'an array' : payload === null ? 'null' : `a ${typeof payload}`;
    return { action: 'unrecognised', kind: 'unrecognised', reason: `${what} is not a Genesys payload` };
  }
  if (typeof payload['detail-type'] === 'string' && isObject(payload.detail)) {
    const { detail } = payload;
    const inner = typeof detail.topicName === 'string' && isObject(detail.eventBody)
      ? fromTopic(detail.topicName, detail.eventBody)
      : fromTopic(payload['detail-type'], detail);
    return inner.action === 'unrecognised' ? inner : { ...inner, kind: `EventBridge ${inner.kind}` };
  }
  if (typeof payload.topicName === 'string') return fromTopic(payload.topicName, payload.eventBody);
  if (Array.isArray(payload.entities)) return fromListing(payload);
  if (payload.id !== undefined && Array.isArray(payload.participants)) {
    return { action: 'conversations', kind: conversationKind(payload), conversations: [payload] };
  }
  return fromOther(payload);
}

function fromTopic(topicName: string, body: unknown): Recognition {
  const topic = classifyTopic(topicName);
  if (topic.action === 'skip') return skip(topic.kind, topic.reason);
  if (!isObject(body)) return { action: 'unrecognised', kind: 'unrecognised', reason: `${topicName} without an eventBody object` };
  if (topic.action === 'detail') {
    return { action: 'detail', kind: topic.kind, event: topic.event, body, conversationId: topic.conversationId };
  }
  return { action: 'conversations', kind: topic.kind, conversations: [body], ...(topic.media ? { media: topic.media } : {}) };
}

/** The REST model name of a conversation object. */
function conversationKind(conversation: Raw, media = flatConversationMedia(conversation)): string {
  if (isNestedConversation(conversation)) return 'Conversation';
  return media === 'chat' ? 'ChatConversation' : media === 'callback' ? 'CallbackConversation' : 'ChatConversation or CallbackConversation';
}

function fromListing(listing: Raw): Recognition {
  const entities = (listing.entities as unknown[]).filter(isObject);
  if (entities.some((entity) => typeof entity.id !== 'string' || !Array.isArray(entity.participants))) {
    return { action: 'unrecognised', kind: 'unrecognised', reason: 'an entity listing of something other than conversations' };
  }
  const uri = typeof listing.selfUri === 'string' ? listing.selfUri : '';
  const media: MediaType | undefined = uri.includes('/conversations/chats') ? 'chat' : uri.includes('/conversations/callbacks') ? 'callback' : undefined;
  const first = entities[0];
  const entityKind = first === undefined ? (media === undefined ? 'Conversation' : conversationKind({}, media)) : conversationKind(first, media ?? flatConversationMedia(first));
  return { action: 'conversations', kind: `${entityKind}EntityListing`, conversations: entities, ...(media ? { media } : {}) };
}

function fromOther(payload: Raw): Recognition {
  const participants = Array.isArray(payload.participants) ? payload.participants.filter(isObject) : [];
  if (typeof payload.conversationId === 'string' && participants.some((p) => Array.isArray(p.sessions))) {
    return skip('AnalyticsConversation', 'analytics detail records (segments and metrics) are not participant snapshots');
  }
  if (Array.isArray(payload.conversations) && payload.conversations.some((c) => isObject(c) && typeof c.conversationId === 'string')) {
    return skip('AnalyticsConversationQueryResponse', 'analytics detail records (segments and metrics) are not participant snapshots');
  }
  if (typeof payload.eventTime === 'number' && typeof payload.conversationId === 'string' && typeof payload.participantId === 'string') {
    return skip('detail event body without topicName', 'which detail event it is (customer.end, user.start…) is said only by its topic');
  }
  if (typeof payload.id === 'string' && typeof payload.purpose === 'string') {
    const nested = COMMUNICATION_ARRAYS.some((name) => Array.isArray(payload[name]));
    return skip(nested ? 'Participant' : 'MediaParticipant', 'a participant without its conversation: no conversation id');
  }
  const keys = Object.keys(payload).slice(0, 6).join(', ');
  return { action: 'unrecognised', kind: 'unrecognised', reason: `an object with ${keys ? `keys ${keys}` : 'no keys'} is none of the Genesys payloads ingest knows` };
}
