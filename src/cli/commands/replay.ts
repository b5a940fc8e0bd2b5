import { Command, Option } from 'commander';
import { instantOption } from '../cli-options.js';
import { interruptible } from '../interruption.js';
import { withDataOptions } from '../data-store.js';
import { BufferedOutput } from '../output.js';
import { runReplay, type ReplayCommandOptions } from '../run-replay.js';
import { snapshotTable } from '../snapshot-table.js';

/**
 * `replay [file|-]`: conversation snapshots (JSONL, or a table) as of the end of a log or `--at`.
 * With `--data`, the log's accepted events are stored and the snapshots are the store's whole
 * state; without a log, they come from the store alone. Ctrl-C stops reading and prints the
 * summary without snapshots (exit 130).
 *
 * @example
 * participant-tracker replay day.jsonl --at 2026-11-21T10:42:00Z --format table
 * participant-tracker replay --data ./data --at 2026-11-21T10:42:00Z
 */
export function replayCommand(): Command {
  return withDataOptions(new Command('replay'))
    .description('Replay an event log and print one conversation snapshot per line (JSONL), as of the end or --at')
    .argument('[file]', 'event log (JSONL or a JSON array); - reads stdin; none: answer from --data')
    .addOption(new Option('--at <time>', 'snapshots as of this ISO-8601 instant (with a zone)').argParser(instantOption))
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'table']).default('jsonl'))
    .option('--strict', 'stop at the first rejected line, with exit code 1')
    .option('--rejects <file>', 'write rejected lines as JSONL to this file instead of stderr')
    .action(interruptible(async (interruption, file: string | undefined, options: ReplayCommandOptions & { format: 'jsonl' | 'table' }) => {
      const result = await runReplay('replay', file, options, interruption);
      try {
        if (result.summary.interrupted) return;
        const out = BufferedOutput.stdout();
        if (options.format === 'table') await out.write(`${snapshotTable(result.snapshots())}\n`);
        // One snapshot at a time: a store larger than memory prints in flat memory.
        else for (const snapshot of result.eachSnapshot()) await out.write(`${JSON.stringify(snapshot)}\n`);
        await out.close();
      } finally {
        result.close();
      }
    }));
}
