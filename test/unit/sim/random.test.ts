import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/sim/random.js';
import { exponential, lognormal, pick, sampleHandleTime, standardNormal, uniform } from '../../../src/sim/distributions.js';

const draws = (n: number, draw: () => number) => Array.from({ length: n }, draw);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    const a = createRandom(42, 'arrivals:Support');
    const b = createRandom(42, 'arrivals:Support');
    expect(draws(100, () => a.uint32())).toEqual(draws(100, () => b.uint32()));
  });

  it('gives different sequences for different seeds, streams, and seeds beyond 32 bits', () => {
    const first = (seed: number, stream = '') => draws(4, createRandom(seed, stream).uint32);
    expect(first(1)).not.toEqual(first(2));
    expect(first(1, 'a')).not.toEqual(first(1, 'b'));
    expect(first(1)).not.toEqual(first(2 ** 32 + 1));
  });

  it('pins the first values of seed 1 (a change here changes every simulated log)', () => {
    expect(draws(3, createRandom(1).uint32)).toEqual([141097607, 3323649467, 3183026215]);
    expect(createRandom(1, 'ids').float()).toBe(0.9217692447038591);
  });

  it('draws floats in [0, 1) with mean 1/2 and integers below n', () => {
    const random = createRandom(7);
    const floats = draws(20_000, random.float);
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats)).toBeLessThan(1);
    // sd of the mean of 20 000 uniforms: 0.2887 / √20000 ≈ 0.002; 5 sd.
    expect(Math.abs(mean(floats) - 0.5)).toBeLessThan(0.01);
    const ints = draws(5_000, () => random.below(6));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2, 3, 4, 5]));
  });

  it('chance(p) is never true at 0, always at 1, and about p in between', () => {
    const random = createRandom(3);
    expect(draws(1_000, () => Number(random.chance(0))).every((x) => x === 0)).toBe(true);
    expect(draws(1_000, () => Number(random.chance(1))).every((x) => x === 1)).toBe(true);
    // sd of a share of 20 000 draws at p = 0.3: √(0.21 / 20000) ≈ 0.0032; 5 sd.
    expect(Math.abs(mean(draws(20_000, () => Number(random.chance(0.3)))) - 0.3)).toBeLessThan(0.017);
  });
});

describe('distributions', () => {
  // Each tolerance is 5 standard errors of the sample mean (or of the sd) for n = 40 000.
  const n = 40_000;

  it('exponential has the requested mean and sd = mean', () => {
    const random = createRandom(10);
    const xs = draws(n, () => exponential(random, 180_000));
    expect(Math.abs(mean(xs) - 180_000)).toBeLessThan((5 * 180_000) / Math.sqrt(n));
    expect(Math.abs(sd(xs) - 180_000)).toBeLessThan(0.03 * 180_000);
  });

  it('lognormal has the requested mean and coefficient of variation', () => {
    const random = createRandom(11);
    const xs = draws(n, () => lognormal(random, 180_000, 0.75));
    expect(Math.abs(mean(xs) - 180_000)).toBeLessThan((5 * 0.75 * 180_000) / Math.sqrt(n));
    expect(Math.abs(sd(xs) / mean(xs) - 0.75)).toBeLessThan(0.06);
    expect(Math.min(...xs)).toBeGreaterThan(0);
  });

  it('standard normal has mean 0 and sd 1', () => {
    const random = createRandom(12);
    const xs = draws(n, () => standardNormal(random));
    expect(Math.abs(mean(xs))).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sd(xs) - 1)).toBeLessThan(0.02);
  });

  it('fixed handle time is exactly the mean; the other shapes vary', () => {
    const random = createRandom(13);
    expect(sampleHandleTime(random, 'fixed', 180_000, 0.75)).toBe(180_000);
    expect(sampleHandleTime(random, 'exponential', 180_000, 0.75)).not.toBe(180_000);
    expect(sampleHandleTime(random, 'lognormal', 180_000, 0.75)).not.toBe(180_000);
  });

  it('uniform stays in [low, high) and pick returns an item of the list', () => {
    const random = createRandom(14);
    const xs = draws(1_000, () => uniform(random, 200, 2_500));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...xs)).toBeLessThan(2_500);
    expect(['a', 'b', 'c']).toContain(pick(random, ['a', 'b', 'c']));
  });
});
