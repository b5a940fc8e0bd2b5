import type { ConversationSnapshot } from '../../src/model/conversation-snapshot.js';
import type { MetricsReport } from '../../src/metrics/compute-metrics.js';
import type { TrackerEvent } from '../../src/events/tracker-event.js';
import type { Health } from '../../src/serve/floor-frame.js';
import { askForToken } from './token-form.js';
import { readToken } from './token.js';

/** The service answered with an error status (a 404 for an unknown conversation, a 400…). */
class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The request headers that carry the token, when there is one.
 *
 * @example
 * fetch('/api/stream', { headers: { ...authorization(), Accept: 'text/event-stream' } });
 */
export function authorization(): Record<string, string> {
  const token = readToken();
  return token === null ? {} : { Authorization: `Bearer ${token}` };
}

/** The message of an error body (`{ error, message }`), or the status line. */
async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not JSON: the status says enough.
  }
  return `${response.status} ${response.statusText}`;
}

/**
 * GETs `path` and parses the JSON answer; on a 401 asks for the token and tries again.
 *
 * @example
 * const health = await getJson<Health>('/healthz');
 */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  for (;;) {
    const response = await fetch(path, { headers: { Accept: 'application/json', ...authorization() }, signal: signal ?? null });
    if (response.status === 401) {
      await askForToken();
      continue;
    }
    if (!response.ok) throw new ApiError(response.status, await errorMessage(response));
    return (await response.json()) as T;
  }
}

/** The query string of `params`. */
const query = (params: Readonly<Record<string, string>>): string => new URLSearchParams(params).toString();

/**
 * The conversations under way at `at`.
 *
 * @example
 * const floor = await conversationsAt('2026-11-21T10:05:00.000Z');
 */
export function conversationsAt(at: string, signal?: AbortSignal): Promise<ConversationSnapshot[]> {
  return getJson(`/api/conversations?${query({ at, active: 'true' })}`, signal);
}

/**
 * Metrics as of `at`, aggregated from `from` on.
 *
 * @example
 * const report = await metricsAt('2026-11-21T10:05:00.000Z', '2026-11-21T00:00:00.000Z');
 */
export function metricsAt(at: string, from: string, signal?: AbortSignal): Promise<MetricsReport> {
  return getJson(`/api/metrics?${query({ at, from })}`, signal);
}

/** The events applied to one conversation, in order. */
export function conversationHistory(id: string, signal?: AbortSignal): Promise<TrackerEvent[]> {
  return getJson(`/api/conversations/${encodeURIComponent(id)}/history`, signal);
}

/** The service's health (no token needed). */
export function health(signal?: AbortSignal): Promise<Health> {
  return getJson('/healthz', signal);
}
