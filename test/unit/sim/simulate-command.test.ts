import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { jsonLines, paceEvents, simulate, type WallClock } from '../../../src/sim/index.js';
import { serialize } from './replay-simulation.js';
import { capture } from '../../support/capture-output.js';

const dir = mkdtempSync(join(tmpdir(), 'pt-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const outFile = () => join(dir, `out-${files++}.jsonl`);

/** Runs `participant-tracker simulate …` in this process; returns the exit code and what went to stderr. */
async function simulateCli(args: string[]): Promise<{ code: number; err: string }> {
  const stderr = capture(process.stderr);
  try {
    const code = await runCli(['node', 'participant-tracker', 'simulate', ...args]);
    return { code, err: stderr.text() };
  } finally {
    stderr.restore();
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('participant-tracker simulate', () => {
  it('writes the same bytes for the same seed and options, and the library gives the same', async () => {
    const args = ['--seed', '21', '--duration', '15m', '--agents', '6', '--aht', '150s', '--handle-time', 'exponential',
      '--patience', '2m', '--media', 'mixed', '--callback-share', '0.3', '--chat-capacity', '2', '--hold-probability', '0.2',
      '--acw', '20s', '--answer-probability', '0.9', '--alert-time', '3s', '--arrivals-per-hour', '80'];
    const [a, b] = [outFile(), outFile()];
    expect(await simulateCli([...args, '--out', a])).toEqual({ code: 0, err: '' });
    expect(await simulateCli([...args, '--out', b])).toEqual({ code: 0, err: '' });
    const bytes = readFileSync(a, 'utf8');
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(readFileSync(b, 'utf8')).toBe(bytes);
    expect(bytes).toBe(serialize(simulate({
      seed: 21, duration: '15m', agents: 6, aht: '150s', handleTime: 'exponential', patience: '2m', media: 'mixed',
      callbackShare: 0.3, chatCapacity: 2, holdProbability: 0.2, acw: '20s', answerProbability: 0.9, alertTime: '3s', arrivalsPerHour: 80,
    })));
    const tracker = createTracker();
    tracker.load(bytes.trim().split('\n').map((line) => JSON.parse(line)));
    expect(tracker.rejections()).toEqual([]);
  });

  it('writes to stdout without --out', async () => {
    const stdout = capture(process.stdout);
    try {
      expect((await simulateCli(['--seed', '2', '--duration', '10m'])).code).toBe(0);
    } finally {
      stdout.restore();
    }
    expect(stdout.text()).toBe(serialize(simulate({ seed: 2, duration: '10m' })));
  });

  it('reads a --config scenario, and lets flags override its top-level settings', async () => {
    const config = join(dir, 'scenario.json');
    writeFileSync(config, JSON.stringify({
      seed: 5, duration: '20m', media: 'chat',
      queues: [{ name: 'Sales', arrivalsPerHour: [120, 60] }, { name: 'Billing', media: 'callback', arrivalsPerHour: 30 }],
      agentGroups: [{ name: 'Sales team', agents: 5, queues: ['Sales'] }, { name: 'Billing team', agents: 2, queues: ['Billing'] }],
    }));
    const out = outFile();
    expect(await simulateCli(['--config', config, '--seed', '6', '--out', out])).toEqual({ code: 0, err: '' });
    const events = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const queues = new Set(events.filter((e) => e.purpose === 'acd').map((e) => `${e.media} ${e.queue.name}`));
    expect(queues).toEqual(new Set(['chat Sales', 'callback Billing']));
    expect(readFileSync(out, 'utf8')).toBe(serialize(simulate({ ...JSON.parse(readFileSync(config, 'utf8')), seed: 6 })));
  });

  it('--realtime paces the same events (fast enough here to finish at once)', async () => {
    const out = outFile();
    expect(await simulateCli(['--seed', '3', '--duration', '5m', '--realtime=1e9', '--out', out])).toEqual({ code: 0, err: '' });
    expect(readFileSync(out, 'utf8')).toBe(serialize(simulate({ seed: 3, duration: '5m' })));
  });

  it.each([
    [['--agents', '0'], '--agents must be ≥ 1'],
    [['--agents', 'many'], '--agents "many" is not a number'],
    [['--aht', '3 minutes'], '--aht "3 minutes" is not a duration (e.g. 500ms, 20s, 15m, 8h)'],
    [['--handle-time', 'gamma'], '--handle-time must be exponential, lognormal or fixed'],
    [['--media', 'voice'], '--media must be chat, callback or mixed'],
    [['--answer-probability', '0'], '--answer-probability must be > 0 (an agent must answer sometimes)'],
    [['--start', '2026-11-21T08:00:00'], '--start must be an ISO-8601 time with a zone (e.g. 2026-11-21T08:00:00Z)'],
    [['--realtime', 'fast'], '--realtime speed "fast" must be a number > 0'],
    [['--config', '/no/such/file.json'], 'cannot read /no/such/file.json: no such file'],
    [['--out', '/no/such/dir/day.jsonl'], 'cannot write /no/such/dir/day.jsonl: no such directory'],
  ])('refuses %j with exit code 2 and one line: %s', async (args, message) => {
    expect(await simulateCli(args)).toEqual({ code: 2, err: `participant-tracker: ${message}\n` });
  });

  it('names the config file and field of a bad setting', async () => {
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ queues: [{ name: 'Sales', aht: 'soon' }], agentGroups: [{ name: 'G', agents: 1, queues: ['Salse'] }] }));
    const { code, err } = await simulateCli(['--config', config]);
    expect(code).toBe(2);
    expect(err).toBe(`participant-tracker: ${config}: queues.0.aht "soon" is not a duration (e.g. 500ms, 20s, 15m, 8h)\n`);
    writeFileSync(config, '{"queues": [');
    expect((await simulateCli(['--config', config])).err).toMatch(new RegExp(`^participant-tracker: ${config} is not valid JSON: `));
    writeFileSync(config, '[]');
    expect((await simulateCli(['--config', config])).err).toBe(`participant-tracker: ${config} must hold a JSON object of simulation settings\n`);
  });
});

describe('jsonLines', () => {
  it('joins into one JSON line per event, in chunks of about the requested size', () => {
    const events = [...simulate({ seed: 1, duration: '10m' })];
    const chunks = [...jsonLines(events, 4_096)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.slice(0, -1).every((c) => c.length >= 4_096 && c.endsWith('\n'))).toBe(true);
    expect(chunks.join('')).toBe(serialize(events));
    expect([...jsonLines([])]).toEqual([]);
  });
});

describe('paceEvents', () => {
  it('releases each event when the wall clock reaches its simulated time, scaled by speed', async () => {
    let now = 1_000;
    const sleeps: number[] = [];
    const clock: WallClock = { now: () => now, sleep: async (ms) => void (sleeps.push(ms), (now += ms)) };
    const start = Date.parse('2026-11-21T08:00:00.000Z');
    const at = (s: number) => ({ time: new Date(start + s * 1000).toISOString(), s });
    const released: number[] = [];
    for await (const event of paceEvents([at(0), at(10), at(10), at(70)], { speed: 10, startMs: start, clock })) {
      released.push(event.s);
      expect(now - 1_000).toBe((event.s * 1000) / 10);
    }
    expect(released).toEqual([0, 10, 10, 70]);
    expect(sleeps).toEqual([1_000, 6_000]);
  });
});
