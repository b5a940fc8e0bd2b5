import { describe, expect, it } from 'vitest';
import { readJsonValues, type JsonItem, type JsonSource } from '../../../src/ingest/index.js';

async function read(source: JsonSource): Promise<JsonItem[]> {
  const items: JsonItem[] = [];
  for await (const item of readJsonValues(source)) items.push(item);
  return items;
}

describe('readJsonValues: JSON, JSON Lines, arrays, as the text arrives', () => {
  it('JSON Lines, with blank lines and CRLF', async () => {
    expect(await read('{"a":1}\r\n\n{"b":2}\n')).toEqual([{ line: 1, value: { a: 1 } }, { line: 3, value: { b: 2 } }]);
  });

  it('pretty-printed values in a row, each with the line it starts on', async () => {
    const text = `${JSON.stringify({ a: { b: [1, 2] } }, null, 2)}\n${JSON.stringify({ c: '}{' }, null, 2)}`;
    expect(await read(text)).toEqual([{ line: 1, value: { a: { b: [1, 2] } } }, { line: 9, value: { c: '}{' } }]);
  });

  it('a JSON array: its elements are the values, one line or pretty', async () => {
    expect(await read('[{"a":1},{"b":"]"}]')).toEqual([{ line: 1, value: { a: 1 } }, { line: 1, value: { b: ']' } }]);
    expect(await read('[\n  {\n    "a": 1\n  },\n  {\n    "b": 2\n  }\n]\n')).toEqual([{ line: 2, value: { a: 1 } }, { line: 5, value: { b: 2 } }]);
    expect(await read('[]')).toEqual([]);
  });

  it('input that is not JSON is reported with its line, and reading goes on', async () => {
    expect(await read('{"a":1}\nnot json\n{"b": }\n{"c":3}\n')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, error: 'not JSON: "not json"' },
      { line: 3, error: expect.stringMatching(/JSON/) },
      { line: 4, value: { c: 3 } },
    ]);
  });

  it('a truncated line loses nothing after it', async () => {
    expect(await read('{"topicName":"x","eventBody":{"id":\n{"b":2}\n')).toEqual([
      { line: 1, error: 'incomplete JSON value (line 2 starts a new one)' },
      { line: 2, value: { b: 2 } },
    ]);
    expect(await read('{"a":\n  [1,')).toEqual([{ line: 1, error: 'incomplete JSON value at the end of the input (from line 1)' }]);
  });

  it('chunks split anywhere, even inside a multi-byte character or an escape, read the same', async () => {
    const text = '{"name":"Zoë \\"Ω\\" 😀"}\n[{"x":"\\\\"}]\n';
    const bytes = new TextEncoder().encode(text);
    const whole = await read(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await read([bytes.slice(0, cut), bytes.slice(cut)])).toEqual(whole);
    }
    expect(whole).toEqual([{ line: 1, value: { name: 'Zoë "Ω" 😀' } }, { line: 2, value: { x: '\\' } }]);
  });
});
