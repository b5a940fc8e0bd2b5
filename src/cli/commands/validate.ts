import { Command } from 'commander';
import { interruptible } from '../interruption.js';
import { runReplay } from '../run-replay.js';

/**
 * `validate <file|->`: checks a log and reports like `replay`, without snapshots; exit 1 when any
 * line is rejected (130 when Ctrl-C stopped it, after the summary of what was read).
 *
 * @example
 * participant-tracker validate day.jsonl --rejects rejects.jsonl
 */
export function validateCommand(): Command {
  return new Command('validate')
    .description('Check an event log: report every rejected line; exit code 1 if any')
    .argument('<file>', 'event log (JSONL or a JSON array); - reads stdin')
    .option('--strict', 'stop at the first rejected line')
    .option('--rejects <file>', 'write rejected lines as JSONL to this file instead of stderr')
    .action(interruptible(async (interruption, file: string, options: { strict?: boolean; rejects?: string }) => {
      const result = await runReplay('validate', file, options, interruption);
      if (result.summary.rejected > 0) process.exitCode = 1;
    }));
}
