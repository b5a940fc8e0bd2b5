import type { EventOfType } from '../events/tracker-event.js';
import type { ParticipantDraft } from './participant-draft.js';

/**
 * `participant.wrapupApplied`: `wrapup` set, with `wrapup.endTime` = `time`.
 *
 * @example
 * participantWrapupApplied(draft, { …, wrapup: { code: 'resolved' } }); // draft.wrapup.endTime === time
 */
export function participantWrapupApplied(draft: ParticipantDraft, event: EventOfType<'participant.wrapupApplied'>): void {
  draft.wrapup = { ...event.wrapup, endTime: event.time };
}
