import type { MediaParticipant } from '../model/media-participant.js';
import { isAgent } from './agent-leg.js';
import type { ConversationQueues } from './queue-visits.js';

/** The floor at one instant (Genesys observations: oWaiting, oAlerting, oInteracting…). */
export interface Observations {
  /** Interactions waiting in queue (ACD legs offered and not yet ended, whatever their state). */
  waiting: number;
  /** Agent legs alerting. */
  alerting: number;
  /** Agent legs connected, held ones included. */
  interacting: number;
  /** Agent legs on hold. */
  held: number;
  /** Callback agent legs parked. */
  parked: number;
  /** Connected agent legs in after-call work. */
  afterCallWork: number;
  /** Age of the longest-waiting interaction, in ms; `null` when nothing waits. */
  oldestWaitingMs: number | null;
  /** Callbacks scheduled for later (not yet routed). */
  scheduledCallbacks: number;
}

/** Zero observations. */
export const emptyObservations = (): Observations => ({
  waiting: 0, alerting: 0, interacting: 0, held: 0, parked: 0, afterCallWork: 0, oldestWaitingMs: null, scheduledCallbacks: 0,
});

/**
 * Adds one participant's contribution at instant `atMs` to `into`; `queues` are those of its
 * conversation.
 *
 * @example
 * observeParticipant(totals, participant, conversationQueues(conversation, activity), Date.now());
 */
export function observeParticipant(into: Observations, p: MediaParticipant, queues: ConversationQueues, atMs: number): void {
  if (p.purpose === 'acd') {
    if (p.state === 'scheduled') into.scheduledCallbacks++;
    const offeredTime = queues.visits.get(p)?.offeredTime;
    if (offeredTime !== undefined && p.state !== 'disconnected') {
      into.waiting++;
      const age = atMs - Date.parse(offeredTime);
      into.oldestWaitingMs = Math.max(into.oldestWaitingMs ?? 0, age);
    }
    return;
  }
  // A callback request that has no ACD leg yet.
  if (p.purpose === 'customer' && p.state === 'scheduled' && queues.visits.size === 0) into.scheduledCallbacks++;
  if (!isAgent(p)) return;
  if (p.state === 'alerting') into.alerting++;
  if (p.state === 'connected') into.interacting++;
  if (p.held === true) into.held++;
  if (p.state === 'parked') into.parked++;
  if (p.connectedTime !== undefined && p.startAcwTime !== undefined && p.endAcwTime === undefined) into.afterCallWork++;
}
