import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { untilAborted } from '../../../src/io/until-aborted.js';

async function collect<T>(chunks: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('untilAborted', () => {
  it('gives every chunk and has not given up when the source ends first, even if the signal comes later', async () => {
    const controller = new AbortController();
    const chunks = untilAborted(Readable.from(['a', 'b']), controller.signal);
    expect(await collect(chunks)).toEqual(['a', 'b']);
    controller.abort('SIGINT');
    expect(chunks.gaveUp).toBe(false);
  });

  it('gives up a read that waits, closes the stream and says it gave up', async () => {
    const controller = new AbortController();
    const stream = new Readable({ read() {} });
    stream.push('a');
    const chunks = untilAborted(stream, controller.signal);
    const got: unknown[] = [];
    for await (const chunk of chunks) {
      got.push(String(chunk));
      setTimeout(() => controller.abort('SIGINT'), 10);
    }
    expect(got).toEqual(['a']);
    expect(chunks.gaveUp).toBe(true);
    expect(stream.destroyed).toBe(true);
  });

  it('an aborted signal stops before the next read', async () => {
    const controller = new AbortController();
    controller.abort('SIGTERM');
    const chunks = untilAborted(Readable.from(['a']), controller.signal);
    expect(await collect(chunks)).toEqual([]);
    expect(chunks.gaveUp).toBe(true);
  });
});
