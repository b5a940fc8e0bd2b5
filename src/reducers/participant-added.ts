import { initialStateOf } from '../events/initial-state.js';
import type { EventOfType } from '../events/tracker-event.js';
import type { ParticipantDraft } from './participant-draft.js';
import { copyStaticFields } from './static-fields.js';

/**
 * `participant.added`: creates the participant. `startTime` = `time`; `connectedTime` too when it
 * starts connected, `startAlertingTime` when it starts alerting.
 *
 * @example
 * const draft = {}; participantAdded(draft, addedEvent); draft.startTime === addedEvent.time; // true
 */
export function participantAdded(draft: ParticipantDraft, event: EventOfType<'participant.added'>): void {
  draft.id = event.participantId;
  draft.purpose = event.purpose;
  draft.startTime = event.time;
  const initial = initialStateOf(event);
  if (initial === 'alerting') draft.startAlertingTime = event.time;
  if (initial === 'connected') draft.connectedTime = event.time;
  draft.held = false;
  copyStaticFields(draft, event);
}
