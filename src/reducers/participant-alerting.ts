import type { EventOfType } from '../events/tracker-event.js';
import type { ParticipantDraft } from './participant-draft.js';

/**
 * `participant.alerting`: records `startAlertingTime` the first time (the state itself comes from
 * the machine).
 *
 * @example
 * participantAlerting(draft, { type: 'participant.alerting', time: '2026-11-21T10:00:01.000Z', … });
 */
export function participantAlerting(draft: ParticipantDraft, event: EventOfType<'participant.alerting'>): void {
  draft.startAlertingTime ??= event.time;
}
