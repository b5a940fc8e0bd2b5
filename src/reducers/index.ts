import type { EventOfType, TrackerEvent, TrackerEventType } from '../events/tracker-event.js';
import { callbackScheduled } from './callback-scheduled.js';
import { participantAcwEnded } from './participant-acw-ended.js';
import { participantAcwStarted } from './participant-acw-started.js';
import { participantAdded } from './participant-added.js';
import { participantAlerting } from './participant-alerting.js';
import { participantConnected } from './participant-connected.js';
import { participantDisconnected } from './participant-disconnected.js';
import type { ParticipantDraft, Reducer } from './participant-draft.js';
import { participantHoldEnded } from './participant-hold-ended.js';
import { participantHoldStarted } from './participant-hold-started.js';
import { participantParked } from './participant-parked.js';
import { participantUpdated } from './participant-updated.js';
import { participantWrapupApplied } from './participant-wrapup-applied.js';
import { participantWrapupSkipped } from './participant-wrapup-skipped.js';
import { stateOnly } from './state-only.js';

export type { ParticipantDraft, Reducer } from './participant-draft.js';

/** The reducer of every event type. */
export const REDUCERS: { readonly [T in TrackerEventType]: Reducer<EventOfType<T>> } = {
  'participant.added': participantAdded,
  'participant.alerting': participantAlerting,
  'participant.dialing': stateOnly,
  'participant.contacting': stateOnly,
  'participant.offering': stateOnly,
  'participant.connected': participantConnected,
  'participant.holdStarted': participantHoldStarted,
  'participant.holdEnded': participantHoldEnded,
  'participant.parked': participantParked,
  'participant.resumed': stateOnly,
  'participant.disconnected': participantDisconnected,
  'participant.acwStarted': participantAcwStarted,
  'participant.wrapupApplied': participantWrapupApplied,
  'participant.wrapupSkipped': participantWrapupSkipped,
  'participant.acwEnded': participantAcwEnded,
  'participant.updated': participantUpdated,
  'callback.scheduled': callbackScheduled,
};

/**
 * Applies the reducer of `event.type` to a draft.
 *
 * @example
 * reduceParticipant(draft, event);
 */
export function reduceParticipant(draft: ParticipantDraft, event: TrackerEvent): void {
  (REDUCERS[event.type] as Reducer<TrackerEvent>)(draft, event);
}
