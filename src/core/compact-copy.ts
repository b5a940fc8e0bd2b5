/** The most own properties a compact copy has room for; an object with more is copied as `{}` is. */
const ROOM = 48;

/**
 * A constructor whose objects have room inside them for {@link ROOM} properties. V8 gives the
 * objects of a constructor room for every `this.… =` its body assigns (the branch below never
 * runs: it only declares the room), and after the first few objects shrinks that room to the
 * most they used. Its prototype is `Object.prototype`, so what it makes is a plain object.
 */
// Stryker disable all: the room only changes where V8 keeps the properties (memory), never what the object holds
function roomyConstructor(): new () => Record<string, unknown> {
  const Roomy = function (this: Record<string, number>, declareOnly?: true): void {
    if (declareOnly) {
      this.p0 = 0; this.p1 = 0; this.p2 = 0; this.p3 = 0; this.p4 = 0; this.p5 = 0; this.p6 = 0; this.p7 = 0;
      this.p8 = 0; this.p9 = 0; this.p10 = 0; this.p11 = 0; this.p12 = 0; this.p13 = 0; this.p14 = 0; this.p15 = 0;
      this.p16 = 0; this.p17 = 0; this.p18 = 0; this.p19 = 0; this.p20 = 0; this.p21 = 0; this.p22 = 0; this.p23 = 0;
      this.p24 = 0; this.p25 = 0; this.p26 = 0; this.p27 = 0; this.p28 = 0; this.p29 = 0; this.p30 = 0; this.p31 = 0;
      this.p32 = 0; this.p33 = 0; this.p34 = 0; this.p35 = 0; this.p36 = 0; this.p37 = 0; this.p38 = 0; this.p39 = 0;
      this.p40 = 0; this.p41 = 0; this.p42 = 0; this.p43 = 0; this.p44 = 0; this.p45 = 0; this.p46 = 0; this.p47 = 0;
    }
  };
  Roomy.prototype = Object.prototype;
  return Roomy as unknown as new () => Record<string, unknown>;
}

/** One constructor per number of properties: each settles on exactly that much room. */
const BY_SIZE = Array.from({ length: ROOM + 1 }, roomyConstructor);
// Stryker restore all

/**
 * A new, empty plain object with room inside it for `size` properties (see {@link compactCopy}),
 * for a caller that adds them itself.
 *
 * @example
 * const copy = compactObject(keys.length);
 * for (const key of keys) copy[key] = source[key];
 */
export function compactObject(size: number): Record<string, unknown> {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: either object holds the same (memory only)
  return size > ROOM ? {} : new BY_SIZE[size]!();
}

/**
 * Writes `key` as an own data property of a copy being built: `__proto__` too, which an
 * assignment would take as the copy's prototype.
 *
 * @example
 * putOwn(copy, '__proto__', { polluted: true }); // an own key; the prototype is unchanged
 */
export function putOwn(copy: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  else copy[key] = value;
}

/**
 * A copy of a plain object with every property inside the object itself. An object built key by
 * key from `{}` (as a schema parser builds its output) keeps four properties inside and the rest
 * in a second, separate array with spare room; the tracker keeps every event it accepts, so that
 * array and its spare room cost it about 25 bytes per event, and the collector one more object to
 * copy. The copy is shallow: the same keys in the same order, the same values.
 *
 * @example
 * const event = compactCopy(parsed.event);
 * Object.getPrototypeOf(event) === Object.prototype; // true: a plain object
 */
export function compactCopy<T extends object>(source: T): T {
  const keys = Object.keys(source);
  const from = source as Record<string, unknown>;
  const copy = compactObject(keys.length);
  for (const key of keys) putOwn(copy, key, from[key]);
  return copy as T;
}
