/**
 * The fields of `participant.added` and `participant.updated` that name Genesys entities (a
 * queue, a user, a team…) or route to them: the same few values come back on participant after
 * participant.
 */
const REFERENCE_FIELDS: ReadonlySet<string> = new Set(['queue', 'user', 'conversationRoutingData', 'team', 'script', 'externalContact', 'externalOrganization']);

/** How many distinct values are kept at most; when full, the table starts again (memory stays bounded whatever the input). */
const LIMIT = 10_000;

/**
 * One object for equal entity references across the events a tracker keeps. Parsing makes a new
 * `queue: { id, name }` (and `user`, `conversationRoutingData`…) for every event that carries
 * one; the tracker keeps every event, and the participants built from them, so a million events
 * kept millions of copies of a few dozen values. An event about to be stored has each such field
 * replaced by the first equal value seen. Equal means equal as JSON, which is how the store
 * keeps events (validated events hold plain data only). The events are frozen after, so a shared
 * value never changes.
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
    const key = `${field}${JSON.stringify(value)}`;
    const kept = this.values.get(key);
    if (kept !== undefined) return kept;
    if (this.values.size >= LIMIT) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}
