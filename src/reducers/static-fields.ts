import { callbackStaticFields, chatStaticFields, sharedStaticFields } from '../events/schemas.js';
import { mergeAttributes, type Attributes } from '../model/attributes.js';
import type { ParticipantDraft } from './participant-draft.js';

/** Every static field an event may carry. */
const STATIC_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(sharedStaticFields),
  ...Object.keys(chatStaticFields),
  ...Object.keys(callbackStaticFields),
  'flaggedReason',
]);

/**
 * A participant's attributes after an event's: merged into a new null-prototype object, or the
 * event's own object when the participant has none and that object is frozen with a null
 * prototype (as a kept event's are): nothing can change it, so the participant shares it.
 */
function attributesAfter(current: Readonly<Attributes> | undefined, added: Readonly<Attributes>): Readonly<Attributes> {
  if (current === undefined && Object.isFrozen(added) && Object.getPrototypeOf(added) === null) return added;
  return mergeAttributes(current, added);
}

/**
 * Copies the static fields an event carries onto a draft; `attributes` are merged into a new
 * null-prototype object, so untrusted keys stay data (or, on a participant that has none yet,
 * are the event's own when those are frozen with a null prototype).
 *
 * @example
 * copyStaticFields(draft, { name: 'Ann', attributes: { tier: 'gold' } });
 */
export function copyStaticFields(draft: ParticipantDraft, event: Partial<Record<keyof ParticipantDraft, unknown>>): void {
  const target = draft as Record<string, unknown>;
  // The event's own keys (about ten) rather than every static field (over thirty); validated
  // events list them in the schema's order, which is the Genesys model's.
  for (const field in event) {
    const value = (event as Record<string, unknown>)[field];
    if (value === undefined || !STATIC_FIELDS.has(field)) continue;
    target[field] = field === 'attributes' ? attributesAfter(draft.attributes, value as Readonly<Attributes>) : value;
  }
}
