import type { EventOfType } from '../events/tracker-event.js';
import type { ParticipantDraft } from './participant-draft.js';

/**
 * `participant.connected`: `connectedTime` = `time`, on the first connection only.
 *
 * @example
 * participantConnected(draft, connectedEvent); // draft.connectedTime === connectedEvent.time
 */
export function participantConnected(draft: ParticipantDraft, event: EventOfType<'participant.connected'>): void {
  draft.connectedTime ??= event.time;
}
