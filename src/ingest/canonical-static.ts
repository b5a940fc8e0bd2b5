/**
 * A static field's value as the log records it, so that payloads which say the same thing give
 * the same value (and event) whatever their source: entity references (objects with an `id`)
 * without `selfUri`, which the id gives (`/api/v2/users/{id}`) and only some sources send;
 * objects and lists that say nothing (empty, at any depth once cleaned) left out. `undefined`
 * when nothing is left. Keys such as `__proto__` stay plain data.
 *
 * @example
 * canonicalStatic({ queue: { id: 'q1', selfUri: '/api/v2/routing/queues/q1' }, language: {}, skills: [], priority: 2 });
 * // { queue: { id: 'q1' }, priority: 2 }
 * canonicalStatic({ queue: {} }); // undefined
 */
export function canonicalStatic(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonicalStatic).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const reference = typeof record.id === 'string';
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (reference && key === 'selfUri') continue;
    const item = canonicalStatic(record[key]);
    if (item !== undefined) Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return Object.keys(out).length === 0 ? undefined : out;
}
