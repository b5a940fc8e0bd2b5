import { foreignFields } from '../events/foreign-fields.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import { ABSENT, LIFECYCLES, lifecycleEventKey, type LifecycleState } from '../machines/compile-lifecycle.js';
import type { MediaType } from '../model/enums.js';
import { collectViolations, type InvariantViolation } from '../model/invariants.js';
import { reduceParticipant, type ParticipantDraft } from '../reducers/index.js';
import type { Rejection } from './rejection.js';
import type { ParticipantUpdate, WriteParticipant } from './participant-update.js';

/** The state of one conversation while events are folded into it. */
export interface WorkingConversation {
  readonly id: string;
  media: MediaType | undefined;
  /** Participants in the order they were added. */
  readonly participants: ParticipantDraft[];
  /** The lifecycle state of each participant, index for index. */
  readonly lifecycles: LifecycleState[];
}

function indexOfParticipant(work: WorkingConversation, participantId: string): number {
  const { participants } = work;
  for (let i = 0; i < participants.length; i++) if (participants[i]!.id === participantId) return i;
  return -1;
}

/** The event's reducer, then the state its lifecycle gives. */
const writeParticipant: WriteParticipant = (draft, event, state) => {
  reduceParticipant(draft, event);
  draft.state = state;
};

/** The broken invariants of the participant being checked: one list, emptied before each check (a fold makes none per event). */
const violations: InvariantViolation[] = [];

const reject = (reason: Rejection['reason'], message: string, field?: string): Rejection =>
  field === undefined ? { reason, message } : { reason, message, field };

/**
 * Applies one event to a conversation: the participant's machine decides whether the event is
 * legal and which state follows, the event's reducer writes the fields, and the timestamp
 * invariants are checked. Returns the rejection, or `undefined` when the event was applied.
 * A rejected event leaves `work` untouched.
 *
 * @example
 * const work = { id: 'c1', media: undefined, participants: [], lifecycles: [] };
 * applyToConversation(work, addedEvent, copyUpdate); // undefined: applied
 */
export function applyToConversation(
  work: WorkingConversation,
  event: TrackerEvent,
  update: ParticipantUpdate,
): Rejection | undefined {
  const index = indexOfParticipant(work, event.participantId);
  let media: MediaType;
  if (event.type === 'participant.added') {
    if (index >= 0) return reject('participant-exists', `participant ${event.participantId} was already added`);
    if (work.media !== undefined && work.media !== event.media) {
      return reject('media-mismatch', `a ${event.media} participant cannot join ${work.media} conversation ${work.id}`, 'media');
    }
    media = event.media;
  } else {
    if (index < 0 || work.media === undefined) {
      return reject('unknown-participant', `participant ${event.participantId} has not been added to conversation ${work.id}`, 'participantId');
    }
    media = work.media;
    if (event.type === 'participant.updated') {
      const foreign = foreignFields(event, media);
      if (foreign.length > 0) {
        return reject('field-not-allowed', `${foreign.join(', ')} cannot be set on a ${media} participant`, foreign[0]);
      }
    }
  }

  const lifecycle = LIFECYCLES[media];
  const from = index < 0 ? ABSENT : work.lifecycles[index]!;
  const next = lifecycle.next(from, lifecycleEventKey(event));
  if (next === undefined) {
    const allowed = lifecycle.accepted(from).filter((k) => !k.startsWith('participant.added')).join(', ') || 'nothing';
    return reject(
      'illegal-transition',
      `${event.type} is not allowed for a ${media} participant in state ${from} (allowed: ${allowed})`,
      'type',
    );
  }

  const participantState = lifecycle.participantState(next);
  const result = update(index < 0 ? undefined : work.participants[index], writeParticipant, event, participantState);
  violations.length = 0;
  collectViolations(result, media, violations);
  if (violations.length > 0) {
    const broken = violations.map((v) => `${v.invariant}: ${v.message}`).join('; ');
    return reject('invariant-violation', `${event.type} would break ${broken}`);
  }

  if (index < 0) {
    work.media = media;
    work.participants.push(result);
    work.lifecycles.push(next);
  } else {
    work.participants[index] = result;
    work.lifecycles[index] = next;
  }
  return undefined;
}
