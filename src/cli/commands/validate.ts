import { Command } from 'commander';
import { withDataOptions } from '../data-store.js';
import { interruptible } from '../interruption.js';
import { runReplay, type ReplayCommandOptions } from '../run-replay.js';

/**
 * `validate <file|->`: checks a log and reports like `replay`, without snapshots; exit 1 when any
 * line is rejected (130 when Ctrl-C stopped it, after the summary of what was read). With
 * `--data`, the log is checked against the stored state (stored events are duplicates), and the
 * store is left unchanged.
 *
 * @example
 * participant-tracker validate day.jsonl --rejects rejects.jsonl
 */
export function validateCommand(): Command {
  return withDataOptions(new Command('validate'), 'check against the store in this directory (events already stored are duplicates); the store is not changed')
    .description('Check an event log: report every rejected line; exit code 1 if any')
    .argument('<file>', 'event log (JSONL or a JSON array); - reads stdin')
    .option('--strict', 'stop at the first rejected line')
    .option('--rejects <file>', 'write rejected lines as JSONL to this file instead of stderr')
    .action(interruptible(async (interruption, file: string, options: ReplayCommandOptions) => {
      const result = await runReplay('validate', file, { ...options, dryRun: true }, interruption);
      result.close();
      if (result.summary.rejected > 0) process.exitCode = 1;
    }));
}
