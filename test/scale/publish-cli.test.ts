import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToNats } from '../../src/scale/connect.js';
import { partitionOf } from '../../src/scale/partition.js';
import { startNatsServer, type TestNatsServer } from '../support/nats-server.js';

const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'pt-publish-'));
const day = join(dir, 'day.jsonl');

/** Runs the CLI (asynchronously: the test's own NATS client stays served meanwhile). */
function pt(args: readonly string[], input?: string): Promise<{ status: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => void (out += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (err += chunk));
    if (input !== undefined) child.stdin?.end(input);
    child.on('close', (status) => resolve({ status, out, err }));
  });
}

let nats: TestNatsServer;
let nc: NatsConnection;
let jsm: JetStreamManager;
let events: { id: string; conversationId: string }[];

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connectToNats(nats.url);
  jsm = await jetstreamManager(nc);
  expect((await pt(['simulate', '--seed', '11', '--duration', '1h', '--agents', '6', '--out', day])).status).toBe(0);
  events = readFileSync(day, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; conversationId: string });
});
afterAll(async () => {
  await nc.close();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('participant-tracker publish', () => {
  it('a simulated log published twice: the second run is all duplicates, the stream holds each event once on its partition', async () => {
    const first = await pt(['publish', day, '--nats', nats.url]);
    expect(first.status).toBe(0);
    expect(first.out).toBe('');
    expect(first.err).toBe(`publish: ${events.length} lines read, ${events.length} published, 0 duplicates, 0 rejected (stream PARTICIPANT_EVENTS, created, 16 partitions, at ${nats.url})\n`);
    const second = await pt(['publish', day, '--nats', nats.url]);
    expect(second.status).toBe(0);
    expect(second.err).toBe(`publish: ${events.length} lines read, 0 published, ${events.length} duplicates, 0 rejected (stream PARTICIPANT_EVENTS, 16 partitions, at ${nats.url})\n`);

    const info = await jsm.streams.info('PARTICIPANT_EVENTS', { subjects_filter: '>' });
    expect(info.state.messages).toBe(events.length);
    const perSubject: Record<string, number> = {};
    for (const event of events) {
      const subject = `participant-tracker.events.${partitionOf(event.conversationId, 16)}`;
      perSubject[subject] = (perSubject[subject] ?? 0) + 1;
    }
    expect(info.state.subjects).toEqual(perSubject);
  });

  it('bad lines are reported like validate reports them (escaped) and skipped; the good lines are published; stdin works', async () => {
    const good = events[0]!;
    const log = [
      JSON.stringify({ ...good, id: 'fresh-1' }),
      'not json',
      JSON.stringify({ ...good, id: 'bad\u001b[2J', time: '2026-11-21T10:00:00' }),
      JSON.stringify({ ...good, id: 'fresh-2' }),
    ].join('\n');
    const result = await pt(['publish', '-', '--nats', nats.url, '--stream', 'BADLINES', '--subject-prefix', 'badlines', '--partitions', '4'], `${log}\n`);
    expect(result.status).toBe(0);
    const lines = result.err.trim().split('\n');
    const validated = (await pt(['validate', '-'], `${log}\n`)).err.trim().split('\n');
    expect(lines[0]).toMatch(/^line 2: not-json: not JSON: /);
    expect(lines[1]).toMatch(/^line 3 \(event bad\\u001b\[2J\): invalid-event: time "2026-11-21T10:00:00" /);
    expect(lines.slice(0, 2)).toEqual(validated.filter((line) => /^line [23]\b/.test(line)));
    expect(lines[2]).toBe(`publish: 4 lines read, 2 published, 0 duplicates, 2 rejected (stream BADLINES, created, 4 partitions, at ${nats.url})`);
    expect(result.err).not.toContain('\u001b');
    expect((await jsm.streams.info('BADLINES')).state.messages).toBe(2);
  });

  it('a stream with another partition count: one line, exit 2, the stream untouched', async () => {
    const before = await jsm.streams.info('PARTICIPANT_EVENTS');
    const result = await pt(['publish', day, '--nats', nats.url, '--partitions', '8']);
    expect(result.status).toBe(2);
    expect(result.err).toBe('participant-tracker: the stream PARTICIPANT_EVENTS exists with other settings: partitions=16, expected partitions=8; it was left unchanged\n');
    const after = await jsm.streams.info('PARTICIPANT_EVENTS');
    expect(after.config).toEqual(before.config);
    expect(after.state.messages).toBe(before.state.messages);
  });

  it('a stream with other subjects: one line naming them, exit 2', async () => {
    await jsm.streams.add({ name: 'ELSEWHERE', subjects: ['elsewhere.>'], description: 'participant-tracker v1 events; partitions=16' });
    const result = await pt(['publish', day, '--nats', nats.url, '--stream', 'ELSEWHERE', '--subject-prefix', 'here']);
    expect(result.status).toBe(2);
    expect(result.err).toBe('participant-tracker: the stream ELSEWHERE exists with other settings: subjects ["elsewhere.>"], expected ["here.events.*"]; it was left unchanged\n');
    expect((await jsm.streams.info('ELSEWHERE')).state.messages).toBe(0);
  });

  it('an unreachable server: one line, exit 2, no stack trace', async () => {
    const result = await pt(['publish', day, '--nats', 'nats://127.0.0.1:1']);
    expect(result.status).toBe(2);
    expect(result.err).toBe('participant-tracker: cannot reach NATS at nats://127.0.0.1:1: connection refused\n');
  });

  it('usage errors exit 2 before anything is sent: no --nats, a bad partition count, a bad address, a missing file', async () => {
    expect(await pt(['publish', day])).toMatchObject({ status: 2, err: 'participant-tracker: publish: give the NATS server with --nats <url> (e.g. nats://127.0.0.1:4222)\n' });
    expect((await pt(['publish', day, '--nats', nats.url, '--partitions', '2000'])).status).toBe(2);
    expect(await pt(['publish', day, '--nats', 'http://127.0.0.1:4222'])).toMatchObject({ status: 2, err: 'participant-tracker: "http://127.0.0.1:4222" is not a NATS server address (nats://host:port)\n' });
    expect(await pt(['publish', join(dir, 'missing.jsonl'), '--nats', nats.url])).toMatchObject({ status: 2 });
    expect((await pt(['publish', day, '--nats', nats.url, '--stream', 'A.B'])).err).toMatch(/^participant-tracker: the stream name "A\.B" is not one NATS takes/);
  });
});

describe('participant-tracker simulate --nats', () => {
  it('publishes the simulated events (the same as the log it writes), and nothing to stdout', async () => {
    const result = await pt(['simulate', '--seed', '11', '--duration', '1h', '--agents', '6', '--nats', nats.url, '--stream', 'SIM', '--subject-prefix', 'sim', '--partitions', '4']);
    expect(result.status).toBe(0);
    expect(result.out).toBe('');
    expect(result.err).toBe(`simulate: ${events.length} events published, 0 duplicates (stream SIM, created, 4 partitions, at ${nats.url})\n`);
    const stored = await jsm.streams.getMessage('SIM', { seq: 1 });
    expect(stored?.json()).toEqual(events[0]);
    expect(stored?.subject).toBe(`sim.events.${partitionOf(events[0]!.conversationId, 4)}`);
    expect((await jsm.streams.info('SIM')).state.messages).toBe(events.length);
  });

  it('with --out, the log is written too, byte for byte the same as without --nats; the same day again is all duplicates', async () => {
    const out = join(dir, 'sim-out.jsonl');
    const result = await pt(['simulate', '--seed', '11', '--duration', '1h', '--agents', '6', '--nats', nats.url, '--stream', 'SIM', '--subject-prefix', 'sim', '--partitions', '4', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.err).toBe(`simulate: 0 events published, ${events.length} duplicates (stream SIM, 4 partitions, at ${nats.url}); written to ${out} too\n`);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(day, 'utf8'));
  });

  it('--nats with --format genesys, or a stream option without --nats, is a usage error (exit 2)', async () => {
    expect(await pt(['simulate', '--duration', '10m', '--format', 'genesys', '--nats', nats.url])).toMatchObject({ status: 2, err: 'participant-tracker: simulate: --nats publishes v1 events; it cannot be used with --format genesys\n' });
    expect(await pt(['simulate', '--duration', '10m', '--partitions', '4'])).toMatchObject({ status: 2, out: '', err: 'participant-tracker: simulate: --partitions needs --nats <url>\n' });
    expect((await pt(['simulate', '--duration', '10m', '--nats', 'nats://127.0.0.1:1'])).err).toBe('participant-tracker: cannot reach NATS at nats://127.0.0.1:1: connection refused\n');
  });
});
