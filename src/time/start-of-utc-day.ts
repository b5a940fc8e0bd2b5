/**
 * The start of the UTC day of an instant (canonical ISO): where "today's" metrics begin.
 *
 * @example
 * startOfUtcDay('2026-11-21T10:42:00.000Z'); // '2026-11-21T00:00:00.000Z'
 */
export function startOfUtcDay(instant: string): string {
  return `${instant.slice(0, 10)}T00:00:00.000Z`;
}
