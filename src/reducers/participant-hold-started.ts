import type { EventOfType } from '../events/tracker-event.js';
import type { ParticipantDraft } from './participant-draft.js';

/**
 * `participant.holdStarted`: `held` = true, `startHoldTime` = `time`.
 *
 * @example
 * participantHoldStarted(draft, holdEvent); // draft.held === true
 */
export function participantHoldStarted(draft: ParticipantDraft, event: EventOfType<'participant.holdStarted'>): void {
  draft.held = true;
  draft.startHoldTime = event.time;
}
