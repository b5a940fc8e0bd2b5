import { afterEach, describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { simulate } from '../../src/sim/simulate.js';
import { createTracker } from '../../src/tracker/create-tracker.js';
import type { TrackerEvent } from '../../src/events/tracker-event.js';
import { startOfUtcDay } from '../../src/time/start-of-utc-day.js';
import { startScaleCluster, type ScaleCluster } from '../support/scale-cluster.js';

/** A simulated morning: about 2,500 events over 16 partitions. */
const events: TrackerEvent[] = [...simulate({ seed: 5, duration: '1h', agents: 8, arrivalsPerHour: 120 })];

/** What one process makes of the same log: the reference every scaled-out run must equal. */
function singleProcess(log: readonly TrackerEvent[]) {
  const tracker = createTracker();
  tracker.load(log);
  const latest = tracker.latestTime()!;
  return {
    conversations: [...tracker.conversations()].sort((a, b) => a.id.localeCompare(b.id)),
    histories: new Map([...tracker.conversations()].map((c) => [c.id, tracker.history(c.id)])),
    metrics: computeMetrics(tracker, { from: startOfUtcDay(latest) }),
  };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
}

interface Healthz { pending: number | null; lastEventTime: string | null; partitions: { partition: number; covered: number }[] }

/** Waits until the gateway shows every event published applied: nothing pending, every partition published. */
async function settled(gateway: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const last = events.reduce((latest, e) => (e.time > latest ? e.time : latest), '');
  let health: Healthz | undefined;
  while (Date.now() < deadline) {
    health = await getJson<Healthz>(`${gateway}healthz`);
    if (health.pending === 0 && health.partitions.length === 16 && health.lastEventTime === last) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the gateway did not settle: ${JSON.stringify(health)}`);
}

/** Every conversation the gateway lists, by id. */
async function listed(gateway: string): Promise<{ id: string }[]> {
  const all: { id: string }[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await getJson<{ id: string }[]>(`${gateway}api/conversations?limit=500&offset=${offset}`);
    all.push(...page);
    if (page.length < 500) break;
  }
  return all.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The gateway's answers must equal one process's: every conversation, today's metrics, and each
 * history (no event applied twice). The conversations and the metric partials come through two
 * watches, so the listing may trail the metrics that `settled` waited for by a moment (more while
 * a moved partition publishes all its conversations again): it must come to equal, within 15 s.
 */
async function expectExact(gateway: string): Promise<void> {
  const reference = singleProcess(events);
  await expect.poll(() => listed(gateway), { timeout: 15_000, interval: 200 }).toEqual(reference.conversations);
  await expect.poll(() => getJson(`${gateway}api/metrics`), { timeout: 15_000, interval: 200 }).toEqual(reference.metrics);
  for (const [id, history] of reference.histories) {
    expect(await getJson(`${gateway}api/conversations/${encodeURIComponent(id)}/history`), id).toEqual(history);
  }
}

let cluster: ScaleCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe('scale-out on NATS JetStream (real nats-server, workers and gateway as processes)', () => {
  it('three workers and a gateway, one worker killed with -9 mid-stream and started again: the gateway equals one process, no event applied twice', async () => {
    cluster = await startScaleCluster();
    const half = Math.floor(events.length / 2);
    const first = cluster.log('first.jsonl', events.slice(0, half));
    const rest = cluster.log('rest.jsonl', events.slice(half));
    expect((await cluster.run(['publish', first, '--nats', cluster.nats.url])).status).toBe(0);
    const workers = ['w1', 'w2', 'w3'].map((name) => cluster!.worker(name));
    const { url } = await cluster.gateway();
    await Promise.all(workers.map((w) => w.waitFor(/took partition/)));
    await workers[0]!.waitFor(/took partition \d+ after stream sequence/, 30_000).catch(() => undefined);
    await workers[0]!.kill9();
    expect((await cluster.run(['publish', rest, '--nats', cluster.nats.url])).status).toBe(0);
    const restarted = cluster.worker('w1');
    // Its share of 16 partitions over three workers: the two others give some up to it.
    await restarted.waitFor(/(took partition \d+[^\n]*\n[^]*){4}/, 60_000);
    await settled(url);
    await expectExact(url);
  }, 120_000);

  it('a worker stopped for good: its partitions move to the others and the result is still exact', async () => {
    cluster = await startScaleCluster();
    const workers = [cluster.worker('w1'), cluster.worker('w2')];
    const { url } = await cluster.gateway();
    await Promise.all(workers.map((w) => w.waitFor(/took partition/)));
    expect((await cluster.run(['publish', cluster.log('day.jsonl', events.slice(0, 1000)), '--nats', cluster.nats.url])).status).toBe(0);
    await workers[1]!.kill9();
    expect((await cluster.run(['publish', cluster.log('rest.jsonl', events.slice(1000)), '--nats', cluster.nats.url])).status).toBe(0);
    await settled(url);
    await expectExact(url);
    expect(workers[0]!.stderr()).toMatch(/took partition/);
  }, 120_000);

  it('the NATS server restarted mid-stream: workers and gateway reconnect and nothing is lost', async () => {
    cluster = await startScaleCluster();
    const workers = [cluster.worker('w1'), cluster.worker('w2')];
    const { url } = await cluster.gateway();
    await Promise.all(workers.map((w) => w.waitFor(/took partition/)));
    expect((await cluster.run(['publish', cluster.log('first.jsonl', events.slice(0, 1200)), '--nats', cluster.nats.url])).status).toBe(0);
    await cluster.nats.kill9();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await cluster.nats.restart();
    expect((await cluster.run(['publish', cluster.log('rest.jsonl', events.slice(1200)), '--nats', cluster.nats.url])).status).toBe(0);
    await settled(url);
    await expectExact(url);
  }, 120_000);
});

describe('scale-out bad input: one line, exit 2, nothing overwritten', () => {
  it('a worker given a partition count other than the stream\'s, and a worker whose store belongs to another stream', async () => {
    cluster = await startScaleCluster();
    expect((await cluster.run(['publish', cluster.log('day.jsonl', events.slice(0, 200)), '--nats', cluster.nats.url])).status).toBe(0);
    const changed = await cluster.run(['worker', '--nats', cluster.nats.url, '--data', `${cluster.dir}/w1`, '--partitions', '8']);
    expect(changed.status).toBe(2);
    expect(changed.err).toMatch(/^participant-tracker: the stream PARTICIPANT_EVENTS exists with other settings: .*partitions.*\n$/);

    const worker = cluster.worker('w1');
    await worker.waitFor(/took partition/);
    await worker.stop();
    const other = await cluster.run(['worker', '--nats', cluster.nats.url, '--data', `${cluster.dir}/w1`, '--stream', 'OTHER_EVENTS', '--subject-prefix', 'other']);
    expect(other.status).toBe(2);
    expect(other.err).toMatch(/\nparticipant-tracker: the store in .* belongs to the stream PARTICIPANT_EVENTS .* not to OTHER_EVENTS .*; it was left unchanged\n/);
    expect(other.err).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('an unreachable server', async () => {
    cluster = await startScaleCluster();
    const result = await cluster.run(['worker', '--nats', 'nats://127.0.0.1:1', '--data', `${cluster.dir}/w1`]);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(/^participant-tracker: cannot reach NATS at nats:\/\/127\.0\.0\.1:1: .*\n$/);
  }, 30_000);
});
