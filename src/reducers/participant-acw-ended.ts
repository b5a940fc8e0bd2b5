import type { EventOfType } from '../events/tracker-event.js';
import type { ParticipantDraft } from './participant-draft.js';

/**
 * `participant.acwEnded`: `endAcwTime` = `time`.
 *
 * @example
 * participantAcwEnded(draft, acwEndedEvent); // draft.endAcwTime === acwEndedEvent.time
 */
export function participantAcwEnded(draft: ParticipantDraft, event: EventOfType<'participant.acwEnded'>): void {
  draft.endAcwTime = event.time;
}
