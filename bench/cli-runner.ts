import { writeSync } from 'node:fs';
import { Command } from 'commander';
import { metricsCommand } from '../src/cli/commands/metrics.js';
import { replayCommand } from '../src/cli/commands/replay.js';

/**
 * The CLI's `replay` and `metrics` commands as `participant-tracker` runs them, for the store
 * rows (`bench/store.ts`) to time in a process of their own:
 * `node --max-semi-space-size=32 dist-bench/bench/cli-runner.js replay day.jsonl --data dir`.
 * (`src/cli/program.ts` reads the package's version from `../../package.json`, which
 * `dist-bench/` does not have, so the bench builds the program from the commands themselves.)
 * At exit it writes its peak RSS (`getrusage`, bytes) and CPU time (user + system, seconds) on
 * stderr as one line: `BENCH-CLI {"peakRssBytes":…,"cpuSeconds":…}`.
 */
process.on('exit', () => {
  const usage = process.resourceUsage();
  const report = { peakRssBytes: usage.maxRSS * 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 };
  writeSync(2, `BENCH-CLI ${JSON.stringify(report)}\n`);
});
const program = new Command('participant-tracker').exitOverride();
for (const command of [replayCommand(), metricsCommand()]) program.addCommand(command.exitOverride());
await program.parseAsync(process.argv.slice(2), { from: 'user' });
