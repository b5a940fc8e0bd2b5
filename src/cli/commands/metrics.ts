import { Command, Option } from 'commander';
import { computeMetrics } from '../../metrics/compute-metrics.js';
import { durationOption, instantOption, positiveDurationOption } from '../cli-options.js';
import { interruptible } from '../interruption.js';
import { metricsTable } from '../metrics-table.js';
import { withDataOptions } from '../data-store.js';
import { BufferedOutput } from '../output.js';
import { runReplay, type ReplayCommandOptions } from '../run-replay.js';

/**
 * `metrics [file|-]`: Genesys-style observations and interval aggregates, per queue and overall.
 * With `--data`, the log is stored first; without a log, the metrics come from the store alone.
 * `--from` limits the aggregates to what completed from that instant on.
 *
 * @example
 * participant-tracker metrics day.jsonl --interval 15m --sla 20s --format table
 * participant-tracker metrics --data ./data --from 2026-11-21T10:00:00Z --at 2026-11-21T10:30:00Z
 */
export function metricsCommand(): Command {
  return withDataOptions(new Command('metrics'))
    .description('Contact-center metrics from a log: observations at an instant and aggregates per interval, per queue and overall')
    .argument('[file]', 'event log (JSONL or a JSON array); - reads stdin; none: answer from --data')
    .addOption(new Option('--from <time>', 'aggregates count only what completed from this ISO-8601 instant on (default: from the first event)').argParser(instantOption))
    .addOption(new Option('--at <time>', 'observe at this ISO-8601 instant; aggregates stop there (default: the last event)').argParser(instantOption))
    .addOption(new Option('--interval <duration>', 'aggregate interval').argParser(positiveDurationOption).default(30 * 60_000, '30m'))
    .addOption(new Option('--sla <duration>', 'service-level threshold').argParser(durationOption).default(20_000, '20s'))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table']).default('json'))
    .option('--strict', 'stop at the first rejected line, with exit code 1')
    .option('--rejects <file>', 'write rejected lines as JSONL to this file instead of stderr')
    .action(interruptible(async (
      interruption, file: string | undefined, options: ReplayCommandOptions & { from?: string; interval: number; sla: number; format: 'json' | 'table' },
    ) => {
      // Metrics read every conversation's history once more: leave them 30% of the heap.
      const result = await runReplay('metrics', file, { ...options, maxHeapShare: 0.7 }, interruption);
      try {
        if (result.summary.interrupted) return;
        const report = computeMetrics(result.tracker, {
          ...(options.at !== undefined ? { at: options.at } : {}),
          ...(options.from !== undefined ? { from: options.from } : {}),
          intervalMs: options.interval,
          serviceLevelMs: options.sla,
        });
        const out = BufferedOutput.stdout();
        await out.write(options.format === 'table' ? `${metricsTable(report)}\n` : `${JSON.stringify(report, null, 2)}\n`);
        await out.close();
      } finally {
        result.close();
      }
    }));
}
