import { describe, expect, it } from 'vitest';
import { mergeAttributes, readAttributes } from '../../../src/model/attributes.js';

describe('attributes', () => {
  it('mergeAttributes: a new null-prototype object, later sources winning, the sources untouched', () => {
    const first = { tier: 'gold', lang: 'en' };
    const merged = mergeAttributes(first, undefined, { lang: 'de' });
    expect(Object.getPrototypeOf(merged)).toBeNull();
    expect({ ...merged }).toEqual({ tier: 'gold', lang: 'de' });
    expect(first).toEqual({ tier: 'gold', lang: 'en' });
    expect(Object.keys(mergeAttributes())).toEqual([]);
  });

  it('mergeAttributes: __proto__ and constructor stay own string data, and nothing reads through a prototype', () => {
    const hostile = JSON.parse('{"__proto__":"x","constructor":"y"}') as Record<string, string>;
    const merged = mergeAttributes(hostile);
    expect(Object.getPrototypeOf(merged)).toBeNull();
    expect(Object.keys(merged)).toEqual(['__proto__', 'constructor']);
    expect(merged.constructor).toBe('y');
    expect(mergeAttributes().toString).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('readAttributes keeps string values in a null-prototype object and hands every other value to refuse', () => {
    const refused: string[] = [];
    const read = readAttributes(JSON.parse('{"__proto__":"p","vip":true,"tier":"gold"}') as object, (key) => refused.push(key));
    expect(Object.getPrototypeOf(read)).toBeNull();
    expect(Object.keys(read)).toEqual(['__proto__', 'tier']);
    expect(refused).toEqual(['vip']);
  });
});
