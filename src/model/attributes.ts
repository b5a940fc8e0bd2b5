/** A participant's ad-hoc `attributes`: string keys to string values. */
export type Attributes = Record<string, string>;

/**
 * Attributes merged into a new null-prototype object, later sources winning: keys such as
 * `__proto__` or `constructor` stay plain data. With no source, an empty one.
 *
 * @example
 * mergeAttributes({ tier: 'gold' }, { lang: 'de' }); // { tier: 'gold', lang: 'de' } (no prototype)
 */
export function mergeAttributes(...sources: (Readonly<Attributes> | undefined)[]): Attributes {
  // An object literal whose prototype is then taken away: V8 keeps it in fast mode, about 60 bytes
  // with a key or two, where `Object.create(null)` makes a dictionary of about 260. Every event and
  // participant with attributes keeps one.
  const attributes = {} as Attributes;
  Object.setPrototypeOf(attributes, null);
  Object.assign(attributes, ...sources);
  return attributes;
}

/**
 * Reads untrusted attributes into a null-prototype object: each string value is kept, each other
 * value is handed to `refuse` and left out.
 *
 * @example
 * readAttributes({ tier: 'gold', vip: true }, (key) => console.warn(`${key} is not a string`)); // { tier: 'gold' }
 */
export function readAttributes(value: object, refuse: (key: string, item: unknown) => void): Attributes {
  const result = mergeAttributes();
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'string') result[key] = item;
    else refuse(key, item);
  }
  return result;
}
