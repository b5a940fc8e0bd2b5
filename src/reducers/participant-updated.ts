import type { EventOfType } from '../events/tracker-event.js';
import type { ParticipantDraft } from './participant-draft.js';
import { copyStaticFields } from './static-fields.js';

/**
 * `participant.updated`: the static fields it carries are set, `attributes` merged.
 *
 * @example
 * participantUpdated(draft, { …, flaggedReason: 'general' });
 */
export function participantUpdated(draft: ParticipantDraft, event: EventOfType<'participant.updated'>): void {
  copyStaticFields(draft, event);
}
