/** A value from a payload, shortened for a message. */
const shown = (value: unknown): string => {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
};

/** What kind of JSON value this is, in words. */
const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;

/**
 * Why a payload's `id` cannot identify anything: missing, empty, or of the wrong type (`"id": 5`
 * is a number, not a missing id). Completes "the conversation …" or "a chat participant …".
 *
 * @example
 * idProblem(undefined); // 'has no id'
 * idProblem(5);         // 'has an id of the wrong type: 5 is a number, not a string'
 */
export function idProblem(value: unknown): string {
  if (value === undefined) return 'has no id';
  if (value === '') return 'has an empty id';
  return `has an id of the wrong type: ${shown(value)} is ${kindOf(value)}, not a string`;
}
