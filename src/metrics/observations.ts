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

/**
 * The floor counted without an instant: every count of {@link Observations}, and when the
 * longest-waiting interaction was offered (the age needs the instant: {@link observationsAt}).
 * Plain JSON, so that floors counted apart (one per partition) can be added up.
 *
 * @example
 * const floor: FloorCounts = { ...emptyFloor(), waiting: 2, oldestWaitingSince: '2026-11-21T10:41:30.000Z' };
 * observationsAt(floor, Date.parse('2026-11-21T10:42:00Z')).oldestWaitingMs; // 30000
 */
export interface FloorCounts extends Omit<Observations, 'oldestWaitingMs'> {
  /** The earliest offer time (canonical ISO) of the interactions waiting; `null` when nothing waits. */
  oldestWaitingSince: string | null;
}

/**
 * An empty floor.
 *
 * @example
 * emptyFloor().waiting; // 0
 */
export const emptyFloor = (): FloorCounts => ({
  waiting: 0, alerting: 0, interacting: 0, held: 0, parked: 0, afterCallWork: 0, oldestWaitingSince: null, scheduledCallbacks: 0,
});

/** The earlier of two offer times (either may be missing). */
const earlierOf = (a: string | null, b: string | null): string | null => (a === null || (b !== null && Date.parse(b) < Date.parse(a)) ? b : a);

/**
 * Adds the floor `from` to `into` (floors of the same instant counted apart).
 *
 * @example
 * addFloor(overall, partition.floor);
 */
export function addFloor(into: FloorCounts, from: FloorCounts): void {
  into.waiting += from.waiting;
  into.alerting += from.alerting;
  into.interacting += from.interacting;
  into.held += from.held;
  into.parked += from.parked;
  into.afterCallWork += from.afterCallWork;
  into.scheduledCallbacks += from.scheduledCallbacks;
  into.oldestWaitingSince = earlierOf(into.oldestWaitingSince, from.oldestWaitingSince);
}

/**
 * The observations of a floor at instant `atMs`: its counts, and the age of the longest wait
 * (never negative).
 *
 * @example
 * observationsAt(emptyFloor(), Date.now()); // { waiting: 0, …, oldestWaitingMs: null, … }
 */
export function observationsAt({ oldestWaitingSince, ...counts }: FloorCounts, atMs: number): Observations {
  return { ...counts, oldestWaitingMs: oldestWaitingSince === null ? null : Math.max(0, atMs - Date.parse(oldestWaitingSince)) };
}

/**
 * Counts one participant in `into`; `queues` are those of its conversation.
 *
 * @example
 * observeParticipant(floor, participant, conversationQueues(conversation, activity));
 */
export function observeParticipant(into: FloorCounts, p: MediaParticipant, queues: ConversationQueues): void {
  if (p.purpose === 'acd') {
    if (p.state === 'scheduled') into.scheduledCallbacks++;
    const offeredTime = queues.visits.get(p)?.offeredTime;
    if (offeredTime !== undefined && p.state !== 'disconnected') {
      into.waiting++;
      into.oldestWaitingSince = earlierOf(into.oldestWaitingSince, offeredTime);
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
