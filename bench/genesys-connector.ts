import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startGenesysConnector, type GenesysConnector } from '../src/connector/genesys-connector.js';
import type { GenesysEnvironment } from '../src/connector/genesys-environment.js';
import { createGenesysIngest, type GenesysIngest } from '../src/ingest/create-genesys-ingest.js';
import { genesysFeed, type FeedItem } from '../src/payloads/index.js';
import { simulate } from '../src/sim/index.js';
import { startGenesysStub } from '../test/support/genesys-stub/index.js';
import { genesysWorld } from '../test/support/genesys-world.js';
import { collectGarbage, MemoryProbe, type BenchRow, type RowResult } from './measure.js';

/**
 * The Genesys Cloud live connector's throughput: queue topic notifications per second that
 * `startGenesysConnector` takes from a local Genesys Cloud (the stub of `test/support/genesys-stub`,
 * in a child process of its own, answering REST from the simulated day) over a real WebSocket on
 * 127.0.0.1, through the snapshot differ to v1 events. The connector runs in the row's process
 * alone, so the row's CPU time is the connector's (its WebSocket client, JSON parsing, the differ,
 * the REST reads it makes) plus the little the row adds to drive it: notifications per CPU second
 * is its rate on one core. The stub publishes at full speed in chunks of CHUNK, at most AHEAD chunks
 * ahead of what the connector has taken, so the figure is throughput, not buffering. In the same
 * run, the same payloads pushed straight into `createGenesysIngest().push` (no socket, no parsing)
 * give the differ's own rate, the baseline of the ratio.
 */

/** The simulated day: 18,154 notifications (chat and callback conversations on one queue), about 5 s of the connector on one core. */
const SIMULATION = { seed: 11, start: '2026-11-21T08:00:00Z', duration: '8h', agents: 40, arrivalsPerHour: 450, media: 'mixed' } as const;
/** Notifications published per request to the stub. */
const CHUNK = 500;
/** Chunks the stub may publish ahead of what the connector has taken. */
const AHEAD = 2;
/** The target: notifications per second on one core. */
export const TARGET_PER_SECOND = 2_000;
const STUB_FLAG = '--genesys-stub';

/** Bench → stub child. */
type ToStub = { type: 'publish'; from: number; to: number } | { type: 'close' };
/** Stub child → bench. */
type FromStub =
  | { type: 'ready'; environment: GenesysEnvironment; notifications: number }
  | { type: 'published'; sent: number }
  | { type: 'closed'; requests: Record<string, number>; publishCpuSeconds: number };

/**
 * Splits `total` items into `[from, to)` chunks of `size` (the last one shorter).
 *
 * @example
 * chunkBounds(1_200, 500); // [[0, 500], [500, 1000], [1000, 1200]]
 */
export function chunkBounds(total: number, size: number): [number, number][] {
  if (!Number.isInteger(size) || size <= 0) throw new RangeError(`chunkBounds: size must be a positive integer, got ${size}`);
  const bounds: [number, number][] = [];
  for (let from = 0; from < total; from += size) bounds.push([from, Math.min(total, from + size)]);
  return bounds;
}

/** The stub child: the simulated world, its archive answering REST, and `publish` of feed ranges on request. */
async function runStubChild(): Promise<void> {
  const world = genesysWorld(SIMULATION);
  const stub = await startGenesysStub({ archive: world.archive });
  const send = (message: FromStub) => process.send!(message);
  process.on('disconnect', () => void stub.close().then(() => process.exit(0)));
  let publishCpuSeconds = 0;
  process.on('message', (message: ToStub) => {
    if (message.type === 'publish') {
      const cpu = process.cpuUsage();
      let sent = 0;
      for (let i = message.from; i < message.to; i++) {
        const item = world.feed[i]!;
        world.now = Date.parse(item.time);
        sent += stub.publish(item.payload.topicName, item.payload.eventBody) > 0 ? 1 : 0;
      }
      const used = process.cpuUsage(cpu);
      publishCpuSeconds += (used.user + used.system) / 1e6;
      send({ type: 'published', sent });
    } else {
      const requests: Record<string, number> = {};
      for (const r of stub.requests) requests[r.route] = (requests[r.route] ?? 0) + 1;
      void stub.close().then(() => {
        send({ type: 'closed', requests, publishCpuSeconds });
        process.disconnect();
      });
    }
  });
  send({
    type: 'ready', notifications: world.feed.length,
    environment: { clientId: stub.clientId, clientSecret: stub.clientSecret, apiUrl: stub.apiUrl, loginUrl: stub.loginUrl },
  });
}

/** The stub child as the row drives it: requests answered in order. */
interface StubProcess {
  readonly ready: Extract<FromStub, { type: 'ready' }>;
  publish(from: number, to: number): Promise<number>;
  /** Closes the stub; resolves with its requests by route and the CPU seconds it spent publishing. */
  close(): Promise<{ requests: Record<string, number>; publishCpuSeconds: number }>;
  kill(): Promise<void>;
}

async function startStubProcess(): Promise<StubProcess> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [STUB_FLAG], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting: ((message: FromStub) => void)[] = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
  };
  child.on('error', fail);
  child.once('exit', (code) => fail(new Error(`the Genesys stub process exited (code ${code})`)));
  child.on('message', (message: FromStub) => waiting.shift()?.(message));
  const next = <T extends FromStub['type']>(type: T) => new Promise<Extract<FromStub, { type: T }>>((resolve, reject) => {
    if (failure !== undefined) return reject(failure);
    const onExit = () => reject(failure ?? new Error('the Genesys stub process exited'));
    child.once('exit', onExit);
    waiting.push((message) => {
      child.off('exit', onExit);
      if (message.type === type) resolve(message as Extract<FromStub, { type: T }>);
      else reject(new Error(`the Genesys stub process answered ${message.type}, not ${type}`));
    });
  });
  const request = (message: ToStub) => child.send(message);
  const ready = await next('ready');
  return {
    ready,
    async publish(from, to) {
      const answer = next('published');
      request({ type: 'publish', from, to });
      return (await answer).sent;
    },
    async close() {
      const answer = next('closed');
      request({ type: 'close' });
      const { requests, publishCpuSeconds } = await answer;
      await exited;
      return { requests, publishCpuSeconds };
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resolves once `predicate()` holds, checking every millisecond; rejects after `timeoutMs`. */
function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (predicate()) return resolve();
      if (performance.now() - started > timeoutMs) return reject(new Error(`waited ${timeoutMs} ms for ${what}`));
      setTimeout(check, 1);
    };
    check();
  });
}

/** What the socket path measured. */
interface SocketRun {
  readonly notifications: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly events: number;
  readonly probe: MemoryProbe;
  readonly requests: Record<string, number>;
  readonly gaps: number;
  /** CPU seconds the stub process spent publishing (JSON and WebSocket frames), not in `cpuSeconds`. */
  readonly stubCpuSeconds: number;
  /** The 1-minute load average at the end of the run. */
  readonly load: number;
}

/** The connector against the stub child: publish the feed in bounded chunks, time until the connector took every notification. */
async function socketRun(times: Float64Array, queues: readonly string[]): Promise<SocketRun> {
  const stub = await startStubProcess();
  let connector: GenesysConnector | undefined;
  try {
    if (stub.ready.notifications !== times.length) throw new Error(`the stub's feed has ${stub.ready.notifications} notifications, the row's ${times.length}`);
    // The connector's clock is the world's: a notification is stamped with its own instant (the next
    // one the differ has not had), as with Genesys' sub-second delivery. A REST answer, which tells
    // its conversation as of the latest notification published, gets an instant no later than that.
    const differ = createGenesysIngest();
    let pushed = 0;
    const ingest: GenesysIngest = {
      ...differ,
      push(payload, line, receivedAt) {
        const result = differ.push(payload, line, receivedAt);
        if (typeof (payload as { topicName?: unknown }).topicName === 'string') pushed++;
        return result;
      },
    };
    const clock = () => times[Math.min(pushed, times.length - 1)]!;
    let events = 0;
    const started = startGenesysConnector({
      environment: stub.ready.environment, queues, backfillFrom: clock(), clock, ingest,
      onEvents: (batch) => void (events += batch.length),
    });
    connector = started;
    await started.ready;
    const taken = () => started.status().notifications;

    collectGarbage();
    const probe = new MemoryProbe();
    probe.sample();
    const cpu = process.cpuUsage();
    const began = performance.now();
    const sentThrough: number[] = [];
    let sent = 0;
    for (const [k, [from, to]] of chunkBounds(times.length, CHUNK).entries()) {
      if (k >= AHEAD) await until(() => taken() >= sentThrough[k - AHEAD]!, 30_000, `the connector to take ${sentThrough[k - AHEAD]} notifications`);
      sent += await stub.publish(from, to);
      sentThrough.push(sent);
      probe.sample();
    }
    await until(() => taken() >= sent, 30_000, `the connector to take all ${sent} notifications`);
    const seconds = (performance.now() - began) / 1000;
    const used = process.cpuUsage(cpu);
    probe.sample();
    if (sent !== times.length) throw new Error(`the stub sent ${sent} of ${times.length} notifications: the connector is not subscribed to every queue topic`);
    const gaps = started.status().gaps.count;
    const [load] = loadavg();
    await started.stop();
    connector = undefined;
    const { requests, publishCpuSeconds } = await stub.close();
    return { notifications: sent, seconds, cpuSeconds: (used.user + used.system) / 1e6, events, probe, requests, gaps, stubCpuSeconds: publishCpuSeconds, load: load! };
  } finally {
    await connector?.stop();
    await stub.kill();
  }
}

/** The same payloads straight into the differ, stamped with their own instants: no socket, no parsing. */
function directRun(feed: readonly FeedItem[]): { seconds: number; cpuSeconds: number; events: number } {
  collectGarbage();
  const ingest = createGenesysIngest();
  const cpu = process.cpuUsage();
  const began = performance.now();
  let events = 0;
  for (const item of feed) events += ingest.push(item.payload, undefined, item.time).events.length;
  events += ingest.flush().events.length;
  const seconds = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, events };
}

export const genesysConnectorRow: BenchRow = {
  row: 'genesys-connector',
  label: 'Genesys connector: stub (child process) → WebSocket → differ → v1 events',
  async run(): Promise<RowResult> {
    // The day's feed, once through the differ so that both measured runs find the JIT warm; then
    // only the instants and the queues stay, so that the peak memory of the socket run is the
    // connector's (the feed is made again for the direct run).
    const day = () => {
      const log = [...simulate(SIMULATION)];
      return { logEvents: log.length, feed: [...genesysFeed(log)] };
    };
    let { logEvents, feed } = day();
    directRun(feed);
    const times = Float64Array.from(feed, (item) => Date.parse(item.time));
    const queues = [...new Set(feed.map((item) => item.payload.topicName.split('.')[3]!))];
    feed = [];

    const socket = await socketRun(times, queues);
    ({ logEvents, feed } = day());
    const direct = directRun(feed);
    const n = socket.notifications;
    const rest = Object.entries(socket.requests).map(([route, count]) => `${route} ${count}`).join(', ');
    return {
      row: this.row, label: this.label, events: n, participants: 0, rejected: 0, seconds: socket.seconds, cpuSeconds: socket.cpuSeconds,
      peakHeapBytes: socket.probe.peakHeapBytes, peakRssBytes: socket.probe.peakRssBytes, inputHeapBytes: 0, retainedHeapBytes: 0,
      note: `${n.toLocaleString('en')} notifications (items) gave ${socket.events.toLocaleString('en')} v1 events (the simulated log has ${logEvents.toLocaleString('en')}; the direct differ gave ${direct.events.toLocaleString('en')}); ` +
        `${socket.gaps} gaps; stub requests: ${rest}; the stub ran in a process of its own (${socket.stubCpuSeconds.toFixed(2)} CPU s publishing, not counted in CPU); load average ${socket.load.toFixed(1)} at the end`,
      details: {
        socketEvents: socket.events, logEvents, gaps: socket.gaps, stubCpuSeconds: socket.stubCpuSeconds, load: socket.load,
        directSeconds: direct.seconds, directCpuSeconds: direct.cpuSeconds, directEvents: direct.events,
      },
    };
  },
};

const int = (n: number) => Math.round(n).toLocaleString('en');

/**
 * The connector's target (≥ 2,000 notifications/s on one core, judged by notifications per CPU
 * second of the connector's process) with its wall-clock rate and the ratio of the socket path to
 * the differ alone, by wall clock and by CPU time.
 *
 * @example
 * console.log(formatGenesysConnectorTargets(results));
 */
export function formatGenesysConnectorTargets(results: readonly RowResult[]): string {
  const r = results.find((result) => result.row === 'genesys-connector');
  if (r?.cpuSeconds === undefined || r.details?.directSeconds === undefined || r.details.directCpuSeconds === undefined) return '';
  const wall = r.events / r.seconds;
  const cpu = r.events / r.cpuSeconds;
  const directWall = r.events / r.details.directSeconds;
  const directCpu = r.events / r.details.directCpuSeconds;
  return [
    `${cpu >= TARGET_PER_SECOND ? 'MET   ' : 'MISSED'} genesys-connector ≥ ${int(TARGET_PER_SECOND)} notifications/s on one core: ${int(cpu)} per CPU second (wall clock: ${int(wall)}/s)`,
    `       the differ alone (same payloads, no socket): ${int(directWall)}/s (by CPU time: ${int(directCpu)}); socket path / differ alone: ${(wall / directWall).toFixed(2)} × (by CPU time: ${(cpu / directCpu).toFixed(2)} ×)`,
  ].join('\n');
}

if (process.argv[2] === STUB_FLAG && process.argv[1] === fileURLToPath(import.meta.url)) await runStubChild();
