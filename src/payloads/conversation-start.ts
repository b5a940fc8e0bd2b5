import type { ConversationSnapshot } from '../model/conversation-snapshot.js';

/**
 * When a conversation began, as analytics dates it: its participants' earliest `startTime`;
 * `undefined` before any participant has one.
 *
 * @example
 * conversationStart(tracker.conversation('c1')!); // '2026-11-21T08:00:12.388Z'
 */
export function conversationStart(conversation: ConversationSnapshot): string | undefined {
  let start: string | undefined;
  for (const participant of conversation.participants) {
    if (participant.startTime !== undefined && (start === undefined || participant.startTime < start)) start = participant.startTime;
  }
  return start;
}
