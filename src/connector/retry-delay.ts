/** How retries back off: the first delay, the longest, and the random source for jitter. */
export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  /** A number in [0, 1); `Math.random` by default. */
  readonly random?: () => number;
}

/** Retries start at 1 s and never wait more than a minute. */
export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 60_000 };

/**
 * The wait before retry number `attempt` (1 for the first retry): exponential with full jitter
 * (a random wait up to `initialMs × 2^(attempt-1)`, capped at `maxMs`), so many clients that
 * failed together do not come back together. A `Retry-After` the server sent (seconds, or an
 * HTTP date) is honoured: the wait is never shorter than it says.
 *
 * @example
 * retryDelay(3, { initialMs: 1000, maxMs: 60000, random: () => 0.5 }); // 2000
 * retryDelay(1, DEFAULT_BACKOFF, '7');                                // ≥ 7000
 */
export function retryDelay(attempt: number, backoff: Backoff = DEFAULT_BACKOFF, retryAfter?: string | null, nowMs = Date.now()): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling * (backoff.random ?? Math.random)());
  return Math.max(jittered, retryAfterMs(retryAfter, nowMs) ?? 0);
}

/**
 * The wait a `Retry-After` header asks for, in ms (at most an hour); `undefined` when absent or
 * unreadable.
 *
 * @example
 * retryAfterMs('2'); // 2000
 */
export function retryAfterMs(header: string | null | undefined, nowMs = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text) - nowMs;
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), 3_600_000) : undefined;
}
