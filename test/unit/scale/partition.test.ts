import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../../src/errors/invalid-option-error.js';
import { eventSubject, eventSubjects, fnv1a32, MAX_PARTITIONS, partitionOf, requireSubjectPrefix } from '../../../src/scale/partition.js';

/**
 * The partition function is part of the stored data's format: these vectors (also in
 * docs/scale-out.md) must never change. [id, FNV-1a 32, partition of 16, of 1024, of 7]
 */
const VECTORS: readonly (readonly [string, number, number, number, number])[] = [
  ['', 0x811c9dc5, 5, 453, 2],
  ['a', 0xe40c292c, 12, 300, 5],
  ['foobar', 0xbf9cf968, 8, 360, 0],
  ['c1', 0x8829dfd9, 9, 985, 4],
  ['chat-1001', 0x67f4ac50, 0, 80, 1],
  ['00000000-0000-0000-0000-000000000000', 0xbe478ed1, 1, 721, 3],
  ['3f1b6e5c-8d2a-4c7e-9b1f-2a6d5e4c3b21', 0xde29b714, 4, 788, 6],
  ['émile', 0x764eb5cc, 12, 460, 5],
  ['日本', 0x9f26ee51, 1, 593, 1],
  ['😀', 0x33a29608, 8, 520, 3],
];

describe('partitionOf: FNV-1a 32 over the UTF-8 bytes of the conversation id, modulo the count', () => {
  it.each(VECTORS)('test vector %j', (id, hash, of16, of1024, of7) => {
    expect(fnv1a32(id)).toBe(hash);
    expect(partitionOf(id, 16)).toBe(of16);
    expect(partitionOf(id, 1024)).toBe(of1024);
    expect(partitionOf(id, 7)).toBe(of7);
    expect(partitionOf(id, 1)).toBe(0);
  });

  it('the published FNV-1a 32 vectors ("", "a", "foobar") hold', () => {
    expect(fnv1a32('').toString(16)).toBe('811c9dc5');
    expect(fnv1a32('a').toString(16)).toBe('e40c292c');
    expect(fnv1a32('foobar').toString(16)).toBe('bf9cf968');
  });

  it('the default count is 16', () => {
    expect(partitionOf('c1')).toBe(partitionOf('c1', 16));
  });

  it.each([0, -1, 1.5, 1025, Number.NaN, Infinity])('a count of %s is refused with InvalidOptionError', (count) => {
    expect(() => partitionOf('c1', count)).toThrow(InvalidOptionError);
  });

  test.prop([fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 }), fc.integer({ min: 1, max: MAX_PARTITIONS })])(
    'every conversation id maps to one partition in [0, count), the same one every time',
    (id, count) => {
      const partition = partitionOf(id, count);
      expect(Number.isInteger(partition)).toBe(true);
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(count);
      expect(partitionOf(`${id}`, count)).toBe(partition);
      expect(partitionOf(id, count)).toBe(fnv1a32(id) % count);
    },
  );

  test.prop([fc.uuid()])('a UUID conversation id lands in the partition of its hash modulo 16', (id) => {
    expect(partitionOf(id, 16)).toBe(fnv1a32(id) % 16);
  });
});

describe('subjects', () => {
  it('a partition\'s events go to <prefix>.events.<partition>; the stream takes <prefix>.events.*', () => {
    expect(eventSubject('participant-tracker', 4)).toBe('participant-tracker.events.4');
    expect(eventSubject('acme.floor', 0)).toBe('acme.floor.events.0');
    expect(eventSubjects('participant-tracker')).toBe('participant-tracker.events.*');
  });

  it.each(['', 'a..b', 'a.*', '>', 'a b', 'a\nb', '.a'])('the prefix %j is not a subject and is refused', (prefix) => {
    expect(() => requireSubjectPrefix(prefix)).toThrow(InvalidOptionError);
    expect(() => eventSubject(prefix, 0)).toThrow(InvalidOptionError);
  });

  it.each([-1, 1024, 0.5])('partition %s is refused', (partition) => {
    expect(() => eventSubject('p', partition)).toThrow(InvalidOptionError);
  });
});
