import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const fixture = new URL('../fixtures/genesys/chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts.json', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'pt-data-'));
const day = join(dir, 'day.jsonl');
const morning = join(dir, 'morning.jsonl');
const afternoon = join(dir, 'afternoon.jsonl');
const noon = '2026-11-21T10:00:00.000Z';

function pt(args: readonly string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const sorted = (jsonl: string) => jsonl.trim().split('\n').sort();

beforeAll(() => {
  expect(pt(['simulate', '--seed', '5', '--duration', '4h', '--agents', '8', '--out', day]).status).toBe(0);
  const lines = readFileSync(day, 'utf8').trim().split('\n');
  const half = Math.floor(lines.length / 2);
  writeFileSync(morning, `${lines.slice(0, half).join('\n')}\n`);
  writeFileSync(afternoon, `${lines.slice(half).join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('replay --data: the store keeps what was replayed', () => {
  it('a log replayed in two parts gives the state of the whole log; the store alone answers at any instant', () => {
    const data = join(dir, 'two-parts');
    const whole = pt(['replay', day]);
    expect(pt(['replay', morning, '--data', data]).status).toBe(0);
    const second = pt(['replay', afternoon, '--data', data]);
    expect(second.status).toBe(0);
    expect(sorted(second.out)).toEqual(sorted(whole.out));
    expect(sorted(pt(['replay', '--data', data]).out)).toEqual(sorted(whole.out));
    expect(sorted(pt(['replay', '--data', data, '--at', noon]).out)).toEqual(sorted(pt(['replay', day, '--at', noon]).out));
  });

  it('the same log again: every line is a duplicate, nothing is rejected, the state is the same', () => {
    const data = join(dir, 'again');
    const first = pt(['replay', day, '--data', data]);
    const again = pt(['replay', day, '--data', data]);
    const lines = readFileSync(day, 'utf8').trim().split('\n').length;
    expect(again.err).toBe(`replay: ${lines} lines read, 0 applied, ${lines} duplicates, 0 rejected\n`);
    expect(sorted(again.out)).toEqual(sorted(first.out));
  });

  it('metrics --data without a log equal the metrics of the log; --from limits the aggregates to a window', () => {
    const data = join(dir, 'metrics');
    expect(pt(['replay', day, '--data', data]).status).toBe(0);
    expect(pt(['metrics', '--data', data, '--interval', '15m']).out).toBe(pt(['metrics', day, '--interval', '15m']).out);
    const window = JSON.parse(pt(['metrics', '--data', data, '--from', '2026-11-21T09:00:00Z', '--at', noon]).out) as {
      overall: { intervals: { start: string }[]; total: { offered: number } };
    };
    expect(window.overall.intervals.map((i) => i.start)).toEqual(['2026-11-21T09:00:00.000Z', '2026-11-21T09:30:00.000Z']);
    const whole = JSON.parse(pt(['metrics', day, '--at', noon]).out) as { overall: { intervals: { start: string; offered: number }[] } };
    const expected = whole.overall.intervals.filter((i) => i.start >= '2026-11-21T09:00:00.000Z').reduce((sum, i) => sum + i.offered, 0);
    expect(window.overall.total.offered).toBe(expected);
  });

  it('validate --data checks against the store and changes nothing', () => {
    const data = join(dir, 'validate');
    expect(pt(['replay', morning, '--data', data]).status).toBe(0);
    const before = pt(['replay', '--data', data]).out;
    const check = pt(['validate', day, '--data', data]);
    const lines = readFileSync(day, 'utf8').trim().split('\n').length;
    const stored = readFileSync(morning, 'utf8').trim().split('\n').length;
    expect(check.err).toBe(`validate: ${lines} lines read, ${lines - stored} applied, ${stored} duplicates, 0 rejected\n`);
    expect(pt(['replay', '--data', data]).out).toBe(before);
  });

  it('ingest genesys --data stores the events it writes; a second run finds them all stored', () => {
    const data = join(dir, 'ingest');
    const first = pt(['ingest', 'genesys', fixture, '--data', data]);
    expect(first.status).toBe(0);
    const events = first.out.trim().split('\n').length;
    expect(first.err).toContain(`ingest: stored in ${data}: ${events} applied, 0 duplicates, 0 rejected\n`);
    expect(pt(['ingest', 'genesys', fixture, '--data', data]).err).toContain(`ingest: stored in ${data}: 0 applied, ${events} duplicates, 0 rejected\n`);
    const viaLog = join(dir, 'ingested.jsonl');
    writeFileSync(viaLog, first.out);
    expect(pt(['replay', '--data', data]).out).toBe(pt(['replay', viaLog]).out);
  });
});

describe('a store that cannot be used: one line, exit 2, nothing changed', () => {
  it('a file where the directory should be', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    const r = pt(['replay', '--data', file]);
    expect(r.status).toBe(2);
    expect(r.err).toBe(`participant-tracker: cannot use ${file} as a store: it is not a directory\n`);
    expect(readFileSync(file, 'utf8')).toBe('not a directory');
  });

  it('a directory whose events.db is not a store', () => {
    const data = join(dir, 'text-store');
    mkdirSync(data);
    writeFileSync(join(data, 'events.db'), 'hello\n'.repeat(200));
    const r = pt(['replay', day, '--data', data]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/^participant-tracker: .*events\.db is not a participant-tracker store: file is not a database\n$/);
    expect(readFileSync(join(data, 'events.db'), 'utf8')).toBe('hello\n'.repeat(200));
  });

  it('no log and no --data', () => {
    const r = pt(['replay']);
    expect(r.status).toBe(2);
    expect(r.err).toBe('participant-tracker: replay: give a log (a file, or - for stdin), or --data to answer from a store\n');
  });
});
