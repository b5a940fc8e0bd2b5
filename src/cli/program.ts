import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { ingestCommand } from './commands/ingest.js';
import { metricsCommand } from './commands/metrics.js';
import { replayCommand } from './commands/replay.js';
import { simulateCommand } from './commands/simulate.js';
import { validateCommand } from './commands/validate.js';
import { UsageError } from './usage-error.js';

/** Every command, one file each under `commands/`. */
const COMMANDS: (() => Command)[] = [replayCommand, validateCommand, metricsCommand, simulateCommand, ingestCommand];

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/**
 * Builds the `participant-tracker` command line. Each command lives in its own file and adds
 * itself here.
 *
 * @example
 * await buildProgram().parseAsync(['node', 'participant-tracker', '--help']);
 */
export function buildProgram(): Command {
  const program = new Command('participant-tracker')
    .description('Track Genesys Cloud chat and callback participants from event logs: replay, metrics, simulation, ingest.')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const command of COMMANDS) {
    program.addCommand(command().exitOverride().showHelpAfterError('(run with --help for usage)'));
  }
  return program;
}

/**
 * Runs the CLI: user mistakes end with one plain line on stderr and exit code 2 (or the code the
 * error carries); anything else is a bug and keeps its stack.
 *
 * @example
 * await runCli(process.argv);
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv as string[]);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`participant-tracker: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
