import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileSchemaCheck, type InPlaceTransform } from '../../../src/events/schema-check.js';

const upper = z.string().transform((s) => s.toUpperCase());
const UPPER: ReadonlyMap<z.ZodType, InPlaceTransform> = new Map([
  [upper, (value: unknown) => (typeof value === 'string' && value !== 'bad' ? { ok: true, value: value.toUpperCase() } : { ok: false })],
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
  const accepts = compileSchemaCheck(schema, new Map());

  it('accepts what the schema gives back unchanged', () => {
    expect(accepts({ id: 'e1' })).toBe(true);
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
      z.object({ type: z.literal('x'), name: upper, s: z.string() }),
      z.object({ type: z.literal('y') }),
    ]);
    const check = compileSchemaCheck(union, UPPER);
    const second = { type: 'x', name: 'ann', s: 'ok' };
    expect(check(second)).toBe(true);
    expect(second.name).toBe('ANN');
    expect(check({ type: 'y' })).toBe(true);
    expect(check({ type: 'z' })).toBe(false);
    expect(check({ type: 'x', name: 'bad', s: 'ok' })).toBe(false);
  });

  it('refuses to compile a zod type it does not know, so that a schema change cannot go unchecked', () => {
    expect(() => compileSchemaCheck(z.object({ at: z.date() }), new Map())).toThrow(/zod type "date" is not supported/);
    expect(() => compileSchemaCheck(z.string().transform((s) => s.length), new Map())).toThrow(/zod type "pipe" is not supported/);
    expect(() => compileSchemaCheck(z.string().max(3), new Map())).toThrow(/string check "max_length" is not supported/);
  });
});
