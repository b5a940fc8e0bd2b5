import { createHash } from 'node:crypto';

/**
 * The `metadata.CorrelationId` of a notification: a UUID-shaped value derived from the
 * conversation and the instant of the change, so that the same log always renders the same
 * bytes. Like Genesys, one change published on several topics (one per queue) carries one
 * CorrelationId.
 *
 * @example
 * correlationId('c1', '2026-11-21T08:00:12.369Z'); // e.g. '6f1d…-…' (always the same for these arguments)
 */
export function correlationId(conversationId: string, time: string): string {
  return derivedUuid(`correlation\u0000${conversationId}\u0000${time}`);
}

/**
 * A version-4-shaped UUID derived from `seed` (SHA-256): stable ids for things the v1 log does
 * not name, such as analytics session ids.
 *
 * @example
 * derivedUuid('session\u0000p1'); // the same UUID on every call
 */
export function derivedUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
