import type { ConversationSnapshot } from '../../src/model/conversation-snapshot.js';
import type { MediaParticipant } from '../../src/model/media-participant.js';
import { isAgent } from '../../src/metrics/agent-leg.js';
import { legState, type LegActivity } from './leg-state.js';

/** Where a conversation under way stands, from the customer's side. */
export type ConversationStatus = 'waiting' | LegActivity | 'scheduled' | 'other';

/** How each status reads, and the order the floor list shows them in (most urgent first). */
export const STATUS_LABELS: Readonly<Record<ConversationStatus, string>> = {
  waiting: 'waiting', alerting: 'alerting', held: 'held', parked: 'parked', connected: 'interacting', acw: 'ACW',
  scheduled: 'scheduled', other: 'in flow',
};
export const STATUS_ORDER: readonly ConversationStatus[] = Object.keys(STATUS_LABELS) as ConversationStatus[];

/** A conversation's status and since when (ISO, when known). */
export interface StatusSince {
  readonly status: ConversationStatus;
  readonly since: string | undefined;
}

/** Agent activities in the order that decides a conversation's status. */
const AGENT_PRECEDENCE: readonly LegActivity[] = ['held', 'connected', 'parked', 'alerting'];

/**
 * A conversation's status: an agent holding, talking, parked or alerting (in that precedence);
 * else waiting in queue (an ACD leg under way); else an agent in after-call work; else a
 * scheduled callback; else `other` (a flow, a bot…).
 *
 * @example
 * conversationStatus(conversation); // { status: 'waiting', since: '2026-11-21T10:00:00.120Z' }
 */
export function conversationStatus(conversation: ConversationSnapshot): StatusSince {
  const participants = conversation.participants as readonly MediaParticipant[];
  const agentStates = participants.filter(isAgent).map(legState);
  for (const activity of AGENT_PRECEDENCE) {
    const leg = agentStates.find((s) => s?.activity === activity);
    if (leg !== undefined) return { status: activity, since: leg.since };
  }
  const queued = participants.findLast((p) => p.purpose === 'acd' && p.state !== 'disconnected' && p.state !== 'scheduled');
  if (queued !== undefined) return { status: 'waiting', since: queued.connectedTime ?? queued.startTime };
  const acw = agentStates.find((s) => s?.activity === 'acw');
  if (acw !== undefined) return { status: 'acw', since: acw.since };
  const scheduled = participants.find((p) => p.state === 'scheduled');
  if (scheduled !== undefined) return { status: 'scheduled', since: scheduled.startTime };
  return { status: 'other', since: participants.find((p) => p.startTime !== undefined)?.startTime };
}

/**
 * The customer's name (or address) in a conversation, when it has one.
 *
 * @example
 * customerName(conversation); // 'Ann Customer'
 */
export function customerName(conversation: ConversationSnapshot): string | undefined {
  const participants = conversation.participants as readonly MediaParticipant[];
  const customer = participants.find((p) => p.purpose === 'customer' || p.purpose === 'external');
  return customer?.name ?? customer?.address;
}
