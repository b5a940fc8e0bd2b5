import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { DomainEntityRef } from '../model/domain-entity-ref.js';
import type { MediaParticipant } from '../model/media-participant.js';

/**
 * The queue a metric belongs to: the participant's own queue, else its conversation's ACD queue.
 *
 * @example
 * queueOf(agent, conversation)?.name; // 'Support'
 */
export function queueOf(participant: MediaParticipant, conversation: ConversationSnapshot): DomainEntityRef | undefined {
  if (participant.queue?.id !== undefined) return participant.queue;
  return (conversation.participants as MediaParticipant[]).find((p) => p.purpose === 'acd' && p.queue?.id !== undefined)?.queue;
}

/**
 * Purposes that count as agents in contact-center metrics.
 *
 * @example
 * isAgent({ purpose: 'agent' }); // true
 */
export function isAgent(participant: MediaParticipant): boolean {
  return participant.purpose === 'agent' || participant.purpose === 'user';
}
