/**
 * Crash tests of the event store (`npm run test:crash`, after a build): child processes are
 * killed with SIGKILL at random points, and after every kill the store must open, hold every
 * acknowledged event exactly once, and let the same work run again to the state of an
 * uninterrupted run.
 *
 * The randomness is seeded: the seed is in each test's name; `CRASH_SEED=<n> npm run test:crash`
 * runs the same kill plans again (the timing of a busy machine still moves the kill points).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTracker, openEventStore, type Tracker, type TrackerEvent } from '../../src/index.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repoRoot, 'dist', 'cli', 'main.js');
const packageUrl = pathToFileURL(join(repoRoot, 'dist', 'index.js')).href;

const seed = process.env.CRASH_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.CRASH_SEED);
/** Kills per test, at least. */
const KILLS = 12;
/** Rounds per test at most (a round the kill misses, because the child finished first, is not a kill). */
const MAX_ROUNDS = 40;
/** `replayLog`'s default batch: `replay --data` commits every this many lines in one transaction. */
const REPLAY_BATCH_LINES = 10_000;

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function random(from: number): () => number {
  let state = from >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (next: () => number, low: number, high: number) => Math.floor(low + next() * (high - low + 1));

// ---------------------------------------------------------------------------------------------
// Child processes: every one is killed and awaited, whatever happens to the test.

const live = new Set<ChildProcess>();

afterEach(async () => {
  await Promise.all([...live].map((child) => stop(child)));
});

/** Kills a child (SIGKILL) unless it has ended, and waits until it has. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  live.delete(child);
}

/** When to kill a run: so long after it started, or so long after it wrote so many lines. */
interface KillPlan {
  readonly afterMs?: number;
  readonly afterLines?: number;
  readonly thenMs?: number;
}

interface Run {
  /** The complete lines of stdout (a line cut by the kill is left out). */
  readonly lines: string[];
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The run was ended by the plan's SIGKILL (not by finishing first). */
  readonly killed: boolean;
  readonly ms: number;
}

/** Runs `node <args>` to its end, or to the kill of `plan`; never longer than `limitMs`. */
async function run(args: string[], plan: KillPlan | undefined, limitMs = 120_000): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const stdoutChunks: Buffer[] = [];
  let stderr = '';
  let newlines = 0;
  let killed = false;
  let limitReached = false;
  const timers: NodeJS.Timeout[] = [];
  const kill = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killed = child.kill('SIGKILL');
  };
  let afterLines = plan?.afterLines;
  child.stdout.on('data', (chunk: Buffer) => {
    stdoutChunks.push(chunk);
    if (afterLines === undefined) return;
    for (const byte of chunk) if (byte === 10) newlines++;
    if (newlines >= afterLines) {
      afterLines = undefined;
      if (!plan?.thenMs) kill();
      else timers.push(setTimeout(kill, plan.thenMs));
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  if (plan?.afterMs !== undefined) timers.push(setTimeout(kill, plan.afterMs));
  timers.push(
    setTimeout(() => {
      limitReached = true;
      child.kill('SIGKILL');
    }, limitMs),
  );
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode: number | null, exitSignal: NodeJS.Signals | null) => resolve([exitCode, exitSignal]));
    });
    if (limitReached) throw new Error(`node ${args.join(' ')} ran longer than ${limitMs} ms; stderr: ${stderr}`);
    const stdout = Buffer.concat(stdoutChunks).toString('utf8');
    const lines = stdout.split('\n');
    lines.pop(); // the text after the last newline: empty, or a line the kill cut
    return { lines, stdout, stderr, code, signal, killed: killed && signal === 'SIGKILL', ms: Date.now() - started };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await stop(child);
  }
}

/** Writes a simulated log with the CLI; returns its events. */
function simulateLog(file: string, options: string[]): TrackerEvent[] {
  const result = spawnSync(process.execPath, [bin, 'simulate', ...options, '--out', file], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as TrackerEvent);
}

/** Copies a store's files (as a killed process left them) into a new directory under `parent`. */
function copyStore(dir: string, parent: string): string {
  const copy = mkdtempSync(join(parent, 'copy-'));
  if (existsSync(dir)) for (const name of readdirSync(dir)) copyFileSync(join(dir, name), join(copy, name));
  return copy;
}

/** The ids of the stored events, in the order stored, read without the library (after the store is closed). */
function storedIds(dir: string): string[] {
  const db = new Database(join(dir, 'events.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id FROM events ORDER BY seq').pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** Ids that occur more than once. */
const repeated = (ids: readonly string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

/** The standing rejections of a tracker, without arrival numbers (a resumed run numbers its inputs on from the store's). */
const rejectionsOf = (tracker: Tracker) =>
  tracker.rejections().map((r) => ({ id: r.event.id, reason: r.reason, message: r.message, field: r.field }));

beforeAll(() => {
  expect(existsSync(bin) && existsSync(fileURLToPath(packageUrl)), 'dist/ is missing: npm run build (npm run test:crash builds first)').toBe(true);
});

// ---------------------------------------------------------------------------------------------

/**
 * The child of the library test: opens the store in `dir`, then submits (in groups it does not
 * wait between) and sometimes applies the events of the log in order, and writes
 * `<status> <event id>` on stdout right after each result is given (process.stdout is
 * synchronous on a pipe: the line is out before the next event is touched). `open` and `done`
 * mark the store opened and the tracker closed.
 */
const LIBRARY_CHILD = `
const [, , packageUrl, logFile, dir, seedArg, retentionArg] = process.argv;
const { readFileSync } = await import('node:fs');
const { openEventStore, createTracker } = await import(packageUrl);
const events = readFileSync(logFile, 'utf8').split('\\n').filter((line) => line !== '').map((line) => JSON.parse(line));
let state = Number(seedArg) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const tracker = createTracker({ store: openEventStore(dir), retentionMs: Number(retentionArg) });
process.stdout.write('open\\n');
const acknowledge = (result, id) => process.stdout.write(result.status + ' ' + id + '\\n');
let next = 0;
while (next < events.length) {
  if (random() < 0.15) {
    const event = events[next++];
    acknowledge(tracker.apply(event), event.id);
    continue;
  }
  const group = events.slice(next, next + 1 + Math.floor(random() * 40));
  next += group.length;
  await Promise.all(group.map((event) => tracker.submit(event).then((result) => acknowledge(result, event.id))));
}
tracker.close();
process.stdout.write('done\\n');
`;

describe('the store survives SIGKILL at random points', () => {
  it(`library: submit/apply killed ≥ ${KILLS} times loses no acknowledged event, applies none twice, and resumes to an uninterrupted run's state (seed ${seed})`, async () => {
    const next = random(seed);
    const work = mkdtempSync(join(tmpdir(), 'pt-crash-lib-'));
    try {
      const log = join(work, 'log.jsonl');
      const events = simulateLog(log, ['--seed', String(seed % 100_000), '--duration', '2h', '--arrivals-per-hour', '120', '--agents', '10']);
      const script = join(work, 'child.mjs');
      writeFileSync(script, LIBRARY_CHILD);
      const storeDir = join(work, 'store');
      const copies = join(work, 'copies');
      mkdirSync(copies);
      // A short retention: conversations leave memory during the run, and come back as duplicates arrive.
      const retentionMs = 60_000;
      const logIds = new Set(events.map((e) => e.id));
      const conversationIds = [...new Set(events.map((e) => e.conversationId))];

      const memory = createTracker();
      memory.load(events);
      const memoryEvents = new Map<string, TrackerEvent>();
      for (const id of conversationIds) for (const event of memory.history(id)) memoryEvents.set(event.id, event);

      /** Every id acknowledged so far, in any round. */
      const acknowledged = new Set<string>();
      /** The ids in the store as the last run left it. */
      let stored = new Set<string>();
      const where = { beforeOpen: 0, working: 0, closing: 0 };

      /** Checks a run's results against what was stored before it; adds its acknowledgements. */
      const checkResults = (result: Run, context: string) => {
        const statuses: Record<string, number> = {};
        for (const line of result.lines) {
          if (line === 'open' || line === 'done') continue;
          const [status, id] = line.split(' ') as [string, string];
          statuses[status] = (statuses[status] ?? 0) + 1;
          expect(status, `${context}: event ${id}`).toBe(stored.has(id) ? 'duplicate' : 'applied');
          acknowledged.add(id);
        }
        return statuses;
      };

      /** Opens a copy of the store as the kill left it; checks it holds every acknowledged event once. Returns its ids. */
      const checkStore = (context: string): Set<string> => {
        const copy = copyStore(storeDir, copies);
        try {
          let tracker: Tracker;
          try {
            tracker = createTracker({ store: openEventStore(copy), retentionMs });
          } catch (error) {
            throw new Error(`${context}: the store does not open: ${String(error)}`);
          }
          const applied: string[] = [];
          let rejectedIds: string[];
          try {
            for (const id of conversationIds) {
              for (const event of tracker.history(id)) {
                applied.push(event.id);
                expect(event, `${context}: stored event ${event.id}`).toEqual(memoryEvents.get(event.id));
              }
            }
            rejectedIds = tracker.rejections().map((r) => r.event.id);
          } finally {
            tracker.close();
          }
          expect(repeated(applied), `${context}: events applied twice`).toEqual([]);
          const ids = storedIds(copy);
          expect(repeated(ids), `${context}: events stored twice`).toEqual([]);
          expect(ids.filter((id) => !logIds.has(id)), `${context}: stored events not in the log`).toEqual([]);
          expect(new Set(ids), `${context}: the stored events are the applied ones and the standing rejections`).toEqual(new Set([...applied, ...rejectedIds]));
          const idSet = new Set(ids);
          const lost = [...acknowledged].filter((id) => !idSet.has(id));
          expect(lost, `${context}: acknowledged events lost`).toEqual([]);
          const gone = [...stored].filter((id) => !idSet.has(id));
          expect(gone, `${context}: events stored before this run are gone`).toEqual([]);
          return idSet;
        } finally {
          rmSync(copy, { recursive: true, force: true });
        }
      };

      const args = () => [script, packageUrl, log, storeDir, String(between(next, 1, 2 ** 30)), String(retentionMs)];
      let kills = 0;
      let rounds = 0;
      while (kills < KILLS) {
        rounds++;
        expect(rounds, `more than ${MAX_ROUNDS} rounds for ${KILLS} kills`).toBeLessThanOrEqual(MAX_ROUNDS);
        // One kill in five comes at a time after the start (starting, opening, rebuilding the
        // conversations under way); the others after a random number of lines (`open`, then one per
        // result; all of them: while closing), a little later.
        const plan: KillPlan =
          next() < 0.2 ? { afterMs: between(next, 0, 1500) } : { afterLines: between(next, 1, events.length + 1), thenMs: between(next, 0, 20) };
        const context = `round ${rounds} (seed ${seed}, kill ${JSON.stringify(plan)})`;
        const result = await run(args(), plan);
        checkResults(result, context);
        if (result.killed) {
          kills++;
          if (!result.lines.includes('open')) where.beforeOpen++;
          else if (!result.lines.includes('done') && result.lines.length < events.length + 1) where.working++;
          else where.closing++;
        } else {
          expect({ code: result.code, stderr: result.stderr, last: result.lines.at(-1) }, context).toEqual({ code: 0, stderr: '', last: 'done' });
        }
        stored = checkStore(context);
      }

      const acknowledgedBeforeFinal = acknowledged.size;
      // The same work once more, to its end: what was stored is a duplicate, the rest is applied.
      const context = `final round (seed ${seed})`;
      const final = await run(args(), undefined);
      expect({ code: final.code, stderr: final.stderr, last: final.lines.at(-1) }, context).toEqual({ code: 0, stderr: '', last: 'done' });
      const statuses = checkResults(final, context);
      expect(statuses, context).toEqual({
        ...(stored.size > 0 ? { duplicate: stored.size } : {}),
        ...(stored.size < events.length ? { applied: events.length - stored.size } : {}),
      });

      // The store itself (not a copy) opens, and reads as the uninterrupted run in memory.
      const tracker = createTracker({ store: openEventStore(storeDir), retentionMs });
      try {
        expect(tracker.conversations(), context).toEqual(memory.conversations());
        expect(rejectionsOf(tracker), context).toEqual(rejectionsOf(memory));
        for (const id of conversationIds) expect(tracker.history(id), `${context}: history of ${id}`).toEqual(memory.history(id));
      } finally {
        tracker.close();
      }
      const ids = storedIds(storeDir);
      expect(ids.length, context).toBe(events.length);
      expect(new Set(ids), context).toEqual(logIds);
      console.log(
        `library crash test (seed ${seed}): ${events.length} events, ${rounds} rounds, ${kills} kills ` +
          `(${where.beforeOpen} before the store was open, ${where.working} while events were applied, ${where.closing} while closing), ` +
          `${acknowledgedBeforeFinal} events acknowledged and ${stored.size} stored before the final round`,
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it(`CLI: replay --data killed ≥ ${KILLS} times opens after every kill, and the re-run completes as an uninterrupted replay (seed ${seed})`, async () => {
    const next = random(seed ^ 0x5bd1e995);
    const work = mkdtempSync(join(tmpdir(), 'pt-crash-cli-'));
    try {
      const log = join(work, 'log.jsonl');
      const events = simulateLog(log, ['--seed', String(seed % 100_000), '--arrivals-per-hour', '600', '--agents', '60', '--duration', '4h']);
      const lines = events.length;
      let storeDir = join(work, 'store-1');
      const copies = join(work, 'copies');
      mkdirSync(copies);
      const logIds = new Set(events.map((e) => e.id));
      // The stored events are always those of whole batches: the first 0, 10,000, 20,000… lines, or all of them.
      const batchEnds = new Map<number, Set<string>>();
      for (let end = 0; end < lines; end += REPLAY_BATCH_LINES) batchEnds.set(end, new Set(events.slice(0, end).map((e) => e.id)));
      batchEnds.set(lines, logIds);

      const summaryOf = (stderr: string) => stderr.split('\n').find((line) => line.startsWith('replay: '));
      const sorted = (stdout: string) => stdout.split('\n').filter((line) => line !== '').sort();

      const uninterrupted = await run([bin, 'replay', log], undefined);
      expect({ code: uninterrupted.code, summary: summaryOf(uninterrupted.stderr) }).toEqual({
        code: 0, summary: `replay: ${lines} lines read, ${lines} applied, 0 duplicates, 0 rejected`,
      });
      const expected = sorted(uninterrupted.stdout);
      expect(expected.length).toBeGreaterThan(0);

      /** Opens a copy of the store as the kill left it, with a tracker; checks that it holds whole batches, once each. Returns their count. */
      const checkStore = (context: string, before: number): number => {
        const copy = copyStore(storeDir, copies);
        try {
          try {
            const tracker = createTracker({ store: openEventStore(copy) });
            tracker.conversations();
            tracker.close();
          } catch (error) {
            throw new Error(`${context}: the store does not open: ${String(error)}`);
          }
          if (!existsSync(join(storeDir, 'events.db'))) return 0; // killed before the store was created
          const ids = storedIds(copy);
          expect(repeated(ids), `${context}: events stored twice`).toEqual([]);
          expect(new Set(ids), `${context}: the stored events are whole batches`).toEqual(batchEnds.get(ids.length) ?? new Set(['(not a batch end)']));
          expect(ids.length, `${context}: events stored before this run are gone`).toBeGreaterThanOrEqual(before);
          return ids.length;
        } finally {
          rmSync(copy, { recursive: true, force: true });
        }
      };

      /** A run that was not killed: it completed, stored events counted as duplicates, nothing rejected, the output of the uninterrupted replay. */
      const checkCompleted = (result: Run, stored: number, context: string) => {
        expect({ code: result.code, summary: summaryOf(result.stderr) }, context).toEqual({
          code: 0, summary: `replay: ${lines} lines read, ${lines - stored} applied, ${stored} duplicates, 0 rejected`,
        });
        expect(sorted(result.stdout), `${context}: snapshots`).toEqual(expected);
      };

      // Kills are spread over a whole run, whose length is taken to be that of the longest run so far
      // (the uninterrupted replay, the runs the kill missed). A run the kill missed has filled the
      // store: while kills are still due, the next series starts on a new store, so that kills keep
      // landing while a store fills, not only on re-runs that find every event stored.
      let runMs = uninterrupted.ms;
      let series = 1;
      let stored = 0;
      let kills = 0;
      let rounds = 0;
      const killedAt: string[] = [];
      while (kills < KILLS) {
        rounds++;
        expect(rounds, `more than ${MAX_ROUNDS} rounds for ${KILLS} kills`).toBeLessThanOrEqual(MAX_ROUNDS);
        const plan = { afterMs: between(next, 0, runMs) };
        const context = `series ${series}, round ${rounds} (seed ${seed}, kill ${JSON.stringify(plan)}, ${stored} events stored before)`;
        const result = await run([bin, 'replay', log, '--data', storeDir], plan);
        const before = stored;
        stored = checkStore(context, before);
        if (result.killed) {
          kills++;
          killedAt.push(`${plan.afterMs}ms:${before}→${stored}${result.stdout.length > 0 ? '+output' : ''}`);
        } else {
          checkCompleted(result, before, context);
          expect(stored, context).toBe(lines);
          runMs = Math.max(runMs, result.ms);
          killedAt.push(`(${result.ms}ms:${before}→${stored}, completed)`);
          if (kills < KILLS) {
            rmSync(storeDir, { recursive: true, force: true });
            storeDir = join(work, `store-${++series}`);
            stored = 0;
          }
        }
      }

      // The same command once more, to its end.
      const context = `final run (seed ${seed}, series ${series}, ${stored} events stored before)`;
      const final = await run([bin, 'replay', log, '--data', storeDir], undefined);
      checkCompleted(final, stored, context);
      expect(checkStore(context, stored), context).toBe(lines);
      console.log(
        `CLI crash test (seed ${seed}): ${lines} lines, uninterrupted replay ${uninterrupted.ms} ms, final --data run ${final.ms} ms, ` +
          `${rounds} rounds in ${series} series, ${kills} kills (delay:events stored before→after; +output: killed while writing ` +
          `snapshots): ${killedAt.join(', ')}`,
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
