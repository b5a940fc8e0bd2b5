import { Command, Option } from 'commander';
import { computeMetrics } from '../../metrics/compute-metrics.js';
import { durationOption, instantOption, positiveDurationOption } from '../cli-options.js';
import { interruptible } from '../interruption.js';
import { metricsTable } from '../metrics-table.js';
import { BufferedOutput } from '../output.js';
import { runReplay } from '../run-replay.js';

/**
 * `metrics <file|->`: Genesys-style observations and interval aggregates, per queue and overall.
 *
 * @example
 * participant-tracker metrics day.jsonl --interval 15m --sla 20s --format table
 */
export function metricsCommand(): Command {
  return new Command('metrics')
    .description('Contact-center metrics from a log: observations at an instant and aggregates per interval, per queue and overall')
    .argument('<file>', 'event log (JSONL or a JSON array); - reads stdin')
    .addOption(new Option('--at <time>', 'observe at this ISO-8601 instant; aggregates stop there (default: the last event)').argParser(instantOption))
    .addOption(new Option('--interval <duration>', 'aggregate interval').argParser(positiveDurationOption).default(30 * 60_000, '30m'))
    .addOption(new Option('--sla <duration>', 'service-level threshold').argParser(durationOption).default(20_000, '20s'))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table']).default('json'))
    .option('--strict', 'stop at the first rejected line, with exit code 1')
    .option('--rejects <file>', 'write rejected lines as JSONL to this file instead of stderr')
    .action(interruptible(async (interruption, file: string, options: { at?: string; interval: number; sla: number; format: 'json' | 'table'; strict?: boolean; rejects?: string }) => {
      // Metrics read every conversation's history once more: leave them 30% of the heap.
      const { tracker, summary } = await runReplay('metrics', file, { ...options, maxHeapShare: 0.7 }, interruption);
      if (summary.interrupted) return;
      const report = computeMetrics(tracker, {
        ...(options.at !== undefined ? { at: options.at } : {}),
        intervalMs: options.interval,
        serviceLevelMs: options.sla,
      });
      const out = BufferedOutput.stdout();
      await out.write(options.format === 'table' ? `${metricsTable(report)}\n` : `${JSON.stringify(report, null, 2)}\n`);
      await out.close();
    }));
}
