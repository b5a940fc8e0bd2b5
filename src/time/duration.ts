const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

const BARE_NUMBER = /^\d+(?:\.\d+)?$/;

/**
 * Parses a duration such as `500ms`, `20s`, `15m`, `8h` or `1d` into milliseconds. A number
 * needs its unit (`15` could be seconds or minutes), except `0`. Returns `undefined` for
 * anything else; {@link durationProblem} says why.
 *
 * @example
 * parseDuration('15m'); // 900000
 * parseDuration('1.5s'); // 1500
 * parseDuration('15'); // undefined: no unit
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (BARE_NUMBER.test(trimmed)) return Number(trimmed) === 0 ? 0 : undefined;
  const match = DURATION.exec(trimmed);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNIT_MS[match[2]!]!);
}

/**
 * Why a text is not a duration, in words, for an error message.
 *
 * @example
 * durationProblem('15'); // '"15" has no unit: write 15s, 15m or 15h (e.g. 500ms, 20s, 15m, 8h)'
 */
export function durationProblem(text: string): string {
  const trimmed = text.trim();
  return BARE_NUMBER.test(trimmed)
    ? `"${text}" has no unit: write ${trimmed}s, ${trimmed}m or ${trimmed}h (e.g. 500ms, 20s, 15m, 8h)`
    : `"${text}" is not a duration (e.g. 500ms, 20s, 15m, 8h)`;
}

/** The shortest aggregate interval: a second. */
const SHORTEST_INTERVAL_MS = 1000;

/**
 * Why a text is not an aggregate interval (a duration of at least a second), or `undefined`
 * when it is one.
 *
 * @example
 * intervalProblem('15m');   // undefined
 * intervalProblem('500ms'); // '"500ms" is too short: give at least 1s (e.g. 15m, 30m, 1h)'
 */
export function intervalProblem(text: string): string | undefined {
  const ms = parseDuration(text);
  if (ms === undefined) return durationProblem(text);
  return ms < SHORTEST_INTERVAL_MS ? `"${text}" is too short: give at least 1s (e.g. 15m, 30m, 1h)` : undefined;
}

/**
 * Formats milliseconds the way `parseDuration` reads them, with the largest unit that divides
 * evenly.
 *
 * @example
 * formatDuration(900000); // '15m'
 */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms !== 0 && ms % UNIT_MS[unit]! === 0) return `${ms / UNIT_MS[unit]!}${unit}`;
  }
  return `${ms}ms`;
}
