import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { availableParallelism, loadavg } from 'node:os';
import { BENCH_LOG_FILE, CORE_ROWS, LOG_EVENTS, writeBenchLog } from './core.js';
import { ingestRow } from './ingest.js';
import { REPLAY_ROWS } from './replay.js';
import { simulateRow } from './simulate.js';
import { formatServeTargets, SERVE_ROWS } from './serve.js';
import { formatGenesysConnectorTargets, genesysConnectorRow } from './genesys-connector.js';
import { formatScaleTargets, SCALE_ROWS } from './scale-out.js';
import { formatStore, formatStoreTargets, STORE_ROWS } from './store.js';
import type { BenchRow, RowResult } from './measure.js';
import { BenchUsageError, medianRun, roundsFrom } from './rounds.js';

/**
 * The bench: `node dist-bench/bench/index.js [--rounds N] [row…]` runs every row (or the named
 * ones), each in a child process of its own (so that heap and RSS peaks do not mix), and prints
 * one table and the performance targets. With `--rounds N`, every row runs N times, round after
 * round, and the run with the median wall time is reported (a shared machine moves a single run
 * by up to a third). A row is a `BenchRow` exported from a `bench/*.ts` file and listed
 * in `ROWS`.
 *
 * To profile one row: `node --expose-gc --cpu-prof dist-bench/bench/index.js --row live`.
 */
const ROWS: readonly BenchRow[] = [...CORE_ROWS, ...REPLAY_ROWS, simulateRow, ingestRow, genesysConnectorRow, ...STORE_ROWS, ...SERVE_ROWS, ...SCALE_ROWS];

/** Rows of whole jobs (items per second), printed in a table of their own. */
const JOB_ROWS = new Set(['replay-floor', 'replay', 'simulate', 'ingest', 'genesys-connector']);

/** Rows of the event store (`bench/store.ts`), printed in a table and a section of targets of their own. */
const STORE_ROW_NAMES = new Set(STORE_ROWS.map((r) => r.row));

/** Rows of the live service (`bench/serve.ts`), printed as targets of their own. */
const SERVE_ROW_NAMES = new Set(SERVE_ROWS.map((r) => r.row));

/** Rows of the scale-out on NATS JetStream (`bench/scale-out.ts`), printed as figures of their own. */
const SCALE_ROW_NAMES = new Set(SCALE_ROWS.map((r) => r.row));

const RESULT_PREFIX = 'BENCH-RESULT ';

/** Runs one row in this process and writes its result on stdout. */
async function runChild(name: string): Promise<void> {
  const row = ROWS.find((r) => r.row === name);
  if (row === undefined) throw new Error(`no bench row named ${name} (rows: ${ROWS.map((r) => r.row).join(', ')})`);
  const result = await row.run();
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** Runs one row in a child process; rejects when the child fails. */
function runInChild(row: BenchRow): Promise<RowResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--row', row.row], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = output.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || line === undefined) reject(new Error(`bench row ${row.row} failed (exit code ${code})`));
      else resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as RowResult);
    });
  });
}

const rate = (r: RowResult) => r.events / r.seconds;
const cpuRate = (r: RowResult) => (r.cpuSeconds === undefined ? undefined : r.events / r.cpuSeconds);
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const int = (n: number) => Math.round(n).toLocaleString('en');

/**
 * Formats results as a Markdown table: rate, ratios to the ceiling and to the naive build,
 * memory, and heap per finished participant.
 *
 * @example
 * console.log(formatTable(results));
 */
export function formatTable(results: readonly RowResult[]): string {
  const ceiling = results.find((r) => r.row === 'ceiling');
  const naive = results.find((r) => r.row === 'naive');
  const header = [
    'row', 'events', 'participants', 'rejected', 'time', 'CPU', 'events/s', 'events/CPU s', '× ceiling', '× naive',
    'peak heap', 'peak RSS', 'input heap', 'retained heap', 'heap/participant',
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of results) {
    lines.push(`| ${[
      r.label, int(r.events), int(r.participants), int(r.rejected), `${r.seconds.toFixed(2)} s`, r.cpuSeconds === undefined ? '–' : `${r.cpuSeconds.toFixed(2)} s`, int(rate(r)),
      r.cpuSeconds === undefined ? '–' : int(r.events / r.cpuSeconds),
      ceiling ? `${(rate(r) / rate(ceiling)).toFixed(3)}` : '–',
      naive ? `${(rate(r) / rate(naive)).toFixed(1)}` : '–',
      mb(r.peakHeapBytes), mb(r.peakRssBytes), mb(r.inputHeapBytes), mb(r.retainedHeapBytes),
      r.participants > 0 ? `${int(r.retainedHeapBytes / r.participants)} B` : '–',
    ].join(' | ')} |`);
  }
  const notes = results.filter((r) => r.note !== undefined).map((r) => `- ${r.label}: ${r.note}`);
  return [...lines, '', ...notes].join('\n');
}

/**
 * Formats the job rows (replay from disk, simulate, ingest): items per second, CPU, peak memory,
 * and the replay's ratio to its floor.
 *
 * @example
 * console.log(formatJobs(results));
 */
export function formatJobs(results: readonly RowResult[]): string {
  const floor = results.find((r) => r.row === 'replay-floor');
  const header = ['job', 'items', 'time', 'CPU', 'items/s', 'items/CPU s', '× floor', 'peak heap', 'peak RSS'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of results) {
    lines.push(`| ${[
      r.label, int(r.events), `${r.seconds.toFixed(2)} s`, r.cpuSeconds === undefined ? '–' : `${r.cpuSeconds.toFixed(2)} s`, int(rate(r)),
      r.cpuSeconds === undefined ? '–' : int(r.events / r.cpuSeconds),
      floor && r.row.startsWith('replay') ? (rate(r) / rate(floor)).toFixed(3) : '–', mb(r.peakHeapBytes), mb(r.peakRssBytes),
    ].join(' | ')} |`);
  }
  const notes = results.filter((r) => r.note !== undefined).map((r) => `- ${r.label}: ${r.note}`);
  return [...lines, '', ...notes].join('\n');
}

/** `a / b` of two rows' rates, by wall clock and, when both were measured, by CPU time. */
function ratio(a: RowResult, b: RowResult): string {
  const [ca, cb] = [cpuRate(a), cpuRate(b)];
  const byCpu = ca !== undefined && cb !== undefined ? ` (by CPU time: ${(ca / cb).toFixed(3)} ×)` : '';
  return `${(rate(a) / rate(b)).toFixed(3)} ×${byCpu}`;
}

/** A row's rate by wall clock and, when measured, by CPU time. */
function rates(r: RowResult): string {
  const c = cpuRate(r);
  return `${int(rate(r))}${c === undefined ? '' : ` (by CPU time: ${int(c)})`}`;
}

/**
 * The issue's targets, each with the measured value (by wall clock, and by CPU time for a
 * reader on a busy machine) and whether it is met. Targets whose rows were not run are left out.
 *
 * @example
 * formatTargets(results); // 'MET    bulk ≥ 1,000,000 events/s: 1,234,567'…
 */
export function formatTargets(results: readonly RowResult[]): string {
  const byRow = new Map(results.map((r) => [r.row, r]));
  const lines: string[] = [];
  const check = (met: boolean, text: string) => lines.push(`${met ? 'MET   ' : 'MISSED'} ${text}`);
  const { bulk, live, naive, ceiling } = Object.fromEntries(byRow) as Partial<Record<string, RowResult>>;
  if (bulk) check(rate(bulk) >= 1e6, `bulk ≥ 1,000,000 events/s: ${rates(bulk)}`);
  if (bulk && ceiling) check(rate(bulk) >= 0.33 * rate(ceiling), `bulk ≥ 0.33 × ceiling: ${ratio(bulk, ceiling)}`);
  if (live) check(rate(live) >= 2e5, `live ≥ 200,000 events/s: ${rates(live)}`);
  if (live && ceiling) check(rate(live) >= 0.2 * rate(ceiling), `live ≥ 0.2 × ceiling: ${ratio(live, ceiling)}`);
  if (live && naive) check(rate(live) >= 20 * rate(naive), `live ≥ 20 × naive: ${ratio(live, naive)}`);
  for (const r of [live, bulk]) {
    if (r) check(r.retainedHeapBytes / r.participants <= 1536, `${r.row}: ≤ 1.5 KB heap per finished participant: ${int(r.retainedHeapBytes / r.participants)} B`);
    if (r) check(r.retainedHeapBytes / r.events <= 200, `${r.row}: ≤ 200 B heap per stored event: ${int(r.retainedHeapBytes / r.events)} B; peak heap ${mb(r.peakHeapBytes)}`);
  }
  const { replay, 'replay-floor': floor } = Object.fromEntries(byRow) as Partial<Record<string, RowResult>>;
  if (replay && floor) check(rate(replay) >= 0.5 * rate(floor), `replay from disk ≥ 0.5 × JSON.parse + Map floor (issue 3): ${ratio(replay, floor)}; peak RSS ${mb(replay.peakRssBytes)} vs floor ${mb(floor.peakRssBytes)}`);
  const simulated = byRow.get('simulate');
  if (simulated) lines.push(`       simulate (issue 4): ${rates(simulated)} events/s`);
  const ingested = byRow.get('ingest');
  if (ingested) lines.push(`       ingest (issue 5): ${rates(ingested)} snapshots/s`);
  const connector = formatGenesysConnectorTargets(results);
  if (connector.length > 0) lines.push(connector);
  const validation = byRow.get('validation');
  for (const r of [bulk, live]) {
    if (r && validation) lines.push(`       validation (parseEvent) share of ${r.row}: ${((100 * rate(r)) / rate(validation)).toFixed(0)} % of its time`);
  }
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const rowFlag = argv.indexOf('--row');
  if (rowFlag >= 0) return runChild(argv[rowFlag + 1] ?? '');
  const rounds = roundsFrom(argv);
  const named = argv.filter((a, i) => a !== '--rounds' && argv[i - 1] !== '--rounds');
  const chosen = named.length > 0 ? ROWS.filter((r) => named.includes(r.row)) : ROWS;
  const unknown = named.filter((a) => !ROWS.some((r) => r.row === a));
  if (unknown.length > 0) throw new BenchUsageError(`no bench row named ${unknown.join(', ')} (rows: ${ROWS.map((r) => r.row).join(', ')})`);
  writeBenchLog();
  const [load1] = loadavg();
  console.log(
    `participant-tracker bench: a generated log of ≥ ${int(LOG_EVENTS)} events (${BENCH_LOG_FILE}); each row in its own process.\n` +
      `Node ${process.version}, ${availableParallelism()} CPUs, load average ${load1!.toFixed(1)} before the run` +
      `${load1! > availableParallelism() / 2 ? ' (a busy machine: wall-clock rates are low; compare the CPU column)' : ''}` +
      `${rounds > 1 ? `; ${rounds} rounds, each row's median run reported` : ''}.\n`,
  );
  const runs = new Map<BenchRow, RowResult[]>(chosen.map((row) => [row, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const row of chosen) {
      if (round === 1) await row.prepare?.();
      process.stderr.write(`running ${row.row}${rounds > 1 ? ` (round ${round} of ${rounds})` : ''}…\n`);
      runs.get(row)!.push(await runInChild(row));
    }
  }
  const results = chosen.map((row) => medianRun(runs.get(row)!));
  const core = results.filter((r) => !JOB_ROWS.has(r.row) && !STORE_ROW_NAMES.has(r.row) && !SERVE_ROW_NAMES.has(r.row) && !SCALE_ROW_NAMES.has(r.row));
  const jobs = results.filter((r) => JOB_ROWS.has(r.row));
  const store = results.filter((r) => STORE_ROW_NAMES.has(r.row));
  if (core.length > 0) console.log(formatTable(core));
  if (jobs.length > 0) console.log(`\nJobs\n${formatJobs(jobs)}`);
  const targets = formatTargets(results);
  if (targets.length > 0) console.log(`\nTargets\n${targets}`);
  if (store.length > 0) console.log(`\nStore\n${formatStore(store)}\n\nStore targets\n${formatStoreTargets(store)}`);
  const served = results.filter((r) => SERVE_ROW_NAMES.has(r.row));
  if (served.length > 0) console.log(`\nService targets\n${formatServeTargets(served)}`);
  const scaled = results.filter((r) => SCALE_ROW_NAMES.has(r.row));
  if (scaled.length > 0) console.log(`\nScale-out (NATS JetStream)\n${formatScaleTargets(scaled)}`);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  process.stderr.write(`bench: ${error.message}\n`);
  process.exitCode = 2;
}
