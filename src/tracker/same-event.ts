/**
 * Deep equality of two validated events (plain JSON data), regardless of key order: the test for
 * "the same id with the same content". Participant snapshots are plain data too: a re-fold keeps
 * the object of a participant it left equal.
 *
 * @example
 * sameEvent({ a: 1, b: [2] }, { b: [2], a: 1 }); // true
 */
export function sameEvent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  for (const key of keysA) {
    if (!Object.hasOwn(b, key)) return false;
    if (!sameEvent((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
