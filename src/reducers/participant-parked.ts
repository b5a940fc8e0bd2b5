import type { EventOfType } from '../events/tracker-event.js';
import type { ParticipantDraft } from './participant-draft.js';

/**
 * `participant.parked` (callbacks): `parkTime` = `time`; `resumeTime` set when given, and a
 * previous park's `resumeTime` dropped when not.
 *
 * @example
 * participantParked(draft, { …, resumeTime: '2026-11-21T12:00:00.000Z' });
 */
export function participantParked(draft: ParticipantDraft, event: EventOfType<'participant.parked'>): void {
  draft.parkTime = event.time;
  if (event.resumeTime !== undefined) draft.resumeTime = event.resumeTime;
  else delete draft.resumeTime;
}
