import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { simulate } from '../src/sim/index.js';
import { connectToNats } from '../src/scale/connect.js';
import { ensureEventStream } from '../src/scale/event-stream.js';
import { createEventPublisher } from '../src/scale/event-publisher.js';
import { eventSubject, partitionOf } from '../src/scale/partition.js';
import type { PublishedPartition } from '../src/scale/scale-buckets.js';
import { startNatsServer, type TestNatsServer } from '../test/support/nats-server.js';
import type { BenchRow, RowResult } from './measure.js';

/**
 * The scale-out on NATS JetStream (docs/scale-out.md), with the built CLI in processes of their
 * own and a real `nats-server -js` (test/support/nats-server.ts) on loopback:
 * - `scale-1`, `scale-2`, `scale-4`: a simulated log published first on 16 partitions, then N
 *   `worker` processes started; the time until every partition's published `covered` reaches the
 *   partition's last stream sequence;
 * - `scale-latency`: 2 workers and a gateway (`serve --nats`), events published one by one; the
 *   time from publish to the conversation in a frame of the gateway's SSE stream;
 * - `scale-failover`: 2 workers, one killed with SIGKILL mid-stream; the time until the survivor
 *   holds every lease, and until every partition is caught up.
 * Events: SCALE_BENCH_EVENTS (default 120,000).
 */

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const PARTITIONS = 16;
const STREAM = 'PARTICIPANT_EVENTS';
const EVENTS = Number(process.env.SCALE_BENCH_EVENTS ?? 120_000);
const LEASE = '2s';
const LATENCY_RATE = 200;
const LATENCY_SECONDS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A process's resident set, in bytes, from /proc (0 once it is gone). */
function rssBytes(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
    return Number(line.replace(/\D+/g, '')) * 1024;
  } catch {
    return 0;
  }
}

/** A process's CPU seconds so far (user + system), from /proc (0 once it is gone). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Everything a row starts: the server, child processes, temporary directories; `close()` ends them all. */
class Rig {
  nats!: TestNatsServer;
  nc!: NatsConnection;
  jsm!: JetStreamManager;
  readonly children: ChildProcess[] = [];
  readonly dirs: string[] = [];

  static async start(): Promise<Rig> {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first`);
    const rig = new Rig();
    try {
      rig.nats = await startNatsServer();
      rig.nc = await connectToNats(rig.nats.url);
      rig.jsm = await jetstreamManager(rig.nc);
      await ensureEventStream(rig.jsm, { partitions: PARTITIONS });
    } catch (error) {
      await rig.close();
      throw error;
    }
    return rig;
  }

  /** Starts `participant-tracker worker` named `name` with a data directory of its own. */
  worker(name: string): ChildProcess {
    const data = mkdtempSync(join(tmpdir(), `pt-bench-scale-${name}-`));
    this.dirs.push(data);
    const child = spawn(process.execPath, [bin, 'worker', '--nats', this.nats.url, '--data', data, '--lease', LEASE, '--name', name], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.resume();
    this.children.push(child);
    return child;
  }

  /** Starts `serve --nats` on a free port and resolves with its URL. */
  async gateway(): Promise<string> {
    const child = spawn(process.execPath, [bin, 'serve', '--nats', this.nats.url, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.children.push(child);
    let stderr = '';
    return new Promise<string>((resolve, reject) => {
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        const match = /dashboard at (http:\/\/[^\s/]+\/)/.exec(stderr);
        if (match !== null) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve --nats exited with ${code}: ${stderr}`)));
    });
  }

  async kv(suffix: string): Promise<KV> {
    return new Kvm(this.nc).open(`${STREAM}_${suffix}`);
  }

  /** The owner of each partition's lease (`undefined` when free). */
  async owners(): Promise<(string | undefined)[]> {
    const leases = await this.kv('LEASES').catch(() => undefined);
    if (leases === undefined) return Array.from({ length: PARTITIONS }, () => undefined);
    return Promise.all(Array.from({ length: PARTITIONS }, async (_, p) => {
      const entry = await leases.get(`partition.${p}`).catch(() => null);
      return entry === null || entry.operation !== 'PUT' ? undefined : entry.string();
    }));
  }

  /** Each partition's last stream sequence (0 when it has none). */
  async lastSequences(): Promise<number[]> {
    return Promise.all(Array.from({ length: PARTITIONS }, async (_, p) => {
      const message = await this.jsm.streams.getMessage(STREAM, { last_by_subj: eventSubject('participant-tracker', p) }).catch(() => null);
      return message?.seq ?? 0;
    }));
  }

  /** Each partition's published figures (`undefined` before its first publication). */
  async published(): Promise<(PublishedPartition | undefined)[]> {
    const metrics = await this.kv('METRICS').catch(() => undefined);
    if (metrics === undefined) return Array.from({ length: PARTITIONS }, () => undefined);
    return Promise.all(Array.from({ length: PARTITIONS }, async (_, p) => {
      const entry = await metrics.get(`partition.${p}`).catch(() => null);
      return entry === null || entry.operation !== 'PUT' ? undefined : entry.json<PublishedPartition>();
    }));
  }

  /** Whether every partition's published `covered` reached its last sequence. */
  async caughtUp(last: readonly number[]): Promise<boolean> {
    const published = await this.published();
    return last.every((seq, p) => seq === 0 || (published[p]?.covered ?? 0) >= seq);
  }

  async close(): Promise<void> {
    for (const child of this.children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(3_000)]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    await this.nc?.close().catch(() => undefined);
    await this.nats?.stop();
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** Publishes `count` simulated events on the 16 partitions, as fast as the stream acknowledges them. */
async function publishSimulated(nc: NatsConnection, count: number, seed: number): Promise<number> {
  const publisher = createEventPublisher(jetstream(nc), { partitions: PARTITIONS });
  let published = 0;
  const pending: Promise<unknown>[] = [];
  for (const event of simulate({ seed, start: '2026-11-21T08:00:00.000Z', duration: '48h', agents: 150, arrivalsPerHour: 3_000 })) {
    pending.push(publisher.publish(event));
    if (pending.length >= 512) await Promise.all(pending.splice(0));
    if (++published >= count) break;
  }
  await Promise.all(pending);
  const counts = await publisher.flush();
  return counts.published;
}

/** Waits until `done()` holds, polling; throws after `timeoutMs`. */
async function until(done: () => Promise<boolean>, timeoutMs: number, what: string, every = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`scale bench: ${what} did not happen within ${timeoutMs / 1000} s`);
    await sleep(every);
  }
}

/** Samples the peak RSS of processes until stopped. */
function rssProbe(children: readonly ChildProcess[]): { stop: () => number[] } {
  const peaks = children.map(() => 0);
  const timer = setInterval(() => children.forEach((c, i) => (peaks[i] = Math.max(peaks[i]!, rssBytes(c.pid)))), 200);
  return { stop: () => (clearInterval(timer), peaks) };
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

function throughputRow(workers: number): BenchRow {
  const row = `scale-${workers}`;
  const label = `scale-out: ${workers} worker${workers === 1 ? '' : 's'} (processes), ${PARTITIONS} partitions, a published log`;
  return {
    row, label,
    async run(): Promise<RowResult> {
      const rig = await Rig.start();
      try {
        const events = await publishSimulated(rig.nc, EVENTS, 3);
        const last = await rig.lastSequences();
        const start = Date.now();
        const children = Array.from({ length: workers }, (_, i) => rig.worker(`w${i + 1}`));
        const probe = rssProbe(children);
        await until(() => rig.caughtUp(last), 600_000, `${events} events applied by ${workers} workers`);
        const seconds = (Date.now() - start) / 1000;
        const cpu = children.reduce((sum, c) => sum + cpuSeconds(c.pid), 0);
        const peaks = probe.stop();
        const owners = await rig.owners();
        const perWorker = children.map((_, i) => owners.filter((o) => o === `w${i + 1}`).length);
        return {
          row, label, events, participants: 0, rejected: 0, seconds, cpuSeconds: cpu,
          peakHeapBytes: 0, peakRssBytes: Math.max(...peaks), inputHeapBytes: 0, retainedHeapBytes: 0,
          note: `time from starting the worker processes (Node start, leases, consumers included) to every partition's published covered sequence at its last; ` +
            `partitions per worker at the end ${perWorker.join('/')}; worker peak RSS ${peaks.map(mb).join(', ')}; CPU is the workers' (nats-server not counted); ` +
            `a 2-core machine shared with nats-server: the rate is bounded by cores, not by the design`,
          details: { workers, peakRssSum: peaks.reduce((a, b) => a + b, 0) },
        };
      } finally {
        await rig.close();
      }
    },
  };
}

/** Starts two workers and waits until each holds half of the partitions. */
async function twoWorkers(rig: Rig): Promise<ChildProcess[]> {
  const children = [rig.worker('w1'), rig.worker('w2')];
  await until(async () => {
    const owners = await rig.owners();
    return owners.filter((o) => o === 'w1').length === PARTITIONS / 2 && owners.filter((o) => o === 'w2').length === PARTITIONS / 2;
  }, 60_000, 'two workers sharing the partitions', 200);
  return children;
}

/** Latencies in ms, sorted on demand. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? Number.NaN;
}

export const scaleLatencyRow: BenchRow = {
  row: 'scale-latency',
  label: `scale-out: publish → gateway SSE, 2 workers, ${LATENCY_RATE} events/s for ${LATENCY_SECONDS} s`,
  async run(): Promise<RowResult> {
    const rig = await Rig.start();
    const stop = new AbortController();
    try {
      const children = await twoWorkers(rig);
      const url = await rig.gateway();
      const sent = new Map<string, number>();
      const latencies: number[] = [];
      let streamOpen!: () => void;
      const opened = new Promise<void>((resolve) => (streamOpen = resolve));
      const req = request(new URL('/api/stream', url), { headers: { accept: 'text/event-stream' }, signal: stop.signal }, (res: IncomingMessage) => {
        let buffer = '';
        streamOpen();
        res.setEncoding('utf8').on('data', (chunk: string) => {
          const received = Date.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = frame.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
            if (data === '') continue;
            const parsed = JSON.parse(data) as { conversations?: { id: string }[] };
            for (const conversation of parsed.conversations ?? []) {
              const at = sent.get(conversation.id);
              if (at !== undefined) {
                latencies.push(received - at);
                sent.delete(conversation.id);
              }
            }
          }
        });
        res.on('error', () => undefined);
      });
      req.on('error', () => undefined);
      req.end();
      await opened;
      await sleep(500);
      const js = jetstream(rig.nc);
      const total = LATENCY_RATE * LATENCY_SECONDS;
      const start = Date.now();
      const publishes: Promise<unknown>[] = [];
      for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / LATENCY_RATE;
        if (due > Date.now()) await sleep(due - Date.now());
        const conversationId = `lat-${i}`;
        const event = {
          id: `lat-e-${i}`, type: 'participant.added', time: new Date().toISOString(), conversationId, participantId: 'cust-1',
          media: 'chat', purpose: 'customer', state: 'connected', name: 'Bench Customer', direction: 'inbound',
        };
        const subject = eventSubject('participant-tracker', partitionOf(conversationId, PARTITIONS));
        sent.set(conversationId, Date.now());
        publishes.push(js.publish(subject, JSON.stringify(event), { msgID: event.id }));
      }
      await Promise.all(publishes);
      const seconds = (Date.now() - start) / 1000;
      await until(() => Promise.resolve(sent.size === 0), 30_000, 'every published conversation on the gateway stream');
      const peaks = children.map((c) => rssBytes(c.pid));
      return {
        row: 'scale-latency', label: this.label, events: total, participants: 0, rejected: 0, seconds,
        peakHeapBytes: 0, peakRssBytes: Math.max(...peaks), inputHeapBytes: 0, retainedHeapBytes: 0,
        note: `each event a new chat conversation, publish (before the stream's acknowledgement) → the conversation in a frame of the gateway's /api/stream; the gateway's default --push-interval 250ms is part of it`,
        details: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: Math.max(...latencies), samples: latencies.length },
      };
    } finally {
      stop.abort();
      await rig.close();
    }
  },
};

export const scaleFailoverRow: BenchRow = {
  row: 'scale-failover',
  label: `scale-out: 2 workers, one killed (SIGKILL) mid-stream, lease ${LEASE}`,
  async run(): Promise<RowResult> {
    const rig = await Rig.start();
    try {
      const [, victim] = await twoWorkers(rig);
      const events = await publishSimulated(rig.nc, EVENTS, 5);
      const last = await rig.lastSequences();
      // Kill w2 while its partitions are still catching up.
      await until(async () => {
        const applied = (await rig.published()).reduce((sum, p) => sum + (p?.applied ?? 0), 0);
        return applied >= events * 0.2;
      }, 120_000, 'a fifth of the events applied', 50);
      const killedAt = Date.now();
      victim!.kill('SIGKILL');
      await until(async () => (await rig.owners()).every((o) => o === 'w1'), 60_000, 'the survivor holding every lease', 50);
      const takeover = (Date.now() - killedAt) / 1000;
      await until(() => rig.caughtUp(last), 600_000, 'every partition caught up after the kill', 100);
      const caughtUp = (Date.now() - killedAt) / 1000;
      return {
        row: 'scale-failover', label: this.label, events, participants: 0, rejected: 0, seconds: caughtUp,
        peakHeapBytes: 0, peakRssBytes: rssBytes(rig.children[0]!.pid), inputHeapBytes: 0, retainedHeapBytes: 0,
        note: `--lease ${LEASE} (renewed every third); w2 killed once a fifth of ${events} published events was applied; caught up = the survivor applied every partition to its last sequence, including the killed worker's remaining backlog`,
        details: { takeoverSeconds: takeover, caughtUpSeconds: caughtUp },
      };
    } finally {
      await rig.close();
    }
  },
};

export const SCALE_ROWS: readonly BenchRow[] = [throughputRow(1), throughputRow(2), throughputRow(4), scaleLatencyRow, scaleFailoverRow];

/**
 * The scale-out figures: events/s per worker count, publish → gateway latency, failover times.
 *
 * @example
 * console.log(formatScaleTargets(results));
 */
export function formatScaleTargets(results: readonly RowResult[]): string {
  const lines: string[] = [];
  const one = results.find((r) => r.row === 'scale-1');
  for (const r of results.filter((x) => /^scale-\d+$/.test(x.row))) {
    const rate = r.events / r.seconds;
    const speedUp = one !== undefined && r !== one ? ` (${(rate / (one.events / one.seconds)).toFixed(2)} × 1 worker)` : '';
    lines.push(`       ${r.row}: ${Math.round(rate).toLocaleString('en')} events/s${speedUp}, ${r.events.toLocaleString('en')} events in ${r.seconds.toFixed(2)} s, workers' CPU ${r.cpuSeconds?.toFixed(1)} s, peak worker RSS ${mb(r.peakRssBytes)}`);
  }
  const latency = results.find((r) => r.row === 'scale-latency');
  if (latency?.details !== undefined) {
    const d = latency.details;
    lines.push(`       scale-latency: publish → gateway SSE p50 ${d.p50} ms, p99 ${d.p99} ms, max ${d.max} ms (${d.samples} events)`);
  }
  const failover = results.find((r) => r.row === 'scale-failover');
  if (failover?.details !== undefined) {
    const d = failover.details;
    lines.push(`       scale-failover: kill -9 → survivor holds every lease ${d.takeoverSeconds!.toFixed(2)} s; → every partition caught up ${d.caughtUpSeconds!.toFixed(2)} s (lease ${LEASE})`);
  }
  const notes = results.filter((r) => r.note !== undefined).map((r) => `       - ${r.row}: ${r.note}`);
  return [...lines, ...notes].join('\n');
}
