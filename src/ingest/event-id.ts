import { createHash } from 'node:crypto';

/**
 * The id of an ingested event, derived from what identifies it: conversation, participant,
 * event type and time, plus `content` for events a participant can have several of at one
 * instant (`participant.updated`, `callback.scheduled`: the fields they set, as canonical JSON).
 * The same payloads ingested again give the same ids, so a reader sees duplicates, never
 * conflicts; with static values canonical (`canonicalStatic`) and participants held back until
 * dated, so do payloads that say the same thing in other words (a `selfUri` more, keys in
 * another order) or that are ingested in separate runs.
 * `gc-` and 24 base64url characters (144 bits of SHA-256).
 *
 * @example
 * ingestEventId('c1', 'p1', 'participant.connected', '2022-03-08T15:49:04.274Z');
 * // 'gc-…' (always the same for these arguments)
 */
export function ingestEventId(
  conversationId: string,
  participantId: string,
  type: string,
  time: string,
  content = '',
): string {
  const digest = createHash('sha256')
    .update(`${conversationId}\u0000${participantId}\u0000${type}\u0000${time}\u0000${content}`)
    .digest('base64url');
  return `gc-${digest.slice(0, 24)}`;
}
