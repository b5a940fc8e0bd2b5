/**
 * A seeded source of random numbers (the sfc32 generator, seeded through splitmix32). The same
 * seed and stream name always give the same sequence, on every platform: the simulator's output
 * is reproducible byte for byte. Its functions do not use `this`: they can be passed on their own.
 */
export interface Random {
  /** The next 32-bit unsigned integer. */
  uint32(this: void): number;
  /** A uniform number in [0, 1) with 53 bits of precision. */
  float(this: void): number;
  /** A uniform integer in [0, n). */
  below(this: void, n: number): number;
  /** `true` with probability `p`. */
  chance(this: void, p: number): boolean;
}

/** FNV-1a hash of a string: turns a stream name into 32 bits. */
function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** One step of splitmix32: a well-mixed 32-bit value from a counter. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Creates an independent random stream for `seed` and `stream`. Separate streams keep one part
 * of a simulation from disturbing another: the customers of a run (arrival times, handle times,
 * patience) stay the same when only the staffing changes.
 *
 * @example
 * const random = createRandom(42, 'arrivals:Support');
 * random.float(); // the same number on every run with seed 42
 */
export function createRandom(seed: number, stream = ''): Random {
  let state = (Math.trunc(seed) ^ hashName(stream)) >>> 0;
  // Fold the high bits of seeds beyond 32 bits in, so that 1 and 2^32 + 1 differ.
  state = (state ^ Math.trunc(Math.trunc(seed) / 0x1_0000_0000)) >>> 0;
  const next = () => (state = splitmix32(state));
  let a = next();
  let b = next();
  let c = next();
  let d = next() | 1;

  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) uint32();

  const float = (): number => ((uint32() >>> 5) * 67108864 + (uint32() >>> 6)) / 9007199254740992;
  return {
    uint32,
    float,
    below: (n) => Math.floor(float() * n),
    chance: (p) => p >= 1 || (p > 0 && float() < p),
  };
}
