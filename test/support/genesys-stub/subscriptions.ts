import { genesysError, type GenesysError } from './errors.js';

/** A topic the stub accepts: Genesys' `v2.` topics, dot-separated (ids, `*` and `-` allowed). */
const topicPattern = /^v2(\.[A-Za-z0-9_*-]+)+$/;

export type TopicsResult = { ok: true; topics: string[] } | { ok: false; error: GenesysError };

/**
 * Reads a subscription body (`[{ id: topic }, …]`). Topics that are not `v2.…` names make it a 400,
 * unless `ignoreErrors` (then they are left out, as Genesys does for `?ignoreErrors=true`).
 */
export function topicsOfBody(body: unknown, ignoreErrors: boolean): TopicsResult {
  if (!Array.isArray(body)) return { ok: false, error: genesysError(400, 'The request body must be an array of { id: topic }.') };
  const topics: string[] = [];
  const invalid: string[] = [];
  for (const item of body as unknown[]) {
    const id = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>).id : undefined;
    if (typeof id === 'string' && topicPattern.test(id)) topics.push(id);
    else invalid.push(typeof id === 'string' ? id : JSON.stringify(item) ?? String(item));
  }
  if (invalid.length > 0 && !ignoreErrors) {
    return { ok: false, error: genesysError(400, `Invalid topic(s): ${invalid.slice(0, 10).join(', ')}`, 'notification.invalid.topic') };
  }
  return { ok: true, topics };
}

/**
 * The topic list after a change, or the 400 Genesys answers when it would hold more than `max`
 * topics ("Each WebSocket connection is limited to 1,000 topics").
 */
export function withinLimit(topics: readonly string[], max: number): TopicsResult {
  const distinct = [...new Set(topics)];
  if (distinct.length > max) {
    return { ok: false, error: genesysError(400, `Subscription limit exceeded: ${distinct.length} topics, at most ${max} per channel.`, 'notification.subscription.limit.exceeded') };
  }
  return { ok: true, topics: distinct };
}

/** Genesys' listing of a channel's topics: `{ entities: [{ id }] }`. */
export const topicListing = (topics: readonly string[]): { entities: { id: string }[] } => ({ entities: topics.map((id) => ({ id })) });
