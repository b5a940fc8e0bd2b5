import type { ParticipantDraft } from './participant-draft.js';

/**
 * `participant.wrapupSkipped`: `wrapupSkipped` = true.
 *
 * @example
 * participantWrapupSkipped(draft); // draft.wrapupSkipped === true
 */
export function participantWrapupSkipped(draft: ParticipantDraft): void {
  draft.wrapupSkipped = true;
}
