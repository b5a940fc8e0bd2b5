import type { ParticipantDraft } from './participant-draft.js';

/**
 * `participant.dialing`, `participant.contacting`, `participant.offering` and `participant.resumed`
 * change only the participant's `state`, which the machine decides; no field of their own.
 * (`participant.resumed` keeps `parkTime`: it "does not reset on resume".)
 *
 * @example
 * stateOnly(draft, event); // draft unchanged
 */
export function stateOnly(_draft: ParticipantDraft, _event: unknown): void {}
