import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { followFile } from '../../../src/serve/follow-file.js';
import { addChatAgent } from '../../support/tracker-fixtures.js';
import { jsonl, testService } from '../../support/service.js';
import { scratchSpace } from '../../support/temp-store.js';

const { tempDir } = scratchSpace();

const added = (conversationId: string, n: number) => ({ ...addChatAgent('a1', n * 1000), id: `${conversationId}-add`, conversationId });

/** Polls `probe` until it holds, for up to 10 s. */
async function eventually(probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('serve --follow', () => {
  it('applies a log, then the lines appended to it, a line cut in two included; bad lines cost only themselves', async () => {
    const log = join(tempDir(), 'events.jsonl');
    writeFileSync(log, jsonl([added('c1', 1)]));
    const t = await testService({ follow: [log] });
    try {
      const conversation = (id: string) => async () => (await t.api(`/api/conversations/${id}`)).status === 200;
      await eventually(conversation('c1'));
      const line = JSON.stringify(added('c2', 2));
      appendFileSync(log, `not json\n${line.slice(0, 20)}`);
      await new Promise((resolve) => setTimeout(resolve, 400));
      appendFileSync(log, `${line.slice(20)}\n`);
      await eventually(conversation('c2'));
      const health = (await (await t.api('/healthz')).json()) as { sources: { name: string; state: string; events: number }[] };
      expect(health.sources.find((s) => s.name === `follow:${log}`)).toMatchObject({ state: 'running', events: 2 });
    } finally {
      await t.stop();
    }
  });

  it('a log that is truncated and rewritten is read again from its start: lines already applied are duplicates', async () => {
    const dir = tempDir();
    const log = join(dir, 'events.jsonl');
    writeFileSync(log, jsonl([added('c1', 1), added('c2', 2)]));
    const controller = new AbortController();
    const restarts: string[] = [];
    const chunks: string[] = [];
    const reading = (async () => {
      for await (const chunk of followFile(log, { signal: controller.signal, pollMs: 20, onRestart: (why) => restarts.push(why) })) chunks.push(chunk.toString());
    })();
    await eventually(async () => chunks.join('').includes('c2-add'));
    writeFileSync(log, jsonl([added('c3', 3)]));
    await eventually(async () => chunks.join('').includes('c3-add'));
    controller.abort();
    await reading;
    expect(restarts).toEqual([`${log} was truncated`]);
  });

  it('a log that does not exist yet is waited for', async () => {
    const log = join(tempDir(), 'later.jsonl');
    const controller = new AbortController();
    const chunks: string[] = [];
    const reading = (async () => {
      for await (const chunk of followFile(log, { signal: controller.signal, pollMs: 20 })) chunks.push(chunk.toString());
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    writeFileSync(log, 'hello\n');
    await eventually(async () => chunks.join('') === 'hello\n');
    controller.abort();
    await reading;
  });
});
