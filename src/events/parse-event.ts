import { z } from 'zod';
import { EVENT_TYPES } from './lifecycle-rank.js';
import { trackerEventSchema } from './schemas.js';
import type { TrackerEvent, TrackerEventType } from './tracker-event.js';

/**
 * The event schema compiled ahead of time by zod: valid events take a generated fast path
 * (about twice as fast as the runtime parser); anything it cannot accept is handed to the
 * runtime parser, so issues and messages are exactly the runtime's.
 */
const compiledEventSchema = z.compile(trackerEventSchema);

/**
 * Each event type's name as one shared string. A parsed line brings its own copy of its type
 * (~40 bytes, too long for the JSON parser to share); a stored event keeps this one instead.
 */
const TYPE_NAMES: Readonly<Record<string, TrackerEventType>> = Object.fromEntries(EVENT_TYPES.map((type) => [type, type]));

/** Why an input is not a valid v1 event: the field and the reason, in words. */
export interface EventIssue {
  /** Dotted path of the offending field (`wrapup.code`), or `''` for the whole event. */
  readonly field: string;
  readonly message: string;
}

export type ParseEventResult =
  | { readonly ok: true; readonly event: TrackerEvent }
  | { readonly ok: false; readonly issues: readonly EventIssue[]; readonly message: string; readonly id?: string };

function describe(issue: z.core.$ZodIssue): EventIssue {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return { field, message: `${field || 'event'} is required` };
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue) {
    const options = (issue as { options?: unknown[] }).options ?? [];
    return { field, message: `${field} must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}` };
  }
  return { field, message: field ? `${field} ${issue.message.replace(/^Invalid input: /, '')}` : issue.message };
}

/**
 * Validates an untrusted value as a v1 event. Never throws: a bad event comes back with the
 * fields at fault and why.
 *
 * @example
 * const result = parseEvent(JSON.parse(line));
 * if (!result.ok) console.error(result.message); // "time "2026-11-21T10:00:00" is not an ISO-8601 time with a zone …"
 */
export function parseEvent(input: unknown): ParseEventResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const message = `an event must be a JSON object, not ${Array.isArray(input) ? 'an array' : input === null ? 'null' : typeof input}`;
    return { ok: false, issues: [{ field: '', message }], message };
  }
  const result = compiledEventSchema.safeParse(input);
  if (result.success) {
    const event = result.data;
    (event as { type: TrackerEventType }).type = TYPE_NAMES[event.type]!;
    return { ok: true, event };
  }
  const issues = result.error.issues.map(describe);
  const rawId = (input as { id?: unknown }).id;
  const id = typeof rawId === 'string' && rawId.length > 0 ? rawId : undefined;
  return { ok: false, issues, message: issues.map((i) => i.message).join('; '), ...(id ? { id } : {}) };
}
