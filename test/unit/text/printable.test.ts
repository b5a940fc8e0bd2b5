import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { printable } from '../../../src/text/printable.js';
import { printableError } from '../../../src/text/printable-error.js';

describe('printable', () => {
  it('writes a newline from the input as \\n, so it cannot start a forged report line', () => {
    expect(printable('e1\nline 77 (event e9): applied')).toBe('e1\\nline 77 (event e9): applied');
  });

  it('escapes ESC, NUL, DEL and C1 controls that drive a terminal', () => {
    expect(printable('\u001b[2J\u0000x\u007f\u009b')).toBe('\\u001b[2J\\u0000x\\u007f\\u009b');
  });

  it('escapes invisible characters that reorder or hide text', () => {
    expect(printable('abc\u202edcba\u2066\u200b\u2028\ufeff')).toBe('abc\\u202edcba\\u2066\\u200b\\u2028\\ufeff');
  });

  it('leaves printable text alone: accents, CJK, emoji, tabs written as \\t', () => {
    expect(printable('Zoë 客服 🎧\tok')).toBe('Zoë 客服 🎧\\tok');
  });

  test.prop([fc.string({ unit: 'binary' })])('the result has no control character, and escaping twice changes nothing', (text) => {
    const shown = printable(text);
    expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(printable(shown)).toBe(shown);
  });
});

describe('printableError', () => {
  it('shows an Error by its message and any other thrown value as text, escaped', () => {
    expect(printableError(new Error('timeout'))).toBe('timeout');
    expect(printableError(new Error('bad\n\u001b[2Jline'))).toBe('bad\\n\\u001b[2Jline');
    expect(printableError('plain\ttext')).toBe('plain\\ttext');
    expect(printableError(undefined)).toBe('undefined');
    expect(printableError({ message: 42 })).toBe('42');
  });
});
