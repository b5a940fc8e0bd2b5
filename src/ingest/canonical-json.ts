/**
 * JSON text of a value with every object's keys in code-point order, so that values equal key
 * by key give the same text whatever order their keys came in (payloads from different sources
 * list fields in different orders).
 *
 * @example
 * canonicalJson({ b: [1, { d: 2, c: 3 }], a: 'x' }); // '{"a":"x","b":[1,{"c":3,"d":2}]}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
