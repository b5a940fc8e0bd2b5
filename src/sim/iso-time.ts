const MINUTE_MS = 60_000;

/**
 * Formats epoch milliseconds as canonical ISO-8601 UTC (`2026-11-21T08:00:41.490Z`), like
 * `Date#toISOString` but faster for times that move forward: the date, hour and minute are
 * formatted once per minute and reused.
 *
 * @example
 * const format = isoTimeFormatter();
 * format(Date.parse('2026-11-21T08:00:41.490Z')); // '2026-11-21T08:00:41.490Z'
 */
export function isoTimeFormatter(): (ms: number) => string {
  let minute = Number.NaN;
  let prefix = '';
  return (ms) => {
    const m = Math.floor(ms / MINUTE_MS);
    if (m !== minute) {
      minute = m;
      prefix = new Date(m * MINUTE_MS).toISOString().slice(0, 17);
    }
    const within = ms - m * MINUTE_MS;
    const seconds = Math.floor(within / 1000);
    const millis = within - seconds * 1000;
    return `${prefix}${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
  };
}
