import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { ingestCommand } from './commands/ingest.js';
import { metricsCommand } from './commands/metrics.js';
import { publishCommand } from './commands/publish.js';
import { replayCommand } from './commands/replay.js';
import { serveCommand } from './commands/serve.js';
import { simulateCommand } from './commands/simulate.js';
import { validateCommand } from './commands/validate.js';
import { workerCommand } from './commands/worker.js';
import { guardStandardStreams, notice } from './notice.js';
import { ReaderGone } from './reader-gone.js';
import { UsageError } from './usage-error.js';
import { ScaleError } from '../errors/scale-error.js';
import { StoreError } from '../errors/store-error.js';

/** Every command, one file each under `commands/`. */
const COMMANDS: (() => Command)[] = [replayCommand, validateCommand, metricsCommand, simulateCommand, ingestCommand, serveCommand, publishCommand, workerCommand];

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
    .description('Track Genesys Cloud chat and callback participants from event logs: replay, metrics, simulation, ingest, publishing to NATS JetStream.')
    .version(version);
  for (const command of COMMANDS) program.addCommand(command());
  reportErrorsToCaller(program);
  return program;
}

/**
 * Makes every command, nested ones (`ingest genesys`) included, hand its parse errors to
 * `runCli` instead of exiting the process itself, so each usage error exits with code 2.
 */
function reportErrorsToCaller(command: Command): void {
  command.exitOverride().showHelpAfterError('(run with --help for usage)');
  for (const sub of command.commands) reportErrorsToCaller(sub);
}

/**
 * Runs the CLI: user mistakes and files that cannot be read or written end with one plain line
 * on stderr and exit code 2 (or the code the error carries); a reader of stdout that went away
 * ends the run quietly; anything else is a bug and keeps its stack.
 *
 * @example
 * await runCli(process.argv);
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  guardStandardStreams();
  const exitCode = () => (process.exitCode === undefined ? 0 : Number(process.exitCode));
  try {
    await buildProgram().parseAsync(argv);
    return exitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof ReaderGone) return exitCode();
    if (error instanceof UsageError) {
      notice(`participant-tracker: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof StoreError || error instanceof ScaleError) {
      notice(`participant-tracker: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
