import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeMetrics } from '../src/metrics/compute-metrics.js';
import { replayLog } from '../src/replay/replay-log.js';
import { simulate, type SimulationOptions } from '../src/sim/index.js';
import { openEventStore } from '../src/store/event-store.js';
import { createTracker } from '../src/tracker/create-tracker.js';
import type { TrackerEvent } from '../src/events/tracker-event.js';
import { benchLogFile } from './core.js';
import { generateLog } from './generate-log.js';
import { ensureLogFile, readLogFile } from './log-file.js';
import { MemoryProbe, type BenchRow, type RowResult } from './measure.js';

/**
 * The store rows: each target of the event-store issue, measured against a baseline timed in the
 * same run, with the peak RSS of each row's process (`getrusage`: the true peak, not a sample).
 *
 * Inputs, made once in `bench/.data/` (git ignores it) and kept between runs:
 * - a simulated contact center (40 agents, 300 arrivals/h, mixed media, seed 1) over one day and
 *   over a week, as JSONL (delete the files after changing the simulator);
 * - the 1M-event bench log stored with `replayLog(log, { store })` in `store-1m/`, and its first
 *   950,000 lines in `store-950k/` (closed with conversations under way), each rebuilt when the
 *   bench log's SHA-1 changes: the bench's own process builds them before the first row that
 *   needs them (`prepare`), about a minute each on an idle machine.
 *
 * The whole set takes about 2.5 minutes on 2 idle cores once the inputs exist.
 *
 * The CLI runs as `dist-bench/bench/cli-runner.js` (the `replay` and `metrics` commands, with
 * the `--max-semi-space-size=32` of the real `participant-tracker`), its stdout thrown away.
 */

const DATA_DIR = fileURLToPath(new URL('../../bench/.data/', import.meta.url));
const CLI_RUNNER = fileURLToPath(new URL('./cli-runner.js', import.meta.url));
const CLI_PREFIX = 'BENCH-CLI ';

/** The simulated contact center of the import rows. */
const CENTER = { seed: 1, agents: 40, arrivalsPerHour: 300, media: 'mixed' } as const satisfies SimulationOptions;
const DAY_HOURS = 24;
const WEEK_HOURS = 168;

/** The live rows: at most this many events of the bench log, and at most this long each. */
const SUBMIT_EVENTS = 200_000;
const SUBMIT_SECONDS = 20;
const SUBMIT_BATCH = 256;
const APPLY_EVENTS = 5_000;
/** Events of the live rows' warm-up (a generated log of another seed, into a store of its own). */
const WARM_UP_EVENTS = 5_000;
const APPLY_SECONDS = 5;

/** The instants of the read row, as fractions of the stored day's span (the first is the warm-up). */
const WARM_UP_FRACTION = 0.4;
const READ_FRACTIONS = [0.1, 0.25, 0.5, 0.75, 0.9, 1];
const MINUTE = 60_000;

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const ms = (seconds: number) => `${(seconds * 1000).toFixed(1)} ms`;
const int = (n: number) => Math.round(n).toLocaleString('en');
const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** The path of a simulated log of `hours` hours, written first if missing. */
function simulatedLog(hours: number): string {
  const file = join(DATA_DIR, `store-sim-${hours}h-${CENTER.agents}a-${CENTER.arrivalsPerHour}ph-${CENTER.media}.jsonl`);
  return ensureLogFile(file, () => simulate({ ...CENTER, duration: `${hours}h` }));
}

/** A fresh directory for a row's own store (removed by the caller). */
function scratchStore(name: string): string {
  const dir = join(DATA_DIR, `scratch-${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  return dir;
}

function fileSha1(path: string): string {
  const hash = createHash('sha1');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16 * 2 ** 20);
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** The time of the first line of a JSONL log. */
function firstTime(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(statSync(path).size, 1 << 16));
    readSync(fd, buffer, 0, buffer.length, 0);
    const first = buffer.toString('utf8').split('\n')[0]!;
    return (JSON.parse(first) as { time: string }).time;
  } finally {
    closeSync(fd);
  }
}

/** The stored bench log: where, and what it holds. */
interface StoredLog {
  readonly dir: string;
  readonly logSha1: string;
  /** The lines of the bench log stored (all of them when absent). */
  readonly lines?: number;
  readonly events: number;
  /** The first and the latest event time stored. */
  readonly first: string;
  readonly last: string;
  readonly storeBytes: number;
}

/** The bench log's first `lines` lines, as a stream (the bytes up to the last of them). */
async function* firstLines(path: string, lines: number): AsyncGenerator<Buffer> {
  let left = lines;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let end = -1;
    while (left > 0) {
      end = chunk.indexOf(10, end + 1);
      if (end === -1) break;
      left--;
    }
    if (left === 0) {
      yield chunk.subarray(0, end + 1);
      return;
    }
    yield chunk;
  }
}

let benchLogSha1: string | undefined;

/**
 * The bench log (≥ 1M events, ~10 h of a busy day), or its first `lines` lines, in a store
 * closed by `tracker.close()`, stored first when missing or made from another bench log.
 */
async function storedBenchLog(lines?: number): Promise<StoredLog> {
  const name = lines === undefined ? 'store-1m' : `store-${lines / 1000}k`;
  const dir = join(DATA_DIR, name);
  const markFile = join(DATA_DIR, `${name}.json`);
  const log = benchLogFile();
  const logSha1 = (benchLogSha1 ??= fileSha1(log));
  const mark = existsSync(markFile) ? (JSON.parse(readFileSync(markFile, 'utf8')) as StoredLog) : undefined;
  if (mark?.logSha1 === logSha1 && mark.lines === lines && existsSync(join(dir, 'events.db'))) return { ...mark, dir };
  rmSync(markFile, { force: true });
  rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`store rows: storing ${lines === undefined ? 'the bench log' : `the first ${int(lines)} lines of the bench log`} in ${dir} (once per bench log: a few minutes)…\n`);
  const start = performance.now();
  // A fixture: `OFF` skips the syncs (the file is the same); default retention, as the CLI.
  const store = openEventStore(dir, { synchronous: 'OFF' });
  const { tracker, summary } = await replayLog(lines === undefined ? log : firstLines(log, lines), { store });
  const last = store.checkpoint('latest-time')!;
  tracker.close();
  const stored: StoredLog = {
    dir, logSha1, ...(lines === undefined ? {} : { lines }), events: summary.applied, first: firstTime(log), last,
    storeBytes: statSync(join(dir, 'events.db')).size,
  };
  writeFileSync(markFile, JSON.stringify(stored));
  process.stderr.write(`store rows: stored ${int(summary.applied)} events in ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  return stored;
}

/** Wall-clock and CPU time of `work`. */
async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { value, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** What a store row measured itself. */
interface StoreMeasurement {
  readonly items: number;
  readonly seconds: number;
  readonly cpuSeconds?: number;
  /** When the row's subject ran in another process (the CLI): that process's peak. */
  readonly peakRssBytes?: number;
  readonly participants?: number;
  readonly rejected?: number;
  readonly note?: string;
  readonly details?: Record<string, number>;
}

/** Runs a store row: its peak RSS is the process's own peak (`getrusage`), or the CLI's. */
async function measureStoreRow(row: string, label: string, job: (probe: MemoryProbe) => Promise<StoreMeasurement>): Promise<RowResult> {
  const probe = new MemoryProbe();
  probe.sample();
  const m = await job(probe);
  probe.sample();
  const ownPeak = Math.max(process.resourceUsage().maxRSS * 1024, probe.peakRssBytes);
  return {
    row, label, events: m.items, participants: m.participants ?? 0, rejected: m.rejected ?? 0, seconds: m.seconds,
    ...(m.cpuSeconds === undefined ? {} : { cpuSeconds: m.cpuSeconds }),
    peakHeapBytes: probe.peakHeapBytes, peakRssBytes: m.peakRssBytes ?? ownPeak, inputHeapBytes: 0, retainedHeapBytes: 0,
    ...(m.note === undefined ? {} : { note: m.note }),
    ...(m.details === undefined ? {} : { details: m.details }),
  };
}

/** What a CLI run reported: its wall time (start-up included), peak RSS, CPU time and stderr lines. */
interface CliRun {
  readonly seconds: number;
  readonly peakRssBytes: number;
  readonly cpuSeconds: number;
  readonly notices: string[];
}

/** Runs `participant-tracker <args>` (see `cli-runner.ts`) with stdout to /dev/null; rejects when it fails. */
function runCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--max-semi-space-size=32', CLI_RUNNER, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      const lines = errors.split('\n').filter((l) => l.length > 0);
      const usage = lines.find((l) => l.startsWith(CLI_PREFIX));
      if (code !== 0 || usage === undefined) {
        reject(new Error(`participant-tracker ${args.join(' ')} failed (exit code ${code}): ${errors.slice(-2000)}`));
        return;
      }
      const { peakRssBytes, cpuSeconds } = JSON.parse(usage.slice(CLI_PREFIX.length)) as { peakRssBytes: number; cpuSeconds: number };
      resolve({ seconds, peakRssBytes, cpuSeconds, notices: lines.filter((l) => !l.startsWith(CLI_PREFIX)) });
    });
  });
}

const fileNote = (file: string) => `${(statSync(file).size / 2 ** 20).toFixed(0)} MB of JSONL`;
const storeSize = (dir: string) => statSync(join(dir, 'events.db')).size;

/** Target 1: `replayLog(log, { store })` of a simulated log into a new store, closed (all of it durable) at the end. */
function importRow(row: string, hours: number): BenchRow {
  const label = `import ${hours} h (simulated) → store: replayLog + store`;
  return {
    row, label,
    prepare: () => void simulatedLog(hours),
    run: () =>
      measureStoreRow(row, label, async (probe) => {
        const log = simulatedLog(hours);
        const dir = scratchStore(row);
        try {
          const { value: summary, seconds, cpuSeconds } = await timed(async () => {
            const replay = await replayLog(log, { store: openEventStore(dir), onProgress: () => probe.sample() });
            replay.tracker.close();
            return replay.summary;
          });
          return {
            items: summary.linesRead, rejected: summary.rejected, seconds, cpuSeconds,
            note: `${fileNote(log)}, synchronous FULL, batches of 10,000 lines, closed at the end; store file ${mb(storeSize(dir))}`,
          };
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
  };
}

/** Target 1 through the CLI: `replay <log> --data <new dir>` (which also prints every stored conversation). */
function cliImportRow(row: string, hours: number): BenchRow {
  const label = `CLI replay ${hours} h --data <new dir>`;
  return {
    row, label,
    prepare: () => void simulatedLog(hours),
    run: () =>
      measureStoreRow(row, label, async () => {
        const log = simulatedLog(hours);
        const dir = scratchStore(row);
        try {
          const run = await runCli(['replay', log, '--data', dir]);
          const lines = Number(/(\d+) lines read/.exec(run.notices.join('\n'))?.[1] ?? NaN);
          return {
            items: lines, seconds: run.seconds, cpuSeconds: run.cpuSeconds, peakRssBytes: run.peakRssBytes,
            note: `CLI process: start-up and the snapshot output (every stored conversation, to /dev/null) included; store file ${mb(storeSize(dir))}`,
          };
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
  };
}

/** Target 1's baseline: the in-memory bulk replay (`replayLog` without a store) of the week. */
const bulkWeekRow: BenchRow = {
  row: 'store-bulk-week',
  label: `in memory: replayLog ${WEEK_HOURS} h (no store)`,
  prepare: () => void simulatedLog(WEEK_HOURS),
  run: () =>
    measureStoreRow('store-bulk-week', bulkWeekRow.label, async (probe) => {
      const log = simulatedLog(WEEK_HOURS);
      const { value: replay, seconds, cpuSeconds } = await timed(() => replayLog(log, { onProgress: () => probe.sample() }));
      return {
        items: replay.summary.linesRead, rejected: replay.summary.rejected, seconds, cpuSeconds,
        participants: replay.tracker.stats().participants, note: `${fileNote(log)}; the baseline of the import rows`,
      };
    }),
};

/**
 * Target 2: the snapshots at T of a stored day (the middle and the end of the 1M-event bench
 * log) from the store, against re-reading the log in memory. The library side opens the store,
 * restores the tracker, reads `at(T).conversations()` and closes; the CLI side is
 * `replay --data <dir> --at T` (start-up and JSONL output included). The baseline is the library
 * `replayLog(log, { at: T })` in memory: one replay, plus `snapshots()` at each T.
 */
const atRow: BenchRow = {
  row: 'store-at',
  label: 'replay --at T: store vs re-reading the 1M-event log',
  prepare: async () => void (await storedBenchLog()),
  run: () =>
    measureStoreRow('store-at', atRow.label, async () => {
      const fixture = await storedBenchLog();
      const middle = iso((Date.parse(fixture.first) + Date.parse(fixture.last)) / 2);
      const instants = { middle, end: fixture.last };
      const details: Record<string, number> = {};
      for (const [name, at] of Object.entries(instants)) {
        const library = await timed(() => {
          const tracker = createTracker({ store: openEventStore(fixture.dir) });
          try {
            return tracker.at(at).conversations().length;
          } finally {
            tracker.close();
          }
        });
        details[`store.${name}`] = library.seconds;
        details[`storeCpu.${name}`] = library.cpuSeconds;
        details[`conversations.${name}`] = library.value;
        const cli = await runCli(['replay', '--data', fixture.dir, '--at', at]);
        details[`cli.${name}`] = cli.seconds;
        details[`cliCpu.${name}`] = cli.cpuSeconds;
        details[`cliRss.${name}`] = cli.peakRssBytes;
      }
      // The baseline last: its ~1 GB heap must not slow the store's reads down.
      const log = benchLogFile();
      const replay = await timed(() => replayLog(log));
      details.replay = replay.seconds;
      details.replayCpu = replay.cpuSeconds;
      let mismatch = '';
      for (const [name, at] of Object.entries(instants)) {
        const snapshots = await timed(() => replay.value.tracker.at(at).conversations().length);
        details[`memory.${name}`] = replay.seconds + snapshots.seconds;
        details[`memoryCpu.${name}`] = replay.cpuSeconds + snapshots.cpuSeconds;
        if (snapshots.value !== details[`conversations.${name}`]) mismatch += ` MISMATCH at ${name}: ${snapshots.value} in memory`;
      }
      return {
        items: details['conversations.middle']! + details['conversations.end']!, seconds: details['store.middle']! + details['store.end']!,
        cpuSeconds: details['storeCpu.middle']! + details['storeCpu.end']!, details,
        note: `T = ${middle} (middle), ${fixture.last} (end); items = conversations read, time = both library reads on the store; peak RSS is the in-memory baseline's${mismatch}`,
      };
    }),
};

/**
 * Target 3: reads of a tracker on the 1M-event store, at six instants of the day (after one
 * warm-up round at another instant): `at(t).active()`, `at(t).conversation(id)` of a
 * conversation under way at t and of one under way an hour before, and `computeMetrics` over
 * the half hour before t.
 */
const readsRow: BenchRow = {
  row: 'store-reads',
  label: 'reads on a store of 1M events: at(t), metrics',
  prepare: async () => void (await storedBenchLog()),
  run: () =>
    measureStoreRow('store-reads', readsRow.label, async () => {
      const fixture = await storedBenchLog();
      const [first, last] = [Date.parse(fixture.first), Date.parse(fixture.last)];
      const tracker = createTracker({ store: openEventStore(fixture.dir) });
      const details: Record<string, number> = {};
      let reads = 0;
      let total = 0;
      let cpuTotal = 0;
      const time = async <T>(key: string | undefined, work: () => T): Promise<T> => {
        const { value, seconds, cpuSeconds } = await timed(work);
        if (key !== undefined) {
          details[key] = seconds;
          details[`cpu:${key}`] = cpuSeconds;
          reads++;
          total += seconds;
          cpuTotal += cpuSeconds;
        }
        return value;
      };
      const round = async (fraction: number, record: boolean) => {
        const tMs = Math.round(first + fraction * (last - first));
        const t = iso(tMs);
        const key = (op: string) => (record ? `${op}@${fraction}` : undefined);
        const active = await time(key('active'), () => tracker.at(t).active());
        if (record) details[`activeCount@${fraction}`] = active.length;
        const underWay = active[Math.floor(active.length / 2)]?.id;
        const earlierActive = tracker.at(iso(tMs - 60 * MINUTE)).active();
        const earlier = earlierActive[Math.floor(earlierActive.length / 2)]?.id;
        if (underWay !== undefined) await time(key('conversationNow'), () => tracker.at(t).conversation(underWay));
        if (earlier !== undefined) await time(key('conversationHourAgo'), () => tracker.at(t).conversation(earlier));
        const report = await time(key('metrics'), () => computeMetrics(tracker, { from: iso(tMs - 30 * MINUTE), at: t, intervalMs: 30 * MINUTE }));
        if (record) details[`offered@${fraction}`] = report.overall.total.offered;
      };
      try {
        const warm = await timed(() => round(WARM_UP_FRACTION, false));
        details.warmUpRound = warm.seconds;
        for (const fraction of READ_FRACTIONS) await round(fraction, true);
      } finally {
        tracker.close();
      }
      return {
        items: reads, seconds: total, cpuSeconds: cpuTotal, details,
        note: `instants at ${READ_FRACTIONS.join(', ')} of ${fixture.first} … ${fixture.last}, after a warm-up round at ${WARM_UP_FRACTION} (${ms(details.warmUpRound ?? 0)} for its 4 reads, uncounted); items = reads timed`,
      };
    }),
};

/** The store of target 4's second case: the bench log cut in the middle of the afternoon, with its conversations under way. */
const CUT_LINES = 950_000;

/**
 * Target 4: `createTracker({ store: openEventStore(dir) })`, three times each (the first is cold
 * in this process), on the 1M-event store closed at the end of the day (almost every
 * conversation finished and evicted) and on the first 950,000 lines of the same log (closed
 * while ~1,400 conversations are under way: they are rebuilt from their events at open).
 */
const reopenRow: BenchRow = {
  row: 'store-reopen',
  label: 'reopen a store of ~1M events: createTracker ready',
  prepare: async () => {
    await storedBenchLog();
    await storedBenchLog(CUT_LINES);
  },
  run: () =>
    measureStoreRow('store-reopen', reopenRow.label, async () => {
      const details: Record<string, number> = {};
      let slowest = { seconds: 0, cpuSeconds: 0 };
      const notes: string[] = [];
      for (const [name, fixture] of [['day', await storedBenchLog()], ['cut', await storedBenchLog(CUT_LINES)]] as const) {
        for (let i = 1; i <= 3; i++) {
          const opened = await timed(() => createTracker({ store: openEventStore(fixture.dir) }));
          details[`${name}.open${i}`] = opened.seconds;
          if (opened.seconds > slowest.seconds) slowest = opened;
          opened.value.close();
        }
        const store = openEventStore(fixture.dir);
        const resident = store.residentConversations().length;
        const { conversations } = store.counts();
        store.close();
        details[`${name}.events`] = fixture.events;
        details[`${name}.resident`] = resident;
        notes.push(
          `${int(fixture.events)} events up to ${fixture.last}, ${int(resident)} of ${int(conversations)} conversations resident (rebuilt at open), ` +
            `file ${mb(fixture.storeBytes)}: ${[1, 2, 3].map((i) => ms(details[`${name}.open${i}`]!)).join(', ')}`,
        );
      }
      return {
        items: details['cut.events']!, seconds: slowest.seconds, cpuSeconds: slowest.cpuSeconds, details,
        note: `time = the slowest open; ${notes.join('; ')}; OS page cache warm`,
      };
    }),
};

/** Target 5: `submit` in awaited batches (group commit) into a new store, synchronous FULL. */
const submitRow: BenchRow = {
  row: 'store-submit',
  label: `live on a store: submit() × ${SUBMIT_BATCH}, awaited per batch`,
  run: () =>
    measureStoreRow('store-submit', submitRow.label, async (probe) => {
      const events = readLogFile(benchLogFile(), SUBMIT_EVENTS);
      const warmUpDir = scratchStore('store-submit-warm-up');
      await submitAll(warmUpDir, generateLog({ minEvents: WARM_UP_EVENTS, seed: 7 }).events, SUBMIT_SECONDS);
      rmSync(warmUpDir, { recursive: true, force: true });
      const dir = scratchStore('store-submit');
      const { done, rejected, seconds, cpuSeconds, quarters } = await submitAll(dir, events, SUBMIT_SECONDS, probe);
      const reopened = openEventStore(dir);
      const stored = reopened.counts().events;
      reopened.close();
      rmSync(dir, { recursive: true, force: true });
      const details: Record<string, number> = { stored };
      quarters.forEach((q, i) => (details[`quarter${i + 1}`] = q));
      return {
        items: done, rejected, seconds, cpuSeconds, details,
        note: `first ${int(done)} events of the bench log (stops after ${SUBMIT_SECONDS} s), after a warm-up of ${int(WARM_UP_EVENTS)} events in another store; ` +
          `synchronous FULL; events/s by quarter of the run: ${quarters.map(int).join(', ')}; ${int(stored)} events in the store after close${stored === done ? '' : ' (≠ submitted!)'}`,
      };
    }),
};

/**
 * Submits `events` into a new store in `dir` in awaited batches of `SUBMIT_BATCH` (stopping
 * after `maxSeconds`) and closes it (the caller removes it); also gives the rate of each quarter
 * of the events.
 */
async function submitAll(dir: string, events: readonly TrackerEvent[], maxSeconds: number, probe?: MemoryProbe) {
  const tracker = createTracker({ store: openEventStore(dir) });
  let done = 0;
  let rejected = 0;
  let batches = 0;
  const marks: { done: number; at: number }[] = [];
  const run = await timed(async () => {
    const start = performance.now();
    marks.push({ done: 0, at: start });
    while (done < events.length && performance.now() - start < maxSeconds * 1000) {
      const batch = events.slice(done, done + SUBMIT_BATCH);
      const results = await Promise.all(batch.map((event) => tracker.submit(event)));
      for (const result of results) if (result.status !== 'applied') rejected++;
      done += batch.length;
      if (done >= (marks.length * events.length) / 4) marks.push({ done, at: performance.now() });
      if ((++batches & 0x3f) === 0) probe?.sample();
    }
    marks.push({ done, at: performance.now() });
  });
  tracker.close();
  const quarters = marks.slice(1).map((m, i) => (m.done - marks[i]!.done) / ((m.at - marks[i]!.at) / 1000)).filter((r) => Number.isFinite(r) && r > 0);
  return { done, rejected, seconds: run.seconds, cpuSeconds: run.cpuSeconds, quarters: quarters.slice(0, 4) };
}

/** Target 5's comparison: `apply` per event, each committed (synced) before it returns. */
const applyRow: BenchRow = {
  row: 'store-apply',
  label: 'live on a store: apply() per event, durable each',
  run: () =>
    measureStoreRow('store-apply', applyRow.label, async () => {
      const events = readLogFile(benchLogFile(), APPLY_EVENTS);
      const dir = scratchStore('store-apply');
      try {
        const tracker = createTracker({ store: openEventStore(dir) });
        let done = 0;
        let rejected = 0;
        const run = await timed(() => {
          const start = performance.now();
          while (done < events.length && performance.now() - start < APPLY_SECONDS * 1000) {
            if (tracker.apply(events[done]).status !== 'applied') rejected++;
            done++;
          }
        });
        tracker.close();
        return {
          items: done, rejected, seconds: run.seconds, cpuSeconds: run.cpuSeconds,
          note: `first ${int(done)} events of the bench log (stops after ${APPLY_SECONDS} s); synchronous FULL: a WAL sync per event`,
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
};

/** The store rows, in the order they run and print. */
export const STORE_ROWS: readonly BenchRow[] = [
  importRow('store-import-day', DAY_HOURS), importRow('store-import-week', WEEK_HOURS), bulkWeekRow,
  cliImportRow('store-cli-day', DAY_HOURS), cliImportRow('store-cli-week', WEEK_HOURS),
  atRow, readsRow, reopenRow, submitRow, applyRow,
];

const rate = (r: RowResult) => r.events / r.seconds;

/**
 * The store rows as a Markdown table: items, time, CPU, rate and peak RSS.
 *
 * @example
 * console.log(formatStore(results));
 */
export function formatStore(results: readonly RowResult[]): string {
  const header = ['row', 'items', 'time', 'CPU', 'items/s', 'peak RSS'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of results) {
    lines.push(`| ${[
      r.label, int(r.events), `${r.seconds.toFixed(3)} s`, r.cpuSeconds === undefined ? '–' : `${r.cpuSeconds.toFixed(3)} s`, int(rate(r)), mb(r.peakRssBytes),
    ].join(' | ')} |`);
  }
  const notes = results.filter((r) => r.note !== undefined).map((r) => `- ${r.label}: ${r.note}`);
  return [...lines, '', ...notes].join('\n');
}

/**
 * The store issue's targets, each with its measure, its baseline and whether it is met (by wall
 * clock; the CPU figures are for a busy machine). Targets whose rows did not run are left out.
 *
 * @example
 * console.log(formatStoreTargets(results)); // 'MET     reopen 1M events ≤ 2 s: …'
 */
export function formatStoreTargets(results: readonly RowResult[]): string {
  const row = (name: string) => results.find((r) => r.row === name);
  const lines: string[] = [];
  const check = (met: boolean, text: string) => lines.push(`${met ? 'MET    ' : 'NOT MET'} ${text}`);
  const cpuRate = (r: RowResult) => (r.cpuSeconds === undefined ? NaN : r.events / r.cpuSeconds);

  // 1. Import: memory flat in the log's length, throughput near the in-memory replay.
  for (const [kind, day, week] of [['replayLog + store', row('store-import-day'), row('store-import-week')], ['CLI replay --data', row('store-cli-day'), row('store-cli-week')]] as const) {
    if (day && week) {
      const ratio = week.peakRssBytes / day.peakRssBytes;
      check(ratio <= 1.5, `1. ${kind}: peak RSS of a week ≤ 1.5 × a day's: ${mb(week.peakRssBytes)} / ${mb(day.peakRssBytes)} = ${ratio.toFixed(2)} ×`);
    }
  }
  const bulk = row('store-bulk-week');
  for (const [kind, week] of [['replayLog + store', row('store-import-week')], ['CLI replay --data (output included)', row('store-cli-week')]] as const) {
    if (bulk && week) {
      const ratio = rate(week) / rate(bulk);
      check(ratio >= 0.5, `1. ${kind}: import throughput ≥ 0.5 × in-memory replayLog of the week: ${int(rate(week))} / ${int(rate(bulk))} events/s = ${ratio.toFixed(3)} × (by CPU time: ${(cpuRate(week) / cpuRate(bulk)).toFixed(3)} ×)`);
    }
  }

  // 2. Time travel from the store vs re-reading the log.
  const at = row('store-at')?.details;
  if (at) {
    for (const name of ['middle', 'end']) {
      const [store, cli, memory] = [at[`store.${name}`]!, at[`cli.${name}`]!, at[`memory.${name}`]!];
      const speedUp = memory / store;
      check(speedUp >= 10, `2. --at the ${name} of the day (${int(at[`conversations.${name}`]!)} conversations): library on the store ${ms(store)} vs in-memory replayLog(log, { at }) ${ms(memory)} = ${speedUp.toFixed(1)} × faster (by CPU time: ${(at[`memoryCpu.${name}`]! / at[`storeCpu.${name}`]!).toFixed(1)} ×)`);
      check(memory / cli >= 10, `2. --at the ${name}, CLI: replay --data --at (process start-up and output included) ${ms(cli)} vs the same in-memory baseline = ${(memory / cli).toFixed(1)} × faster (CPU ${at[`cliCpu.${name}`]!.toFixed(2)} s, peak RSS ${mb(at[`cliRss.${name}`]!)})`);
    }
  }

  // 3. Reads on a store-backed tracker.
  const reads = row('store-reads')?.details;
  if (reads) {
    const of = (op: string) => READ_FRACTIONS.map((f) => reads[`${op}@${f}`]).filter((x): x is number => x !== undefined);
    const list = (op: string) => of(op).map(ms).join(', ');
    const worst = (op: string) => Math.max(...of(op));
    const worstCpu = (op: string) => ms(Math.max(...of(`cpu:${op}`)));
    const counts = READ_FRACTIONS.map((f) => int(reads[`activeCount@${f}`] ?? 0)).join(', ');
    check(worst('active') <= 0.02, `3. at(t).active() ≤ 20 ms at each t: worst ${ms(worst('active'))}, CPU ${worstCpu('active')} (${list('active')}; under way: ${counts})`);
    check(worst('conversationNow') <= 0.02, `3. at(t).conversation(id) ≤ 20 ms, one under way at t: worst ${ms(worst('conversationNow'))}, CPU ${worstCpu('conversationNow')} (${list('conversationNow')})`);
    check(worst('conversationHourAgo') <= 0.02, `3. at(t).conversation(id) ≤ 20 ms, one under way 1 h before t: worst ${ms(worst('conversationHourAgo'))}, CPU ${worstCpu('conversationHourAgo')} (${list('conversationHourAgo')})`);
    check(worst('metrics') <= 0.05, `3. computeMetrics({ from: t − 30 min, at: t }) ≤ 50 ms: worst ${ms(worst('metrics'))}, CPU ${worstCpu('metrics')} (${list('metrics')}; offered in the half hour: ${READ_FRACTIONS.map((f) => int(reads[`offered@${f}`] ?? 0)).join(', ')})`);
  }

  // 4. Reopening.
  const reopen = row('store-reopen');
  const opens = reopen?.details;
  if (reopen && opens) {
    for (const name of ['day', 'cut']) {
      const worst = Math.max(...[1, 2, 3].map((i) => opens[`${name}.open${i}`]!));
      check(worst <= 2, `4. createTracker({ store: openEventStore(dir) }) ≤ 2 s, ${int(opens[`${name}.events`]!)} events, ${int(opens[`${name}.resident`]!)} conversations resident: slowest of 3 ${ms(worst)}`);
    }
    lines.push(`        4. peak RSS of the reopen row: ${mb(reopen.peakRssBytes)}`);
  }

  // 5. Live, durable.
  const submit = row('store-submit');
  if (submit) check(rate(submit) >= 20_000, `5. submit() with group commit ≥ 20,000 events/s, each durable when it resolves: ${int(rate(submit))} events/s (by CPU time: ${int(cpuRate(submit))})`);
  const apply = row('store-apply');
  if (apply) lines.push(`        5. for comparison, apply() durable per event: ${int(rate(apply))} events/s (${ms(apply.seconds / apply.events)} per event)`);
  return lines.join('\n');
}
