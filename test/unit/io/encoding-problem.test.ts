import { describe, expect, it } from 'vitest';
import { encodingProblem } from '../../../src/io/encoding-problem.js';

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

describe('encodingProblem', () => {
  it('names UTF-16 with a byte-order mark, either byte order', () => {
    expect(encodingProblem(Buffer.from('\ufeff{"id":"e1"}', 'utf16le'))).toBe(
      'the input is UTF-16 (little-endian, with a byte-order mark), not UTF-8: convert it first, e.g. iconv -f UTF-16 -t UTF-8',
    );
    expect(encodingProblem(utf16be('\ufeff{"id":"e1"}'))).toContain('UTF-16 (big-endian, with a byte-order mark)');
  });

  it('names UTF-16 without a byte-order mark by the NUL beside each ASCII character', () => {
    expect(encodingProblem(Buffer.from('{"id":"e1"}', 'utf16le'))).toContain('UTF-16 (little-endian), not UTF-8');
    expect(encodingProblem(utf16be('{"id":"e1"}'))).toContain('UTF-16 (big-endian), not UTF-8');
  });

  it('names UTF-32 by its byte-order mark', () => {
    expect(encodingProblem(Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]))).toContain('UTF-32 (little-endian');
  });

  it('says nothing of UTF-8, with or without its byte-order mark', () => {
    expect(encodingProblem(Buffer.from('{"id":"é"}'))).toBeUndefined();
    expect(encodingProblem(Buffer.from('\ufeff{"id":"e1"}'))).toBeUndefined();
    expect(encodingProblem(Buffer.from('['))).toBeUndefined();
  });
});
