import type { EventOfType } from '../events/tracker-event.js';
import type { ParticipantDraft } from './participant-draft.js';

/**
 * `callback.scheduled`: sets or moves `callbackScheduledTime`.
 *
 * @example
 * callbackScheduled(draft, { …, callbackScheduledTime: '2026-11-21T15:00:00.000Z' });
 */
export function callbackScheduled(draft: ParticipantDraft, event: EventOfType<'callback.scheduled'>): void {
  draft.callbackScheduledTime = event.callbackScheduledTime;
}
