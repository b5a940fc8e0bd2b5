import { fileURLToPath } from 'node:url';
import { parseEvent } from '../src/events/parse-event.js';
import type { TrackerEvent } from '../src/events/tracker-event.js';
import { createTracker, type Tracker } from '../src/tracker/create-tracker.js';
import { ceilingFold } from './ceiling.js';
import { generateLog } from './generate-log.js';
import { ensureLogFile, readLogFile, writeLogFile } from './log-file.js';
import { measureFold, SAMPLE_MASK, type BenchRow, type MemoryProbe } from './measure.js';
import { createNaiveTracker } from './naive.js';

/** Size of the bench log: at least this many events (about 270k participants). */
export const LOG_EVENTS = 1_000_000;
/** The naive build runs on this prefix of the bench log: on all of it, it would take an hour. */
export const NAIVE_PREFIX = 50_000;
const WARM_UP_EVENTS = 20_000;

/** Where the bench log is written once per run, for every row to read (git ignores `bench/.data/`). */
export const BENCH_LOG_FILE = fileURLToPath(new URL('../../bench/.data/bench-log.jsonl', import.meta.url));

const generateBenchLog = () => generateLog({ minEvents: LOG_EVENTS }).events;

/**
 * Generates the bench log and writes it to `BENCH_LOG_FILE` (the bench does this once, before
 * its rows run, so the file always matches the generator).
 *
 * @example
 * writeBenchLog(); readLogFile(BENCH_LOG_FILE).length >= LOG_EVENTS; // true
 */
export function writeBenchLog(): void {
  writeLogFile(BENCH_LOG_FILE, generateBenchLog());
}

/**
 * The path of the bench log, written first if missing (for rows that read it from disk).
 *
 * @example
 * createReadStream(benchLogFile());
 */
export function benchLogFile(): string {
  return ensureLogFile(BENCH_LOG_FILE, generateBenchLog);
}

/**
 * The bench log (deterministic: every row folds the same events), read from `BENCH_LOG_FILE`
 * (written first if missing): each event as `JSON.parse` gives it from a log line, with its own
 * objects and strings.
 *
 * @example
 * benchLog().length >= LOG_EVENTS; // true
 */
export function benchLog(limit?: number): TrackerEvent[] {
  return readLogFile(benchLogFile(), limit);
}

/** A small log of its own (another seed) for warming the JIT up. */
function warmUpLog(size = WARM_UP_EVENTS): TrackerEvent[] {
  return generateLog({ minEvents: size, seed: 7 }).events;
}

function applyAll(tracker: Tracker, events: readonly TrackerEvent[], probe?: MemoryProbe): number {
  let rejected = 0;
  for (let i = 0; i < events.length; i++) {
    if (tracker.apply(events[i]).status !== 'applied') rejected++;
    if (probe !== undefined && (i & SAMPLE_MASK) === 0) probe.sample();
  }
  return rejected;
}

function stageAll(tracker: Tracker, events: readonly TrackerEvent[], probe?: MemoryProbe): number {
  let rejected = 0;
  for (let i = 0; i < events.length; i++) {
    if (tracker.stage(events[i]).status !== 'applied') rejected++;
    if (probe !== undefined && (i & SAMPLE_MASK) === 0) probe.sample();
  }
  tracker.settle();
  return rejected + tracker.rejections().length;
}

const trackerSummary = ({ tracker, rejected }: { tracker: Tracker; rejected: number }) => ({
  participants: tracker.stats().participants,
  rejected,
});

/** The naive build: `transition()` per event and `produce` over the whole root store. */
export const naiveRow: BenchRow = {
  row: 'naive',
  label: 'naive: transition() + root produce',
  run: () =>
    measureFold({
      row: 'naive', label: naiveRow.label,
      note: `first ${NAIVE_PREFIX.toLocaleString('en')} events of the log only (its cost per event grows with the store)`,
      input: () => benchLog(NAIVE_PREFIX),
      warmUp: () => {
        const naive = createNaiveTracker();
        for (const event of warmUpLog(2_000)) naive.apply(event);
      },
      fold: (events, probe) => {
        const naive = createNaiveTracker();
        let rejected = 0;
        for (let i = 0; i < events.length; i++) {
          if (naive.apply(events[i]) !== 'applied') rejected++;
          if ((i & 0x3ff) === 0) probe.sample();
        }
        return { naive, rejected };
      },
      summarize: ({ naive, rejected }) => {
        let participants = 0;
        for (const conversation of naive.store().values()) participants += conversation.participants.length;
        return { participants, rejected };
      },
    }),
};

/**
 * A live row: `apply` per event, on a tracker that `prepare` readies (a subscriber added), and a
 * check of it after the fold.
 */
function liveRowOf(row: string, label: string, options: { note?: string; prepare?: (tracker: Tracker) => (applied: number) => void } = {}): BenchRow {
  const { prepare = () => () => undefined } = options;
  return {
    row, label,
    run: () =>
      measureFold({
        row, label, input: () => benchLog(), ...(options.note === undefined ? {} : { note: options.note }),
        warmUp: () => {
          const tracker = createTracker();
          prepare(tracker);
          applyAll(tracker, warmUpLog());
        },
        fold: (events, probe) => {
          const tracker = createTracker();
          const check = prepare(tracker);
          const rejected = applyAll(tracker, events, probe);
          check(events.length - rejected);
          return { tracker, rejected };
        },
        summarize: trackerSummary,
      }),
  };
}

/** Ours, live: `apply` per event; a snapshot is built when read. */
export const liveRow: BenchRow = liveRowOf('live', 'ours live: apply() per event');

/** Ours, live with a subscriber (as `serve` has): a snapshot is built after every event, to tell it. */
export const liveSubscribedRow: BenchRow = liveRowOf('live-subscribed', 'ours live: apply() per event, one subscriber', {
  note: 'the subscriber counts the changes it is told of',
  prepare: (tracker) => {
    let changes = 0;
    tracker.subscribe(() => void changes++);
    return (applied) => {
      if (changes !== applied) throw new Error(`the subscriber was told ${changes} changes for ${applied} applied events`);
    };
  },
});

/** Ours, bulk: `stage` per event, then one `settle`. */
export const bulkRow: BenchRow = {
  row: 'bulk',
  label: 'ours bulk: stage() + settle()',
  run: () =>
    measureFold({
      row: 'bulk', label: bulkRow.label, input: () => benchLog(),
      warmUp: () => void stageAll(createTracker(), warmUpLog()),
      fold: (events, probe) => {
        const tracker = createTracker();
        return { tracker, rejected: stageAll(tracker, events, probe) };
      },
      summarize: trackerSummary,
    }),
};

/** Ours, bulk through `load`, which also returns one result per event. */
export const loadRow: BenchRow = {
  row: 'load',
  label: 'ours bulk: load()',
  run: () =>
    measureFold({
      row: 'load', label: loadRow.label, input: () => benchLog(),
      note: 'memory sampled before and after the one load() call only',
      warmUp: () => void createTracker().load(warmUpLog()),
      fold: (events) => {
        const tracker = createTracker();
        const rejected = tracker.load(events).filter((result) => result.status !== 'applied').length;
        return { tracker, rejected };
      },
      summarize: trackerSummary,
    }),
};

/** Validation alone (`parseEvent`, zod), to show its share of the other rows. */
export const validationRow: BenchRow = {
  row: 'validation',
  label: 'parseEvent() only (copy and schema check)',
  run: () =>
    measureFold({
      row: 'validation', label: validationRow.label, input: () => benchLog(),
      note: 'validation alone; keeps no state',
      warmUp: () => {
        for (const event of warmUpLog()) parseEvent(event);
      },
      fold: (events, probe) => {
        let rejected = 0;
        for (let i = 0; i < events.length; i++) {
          if (!parseEvent(events[i]).ok) rejected++;
          if ((i & SAMPLE_MASK) === 0) probe.sample();
        }
        return rejected;
      },
      summarize: (rejected) => ({ participants: 0, rejected }),
    }),
};

/** Every valid event of `events` kept in one array, and how many were not. */
function keepValid(events: readonly unknown[], probe?: MemoryProbe): { kept: TrackerEvent[]; rejected: number } {
  const kept: TrackerEvent[] = [];
  let rejected = 0;
  for (let i = 0; i < events.length; i++) {
    const parsed = parseEvent(events[i]);
    if (parsed.ok) kept.push(parsed.event);
    else rejected++;
    if (probe !== undefined && (i & SAMPLE_MASK) === 0) probe.sample();
  }
  return { kept, rejected };
}

/**
 * Validation, and every valid event kept in one array: what any engine that checks untrusted
 * events and keeps them pays before it folds anything (the collector copies every kept event
 * out of the young generation).
 */
export const validationKeptRow: BenchRow = {
  row: 'validation-kept',
  label: 'parseEvent() + every event kept in an array',
  run: () =>
    measureFold({
      row: 'validation-kept', label: validationKeptRow.label, input: () => benchLog(),
      note: 'no dedupe, order, fold or snapshots: the floor of keeping checked events',
      warmUp: () => void keepValid(warmUpLog()),
      fold: (events, probe) => keepValid(events, probe),
      summarize: ({ rejected }) => ({ participants: 0, rejected }),
    }),
};

/** The ceiling: a hand-written mutable fold. */
export const ceilingRow: BenchRow = {
  row: 'ceiling',
  label: 'ceiling: hand-written mutable fold',
  run: () =>
    measureFold({
      row: 'ceiling', label: ceilingRow.label, input: () => benchLog(),
      note: 'trusted input: no validation, dedupe, ordering or checks; memory sampled before and after the fold only',
      warmUp: () => void ceilingFold(warmUpLog()),
      fold: (events) => ceilingFold(events),
      summarize: (conversations) => {
        let participants = 0;
        for (const conversation of conversations.values()) participants += conversation.participants.length;
        return { participants, rejected: 0 };
      },
    }),
};

/** The core rows, in the order the table prints them. */
export const CORE_ROWS: readonly BenchRow[] = [naiveRow, liveRow, liveSubscribedRow, bulkRow, loadRow, validationRow, validationKeptRow, ceilingRow];
