import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import { correlationId } from './correlation-id.js';
import { queueTopicParticipant, type QueueTopicParticipant } from './queue-topic-participant.js';

/**
 * A WebSocket message of a queue conversation topic, `v2.routing.queues.{queueId}.conversations.chats`
 * (`QueueConversationChatEventTopicChatConversation`) or `….callbacks`
 * (`QueueConversationCallbackEventTopicCallbackConversation`), in the notification envelope.
 */
export interface QueueConversationNotification {
  readonly topicName: string;
  readonly version: '2';
  readonly eventBody: { readonly id: string; readonly participants: QueueTopicParticipant[] };
  readonly metadata: { readonly CorrelationId: string };
}

/** What a notification cannot read from the snapshot alone. */
export interface QueueNotificationOptions {
  /**
   * The instant of the change the notification tells (ISO): with the conversation id, it
   * derives the CorrelationId. Default: the latest time the snapshot carries.
   */
  readonly time?: string;
  /** Each participant's `initialState` (the state its `participant.added` gave), by participant id; left out when not given. */
  readonly initialStates?: ReadonlyMap<string, string>;
}

/** The latest time a snapshot carries (its participants' lifecycle times and wrap-up ends). */
function latestTimeOf(conversation: ConversationSnapshot): string {
  let latest = '';
  for (const participant of conversation.participants) {
    for (const time of [participant.startTime, participant.connectedTime, participant.endTime, participant.startHoldTime,
      participant.startAcwTime, participant.endAcwTime, participant.wrapup?.endTime]) {
      if (time !== undefined && time > latest) latest = time;
    }
  }
  return latest;
}

/**
 * The notification Genesys sends on the topic of queue `queueId` when `conversation` changes:
 * the whole conversation (every participant, the long-disconnected ones too, as Genesys does),
 * each participant in the queue topic model's fields (no `startAlertingTime`; `initialState`
 * when `options.initialStates` gives it). The CorrelationId derives from the conversation and
 * `options.time`, so the same log renders the same bytes.
 *
 * @example
 * queueNotification(tracker.conversation('c1')!, queueId, { time: '2026-11-21T08:00:13.641Z' });
 * // { topicName: 'v2.routing.queues.8fb2….conversations.chats', version: '2',
 * //   eventBody: { id: 'c1', participants: [ … ] }, metadata: { CorrelationId: '…' } }
 */
export function queueNotification(conversation: ConversationSnapshot, queueId: string, options: QueueNotificationOptions = {}): QueueConversationNotification {
  const { media } = conversation;
  const participants = conversation.participants.map((participant) =>
    queueTopicParticipant(participant, media, participant.id === undefined ? undefined : options.initialStates?.get(participant.id)));
  return {
    topicName: `v2.routing.queues.${queueId}.conversations.${media === 'chat' ? 'chats' : 'callbacks'}`,
    version: '2',
    eventBody: { id: conversation.id, participants },
    metadata: { CorrelationId: correlationId(conversation.id, options.time ?? latestTimeOf(conversation)) },
  };
}
