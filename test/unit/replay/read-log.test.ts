import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { readLog, type LogLine } from '../../../src/replay/read-log.js';

/** Feeds `bytes` to the reader in the given chunk sizes (cycled); returns every line and the summary. */
async function read(bytes: Buffer | string, sizes: readonly number[] = [1 << 16], options: Parameters<typeof readLog>[2] = {}) {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < buffer.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]!);
    chunks.push(buffer.subarray(at, at + size));
    at += size;
  }
  const lines: LogLine[] = [];
  const summary = await readLog((async function* () { yield* chunks; })(), (line) => void lines.push(line), options);
  return { lines, summary };
}

const values = (lines: readonly LogLine[]) => lines.filter((l) => l.kind === 'value').map((l) => (l as { value: unknown }).value);
const faults = (lines: readonly LogLine[]) => lines.filter((l) => l.kind === 'fault');

const jsonValue = fc.jsonValue({ maxDepth: 3 });

describe('readLog: JSON-array logs', () => {
  test.prop([fc.array(jsonValue, { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 })])(
    'an array read in any chunking gives exactly the elements JSON.parse gives, numbered from 1',
    async (elements, sizes) => {
      const { lines } = await read(`  ${JSON.stringify(elements, null, 1)}\n`, sizes);
      expect(faults(lines)).toEqual([]);
      expect(values(lines)).toEqual(JSON.parse(JSON.stringify(elements)));
      expect(lines.map((l) => l.line)).toEqual(elements.map((_, i) => i + 1));
    },
  );

  test.prop([fc.array(fc.record({ id: fc.string(), n: fc.integer() }), { minLength: 1, maxLength: 6 }), fc.nat(), fc.integer({ min: 1, max: 7 })])(
    'an array cut anywhere keeps every element that ends before the cut and reports the cut once',
    async (elements, cutAt, chunk) => {
      const text = JSON.stringify(elements);
      const cut = cutAt % text.length; // never the whole text: the closing ] is always lost
      const { lines } = await read(text.slice(0, cut), [chunk]);
      const complete = elements.filter((_, i) => JSON.stringify(elements.slice(0, i + 1)).length - 1 <= cut);
      expect(values(lines)).toEqual(complete);
      if (cut > 0) {
        expect(faults(lines)).toHaveLength(1);
        expect(faults(lines)[0]).toMatchObject({ fault: 'not-json', message: expect.stringContaining('the JSON array is cut off at byte') });
      }
    },
  );

  it('reports the cut with its position, the incomplete element and how many were kept', async () => {
    const { lines } = await read('[{"id":"e1"},\n{"id":"e2"},\n{"id":"e3","type":"partic');
    expect(values(lines)).toEqual([{ id: 'e1' }, { id: 'e2' }]);
    expect(faults(lines)).toEqual([{
      kind: 'fault', line: 3, fault: 'not-json',
      message: 'the JSON array is cut off at byte 52 (line 3): element 3, from byte 27 (line 3), is incomplete and there is no closing ]; the 2 elements before it were read',
    }]);
  });

  it('one element that is not JSON costs only that element', async () => {
    const { lines } = await read('[{"id":"e1"}, {"id": }, {"id":"e3"}]');
    expect(values(lines)).toEqual([{ id: 'e1' }, { id: 'e3' }]);
    expect(faults(lines)).toEqual([expect.objectContaining({ line: 2, fault: 'not-json', message: expect.stringMatching(/^element 2 is not JSON: /) })]);
  });

  it('an element over the size cap is skipped and reported; the next one is read', async () => {
    const { lines } = await read(`[{"big":"${'x'.repeat(200)}"},{"id":"e2"}]`, [7], { maxLineBytes: 100 });
    expect(values(lines)).toEqual([{ id: 'e2' }]);
    expect(faults(lines)).toEqual([expect.objectContaining({ line: 1, fault: 'line-too-long', message: 'element 1 is longer than 100 bytes; it was skipped' })]);
  });

  it('text between elements is reported where it is; what follows the array is read on, numbered on', async () => {
    expect(faults((await read('[{"id":"e1"} x]')).lines)[0]!.message).toBe(
      'the JSON array is malformed at byte 13 (line 1): expected , or ] after element 1, found "x"; the rest of the log was not read',
    );
    const after = await read('[{"id":"e1"}]\n{"id":"e2"}\nnot json\n');
    expect(after.lines).toEqual([
      { kind: 'value', line: 1, value: { id: 'e1' } },
      { kind: 'value', line: 2, value: { id: 'e2' } },
      { kind: 'fault', line: 3, fault: 'not-json', message: 'not JSON: "not json"' },
    ]);
  });
});

describe('readLog: encodings', () => {
  it('UTF-16 input is one fault that names the encoding, not a fault per line', async () => {
    const { lines } = await read(Buffer.from('\ufeff{"id":"e1"}\n{"id":"e2"}\n', 'utf16le'));
    expect(lines).toEqual([{
      kind: 'fault', line: 1, fault: 'invalid-utf8',
      message: 'the input is UTF-16 (little-endian, with a byte-order mark), not UTF-8: convert it first, e.g. iconv -f UTF-16 -t UTF-8',
    }]);
  });

  it('a byte-order mark at the start of a later line is named, and costs only that line', async () => {
    const { lines } = await read('\ufeff{"id":"e1"}\n\ufeff{"id":"e2"}\n{"id":"e3"}\n');
    expect(values(lines)).toEqual([{ id: 'e1' }, { id: 'e3' }]);
    expect(faults(lines)).toEqual([expect.objectContaining({ line: 2, fault: 'not-json', message: expect.stringMatching(/^the line starts with a byte-order mark \(U\+FEFF\), which only the start of a file may have/) })]);
  });
});

describe('readLog: stopping', () => {
  it('an aborted signal stops a read that waits for input, keeps what was read and says it was interrupted', async () => {
    const controller = new AbortController();
    const lines: LogLine[] = [];
    const source = (async function* () {
      yield Buffer.from('{"id":"e1"}\n');
      await new Promise(() => {}); // input that never comes (a quiet pipe)
    })();
    const reading = readLog(source, (line) => {
      lines.push(line);
      controller.abort('SIGINT');
    }, { signal: controller.signal });
    const summary = await reading;
    expect(values(lines)).toEqual([{ id: 'e1' }]);
    expect(summary).toMatchObject({ lines: 1, interrupted: true });
  });
});

describe('readLog: JSON-array logs with stray bytes', () => {
  it('a byte-order mark before an element is skipped: the element and the rest are read', async () => {
    const { lines } = await read('\ufeff[{"id":"e1"}, \ufeff{"id":"e2"},\ufeff {"id":"e3"}]', [5]);
    expect(faults(lines)).toEqual([]);
    expect(values(lines)).toEqual([{ id: 'e1' }, { id: 'e2' }, { id: 'e3' }]);
  });

  it('a byte that cannot start a JSON value is one fault at its place, not a run of wrong elements', async () => {
    const { lines } = await read('[{"id":"e1"}, #{"id":"e2"}]');
    expect(values(lines)).toEqual([{ id: 'e1' }]);
    expect(faults(lines)).toEqual([expect.objectContaining({
      line: 2, message: 'the JSON array is malformed at byte 14 (line 1): expected an element after element 1 and its comma, found "#"; the rest of the log was not read',
    })]);
  });
});
