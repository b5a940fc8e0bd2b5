import type { MediaType } from '../model/enums.js';
import { PARTICIPANT_DETAIL_EVENTS, type ParticipantDetailEvent } from './read-detail-event.js';

/** What a notification topic carries, and so what ingest does with its `eventBody`. */
export type TopicClass =
  /** A whole conversation (`v2.users.{id}.conversations[.chats|.callbacks]`, queue topics alike). */
  | { readonly action: 'conversation'; readonly kind: string; readonly media?: MediaType }
  /** An analytics detail event about one participant. */
  | { readonly action: 'detail'; readonly kind: string; readonly event: ParticipantDetailEvent; readonly conversationId: string }
  /** A message that carries no participant state (heartbeats, system messages, chat messages…). */
  | { readonly action: 'skip'; readonly kind: string; readonly reason: string };

const TRACKED: ReadonlyMap<string, MediaType> = new Map([['chats', 'chat'], ['callbacks', 'callback']]);
const SYSTEM_TOPICS = ['socket_closing', 'no_longer_subscribed', 'token_revoked', 'subscription_changed'];

/**
 * Classifies a notification topic by its pattern (ids replaced by `{id}`, as Genesys writes
 * topics): conversation topics to ingest, `v2.detail.events.conversation.{id}.*` detail events,
 * and the messages that are skipped: heartbeats (`channel.metadata`), `v2.system.*`, chat
 * messages and members (`v2.conversations.chats.{id}.messages|members`), conversation
 * summaries, other media and any other topic.
 *
 * @example
 * classifyTopic('v2.users.3ce84f47.conversations.chats');
 * // { action: 'conversation', kind: 'v2.users.{id}.conversations.chats', media: 'chat' }
 * classifyTopic('channel.metadata'); // { action: 'skip', kind: 'channel.metadata', reason: 'heartbeat' }
 */
export function classifyTopic(topicName: string): TopicClass {
  if (topicName === 'channel.metadata') return { action: 'skip', kind: topicName, reason: 'heartbeat' };
  if (topicName.startsWith('v2.system.')) {
    const [name = ''] = topicName.slice('v2.system.'.length).split('.');
    const kind = SYSTEM_TOPICS.includes(name)
      ? `v2.system.${name}${topicName.length > `v2.system.${name}`.length ? '.{id}' : ''}`
      : 'v2.system.{id}.{id}';
    return { action: 'skip', kind, reason: 'system message' };
  }

  let match = /^v2\.(users|routing\.queues)\.[^.]+\.conversations(?:\.([A-Za-z]+))?$/.exec(topicName);
  if (match) {
    const [, owner, mediaName] = match;
    const kind = `v2.${owner}.{id}.conversations${mediaName ? `.${mediaName}` : ''}`;
    if (mediaName === undefined) return { action: 'conversation', kind };
    const media = TRACKED.get(mediaName);
    return media === undefined
      ? { action: 'skip', kind, reason: `${mediaName} are not tracked` }
      : { action: 'conversation', kind, media };
  }
  if (/^v2\.users\.[^.]+\.conversationsummary$/.test(topicName)) {
    return { action: 'skip', kind: 'v2.users.{id}.conversationsummary', reason: 'conversation counts, no participant state' };
  }
  match = /^v2\.conversations\.chats\.[^.]+\.(messages|members)$/.exec(topicName);
  if (match) {
    return { action: 'skip', kind: `v2.conversations.chats.{id}.${match[1]}`, reason: match[1] === 'messages' ? 'chat message' : 'chat member change' };
  }
  match = /^v2\.detail\.events\.conversation\.([^.]+)\.(.+)$/.exec(topicName);
  if (match) {
    const [, conversationId = '', event = ''] = match;
    const kind = `v2.detail.events.conversation.{id}.${event}`;
    return (PARTICIPANT_DETAIL_EVENTS as readonly string[]).includes(event)
      ? { action: 'detail', kind, event: event as ParticipantDetailEvent, conversationId }
      : { action: 'skip', kind, reason: 'detail event about no participant state' };
  }
  return { action: 'skip', kind: topicPattern(topicName), reason: 'topic not tracked' };
}

/** A topic with its id-like segments (uuids, numbers) replaced by `{id}`. */
function topicPattern(topicName: string): string {
  return topicName
    .split('.')
    .map((segment) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment) || /^\d+$/.test(segment) ? '{id}' : segment))
    .join('.');
}
