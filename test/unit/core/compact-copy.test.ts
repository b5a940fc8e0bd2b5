import { describe, expect, it } from 'vitest';
import { compactCopy, compactObject } from '../../../src/core/compact-copy.js';

describe('compactCopy', () => {
  it('gives a new plain object with the same keys in the same order and the same values', () => {
    const nested = { id: 'q1' };
    const source = { id: 'e1', type: 'participant.added', time: '2026-11-21T10:00:00.000Z', conversationId: 'c1', participantId: 'p1', queue: nested, count: 0 };
    const copy = compactCopy(source);
    expect(copy).not.toBe(source);
    expect(Object.keys(copy)).toEqual(Object.keys(source));
    expect(copy).toStrictEqual(source);
    expect(copy.queue).toBe(nested);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy.constructor).toBe(Object);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(source));
  });

  it('copies objects of every size, empty included, and beyond the 48 keys it has room for', () => {
    for (const size of [0, 1, 4, 5, 17, 48, 49, 60]) {
      const source = Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}`, i]));
      const copy = compactCopy(source);
      expect(copy).not.toBe(source);
      expect(copy).toStrictEqual(source);
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    }
  });

  it('compactObject: an empty plain object of every size, which takes the keys given to it', () => {
    for (const size of [0, 3, 48, 49]) {
      const object = compactObject(size);
      expect(object).toStrictEqual({});
      expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
      for (let i = 0; i < size; i++) object[`k${i}`] = i;
      expect(Object.keys(object)).toHaveLength(size);
    }
  });

  it('objects of one size with different keys stay apart', () => {
    const a = compactCopy({ x: 1, y: 2 });
    const b = compactCopy({ y: 3, z: 4 });
    expect(a).toStrictEqual({ x: 1, y: 2 });
    expect(b).toStrictEqual({ y: 3, z: 4 });
  });

  it('a __proto__ key stays an own data property, never the prototype', () => {
    const source = JSON.parse('{"__proto__":{"polluted":true},"id":"e1"}') as Record<string, unknown>;
    const copy = compactCopy(source);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'id']);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
