import type { TrackerEvent } from '../events/tracker-event.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { DomainEntityRef } from '../model/domain-entity-ref.js';
import type { MediaParticipant } from '../model/media-participant.js';
import { metricEmissions, type MetricEmission } from './metric-emissions.js';
import { emptyFloor, observeParticipant } from './observations.js';
import { participantActivity } from './participant-activity.js';
import { conversationQueues, type ConversationQueues } from './queue-visits.js';

/** A participant that counts in the observations (waiting, alerting, interacting, held, ACW, scheduled…). */
export interface ObservedParticipant {
  readonly participant: MediaParticipant;
  /** The queues of its conversation, which the observation reads. */
  readonly queues: ConversationQueues;
  /** The queue it is observed in ({@link ConversationQueues.queueOf}). */
  readonly queue: DomainEntityRef | undefined;
}

/** What one conversation adds to the metrics: its emissions, and the participants the floor shows. */
export interface ConversationContribution {
  /** Its metric emissions from `from` on (all of them without `from`). */
  readonly emissions: readonly MetricEmission[];
  /** Its participants that count in an observation at whatever instant. */
  readonly observed: readonly ObservedParticipant[];
  /** The queue of each participant, in participant order. */
  readonly queues: readonly (DomainEntityRef | undefined)[];
  /** The time of its first applied event (when its queue references were given); `undefined` for an empty history. */
  readonly firstEventTime: string | undefined;
  /** The time of its last applied event; `undefined` for an empty history. */
  readonly lastEventTime: string | undefined;
}

/** Whether a participant counts in any observation (at whatever instant). */
function isObserved(participant: MediaParticipant, queues: ConversationQueues): boolean {
  const probe = emptyFloor();
  observeParticipant(probe, participant, queues);
  return Object.values(probe).some((v) => v !== 0 && v !== null);
}

/**
 * The contribution of one conversation to the metrics, from its snapshot and its applied events
 * (`tracker.conversation(id)`, `tracker.history(id)`): the metrics it emits from `from` on
 * (inclusive) and the participants it has on the floor. Both `computeMetrics` and live metrics
 * read a conversation through it.
 *
 * @example
 * const contribution = conversationContribution(tracker.conversation('c1')!, tracker.history('c1'), '2026-11-21T00:00:00.000Z');
 * contribution.emissions.filter((e) => e.kind === 'answered').length; // answers of c1 since midnight
 * contribution.observed.length;                                       // c1's legs waiting, alerting, connected…
 */
export function conversationContribution(
  conversation: ConversationSnapshot, history: readonly TrackerEvent[], from?: string,
): ConversationContribution {
  const activity = participantActivity(history);
  const queues = conversationQueues(conversation, activity);
  const participants = conversation.participants as MediaParticipant[];
  const observed = participants
    .filter((participant) => isObserved(participant, queues))
    .map((participant) => ({ participant, queues, queue: queues.queueOf(participant) }));
  const emissions = metricEmissions(conversation, history, activity, queues).filter((e) => from === undefined || e.time >= from);
  return { emissions, observed, queues: participants.map((p) => queues.queueOf(p)), firstEventTime: history[0]?.time, lastEventTime: history[history.length - 1]?.time };
}
