import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { MediaParticipant } from '../model/media-participant.js';
import { waitStart } from './metric-emissions.js';
import { isAgent } from './queue-key.js';

/** The floor at one instant (Genesys observations: oWaiting, oAlerting, oInteracting…). */
export interface Observations {
  /** Interactions waiting in queue (ACD legs waiting for an agent). */
  waiting: number;
  /** Agent legs alerting. */
  alerting: number;
  /** Agent legs connected, held ones included. */
  interacting: number;
  /** Agent legs on hold. */
  held: number;
  /** Callback agent legs parked. */
  parked: number;
  /** Agent legs in after-call work. */
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
 * Adds one participant's contribution at instant `atMs` to `into`.
 *
 * @example
 * observeParticipant(totals, participant, conversation, Date.now());
 */
export function observeParticipant(into: Observations, p: MediaParticipant, conversation: ConversationSnapshot, atMs: number): void {
  if (p.purpose === 'acd') {
    if (p.state === 'scheduled') into.scheduledCallbacks++;
    const start = waitStart(p);
    if (start !== undefined && p.state !== 'disconnected' && p.state !== 'scheduled') {
      into.waiting++;
      const age = atMs - Date.parse(start);
      into.oldestWaitingMs = Math.max(into.oldestWaitingMs ?? 0, age);
    }
    return;
  }
  if (conversation.media === 'callback' && p.purpose === 'customer' && p.state === 'scheduled'
    && !(conversation.participants as MediaParticipant[]).some((x) => x.purpose === 'acd')) {
    into.scheduledCallbacks++;
  }
  if (!isAgent(p)) return;
  if (p.state === 'alerting') into.alerting++;
  if (p.state === 'connected') into.interacting++;
  if (p.held === true) into.held++;
  if (p.state === 'parked') into.parked++;
  if (p.startAcwTime !== undefined && p.endAcwTime === undefined) into.afterCallWork++;
}
