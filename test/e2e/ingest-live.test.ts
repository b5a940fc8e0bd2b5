import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTracker } from '../../src/tracker/create-tracker.js';
import { startGenesysStub, type GenesysStub, type StubArchive } from '../support/genesys-stub/index.js';
import { carried, genesysWorld, type GenesysWorld } from '../support/genesys-world.js';
import { scratchSpace } from '../support/temp-store.js';

// Runs the built CLI (`npm run build` first, as `npm test` does) against a local Genesys Cloud stub.
const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const { tempDir, cleanup } = scratchSpace();
const SECRET = 'stub-secret-6f1c0a9e';

/**
 * A world that ended two hours ago: every notification reaches the connector after the change it
 * describes, as it does in production, only later.
 */
const simulation = () => ({ seed: 11, start: new Date(Date.now() - 3 * 3_600_000).toISOString(), duration: '40m', agents: 4, arrivalsPerHour: 40, media: 'mixed' }) as const;

interface Live {
  readonly stub: GenesysStub;
  readonly world: GenesysWorld;
  readonly queues: string[];
  /** Publishes feed items [from, to) in order, moving the world's clock. */
  publish(from: number, to: number): void;
}

const stubs: GenesysStub[] = [];
afterEach(async () => {
  for (const stub of stubs.splice(0)) await stub.close();
});

/**
 * A stub whose archive is the world. Genesys' clock is the world's: the connector in the child
 * process asks the details query about wall-clock intervals, which are translated to the world's
 * instants the test had published up to at those wall-clock times.
 */
async function live(): Promise<Live> {
  const world = genesysWorld(simulation());
  const timeline: { wall: number; world: number }[] = [{ wall: 0, world: Date.parse(world.events[0]!.time) - 1 }];
  /** The world's instant at wall-clock `wall`: what was published before it (`strictly`) or by it. */
  const worldAt = (wall: number, strictly: boolean) => timeline.findLast((entry) => (strictly ? entry.wall < wall : entry.wall <= wall))!.world;
  const archive: StubArchive = {
    conversation: (media, id) => world.archive.conversation(media, id),
    detailsQuery(body) {
      const query = body as Record<string, unknown>;
      const [start, end] = String(query.interval).split('/');
      const from = worldAt(Date.parse(start!), true);
      const to = worldAt(Date.parse(end!), false);
      // Nothing was published in the interval: no conversation began in it.
      if (from >= to) return { totalHits: 0 };
      return world.archive.detailsQuery!({ ...query, interval: `${new Date(from).toISOString()}/${new Date(to).toISOString()}` });
    },
  };
  const stub = await startGenesysStub({ clientSecret: SECRET, heartbeatMs: 1_000, archive });
  stubs.push(stub);
  const queues = [...new Set(world.feed.map((item) => item.payload.topicName.split('.')[3]!))];
  return {
    stub, world, queues,
    publish(from, to) {
      for (const item of world.feed.slice(from, to)) {
        world.now = Date.parse(item.time);
        timeline.push({ wall: Date.now(), world: world.now });
        stub.publish(item.payload.topicName, item.payload.eventBody);
      }
    },
  };
}

const environment = (stub: GenesysStub, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  GENESYS_CLIENT_ID: stub.clientId, GENESYS_CLIENT_SECRET: stub.clientSecret,
  GENESYS_API_URL: stub.apiUrl, GENESYS_LOGIN_URL: stub.loginUrl, GENESYS_REGION: '',
  ...overrides,
});

interface Child {
  readonly child: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code (or signal); `undefined` after `ms`. */
  exited(ms?: number): Promise<number | NodeJS.Signals | undefined>;
  /** Resolves once stderr matches `pattern`; rejects with stderr after `ms` or if the process exits. */
  said(pattern: RegExp, ms?: number): Promise<void>;
}

function run(args: readonly string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, [bin, 'ingest', 'genesys', ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = (ms = 15_000) => new Promise<number | NodeJS.Signals | undefined>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? child.signalCode ?? undefined);
    const timer = setTimeout(() => resolve(undefined), ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal ?? undefined);
    });
  });
  cleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const said = async (pattern: RegExp, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(stderr)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`stderr never matched ${pattern}:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { child, stderr: () => stderr, exited, said };
}

/** The events written to `file` replayed: rejections, and the state reduced to what payloads carry. */
function replayed(file: string) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const events = text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as unknown);
  const tracker = createTracker();
  const rejected = tracker.load(events).filter((r) => r.status === 'rejected');
  return { events: events.length, rejected, state: carried([...tracker.conversations()]) };
}

/** Polls `file` until its events replay to the world's truth at its clock (or `ms` pass). */
async function written(file: string, world: GenesysWorld, ms = 10_000): Promise<void> {
  const truth = carried(world.truth(world.now));
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const { rejected, state } = replayed(file);
    if (rejected.length === 0 && JSON.stringify(state) === JSON.stringify(truth)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Stops the run with SIGTERM (exit 0) and checks its log replays, without rejections, to the world's truth; returns the replay. */
async function stoppedLikeTheWorld(ingest: Child, out: string, world: GenesysWorld): Promise<ReturnType<typeof replayed>> {
  ingest.child.kill('SIGTERM');
  expect(await ingest.exited()).toBe(0);
  const result = replayed(out);
  expect(result.rejected).toEqual([]);
  expect(result.state).toEqual(carried(world.truth(world.now)));
  return result;
}

const oneLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |node:internal/);
};

describe('participant-tracker ingest genesys --live', () => {
  it('writes the events of the notifications as they come; SIGTERM ends it with 0, and the log replays to the world with no rejection', async () => {
    const { stub, world, queues, publish } = await live();
    const out = join(tempDir(), 'live.jsonl');
    const ingest = run(['--live', '--queues', queues.join(','), '--out', out], environment(stub));
    await ingest.said(/genesys: connected/);
    publish(0, world.feed.length);
    await written(out, world);
    const result = await stoppedLikeTheWorld(ingest, out, world);
    expect(Object.keys(result.state).length).toBeGreaterThan(10);
    const stderr = ingest.stderr();
    expect(stderr).toMatch(/genesys: channel \S+ connected \(\d+ topics\)/);
    expect(stderr).toMatch(/genesys: backfill /);
    expect(stderr).toMatch(new RegExp(`ingest: ${world.feed.length} notifications, ${result.events} events, 0 gaps`));
    expect(stderr).not.toContain(SECRET);
    expect(stderr).not.toMatch(/\n\s+at |node:internal/);
  });

  it('a socket dropped mid-feed while the conversations go on: after SIGTERM the log still equals the world (the gap was backfilled)', async () => {
    const { stub, world, queues, publish } = await live();
    const out = join(tempDir(), 'gap.jsonl');
    const ingest = run(['--live', '--queues', queues.join(','), '--out', out], environment(stub));
    await ingest.said(/genesys: connected/);
    const third = Math.floor(world.feed.length / 3);
    publish(0, third);
    await written(out, world);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stub.dropSockets()).toBe(1);
    // What Genesys sends while the socket is down is lost for good.
    publish(third, 2 * third);
    const firstSeen = new Map<string, number>();
    world.feed.forEach((item, i) => {
      const id = (item.payload.eventBody as { id: string }).id;
      if (!firstSeen.has(id)) firstSeen.set(id, i);
    });
    const begunInGap = [...firstSeen.values()].filter((i) => i >= third && i < 2 * third).length;
    expect(begunInGap).toBeGreaterThan(0);
    await ingest.said(/genesys: backfill .* to .*\n[^]*genesys: backfill /);
    publish(2 * third, world.feed.length);
    await written(out, world);
    await stoppedLikeTheWorld(ingest, out, world);
    expect(ingest.stderr()).toMatch(/genesys: gap closed after [\d.]+ s \(.*1006.*\)/);
    const summary = /ingest: (\d+) notifications, \d+ events, 1 gaps, 2 backfills/.exec(ingest.stderr());
    expect(Number(summary?.[1])).toBeLessThanOrEqual(world.feed.length - third);
    // The conversations that began while the socket was down were found by the details query.
    expect(ingest.stderr()).toMatch(/genesys: backfill .*: \d+ under way and [1-9]\d* found in the gap/);
  });

  it('SIGINT ends it with 130', async () => {
    const { stub, queues } = await live();
    const ingest = run(['--live', '--queues', queues.join(','), '--out', join(tempDir(), 'int.jsonl')], environment(stub));
    await ingest.said(/genesys: connected/);
    ingest.child.kill('SIGINT');
    expect(await ingest.exited()).toBe(130);
    expect(ingest.stderr()).not.toContain(SECRET);
  });

  it('refused credentials: exit 2 with one line naming the refusal, never the secret', async () => {
    const { stub, queues } = await live();
    const wrong = 'wrong-secret-4d2b7c';
    const ingest = run(['--live', '--queues', queues.join(','), '--out', join(tempDir(), 'refused.jsonl')], environment(stub, { GENESYS_CLIENT_SECRET: wrong }));
    expect(await ingest.exited()).toBe(2);
    expect(ingest.stderr()).toMatch(/^participant-tracker: Genesys Cloud: POST \/oauth\/token: 401 the login was refused/);
    oneLine(ingest.stderr());
    expect(ingest.stderr()).not.toContain(wrong);
  });

  const cli = (args: string[], env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [bin, 'ingest', 'genesys', ...args], { encoding: 'utf8', timeout: 15_000, env });

  it('usage errors are one line and exit 2: the environment missing, a bad queue id, an input file with --live', () => {
    const bare = { ...process.env, GENESYS_CLIENT_ID: '', GENESYS_CLIENT_SECRET: '', GENESYS_REGION: '', GENESYS_API_URL: '', GENESYS_LOGIN_URL: '' };
    const missing = cli(['--live', '--queues', 'q1'], bare);
    expect(missing.status).toBe(2);
    oneLine(missing.stderr);
    for (const variable of ['GENESYS_CLIENT_ID', 'GENESYS_CLIENT_SECRET', 'GENESYS_API_URL', 'GENESYS_REGION']) expect(missing.stderr).toContain(variable);

    const configured = { ...bare, GENESYS_CLIENT_ID: 'id', GENESYS_CLIENT_SECRET: SECRET, GENESYS_REGION: 'mypurecloud.ie' };
    const badId = cli(['--live', '--queues', 'a.b'], configured);
    expect(badId.status).toBe(2);
    expect(badId.stderr).toContain('"a.b" is not a Genesys id');
    expect(badId.stderr).not.toContain(SECRET);

    const withFile = cli(['--live', '--queues', 'q1', 'payloads.jsonl'], configured);
    expect(withFile.status).toBe(2);
    expect(withFile.stderr).toContain('--live reads Genesys Cloud itself');
    expect(withFile.stderr).not.toContain(SECRET);
  });
});
