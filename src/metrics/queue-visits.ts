import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { DomainEntityRef } from '../model/domain-entity-ref.js';
import type { MediaParticipant } from '../model/media-participant.js';
import { isAgent } from './agent-leg.js';
import type { ParticipantActivity } from './participant-activity.js';

/** One stay of an interaction in a queue: an ACD leg, from its offer to its end. */
export interface QueueVisit {
  readonly acd: MediaParticipant;
  /** The ACD leg's `queue`, else the conversation's first ACD queue. */
  readonly queue: DomainEntityRef | undefined;
  /**
   * When the interaction was offered to the queue, and its wait starts: the ACD leg's connection,
   * else its routing (its start; for a scheduled callback, when it left `scheduled`).
   * `undefined` while a callback is scheduled, and for one that ended without being routed.
   */
  readonly offeredTime: string | undefined;
  /** The agent legs this visit routed, in the order they were added. */
  readonly agents: readonly MediaParticipant[];
}

/** Which queue each leg of one conversation belongs to. */
export interface ConversationQueues {
  /** Every ACD leg's visit, in the order the legs were added. */
  readonly visits: ReadonlyMap<MediaParticipant, QueueVisit>;
  /**
   * The queue a participant's metrics and observations belong to: its own `queue`; else, for an
   * agent leg, the queue of the visit that routed it; else the conversation's first ACD queue.
   */
  queueOf(participant: MediaParticipant): DomainEntityRef | undefined;
}

/**
 * The queue visits of a conversation and the agent legs each one routed. An agent leg was routed
 * by the last offered ACD leg that joined at or before it did, so after a queue-to-queue
 * transfer everything it does (answer, talk, hold, ACW, handle, transfer, alert timeout) belongs
 * to the second queue.
 *
 * @example
 * const queues = conversationQueues(conversation, participantActivity(tracker.history(conversation.id)));
 * queues.queueOf(agent)?.name; // 'Sales'
 */
export function conversationQueues(conversation: ConversationSnapshot, activity: ReadonlyMap<string, ParticipantActivity>): ConversationQueues {
  const participants = conversation.participants as MediaParticipant[];
  const conversationQueue = participants.find((p) => p.purpose === 'acd' && p.queue?.id !== undefined)?.queue;
  const visits = new Map<MediaParticipant, QueueVisit & { readonly agents: MediaParticipant[] }>();
  for (const acd of participants) {
    if (acd.purpose !== 'acd') continue;
    const queue = acd.queue?.id !== undefined ? acd.queue : conversationQueue;
    const offeredTime = acd.connectedTime ?? activity.get(acd.id ?? '')?.routedTime;
    visits.set(acd, { acd, queue, offeredTime, agents: [] });
  }

  const routing = new Map<MediaParticipant, QueueVisit>();
  for (const agent of participants) {
    const start = agent.startTime;
    if (!isAgent(agent) || start === undefined) continue;
    let routedBy: (QueueVisit & { readonly agents: MediaParticipant[] }) | undefined;
    let routedByJoined = '';
    for (const visit of visits.values()) {
      const joined = visit.acd.startTime;
      if (visit.offeredTime === undefined || joined === undefined || joined > start || joined < routedByJoined) continue;
      routedBy = visit;
      routedByJoined = joined;
    }
    if (routedBy === undefined) continue;
    routing.set(agent, routedBy);
    routedBy.agents.push(agent);
  }

  return {
    visits,
    queueOf(participant) {
      if (participant.queue?.id !== undefined) return participant.queue;
      return routing.get(participant)?.queue ?? conversationQueue;
    },
  };
}
