import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileSchemaCheck, DECLINED, type InPlaceTransform } from '../../../src/events/schema-check.js';

const upper = z.string().transform((s) => s.toUpperCase());
const UPPER: ReadonlyMap<z.ZodType, InPlaceTransform> = new Map([
  [upper, (value: unknown) => (typeof value === 'string' && value !== 'bad' ? value.toUpperCase() : DECLINED)],
]);

describe('compileSchemaCheck', () => {
  const schema = z.object({
    id: z.string().min(1),
    count: z.number().int().nonnegative().optional(),
    score: z.number().optional(),
    kind: z.enum(['a', 'b']).optional(),
    flag: z.boolean().optional(),
    tags: z.array(z.string()).optional(),
    refused: z.never().optional(),
  });
  /** Compiled in each test, where a change to the compiler shows. */
  const accepts = (value: unknown) => compileSchemaCheck(schema, new Map())(value);

  it('accepts what the schema gives back unchanged', () => {
    expect(accepts({ id: 'e1' })).toBe(true);
    expect(accepts({ id: 'e' })).toBe(true);
    expect(accepts({ id: 'e1', count: 0, score: -2.5, kind: 'b', flag: false, tags: ['x'] })).toBe(true);
    expect(accepts({ id: 'e1', count: undefined })).toBe(true);
  });

  it.each([
    ['a missing required field', {}],
    ['a string below its minimum length', { id: '' }],
    ['an unknown key (the schema would strip it)', { id: 'e1', extra: 1 }],
    ['a key the schema refuses (never)', { id: 'e1', refused: 1 }],
    ['a number that is not an integer', { id: 'e1', count: 1.5 }],
    ['a negative count', { id: 'e1', count: -1 }],
    ['NaN', { id: 'e1', score: Number.NaN }],
    ['Infinity', { id: 'e1', score: Number.POSITIVE_INFINITY }],
    ['a value outside the enum', { id: 'e1', kind: 'c' }],
    ['a string for a boolean', { id: 'e1', flag: 'true' }],
    ['an array item of the wrong type', { id: 'e1', tags: ['x', 1] }],
    ['an array', [{ id: 'e1' }]],
    ['null', null],
  ])('declines %s, as the schema rejects or changes it', (_name, value) => {
    expect(accepts(value)).toBe(false);
  });

  it('does a transform in place, and only once the whole value is accepted', () => {
    const check = compileSchemaCheck(z.object({ name: upper, id: z.string() }), UPPER);
    const declined = { name: 'ann', id: 7 };
    expect(check(declined)).toBe(false);
    expect(declined.name).toBe('ann');
    const accepted = { name: 'ann', id: 'e1' };
    expect(check(accepted)).toBe(true);
    expect(accepted.name).toBe('ANN');
  });

  it('a discriminated union takes the option its discriminator names; what a declined option asked for is dropped', () => {
    const union = z.discriminatedUnion('type', [
      z.object({ type: z.literal('x'), name: upper, n: z.number() }),
      z.object({ type: z.literal('x'), name: z.string(), s: z.string() }),
      z.object({ type: z.literal('y') }),
    ]);
    const check = compileSchemaCheck(union, UPPER);
    const second = { type: 'x', name: 'ann', s: 'ok' };
    expect(check(second)).toBe(true);
    expect(second.name).toBe('ann');
    const first = { type: 'x', name: 'ann', n: 1 };
    expect(check(first)).toBe(true);
    expect(first.name).toBe('ANN');
    expect(check(Object.assign([], { type: 'y' }))).toBe(false);
    expect(check({ type: 'y' })).toBe(true);
    expect(check({ type: 'z' })).toBe(false);
    expect(check({ type: 'x', name: 'bad', n: 1 })).toBe(false);
  });

  it('literals and enums of every JSON kind, and bounds that exclude their value', () => {
    const check = compileSchemaCheck(z.object({
      n: z.literal(-0).optional(), m: z.literal(2.5).optional(), t: z.literal(true).optional(), z: z.literal(null).optional(),
      e: z.enum(['x', 'y']).optional(), above: z.number().positive().optional(), least: z.number().gte(1).optional(),
    }), new Map());
    expect(check({ n: 0, m: 2.5, t: true, z: null, e: 'y', above: 0.5, least: 1 })).toBe(true);
    expect(check({ m: 2.4 })).toBe(false);
    expect(check({ t: false })).toBe(false);
    expect(check({ z: undefined })).toBe(true);
    expect(check({ z: 0 })).toBe(false);
    expect(check({ e: 'z' })).toBe(false);
    expect(check({ above: 0 })).toBe(false);
    expect(check({ least: 0.99 })).toBe(false);
    expect(() => compileSchemaCheck(z.literal(1n), new Map())).toThrow(/literal of type bigint/);
  });

  it('transforms inside arrays and unions are done in place too', () => {
    const check = compileSchemaCheck(z.object({ names: z.array(upper), tagged: z.discriminatedUnion('t', [z.object({ t: z.literal('a'), name: upper })]) }), UPPER);
    const value = { names: ['a', 'b'], tagged: { t: 'a', name: 'c' } };
    expect(check(value)).toBe(true);
    expect(value).toEqual({ names: ['A', 'B'], tagged: { t: 'a', name: 'C' } });
    expect(check({ names: ['a', 'bad'], tagged: { t: 'a', name: 'c' } })).toBe(false);
    expect(check({ names: ['a'], tagged: null })).toBe(false);
    expect(check({ names: ['a'], tagged: [] })).toBe(false);
  });

  it('refuses to compile a zod type it does not know, so that a schema change cannot go unchecked', () => {
    expect(() => compileSchemaCheck(z.object({ at: z.date() }), new Map())).toThrow(/zod type "date" is not supported/);
    expect(() => compileSchemaCheck(z.string().transform((s) => s.length), new Map())).toThrow(/zod type "pipe" is not supported/);
    expect(() => compileSchemaCheck(z.string().max(3), new Map())).toThrow(/string check "max_length" is not supported/);
    expect(() => compileSchemaCheck(z.number().multipleOf(2), new Map())).toThrow(/number check "multiple_of" is not supported/);
    expect(() => compileSchemaCheck(z.array(z.string()).min(1), new Map())).toThrow(/array checks are not supported/);
    expect(() => compileSchemaCheck(z.object({ a: z.string() }).catchall(z.string()), new Map())).toThrow(/catchall/);
    expect(() => compileSchemaCheck(z.union([z.string(), z.number()]), new Map())).toThrow(/only discriminated unions/);
    expect(() => compileSchemaCheck(upper, UPPER)).toThrow(/whole value/);
  });
});
