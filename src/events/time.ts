const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number at `start..start+length` of a string of ASCII digits. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/**
 * Whether a string of the canonical shape names a real instant: month 1–12, a day that exists
 * in that month, hours 0–23, minutes and seconds 0–59. Arithmetic only, no `Date`: this runs
 * once per time field of every event.
 */
function isRealCanonicalTime(text: string): boolean {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return false;
  return digits(text, 11, 2) <= 23 && digits(text, 14, 2) <= 59 && digits(text, 17, 2) <= 59;
}

/**
 * Normalizes an ISO-8601 time that carries a zone (`Z` or an offset) to the canonical form the
 * snapshots use: UTC with milliseconds. Returns `undefined` for a time without a zone or an
 * impossible date (February 30th). Canonical strings sort in time order.
 *
 * @example
 * normalizeTime('2026-11-21T11:00:00+01:00'); // '2026-11-21T10:00:00.000Z'
 * normalizeTime('2026-11-21T10:00:00');       // undefined (no zone)
 */
export function normalizeTime(text: string): string | undefined {
  if (CANONICAL.test(text)) return isRealCanonicalTime(text) ? text : undefined;
  const match = ISO_WITH_ZONE.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone = 'Z'] = match;
  const ms3 = fraction.padEnd(3, '0').slice(0, 3);
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2).padStart(2, '0')}`;
  const fixedOffset = zone.length === 3 ? `${zone}:00` : offset;
  const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}.${ms3}${fixedOffset}`);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls impossible days over (02-30 → 03-02); refuse them instead.
  const local = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (local.getUTCDate() !== Number(day)) return undefined;
  return new Date(ms).toISOString();
}

/**
 * Converts a user-supplied instant (ISO string with zone, `Date` or epoch ms) to canonical form.
 *
 * @example
 * toCanonicalTime(0); // '1970-01-01T00:00:00.000Z'
 */
export function toCanonicalTime(instant: string | number | Date): string | undefined {
  if (typeof instant === 'string') return normalizeTime(instant);
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined;
}
