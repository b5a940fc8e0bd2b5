import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'pt-flat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a log larger than memory', () => {
  it('is replayed in flat memory through a scratch store: every conversation comes out, and the metrics equal those of a roomy heap', () => {
    const big = join(dir, 'big.jsonl');
    expect(spawnSync(process.execPath, [bin, 'simulate', '--seed', '1', '--arrivals-per-hour', '700', '--agents', '70', '--duration', '8h', '--out', big]).status).toBe(0);
    const roomy = spawnSync(process.execPath, [bin, 'metrics', big], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(roomy.status).toBe(0);
    // 40 MB of heap: the log's events alone take about 55 MB in memory.
    const replay = spawnSync(process.execPath, ['--max-old-space-size=40', bin, 'replay', big], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(replay.status, replay.stderr).toBe(0);
    const conversations = new Set(readFileSync(big, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { conversationId: string }).conversationId));
    expect(replay.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id).sort()).toEqual([...conversations].sort());
    const metrics = spawnSync(process.execPath, ['--max-old-space-size=40', bin, 'metrics', big], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(metrics.status, metrics.stderr).toBe(0);
    expect(metrics.stdout).toBe(roomy.stdout);
  });
});
