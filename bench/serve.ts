import { spawn, type ChildProcess } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate, type SimulationOptions } from '../src/sim/index.js';
import type { BenchRow, RowResult } from './measure.js';

/**
 * The live service under load (`participant-tracker serve --simulate`, the built CLI in a process
 * of its own): how long an event takes from the moment the simulator emits it to a stream client
 * and to the page in Chromium, the server's CPU and RSS over the run, and what stalled clients
 * cost. Durations: SERVE_BENCH_SECONDS (default 60; 600 for the ten-minute RSS check).
 */

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const SECONDS = Number(process.env.SERVE_BENCH_SECONDS ?? 60);
/** The stream's events per second the targets are stated for. */
const TARGET_EVENTS_PER_SECOND = 2_000;
const START = '2026-11-21T08:00:00.000Z';

/** The bench's contact center: enough load that 2,000 events/s is a modest speed-up of its day. */
const SCENARIO = { seed: 11, start: START, arrivalsPerHour: 3_000, agents: 150, chatCapacity: 3, aht: '240s', acw: '20s' } as const;

/** Latencies in 1 ms buckets up to 60 s. */
class Histogram {
  private readonly buckets = new Uint32Array(60_001);
  count = 0;
  add(ms: number): void {
    this.buckets[Math.min(60_000, Math.max(0, Math.round(ms)))]!++;
    this.count++;
  }
  percentile(p: number): number {
    let seen = 0;
    const wanted = Math.ceil(this.count * p);
    for (let ms = 0; ms < this.buckets.length; ms++) {
      seen += this.buckets[ms]!;
      if (seen >= wanted) return ms;
    }
    return Number.NaN;
  }
}

/** The simulation's event times (epoch ms, in order) for `hours` of the scenario. */
function eventTimes(options: SimulationOptions): Float64Array {
  const times: number[] = [];
  for (const event of simulate(options)) times.push(Date.parse(event.time));
  return Float64Array.from(times);
}

/** Starts the service and resolves with it and its address. */
async function startServe(args: readonly string[]): Promise<{ child: ChildProcess; url: string; data: string }> {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first`);
  const data = mkdtempSync(join(tmpdir(), 'pt-bench-serve-'));
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', data, '--synchronous', process.env.SERVE_BENCH_SYNCHRONOUS ?? 'FULL', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /dashboard at (http:\/\/[^\s/]+\/)/.exec(stderr);
      if (match !== null) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return { child, url, data };
}

async function stopServe(served: { child: ChildProcess; data: string }): Promise<void> {
  served.child.kill('SIGINT');
  await new Promise((resolve) => served.child.once('exit', resolve));
  rmSync(served.data, { recursive: true, force: true });
}

/** A process's CPU seconds so far (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A process's resident set, in bytes, from /proc. */
function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) * 1024;
}

/** Where the simulated floor stood when a frame was made: the floor clock and the wall clock. */
interface FrameClock {
  at: number;
  wallStartMs: number;
  /** When the frame was made (wall clock, epoch ms). */
  madeMs: number;
}

/** The start of a frame's data: `at` and the clock come first (src/serve/floor-feed.ts), so 50 clients need not parse whole frames. */
const FRAME_HEAD = /^\{"at":"([^"]+)","clock":\{"time":"([^"]+)","speed":[0-9.e+]+,"wallTime":"([^"]+)"\}/;

/** Reads the floor clock of a frame's data: the latest event time and the wall-clock start of the simulation. */
function frameClock(data: string, startMs: number, speed: number): FrameClock | undefined {
  const head = FRAME_HEAD.exec(data.slice(0, HEAD_BYTES));
  if (head === null) return undefined;
  const madeMs = Date.parse(head[3]!);
  return { at: Date.parse(head[1]!), wallStartMs: madeMs - (Date.parse(head[2]!) - startMs) / speed, madeMs };
}

/** Where a frame's data starts; its head (`at`, then the clock) follows within HEAD_BYTES. */
const DATA_MARK = Buffer.from('data: {"at":');
const HEAD_BYTES = 220;

/**
 * A stream client that, for each frame, takes every event the frame's `at` covers and was not
 * covered before, and records the time from when it was due (emitted by the simulator) to now.
 * It reads only the head of each frame from the raw bytes (50 clients parsing megabytes a second
 * would measure themselves, not the service); the first frame is the state on connect.
 */
function streamClient(
  url: string, times: Float64Array, startMs: number, speed: number, latencies: Histogram, stop: AbortSignal, sync: { wallStartMs?: number },
  /** Also records, per event, the time to the frame being made (the service's part). */
  made?: Histogram,
): void {
  let next = 0;
  let frames = 0;
  let carry = Buffer.alloc(0);
  const req = request(new URL('/api/stream', url), { headers: { accept: 'text/event-stream' }, signal: stop }, (res: IncomingMessage) => {
    res.on('data', (chunk: Buffer) => {
      const received = Date.now();
      const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      let at = bytes.indexOf(DATA_MARK);
      let rest = Math.max(0, bytes.length - DATA_MARK.length);
      for (; at !== -1; at = bytes.indexOf(DATA_MARK, at + HEAD_BYTES)) {
        if (at + HEAD_BYTES > bytes.length) {
          rest = at;
          break;
        }
        const clock = frameClock(bytes.toString('latin1', at + 6, at + HEAD_BYTES), startMs, speed);
        rest = at + HEAD_BYTES;
        if (clock === undefined) continue;
        sync.wallStartMs ??= clock.wallStartMs;
        const wallStartMs = sync.wallStartMs;
        const state = frames++ === 0;
        while (next < times.length && times[next]! <= clock.at) {
          const due = wallStartMs + (times[next]! - startMs) / speed;
          if (!state) latencies.add(received - due);
          if (!state) made?.add(clock.madeMs - due);
          next++;
        }
      }
      carry = Buffer.from(bytes.subarray(rest));
    });
    res.on('error', () => undefined);
  });
  req.on('error', () => undefined);
  req.end();
}

/** A client that asks for the stream and never reads a byte of it. */
function stalledClient(url: string): () => void {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname, () => {
    socket.write(`GET /api/stream HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n\r\n`);
    socket.pause();
  });
  socket.on('error', () => undefined);
  return () => socket.destroy();
}

/** Event → DOM latencies in headless Chromium: when the page shows each frame's `at`. */
async function browserLatencies(
  url: string, times: Float64Array, startMs: number, speed: number, seconds: number, sync: { wallStartMs?: number },
): Promise<Histogram | undefined> {
  if (!existsSync(CHROMIUM) || process.env.SERVE_BENCH_BROWSER === '0') return undefined;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(url);
    await page.waitForSelector('[data-view-time][data-value]');
    // Runs in the page: records when the shown instant changes (page code, hence a string).
    await page.evaluate(`(() => {
      const samples = (window.samples = []);
      const element = document.querySelector('[data-view-time]');
      new MutationObserver(() => samples.push([performance.timeOrigin + performance.now(), element.getAttribute('data-value') || '']))
        .observe(element, { attributes: true, attributeFilter: ['data-value'] });
    })()`);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const samples = await page.evaluate<[number, string][]>('window.samples');
    const wallStartMs = sync.wallStartMs!;
    const latencies = new Histogram();
    let next = 0;
    for (const [shownMs, at] of samples) {
      const atMs = Date.parse(at);
      if (next === 0) {
        while (next < times.length && times[next]! <= atMs) next++;
        continue;
      }
      while (next < times.length && times[next]! <= atMs) latencies.add(shownMs - (wallStartMs + (times[next++]! - startMs) / speed));
    }
    return latencies;
  } finally {
    await browser.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The live floor at 2,000 events/s with 50 stream clients and a page in Chromium. */
export const serveLiveRow: BenchRow = {
  row: 'serve-live',
  label: 'serve: simulator at 2,000 events/s, 50 stream clients, a page in Chromium',
  async run(): Promise<RowResult> {
    const hours = Math.ceil((SECONDS * TARGET_EVENTS_PER_SECOND) / 40_000) + 1;
    const options: SimulationOptions = { ...SCENARIO, duration: `${hours}h` };
    const times = eventTimes(options);
    const startMs = Date.parse(START);
    const speed = Math.round(TARGET_EVENTS_PER_SECOND / (times.length / (times[times.length - 1]! - startMs)) / 1000);
    const served = await startServe([
      '--simulate', '--seed', String(SCENARIO.seed), '--start', START, '--duration', `${hours}h`, '--arrivals-per-hour', String(SCENARIO.arrivalsPerHour),
      '--agents', String(SCENARIO.agents), '--chat-capacity', String(SCENARIO.chatCapacity), '--aht', SCENARIO.aht, '--acw', SCENARIO.acw, '--speed', String(speed),
    ]);
    const pid = served.child.pid!;
    const stop = new AbortController();
    setMaxListeners(100, stop.signal);
    const latencies = new Histogram();
    try {
      const sync: { wallStartMs?: number } = {};
      const made = new Histogram();
      for (let i = 0; i < 50; i++) streamClient(served.url, times, startMs, speed, latencies, stop.signal, sync, i === 0 ? made : undefined);
      const dom = browserLatencies(served.url, times, startMs, speed, Math.min(SECONDS, 60) - 5, sync);
      const cpuStart = cpuSeconds(pid);
      const wallStart = Date.now();
      const rss: number[] = [];
      while (Date.now() - wallStart < SECONDS * 1000) {
        rss.push(rssBytes(pid));
        await sleep(5_000);
      }
      const cpu = cpuSeconds(pid) - cpuStart;
      const seconds = (Date.now() - wallStart) / 1000;
      const health = (await (await fetch(new URL('/healthz', served.url))).json()) as { sources: { name: string; events: number }[] };
      const events = health.sources.find((s) => s.name === 'simulate')!.events;
      const domLatencies = await dom;
      const minute = Math.max(1, Math.floor(rss.length / Math.max(1, SECONDS / 60)));
      const firstMinute = Math.max(...rss.slice(0, minute));
      const lastMinute = Math.max(...rss.slice(-minute));
      return {
        row: 'serve-live', label: this.label, events, participants: 0, rejected: 0, seconds, cpuSeconds: cpu,
        peakHeapBytes: 0, peakRssBytes: Math.max(...rss), inputHeapBytes: 0, retainedHeapBytes: 0,
        note: `speed ${speed}×; events/s over the run ${Math.round(events / seconds)}`,
        details: {
          sseP50: latencies.percentile(0.5), sseP99: latencies.percentile(0.99), sseSamples: latencies.count,
          madeP50: made.percentile(0.5), madeP99: made.percentile(0.99),
          domP50: domLatencies?.percentile(0.5) ?? Number.NaN, domP99: domLatencies?.percentile(0.99) ?? Number.NaN, domSamples: domLatencies?.count ?? 0,
          serverCores: cpu / seconds, rssFirstMinute: firstMinute, rssLastMinute: lastMinute,
        },
      };
    } finally {
      stop.abort();
      await stopServe(served);
    }
  },
};

/** The simulator as fast as the service takes it, for `seconds`: events applied per second and peak RSS. */
async function flatOut(stalled: number, seconds: number): Promise<{ rate: number; peakRss: number }> {
  const served = await startServe(['--simulate', '--seed', '5', '--start', START, '--duration', '48h', '--arrivals-per-hour', '3000', '--agents', '150', '--speed', '1000000']);
  const closers: (() => void)[] = [];
  try {
    for (let i = 0; i < stalled; i++) closers.push(stalledClient(served.url));
    const events = async () => ((await (await fetch(new URL('/healthz', served.url))).json()) as { sources: { name: string; events: number }[] }).sources.find((s) => s.name === 'simulate')!.events;
    await sleep(3_000);
    const [from, fromMs] = [await events(), Date.now()];
    let peakRss = 0;
    while (Date.now() - fromMs < seconds * 1000) {
      peakRss = Math.max(peakRss, rssBytes(served.child.pid!));
      await sleep(500);
    }
    return { rate: ((await events()) - from) / ((Date.now() - fromMs) / 1000), peakRss };
  } finally {
    for (const close of closers) close();
    await stopServe(served);
  }
}

/** What 100 stalled stream clients cost the tracker: its throughput with them over without, and the memory. */
export const serveStalledRow: BenchRow = {
  row: 'serve-stalled',
  label: 'serve: the simulator flat out, without and with 100 stalled stream clients',
  async run(): Promise<RowResult> {
    const seconds = Math.min(30, SECONDS / 2);
    const alone = await flatOut(0, seconds);
    const stalled = await flatOut(100, seconds);
    return {
      row: 'serve-stalled', label: this.label, events: Math.round(stalled.rate * seconds), participants: 0, rejected: 0, seconds,
      peakHeapBytes: 0, peakRssBytes: stalled.peakRss, inputHeapBytes: 0, retainedHeapBytes: 0,
      details: { rateAlone: alone.rate, rateStalled: stalled.rate, rssAlone: alone.peakRss, rssStalled: stalled.peakRss },
    };
  },
};

export const SERVE_ROWS: readonly BenchRow[] = [serveLiveRow, serveStalledRow];

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/**
 * The service's targets (issue `serve`), each with the measured value and whether it is met.
 *
 * @example
 * console.log(formatServeTargets(results));
 */
export function formatServeTargets(results: readonly RowResult[]): string {
  const lines: string[] = [];
  const check = (met: boolean, text: string) => lines.push(`${met ? 'MET   ' : 'MISSED'} ${text}`);
  const live = results.find((r) => r.row === 'serve-live');
  if (live?.details !== undefined) {
    const d = live.details;
    lines.push(`       ${live.note ?? ''}; ${d.sseSamples} event deliveries to 50 clients, ${d.domSamples} to the page`);
    check(d.sseP99! <= 300, `event → SSE p99 ≤ 300 ms: ${d.sseP99} ms (p50 ${d.sseP50} ms); of which event → frame made (the service): p99 ${d.madeP99} ms, p50 ${d.madeP50} ms`);
    if (d.domSamples! > 0) check(d.domP99! <= 500, `event → DOM p99 ≤ 500 ms (headless Chromium): ${d.domP99} ms (p50 ${d.domP50} ms)`);
    else lines.push('SKIPPED event → DOM: no Chromium at /usr/bin/chromium');
    check(d.serverCores! <= 1, `server CPU ≤ 1 core: ${d.serverCores!.toFixed(2)} cores`);
    check(d.rssLastMinute! <= d.rssFirstMinute! * 1.1, `server RSS flat over ${Math.round(live.seconds / 60)} min: first minute ${mb(d.rssFirstMinute!)}, last ${mb(d.rssLastMinute!)}`);
  }
  const stalled = results.find((r) => r.row === 'serve-stalled');
  if (stalled?.details !== undefined) {
    const d = stalled.details;
    check(d.rateStalled! >= 0.9 * d.rateAlone!, `100 stalled clients leave the throughput unchanged: ${Math.round(d.rateStalled!)} vs ${Math.round(d.rateAlone!)} events/s (${(d.rateStalled! / d.rateAlone!).toFixed(2)} ×)`);
    lines.push(`       memory with 100 stalled clients: peak RSS ${mb(d.rssStalled!)} (without: ${mb(d.rssAlone!)})`);
  }
  return lines.join('\n');
}
