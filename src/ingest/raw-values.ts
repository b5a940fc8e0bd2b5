/** A JSON object of a Genesys payload, before it is read. */
export type Raw = Record<string, unknown>;

/**
 * Whether a payload value is a JSON object (not `null`, not an array).
 *
 * @example
 * isObject({ id: 'c1' }); // true
 * isObject([]);           // false
 */
export const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A payload value as text: a non-empty string, else `undefined`.
 *
 * @example
 * text('agent'); // 'agent'
 * text('');      // undefined
 * text(42);      // undefined
 */
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
