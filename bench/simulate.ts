import { measureJob } from './job-row.js';
import type { BenchRow } from './measure.js';
import { jsonLines, simulate, type SimulationOptions } from '../src/sim/index.js';

/** What the simulator bench measured. */
export interface SimulateBenchResult {
  readonly name: string;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

/**
 * A day of a large contact center with the default mix (chats and callbacks, hold, ACW, alert
 * timeouts, abandons): about 1.1 million events.
 */
const BENCH_DAY: SimulationOptions = { seed: 1, duration: '24h', arrivalsPerHour: 4_000, agents: 300 };

/**
 * Times the simulator end to end as `participant-tracker simulate` runs it, minus the disk: the
 * simulation and its serialization to JSON Lines (≥ 1 million events).
 *
 * @example
 * const { eventsPerSecond } = benchSimulate(); // e.g. 150 000
 */
export function benchSimulate(): SimulateBenchResult {
  let events = 0;
  let bytes = 0;
  function* counted<T>(items: Iterable<T>): Generator<T> {
    for (const item of items) {
      events++;
      yield item;
    }
  }
  const started = performance.now();
  for (const chunk of jsonLines(counted(simulate(BENCH_DAY)))) bytes += chunk.length;
  const seconds = (performance.now() - started) / 1000;
  if (events < 1_000_000 || bytes === 0) throw new Error(`the simulator bench wrote only ${events} events`);
  return { name: 'simulate → JSONL', events, seconds, eventsPerSecond: events / seconds };
}

/** `benchSimulate` as a bench row. */
export const simulateRow: BenchRow = {
  row: 'simulate',
  label: 'simulate → JSONL (a 24 h day)',
  run: () => measureJob('simulate', simulateRow.label, () => {
    const { events, seconds } = benchSimulate();
    return { items: events, seconds };
  }),
};
