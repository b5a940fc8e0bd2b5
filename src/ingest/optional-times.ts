/**
 * The later of two optional times (either one when the other is absent).
 *
 * @example
 * later('2026-11-21T10:00:00.000Z', undefined); // '2026-11-21T10:00:00.000Z'
 */
export const later = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined ? b : b === undefined || a > b ? a : b);

/**
 * The earliest of optional times, or `undefined` when none is present.
 *
 * @example
 * earliest(undefined, '2026-11-21T10:00:01.000Z', '2026-11-21T10:00:00.000Z'); // '2026-11-21T10:00:00.000Z'
 */
export function earliest(...times: (string | undefined)[]): string | undefined {
  let first: string | undefined;
  for (const time of times) if (time !== undefined && (first === undefined || time < first)) first = time;
  return first;
}
