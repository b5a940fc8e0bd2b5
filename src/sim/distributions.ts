import type { Random } from './random.js';

/** The shape of a handle-time distribution (its mean is set separately). */
export type HandleTimeDistribution = 'exponential' | 'lognormal' | 'fixed';

/**
 * An exponential sample with the given mean (memoryless waits: inter-arrival times, patience).
 *
 * @example
 * exponential(createRandom(1), 180_000); // a handle time in ms, 180 s on average
 */
export function exponential(random: Random, mean: number): number {
  return -mean * Math.log(1 - random.float());
}

/**
 * A standard normal sample (Box–Muller).
 *
 * @example
 * standardNormal(createRandom(1)); // ≈ N(0, 1)
 */
export function standardNormal(random: Random): number {
  const u = 1 - random.float();
  const v = random.float();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A lognormal sample with the given mean and coefficient of variation (standard deviation /
 * mean): the usual shape of contact-center handle times, skewed to the right.
 *
 * @example
 * lognormal(createRandom(1), 180_000, 0.75); // mean 180 s, sd 135 s
 */
export function lognormal(random: Random, mean: number, cv: number): number {
  const sigma2 = Math.log(1 + cv * cv);
  const mu = Math.log(mean) - sigma2 / 2;
  return Math.exp(mu + Math.sqrt(sigma2) * standardNormal(random));
}

/**
 * A handle-time sample of the given distribution and mean (ms).
 *
 * @example
 * sampleHandleTime(createRandom(1), 'fixed', 180_000, 0.75); // 180000
 */
export function sampleHandleTime(
  random: Random,
  distribution: HandleTimeDistribution,
  mean: number,
  cv: number,
): number {
  switch (distribution) {
    case 'exponential':
      return exponential(random, mean);
    case 'lognormal':
      return lognormal(random, mean, cv);
    case 'fixed':
      return mean;
  }
}

/**
 * A uniform sample in [low, high).
 *
 * @example
 * uniform(createRandom(1), 200, 2_500); // a short gap in ms
 */
export function uniform(random: Random, low: number, high: number): number {
  return low + (high - low) * random.float();
}

/**
 * One item of a non-empty list, uniformly.
 *
 * @example
 * pick(createRandom(1), ['Ann', 'Bo']); // 'Ann' or 'Bo'
 */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[random.below(items.length)]!;
}
