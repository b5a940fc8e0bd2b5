import type { EventOfType } from '../events/tracker-event.js';
import type { ParticipantDraft } from './participant-draft.js';

/**
 * `participant.disconnected`: `endTime` = `time`, `disconnectType` and `errorInfo` as given,
 * hold released.
 *
 * @example
 * participantDisconnected(draft, { …, disconnectType: 'client' }); // draft.endTime set
 */
export function participantDisconnected(draft: ParticipantDraft, event: EventOfType<'participant.disconnected'>): void {
  draft.endTime = event.time;
  if (event.disconnectType !== undefined) draft.disconnectType = event.disconnectType;
  if (event.errorInfo !== undefined) draft.errorInfo = event.errorInfo;
  draft.held = false;
  delete draft.startHoldTime;
}
