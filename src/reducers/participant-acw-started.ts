import type { EventOfType } from '../events/tracker-event.js';
import type { ParticipantDraft } from './participant-draft.js';

/**
 * `participant.acwStarted`: `startAcwTime` = `time`.
 *
 * @example
 * participantAcwStarted(draft, acwEvent); // draft.startAcwTime === acwEvent.time
 */
export function participantAcwStarted(draft: ParticipantDraft, event: EventOfType<'participant.acwStarted'>): void {
  draft.startAcwTime = event.time;
}
