import type { ParticipantDraft } from './participant-draft.js';

/**
 * `participant.holdEnded`: `held` = false, `startHoldTime` removed (it only describes the
 * current hold).
 *
 * @example
 * participantHoldEnded(draft); // draft.held === false, no startHoldTime
 */
export function participantHoldEnded(draft: ParticipantDraft): void {
  draft.held = false;
  delete draft.startHoldTime;
}
