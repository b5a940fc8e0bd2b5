import { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { formatIngestReport, ingestGenesys } from '../../ingest/index.js';
import { openLog } from '../log-source.js';
import { BufferedOutput } from '../output.js';
import { fileProblem } from '../file-problem.js';
import { UsageError } from '../usage-error.js';

interface GenesysOptions {
  out?: string;
  follow?: boolean;
}

/**
 * `ingest genesys <file|->`: Genesys Cloud payloads (notifications, REST conversations,
 * EventBridge detail events; JSON, JSONL or a JSON array) in, a v1 event log out (stdout or
 * `--out`); what was read, recognised, skipped and found inconsistent goes to stderr.
 * `--follow` reads stdin as it arrives and writes each payload's events at once; Ctrl-C ends it
 * with the report.
 *
 * @example
 * participant-tracker ingest genesys notifications.jsonl | participant-tracker replay -
 */
export function ingestCommand(): Command {
  const genesys = new Command('genesys')
    .description('Turn Genesys Cloud payloads (notifications, REST conversations, EventBridge detail events) into a v1 event log')
    .argument('<file>', 'payloads as JSON, JSONL or a JSON array; - reads stdin')
    .option('--out <file>', 'write the event log to this file instead of stdout')
    .option('--follow', 'read stdin as it arrives and write each payload\'s events at once (live use)')
    .action(async (file: string, options: GenesysOptions) => {
      if (options.follow === true && file !== '-') throw new UsageError('--follow reads stdin as it arrives: give - as the input');
      const input = openLog(file);
      const out = await BufferedOutput.open(options.out);
      const source = input.source === process.stdin ? process.stdin : createReadStream(file);
      const run = ingestGenesys(source, { order: options.follow === true ? 'arrival' : 'time' });
      const writeReport = () => {
        const lines = formatIngestReport(run.report()).split('\n').filter((line) => line !== '');
        process.stderr.write(lines.map((line) => `ingest: ${line}\n`).join(''));
      };
      // A live run ends with Ctrl-C: its events are already written; say what was read.
      const interrupted = () => {
        writeReport();
        process.exit(130);
      };
      if (options.follow === true) process.once('SIGINT', interrupted);
      try {
        for await (const event of run) {
          await out.write(`${JSON.stringify(event)}\n`);
          if (options.follow === true) await out.flush();
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== undefined) throw new UsageError(`cannot read ${input.label}: ${fileProblem(error, 'read')}`);
        throw error;
      } finally {
        process.off('SIGINT', interrupted);
        await out.close();
      }
      writeReport();
    });
  return new Command('ingest')
    .description('Turn payloads of another system into a v1 event log')
    .addCommand(genesys);
}
