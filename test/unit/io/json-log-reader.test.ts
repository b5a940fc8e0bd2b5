import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { JsonLogReader, type JsonLayout, type LogLine } from '../../../src/io/json-log-reader.js';

/** Reads `text` in chunks of the given sizes (cycled). */
function read(text: string | Buffer, layout: JsonLayout, sizes: readonly number[] = [1 << 16], maxValueBytes = 1 << 20): LogLine[] {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const items: LogLine[] = [];
  const reader = new JsonLogReader({ layout, maxValueBytes }, (item) => void items.push(item));
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]!);
    if (!reader.push(bytes.subarray(at, at + size))) break;
    at += size;
  }
  reader.end();
  return items;
}

const value = (line: number, v: unknown): LogLine => ({ kind: 'value', line, value: v });
const notJson = (line: number, message: string): LogLine => ({ kind: 'fault', line, fault: 'not-json', message });

describe('JsonLogReader, values layout (payloads)', () => {
  test.prop([fc.array(fc.jsonValue({ maxDepth: 3 }).filter((v) => !Array.isArray(v)), { maxLength: 6 }), fc.boolean(), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 })])(
    'values in a row (arrays aside: their elements are the values), pretty-printed or one per line, read in any chunking, give exactly what JSON.parse gives, each at the line it starts on',
    (values, pretty, sizes) => {
      let line = 1;
      const expected: LogLine[] = [];
      const texts = values.map((v) => {
        const text = JSON.stringify(v, null, pretty ? 2 : undefined);
        expected.push(value(line, JSON.parse(text)));
        line += text.split('\n').length;
        return text;
      });
      expect(read(`${texts.join('\n')}\n`, 'values', sizes)).toEqual(expected);
    },
  );

  it('a line cut inside a string loses only its value: a JSON string cannot hold a line break', () => {
    expect(read('{"topicName":"v2.users.u1.conversations","eventBody":{"id":"c1", "name":"Ann\n{"b":2}\n', 'values')).toEqual([
      notJson(1, 'incomplete JSON value (a string runs into the end of line 1)'),
      value(2, { b: 2 }),
    ]);
  });

  it('text that cannot start a value is reported to the end of its line, and reading goes on', () => {
    expect(read('#comment here\n{"a":1}\nhello', 'values')).toEqual([
      notJson(1, 'not JSON: "#comment here"'),
      value(2, { a: 1 }),
      notJson(3, 'not JSON: "hello"'),
    ]);
  });

  it('numbers and literals at the top are values, even on a last line without a newline', () => {
    expect(read('5\ntrue\n"text"\n-1.5', 'values')).toEqual([value(1, 5), value(2, true), value(3, 'text'), value(4, -1.5)]);
  });

  it('a top-level array among values: its elements are values, at the lines they start on', () => {
    expect(read('{"a":1}\n[\n {"b":2},\n {"c":3}\n]\n{"d":4}\n', 'values')).toEqual([
      value(1, { a: 1 }), value(3, { b: 2 }), value(4, { c: 3 }), value(6, { d: 4 }),
    ]);
  });

  it('a value over the cap is skipped and reported; the next one is read', () => {
    expect(read(`{"big":"${'x'.repeat(100)}"}\n{"a":1}\n`, 'values', [7], 50)).toEqual([
      { kind: 'fault', line: 1, fault: 'line-too-long', message: 'the value is longer than 50 bytes; it was skipped' },
      value(2, { a: 1 }),
    ]);
  });
});

describe('JsonLogReader, lines layout (event logs)', () => {
  it('leading blank lines before an array or JSON Lines keep the line numbers right', () => {
    expect(read('\n\n{"a":1}\n', 'lines')).toEqual([value(3, { a: 1 })]);
    expect(read('\n\n[{"a":1},{"b":2}]', 'lines')).toEqual([value(1, { a: 1 }), value(2, { b: 2 })]);
  });

  it('a pretty-printed value is not JSON Lines: each line is reported', () => {
    expect(read('{\n"a":1\n}\n', 'lines').map((item) => item.kind)).toEqual(['fault', 'fault', 'fault']);
  });
});
