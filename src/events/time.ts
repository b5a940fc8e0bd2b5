import { types } from 'node:util';
import { InvalidInstantError } from '../errors/invalid-instant-error.js';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];

/** The example a refusal shows. */
const EXAMPLE = '2026-11-21T10:00:00.000Z';

/** The number at `start..start+length` of a string of ASCII digits. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * Why the fields of a date and time name no real instant, or `undefined` when they do: month
 * 1–12, a day that exists in that month, hours 0–23, minutes and seconds 0–59 (no leap second).
 * Arithmetic only, no `Date`: this runs once per time field of every event.
 */
function calendarProblem(year: number, month: number, day: number, hour: number, minute: number, second: number): string | undefined {
  if (month < 1 || month > 12) return `has month ${two(month)}; months run 01–12`;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > days) return `has day ${two(day)}; ${MONTH_NAMES[month - 1]} ${year} has days 01–${days}`;
  if (hour > 23) return `has hour ${two(hour)}; hours run 00–23`;
  if (minute > 59) return `has minute ${two(minute)}; minutes run 00–59`;
  if (second === 60) return 'is a leap second (second 60), which is not supported';
  if (second > 59) return `has second ${two(second)}; seconds run 00–59`;
  return undefined;
}

/** Why a zone of the ISO pattern (`Z`, `+01`, `+0100`, `+01:00`) is out of range, or `undefined`. */
function offsetProblem(zone: string): string | undefined {
  if (zone.length === 1) return undefined;
  const hours = digits(zone, 1, 2);
  const minutes = zone.length === 3 ? 0 : digits(zone, zone.length - 2, 2);
  return hours > 23 || minutes > 59 ? `has offset ${zone}; offsets run from -23:59 to +23:59` : undefined;
}

/** Why a matched ISO time with a zone names no real instant, or `undefined`. */
function matchProblem(match: RegExpExecArray): string | undefined {
  // Stryker disable next-line StringLiteral: Number('') is 0 like Number('00'), and the pattern always captures a zone
  const [, year, month, day, hour, minute, second = '00', , zone = 'Z'] = match;
  return (
    calendarProblem(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second)) ??
    offsetProblem(zone)
  );
}

/**
 * Normalizes an ISO-8601 time that carries a zone (`Z` or an offset) to the canonical form the
 * snapshots use: UTC with milliseconds. Returns `undefined` for a time without a zone or one that
 * names no real instant (February 30th, a leap second); {@link timeProblem} says why. Canonical
 * strings sort in time order.
 *
 * @example
 * normalizeTime('2026-11-21T11:00:00+01:00'); // '2026-11-21T10:00:00.000Z'
 * normalizeTime('2026-11-21T10:00:00');       // undefined (no zone)
 */
export function normalizeTime(text: string): string | undefined {
  // Stryker disable next-line BlockStatement: a fast path; the general path below gives the same result for a canonical text
  if (CANONICAL.test(text)) {
    const problem = calendarProblem(
      digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2), digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2),
    );
    return problem === undefined ? text : undefined;
  }
  const match = ISO_WITH_ZONE.exec(text);
  if (!match || matchProblem(match) !== undefined) return undefined;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone = 'Z'] = match;
  // Stryker disable next-line MethodExpression: Node's Date.parse keeps the first three digits of a longer fraction, as the slice does
  const ms3 = fraction.padEnd(3, '0').slice(0, 3);
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.length === 3 ? '00' : zone.slice(-2)}`;
  return new Date(Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}.${ms3}${offset}`)).toISOString();
}

/**
 * Why {@link normalizeTime} refuses a text, as a sentence that quotes it (the first 40
 * characters), or `undefined` when it accepts it.
 *
 * @example
 * timeProblem('2026-02-30T10:00:00Z'); // '"2026-02-30T10:00:00Z" has day 30; February 2026 has days 01–28'
 */
export function timeProblem(text: string): string | undefined {
  const match = ISO_WITH_ZONE.exec(text);
  const problem = match ? matchProblem(match) : `is not an ISO-8601 time with a zone (e.g. ${EXAMPLE})`;
  return problem === undefined ? undefined : `"${text.slice(0, 40)}" ${problem}`;
}

/** The largest distance from the epoch a `Date` can hold, in milliseconds. */
const MAX_EPOCH_MS = 8.64e15;

/**
 * Converts a user-supplied instant (ISO string with zone, `Date` or epoch ms) to canonical form;
 * `undefined` for anything else.
 *
 * @example
 * toCanonicalTime(0); // '1970-01-01T00:00:00.000Z'
 */
export function toCanonicalTime(instant: string | number | Date): string | undefined {
  if (typeof instant === 'string') return normalizeTime(instant);
  const ms = typeof instant === 'number' ? instant : types.isDate(instant) ? Date.prototype.getTime.call(instant) : Number.NaN;
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_EPOCH_MS ? new Date(ms).toISOString() : undefined;
}

/** Why a value is not an instant {@link toCanonicalTime} accepts. */
function instantProblem(instant: unknown): string {
  if (typeof instant === 'string') return timeProblem(instant)!;
  if (typeof instant === 'number') return `${instant} is not an instant: epoch milliseconds run from -${MAX_EPOCH_MS} to ${MAX_EPOCH_MS}`;
  if (types.isDate(instant)) return 'an invalid Date is not an instant';
  const what = instant === null || instant === undefined ? String(instant) : typeof instant === 'object' ? 'an object' : `a ${typeof instant}`;
  return `${what} is not an instant: give an ISO-8601 time with a zone, a Date or epoch milliseconds`;
}

/**
 * The canonical form of an instant a caller asks about (`at`), or an `InvalidInstantError` that says why
 * it is not one: a string without a zone or naming no real time, a number beyond a `Date`'s
 * range, an invalid `Date`, anything else.
 *
 * @example
 * requireInstant('2026-11-21T11:00:00+01:00'); // '2026-11-21T10:00:00.000Z'
 * requireInstant('2026-11-21T10:20:35');       // InvalidInstantError: "2026-11-21T10:20:35" is not an ISO-8601 time with a zone …
 */
export function requireInstant(instant: unknown): string {
  const time = toCanonicalTime(instant as string);
  if (time === undefined) throw new InvalidInstantError(instantProblem(instant));
  return time;
}
