import type { TrackerEvent } from '../src/events/tracker-event.js';

/** What one bench row measured. Rows return it; `bench/index.ts` prints it. */
export interface RowResult {
  /** Short id of the row (`live`, `bulk`…), used for ratios and target checks. */
  readonly row: string;
  /** What the row runs, as printed in the table. */
  readonly label: string;
  readonly events: number;
  /** Participants in the state the row ends with (all of them finished). */
  readonly participants: number;
  /** Events the row did not apply (a legal log gives 0). */
  readonly rejected: number;
  /** Wall-clock time of the run. */
  readonly seconds: number;
  /** CPU time of the process during the run (user + system, all threads: GC helpers included), when measured. */
  readonly cpuSeconds?: number;
  /** The highest `heapUsed` sampled during the run (the input log included). */
  readonly peakHeapBytes: number;
  /** The highest RSS sampled during the run (the input log included). */
  readonly peakRssBytes: number;
  /** Heap the input log takes before the run. */
  readonly inputHeapBytes: number;
  /** Heap still used after the run, after the input is dropped and the heap collected. */
  readonly retainedHeapBytes: number;
  /** Anything a reader must know to compare the row (a prefix, a different API…). */
  readonly note?: string;
  /** Further named measurements of the row (seconds, bytes, counts), for the rows that time more than one thing (`bench/store.ts`). */
  readonly details?: Readonly<Record<string, number>>;
}

/** A bench row: a name and a function that runs it (in a process of its own) and returns its result. */
export interface BenchRow {
  readonly row: string;
  readonly label: string;
  readonly run: () => RowResult | Promise<RowResult>;
  /**
   * Makes the row's input files once, in the bench's own process before the row's process
   * starts, so that neither their time nor their memory counts in the row (the row makes them
   * itself when run alone).
   */
  readonly prepare?: () => void | Promise<void>;
}

/** Samples `heapUsed` and RSS and keeps the highest of each. */
export class MemoryProbe {
  peakHeapBytes = 0;
  peakRssBytes = 0;

  /**
   * Takes one sample (a few µs: call it every few thousand events, not every event).
   *
   * @example
   * if ((i & 0x3fff) === 0) probe.sample();
   */
  sample(): void {
    const { heapUsed, rss } = process.memoryUsage();
    if (heapUsed > this.peakHeapBytes) this.peakHeapBytes = heapUsed;
    if (rss > this.peakRssBytes) this.peakRssBytes = rss;
  }
}

/** How often (in events) a fold samples memory: a mask for `(i & SAMPLE_MASK) === 0`. */
export const SAMPLE_MASK = 0x3fff;

/**
 * A full garbage collection (the process must run with `--expose-gc`).
 *
 * @example
 * collectGarbage(); process.memoryUsage().heapUsed; // live data only
 */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the bench measures memory: run node with --expose-gc');
  gc();
  gc();
}

/** A fold under measurement: its input, how to run it, and how to read the state it ends with. */
export interface FoldSpec<S> {
  readonly row: string;
  readonly label: string;
  readonly note?: string;
  /** Builds the input log (after the heap baseline is taken, so its size can be reported). */
  readonly input: () => TrackerEvent[];
  /** Runs the fold once on a small log first, so the measured run is not the JIT's warm-up. */
  readonly warmUp: () => void;
  /** The measured work. It returns the state that stays alive; it must not keep `events`. */
  readonly fold: (events: readonly TrackerEvent[], probe: MemoryProbe) => S;
  /** Reads the end state (called after the retained heap is measured, which keeps the state alive until then). */
  readonly summarize: (state: S) => { participants: number; rejected: number };
}

/**
 * Runs a fold once and measures it: wall time, peak heap and RSS during the run, the heap its
 * input takes, and the heap its end state retains once the input is gone.
 *
 * @example
 * const result = measureFold({ row: 'ceiling', label: 'mutable fold', input, warmUp, fold: ceilingFold, summarize });
 * result.events / result.seconds; // events per second
 */
export function measureFold<S>(spec: FoldSpec<S>): RowResult {
  spec.warmUp();
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  let events: TrackerEvent[] | undefined = spec.input();
  const count = events.length;
  collectGarbage();
  const inputHeapBytes = process.memoryUsage().heapUsed - baseline;

  const probe = new MemoryProbe();
  probe.sample();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const state = spec.fold(events, probe);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  probe.sample();

  events = undefined;
  collectGarbage();
  const retainedHeapBytes = process.memoryUsage().heapUsed - baseline;
  const { participants, rejected } = spec.summarize(state);
  return {
    row: spec.row, label: spec.label, events: count, participants, rejected, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakHeapBytes: probe.peakHeapBytes, peakRssBytes: probe.peakRssBytes, inputHeapBytes, retainedHeapBytes,
    ...(spec.note === undefined ? {} : { note: spec.note }),
  };
}
