import { callbackStaticFields, chatStaticFields, sharedStaticFields } from '../events/schemas.js';
import type { ParticipantDraft } from './participant-draft.js';

/** Every static field an event may carry, in the Genesys model's order. */
const STATIC_FIELDS = [
  ...Object.keys(sharedStaticFields),
  ...Object.keys(chatStaticFields),
  ...Object.keys(callbackStaticFields),
  'flaggedReason',
] as (keyof ParticipantDraft)[];

/**
 * Copies the static fields an event carries onto a draft; `attributes` are merged into a new
 * null-prototype object, so untrusted keys stay data.
 *
 * @example
 * copyStaticFields(draft, { name: 'Ann', attributes: { tier: 'gold' } });
 */
export function copyStaticFields(draft: ParticipantDraft, event: Partial<Record<keyof ParticipantDraft, unknown>>): void {
  const target = draft as Record<string, unknown>;
  for (const field of STATIC_FIELDS) {
    const value = event[field];
    if (value === undefined) continue;
    target[field] = field === 'attributes' ? Object.assign(Object.create(null), draft.attributes, value) : value;
  }
}
