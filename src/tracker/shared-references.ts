/**
 * The fields of `participant.added` and `participant.updated` that name Genesys entities (a
 * queue, a user, a team…) or route to them: the same few values come back on participant after
 * participant.
 */
const REFERENCE_FIELDS: ReadonlySet<string> = new Set(['queue', 'user', 'conversationRoutingData', 'team', 'script', 'externalContact', 'externalOrganization']);

/** How many distinct values are kept at most; when full, the table starts again (memory stays bounded whatever the input). */
const LIMIT = 10_000;

/** A zero number in JSON text (`JSON.stringify` writes -0 as `0` too). */
const ZERO = /[:[,]0[,}\]]/;

/** A key that tells -0 from 0, as `JSON.stringify` alone does not: a shared value must be the same to `Object.is`. */
const signedZero = (_key: string, value: unknown): unknown => (value === 0 && Object.is(value, -0) ? '-0' : value);

/**
 * One object for equal entity references across the events a tracker keeps. Parsing makes a new
 * `queue: { id, name }` (and `user`, `conversationRoutingData`…) for every event that carries
 * one; the tracker keeps every event, and the participants built from them, so a million events
 * kept millions of copies of a few dozen values. An event about to be stored has each such field
 * replaced by the first equal value seen: equal as JSON (validated events hold plain data only),
 * and -0 is not 0. The events are frozen after, so a shared value never changes.
 *
 * @example
 * const references = new SharedReferences();
 * const queue = references.kept('queue', first.queue);
 * references.kept('queue', { ...first.queue }) === queue; // true
 */
export class SharedReferences {
  private readonly values = new Map<string, unknown>();

  /** The value kept for `value` when `field` is a reference field (the first equal one seen); `value` itself otherwise. */
  kept(field: string, value: unknown): unknown {
    if (typeof value !== 'object' || value === null || !REFERENCE_FIELDS.has(field)) return value;
    const json = JSON.stringify(value);
    // Only a value with a zero in it needs the slower key that keeps the sign of zero.
    const key = `${field}${ZERO.test(json) ? JSON.stringify(value, signedZero) : json}`;
    const kept = this.values.get(key);
    if (kept !== undefined) return kept;
    if (this.values.size >= LIMIT) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}
