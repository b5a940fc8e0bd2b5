/** How the page writes numbers, durations, ratios and instants (times in UTC, as the service counts days). */

const DASH = '—';

/** Two digits, zero-padded. */
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A duration as `m:ss`, `h:mm:ss` or `Nd hh:mm:ss`; `—` for `null`. Negative durations read as 0.
 *
 * @example
 * formatDuration(65_000);    // '1:05'
 * formatDuration(3_725_000); // '1:02:05'
 */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return DASH;
  const total = Math.floor(Math.max(0, ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}d ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  if (hours > 0) return `${hours}:${pad(minutes)}:${pad(seconds)}`;
  return `${minutes}:${pad(seconds)}`;
}

/**
 * A ratio (0..1) as a whole percentage; `—` for `null`.
 *
 * @example
 * formatPercent(0.875); // '88%'
 */
export function formatPercent(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? DASH : `${Math.round(ratio * 100)}%`;
}

/**
 * A count with digit grouping.
 *
 * @example
 * formatCount(12345); // '12,345'
 */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * The UTC time of day of an instant, `hh:mm:ss`.
 *
 * @example
 * formatTimeOfDay('2026-11-21T10:00:24.500Z'); // '10:00:24'
 */
export function formatTimeOfDay(instant: string | number): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return DASH;
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/**
 * An instant as `YYYY-MM-DD hh:mm:ss UTC`.
 *
 * @example
 * formatInstant('2026-11-21T10:00:24.500Z'); // '2026-11-21 10:00:24 UTC'
 */
export function formatInstant(instant: string | number): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return DASH;
  return `${date.toISOString().slice(0, 10)} ${formatTimeOfDay(instant)} UTC`;
}

/**
 * The start of the UTC day an instant falls in, in epoch ms.
 *
 * @example
 * new Date(startOfUtcDay(Date.parse('2026-11-21T10:00:00Z'))).toISOString(); // '2026-11-21T00:00:00.000Z'
 */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / 86_400_000) * 86_400_000;
}
