import type { ConversationSnapshot } from '../model/conversation-snapshot.js';

/** The purposes whose `queue` says which queue a conversation is routed through. */
const ROUTED_PURPOSES: ReadonlySet<string> = new Set(['acd', 'agent']);

/**
 * The queues a conversation is in: the `queue` ids of its `acd` and `agent` participants, each
 * once, in the order of the participants. A conversation in no queue (no such participant, or
 * none with a queue) gives `[]`: it is on no queue topic.
 *
 * @example
 * queuesOf(conversation); // ['8fb29d94-32f6-4c16-942a-f9a5a2219b6e']
 */
export function queuesOf(conversation: ConversationSnapshot): string[] {
  const queues: string[] = [];
  for (const participant of conversation.participants) {
    const id = participant.queue?.id;
    if (id !== undefined && ROUTED_PURPOSES.has(participant.purpose ?? '') && !queues.includes(id)) queues.push(id);
  }
  return queues;
}
