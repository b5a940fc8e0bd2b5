import type { WorkingConversation } from '../core/conversation-step.js';
import type { PayloadDating } from './observation.js';
import type { WaitingObservation } from './waiting-participants.js';

/** What the differ knows about one participant beyond its folded snapshot. */
export interface KnownParticipant {
  /** Its position in the working conversation. */
  readonly index: number;
  readonly addedTime: string;
  /** The time of its latest lifecycle event: later events are never dated before it. */
  lastTime: string;
  /** The latest `asOf` of the payloads that described it. */
  asOf: string | undefined;
  /** The time of its latest hold event (start or end). */
  holdTime: string | undefined;
  /** The latest `lastingAsOf` of the payloads that showed its current hold. */
  heldAsOf: string | undefined;
  /** The payload, of those that showed it connected and not held, with the latest `lastingAsOf`. */
  unheld: PayloadDating | undefined;
  /** The static fields as recorded so far (`attributes` merged). */
  readonly statics: Map<string, unknown>;
}

/** What the differ knows about one conversation: its participants folded exactly as a reader folds the events. */
export interface KnownConversation {
  readonly work: WorkingConversation;
  readonly participants: Map<string, KnownParticipant>;
  /** The latest `asOf` of the payloads that described it. */
  latest: string | undefined;
  /** The ids of the events emitted for it: a change that recurs at the same instant needs a new one. */
  readonly emitted: Set<string>;
  /** Observations of participants not added yet, kept until a payload dates their start (by participant id). */
  readonly waiting: Map<string, WaitingObservation[]>;
}

/**
 * A conversation the differ has not seen yet: no media, no participants.
 *
 * @example
 * newKnownConversation('c1').work.participants; // []
 */
export function newKnownConversation(id: string): KnownConversation {
  return { work: { id, media: undefined, participants: [], lifecycles: [] }, participants: new Map(), latest: undefined, emitted: new Set(), waiting: new Map() };
}
