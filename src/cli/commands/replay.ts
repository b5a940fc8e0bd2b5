import { Command, Option } from 'commander';
import { instantOption } from '../cli-options.js';
import { interruptible } from '../interruption.js';
import { BufferedOutput } from '../output.js';
import { runReplay } from '../run-replay.js';
import { snapshotTable } from '../snapshot-table.js';

/**
 * `replay <file|->`: conversation snapshots (JSONL, or a table) as of the end of a log or `--at`.
 * Ctrl-C stops reading and prints the summary without snapshots (exit 130).
 *
 * @example
 * participant-tracker replay day.jsonl --at 2026-11-21T10:42:00Z --format table
 */
export function replayCommand(): Command {
  return new Command('replay')
    .description('Replay an event log and print one conversation snapshot per line (JSONL), as of the end or --at')
    .argument('<file>', 'event log (JSONL or a JSON array); - reads stdin')
    .addOption(new Option('--at <time>', 'snapshots as of this ISO-8601 instant (with a zone)').argParser(instantOption))
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'table']).default('jsonl'))
    .option('--strict', 'stop at the first rejected line, with exit code 1')
    .option('--rejects <file>', 'write rejected lines as JSONL to this file instead of stderr')
    .action(interruptible(async (interruption, file: string, options: { at?: string; format: 'jsonl' | 'table'; strict?: boolean; rejects?: string }) => {
      const result = await runReplay('replay', file, options, interruption);
      if (result.summary.interrupted) return;
      const snapshots = result.snapshots();
      const out = BufferedOutput.stdout();
      if (options.format === 'table') await out.write(`${snapshotTable(snapshots)}\n`);
      else for (let i = 0; i < snapshots.length; i++) await out.write(`${JSON.stringify(snapshots[i])}\n`);
      await out.close();
    }));
}
