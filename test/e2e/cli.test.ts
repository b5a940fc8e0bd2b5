import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const sample = new URL('../../examples/contact-center.jsonl', import.meta.url).pathname;
const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', input });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const dir = mkdtempSync(join(tmpdir(), 'pt-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const badLog = join(dir, 'bad.jsonl');
writeFileSync(badLog, `${readFileSync(sample, 'utf8').split('\n').slice(0, 3).join('\n')}\nnot json\n{"id":"e04","type":"participant.acwEnded","time":"2026-11-21T10:00:24.500Z","conversationId":"chat-1001","participantId":"agent-1"}\n`);

describe('participant-tracker CLI', () => {
  it('replay prints one conversation snapshot per line and the summary on stderr', () => {
    const { code, out, err } = cli(['replay', sample]);
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((c) => c.id)).toEqual(['chat-1001', 'cb-2001', 'chat-1002']);
    expect(lines[0].participants[2]).toMatchObject({ id: 'agent-1', state: 'disconnected', wrapup: { code: 'wc-resolved' } });
    expect(err).toBe('replay: 34 lines read, 34 applied, 0 duplicates, 0 rejected\n');
  });

  it('replay --at leaves out what came later; reads stdin with -', () => {
    const { code, out } = cli(['replay', '-', '--at', '2026-11-21T10:04:00+00:00'], readFileSync(sample, 'utf8'));
    expect(code).toBe(0);
    const conversations = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(conversations.map((c) => c.id)).toEqual(['chat-1001']);
    expect(conversations[0].participants.find((p: { id: string }) => p.id === 'agent-1')).toMatchObject({ held: true, state: 'connected' });
  });

  it('--format table renders rows for people', () => {
    const { out } = cli(['replay', sample, '--format', 'table']);
    expect(out).toMatch(/│ chat-1001\s+│ chat\s+│ agent-1\s+│ agent\s+│ disconnected/);
  });

  it('reports each rejected line with line number, event id and reason, and still applies the rest', () => {
    const { code, out, err } = cli(['replay', badLog]);
    expect(code).toBe(0);
    expect(err).toContain('line 4: not-json: not JSON');
    expect(err).toContain('line 5 (event e04): illegal-transition: participant.acwEnded is not allowed');
    expect(err).toContain('replay: 5 lines read, 3 applied, 0 duplicates, 2 rejected');
    expect(JSON.parse(out).participants).toHaveLength(3);
  });

  it('--rejects writes JSONL; --strict stops with exit code 1', () => {
    const rejects = join(dir, 'rejects.jsonl');
    expect(cli(['replay', badLog, '--rejects', rejects]).code).toBe(0);
    expect(readFileSync(rejects, 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ line: 4, reason: 'not-json' }),
      expect.objectContaining({ line: 5, eventId: 'e04', reason: 'illegal-transition' }),
    ]);
    const strict = cli(['replay', badLog, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain('stopped at the first rejected line');
  });

  it('validate exits 1 when a line is rejected, 0 when none is', () => {
    expect(cli(['validate', badLog]).code).toBe(1);
    const ok = cli(['validate', sample]);
    expect(ok).toMatchObject({ code: 0, out: '' });
  });

  it('usage errors and unreadable files: exit 2, one plain line, no stack trace', () => {
    for (const args of [['replay', join(dir, 'missing.jsonl')], ['replay', dir], ['replay', sample, '--at', '2026-11-21T10:00:00'], ['metrics', sample, '--interval', 'soon'], ['replay', badLog, '--rejects', join(dir, 'missing-dir', 'r.jsonl')], ['replay'], ['frobnicate']]) {
      const { code, err } = cli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(err).not.toMatch(/\n\s+at /);
      expect(err.trim().split('\n').length).toBeLessThanOrEqual(2);
    }
    expect(cli(['replay', join(dir, 'missing.jsonl')]).err).toBe(`participant-tracker: cannot read ${join(dir, 'missing.jsonl')}: no such file\n`);
  });

  it('metrics gives observations and interval aggregates per queue, as JSON or a table', () => {
    const { code, out } = cli(['metrics', sample, '--interval', '15m', '--sla', '30s']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ intervalMs: 900_000, serviceLevelMs: 30_000, overall: { total: { offered: 3, answered: 3, abandoned: 0 } } });
    expect(report.queues.map((q: { queue: { name: string } }) => q.queue.name)).toEqual(['Callbacks', 'Support']);
    expect(cli(['metrics', sample, '--format', 'table']).out).toContain('Observations at 2026-11-21T10:46:10.000Z');
  });
});
