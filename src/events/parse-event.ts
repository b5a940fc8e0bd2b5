import { z } from 'zod';
import { issueText } from './issue-text.js';
import { EVENT_TYPES } from './lifecycle-rank.js';
import { EVENT_LIMITS, InputProblem, fieldPath, readPlainInput } from './plain-input.js';
import { compactCopy } from '../core/compact-copy.js';
import { compileSchemaCheck } from './schema-check.js';
import { IN_PLACE_TRANSFORMS, trackerEventSchema } from './schemas.js';
import type { TrackerEvent, TrackerEventType } from './tracker-event.js';

/**
 * The event schema compiled ahead of time by zod: valid events take a generated fast path
 * (about twice as fast as the runtime parser); anything it cannot accept is handed to the
 * runtime parser, so issues and messages are exactly the runtime's.
 */
const compiledEventSchema = z.compile(trackerEventSchema);

/**
 * The accept path: the schema checked on the private copy in place (see `compileSchemaCheck`),
 * so that a valid event costs no second copy. What it declines goes to the schema's parser.
 */
const acceptsAsCopied = compileSchemaCheck(trackerEventSchema, IN_PLACE_TRANSFORMS);

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

/**
 * What {@link parseEvent} returns: the validated event, or why the input is not one (every
 * issue, the issues in one message, and the input's `id` when it has a usable one, to name it in
 * reports). Never an exception.
 *
 * @example
 * const result: ParseEventResult = parseEvent(JSON.parse(line));
 * if (result.ok) tracker.apply(result.event);
 * else console.error(`${result.id ?? 'an event'}: ${result.message}`); // 'e7: time is required'
 */
export type ParseEventResult =
  | { readonly ok: true; readonly event: TrackerEvent }
  | { readonly ok: false; readonly issues: readonly EventIssue[]; readonly message: string; readonly id?: string };

function describe(issue: z.core.$ZodIssue): EventIssue {
  const field = fieldPath(issue.path);
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return { field, message: `${field || 'event'} is required` };
  }
  // Stryker disable next-line LogicalOperator: the schema's only unions are discriminated, so every invalid_union issue has a discriminator
  if (issue.code === 'invalid_union' && 'discriminator' in issue) {
    // Stryker disable next-line ArrayDeclaration: zod gives every discriminator issue its options; the fallback is never used
    const options = (issue as { options?: unknown[] }).options ?? [];
    return { field, message: `${field} must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}` };
  }
  return { field, message: field ? `${field} ${issueText(issue)}` : issue.message };
}

/** The id of an event that failed validation, when it has a usable one (to name it in reports); reading it may throw. */
function idOf(event: unknown): string | undefined {
  try {
    const id = (event as { id?: unknown }).id;
    return typeof id === 'string' && id.length > 0 && id.length <= EVENT_LIMITS.maxStringLength ? id : undefined;
  } catch {
    return undefined;
  }
}

/** A failed result: at most `maxIssues` issues listed, the rest counted in the message. */
function failure(issues: readonly EventIssue[], id: string | undefined): ParseEventResult {
  const listed = issues.length > EVENT_LIMITS.maxIssues ? issues.slice(0, EVENT_LIMITS.maxIssues) : issues;
  const more = issues.length - listed.length;
  const message = listed.map((i) => i.message).join('; ') + (more > 0 ? `; and ${more} more issues` : '');
  return { ok: false, issues: listed, message, ...(id ? { id } : {}) };
}

/** A valid event, its type the shared string. */
function accepted(event: TrackerEvent): ParseEventResult {
  (event as { type: TrackerEventType }).type = TYPE_NAMES[event.type]!;
  return { ok: true, event };
}

/**
 * Validates an untrusted value as a v1 event. The value is first read once into a private copy
 * of plain data within {@link EVENT_LIMITS} (see `readPlainInput`), so getters and Proxies that
 * throw, oversized arrays and the like are issues like any other. Never throws: a bad event comes
 * back with the fields at fault and why. A valid event is that copy, checked in place.
 *
 * `owned`: the caller owns the input, plain data nobody else holds (what `JSON.parse` has just
 * made for it): it is checked where it is, and a valid event is the input itself, its times
 * normalized in place.
 *
 * @example
 * const result = parseEvent(JSON.parse(line));
 * if (!result.ok) console.error(result.message); // "time "2026-11-21T10:00:00" is not an ISO-8601 time with a zone …"
 */
export function parseEvent(input: unknown, owned = false): ParseEventResult {
  const data = readPlainInput(input, owned);
  if (InputProblem.isOne(data)) return failure([{ field: data.field, message: data.message }], idOf(input));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const message = `an event must be a JSON object, not ${Array.isArray(data) ? 'an array' : data === null ? 'null' : typeof data}`;
    return failure([{ field: '', message }], undefined);
  }
  if (acceptsAsCopied(data)) return accepted(data as TrackerEvent);
  const result = compiledEventSchema.safeParse(data);
  if (result.success) return accepted(compactCopy(result.data));
  return failure(result.error.issues.map(describe), idOf(data));
}
