import { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { formatIngestReport, ingestGenesys, type IngestReport } from '../../ingest/index.js';
import { untilAborted } from '../../io/until-aborted.js';
import { fileProblem } from '../file-problem.js';
import { interruptible } from '../interruption.js';
import { openLog } from '../log-source.js';
import { notice } from '../notice.js';
import { BufferedOutput } from '../output.js';
import { UsageError } from '../usage-error.js';
import { withDataOptions, type DataOptions } from '../data-store.js';
import { addGenesysOptions, genesysConnection, type RawGenesysOptions } from '../genesys-options.js';
import { watchInterruption } from '../interruption.js';
import { addNatsOptions, openNatsEventTarget, type NatsCommandOptions, type NatsEventTarget } from '../nats-options.js';
import { startGenesysConnector } from '../../connector/genesys-connector.js';
import { GenesysApiError } from '../../connector/genesys-api-error.js';
import type { TrackerEvent } from '../../events/tracker-event.js';
import { openEventStore } from '../../store/event-store.js';
import { createTracker, type Tracker } from '../../tracker/create-tracker.js';
import type { ApplyResult } from '../../tracker/apply-result.js';

interface GenesysOptions extends DataOptions, RawGenesysOptions, NatsCommandOptions {
  out?: string;
  follow?: boolean;
  live?: boolean;
}

/** Events stored per transaction by `ingest genesys --data` (without `--follow`, which stores each at once). */
const STORE_BATCH = 10_000;

/** Payloads the run knew what to do with: turned into events, or skipped as known kinds. */
const understood = (report: IngestReport) =>
  [...Object.values(report.recognised), ...Object.values(report.skipped)].reduce((sum, n) => sum + n, 0);

/**
 * `ingest genesys <file|->`: Genesys Cloud payloads (notifications, REST conversations,
 * EventBridge detail events; JSON, JSONL or a JSON array) in, a v1 event log out (stdout or
 * `--out`); what was read, recognised, skipped and found inconsistent goes to stderr. Exit 1 when
 * no payload could be read. `--follow` reads stdin as it arrives and writes each payload's
 * events at once, each payload stamped with its arrival, which dates what Genesys leaves
 * undated (the end of a hold) as the live connector does; Ctrl-C (or SIGTERM) stops reading, writes what was read and the report
 * (exit 130, or 143). `--data` also stores the events (as `replay --data` does: in batches,
 * or each at once with `--follow`) and says how many were applied, duplicates or rejected.
 *
 * `--live --queues <ids>` reads Genesys Cloud itself (see `startGenesysConnector`) until SIGINT
 * (exit 130) or SIGTERM (exit 0), writing each payload's events at once.
 *
 * @example
 * participant-tracker ingest genesys notifications.jsonl | participant-tracker replay -
 * participant-tracker ingest genesys notifications.jsonl --data ./data --out events.jsonl
 * GENESYS_REGION=mypurecloud.ie participant-tracker ingest genesys --live --queues 3c6f420a-26cc-4b59-84f8-3c94011d39da
 */
export function ingestCommand(): Command {
  const genesys = addNatsOptions(addGenesysOptions(withDataOptions(new Command('genesys'))), 'with --live: publish the events to the JetStream event stream on this NATS server (nats://host:port) instead of stdout; with --out, to the file too')
    .description('Turn Genesys Cloud payloads (notifications, REST conversations, EventBridge detail events) into a v1 event log')
    .argument('[file]', 'payloads as JSON, JSONL or a JSON array; - reads stdin')
    .option('--out <file>', 'write the event log to this file instead of stdout')
    .option('--follow', "read stdin as it arrives and write each payload's events at once (live use)")
    .option('--live', 'connect to Genesys Cloud (GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET, GENESYS_REGION) and follow --queues until stopped')
    .action(async (file: string | undefined, options: GenesysOptions) => {
      if (options.live === true) {
        if (file !== undefined || options.follow === true) throw new UsageError('--live reads Genesys Cloud itself: give no input file and no --follow');
        return ingestLive(options);
      }
      if (file === undefined) throw new UsageError('give the payloads to read (a file, or - for stdin), or --live');
      if (options.queues !== undefined || options.users !== undefined) throw new UsageError('--queues and --users go with --live');
      if (options.nats !== undefined) throw new UsageError('--nats goes with --live: publish a log with participant-tracker publish');
      return ingestFile(file, options);
    });
  return new Command('ingest')
    .description('Turn payloads of another system into a v1 event log')
    .addCommand(genesys);
}

/** `ingest genesys <file|->`: payloads from a file or stdin. */
const ingestFile = interruptible(async (interruption, file: string, options: GenesysOptions) => {
      if (options.follow === true && file !== '-') throw new UsageError('--follow reads stdin as it arrives: give - as the input');
      const input = openLog(file);
      const out = await BufferedOutput.open(options.out);
      const source = typeof input.source === 'string' ? createReadStream(input.source) : input.source;
      const follow = options.follow === true;
      // Live input is stamped with its arrival, which dates what Genesys leaves undated (the end of a hold).
      const run = ingestGenesys(untilAborted(source, interruption.signal), follow ? { order: 'arrival', receivedAt: () => new Date().toISOString() } : { order: 'time' });
      const events = run[Symbol.asyncIterator]();
      const stored = options.data === undefined ? undefined : storeOf(options.data, options.retention, follow);
      try {
        for (;;) {
          let next: IteratorResult<unknown>;
          try {
            next = await events.next();
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== undefined) throw new UsageError(`cannot read ${input.label}: ${fileProblem(error, 'read')}`);
            throw error;
          }
          if (next.done === true) break;
          await out.write(`${JSON.stringify(next.value)}\n`);
          if (follow) await out.flush();
          stored?.add(next.value);
        }
        await out.close();
      } finally {
        if (stored !== undefined) notice(`ingest: ${stored.close()}`);
        const report = run.report();
        for (const line of formatIngestReport(report).split('\n')) if (line !== '') notice(`ingest: ${line}`);
        if (understood(report) === 0 && !interruption.signal.aborted) {
          notice(`ingest: nothing in ${input.label} is a Genesys payload this tool reads`);
          process.exitCode = 1;
        }
      }
});

/**
 * `ingest genesys --live`: events from Genesys Cloud until SIGINT (exit 130) or SIGTERM (exit
 * 0); then the events of what was received are written, and the output closed.
 */
async function ingestLive(options: GenesysOptions): Promise<void> {
  const connection = genesysConnection(options);
  const target: NatsEventTarget | undefined = options.nats === undefined ? undefined : await openNatsEventTarget({ ...options, nats: options.nats });
  // With --nats the events go to the stream, and to stdout only when --out names it.
  const out = target !== undefined && options.out === undefined ? undefined : await BufferedOutput.open(options.out);
  const stored = options.data === undefined ? undefined : storeOf(options.data, options.retention, true);
  const interruption = watchInterruption();
  let writing: Promise<void> = Promise.resolve();
  let writeError: Error | undefined;
  const write = async (events: readonly TrackerEvent[]) => {
    for (const event of events) {
      await out?.write(`${JSON.stringify(event)}\n`);
      stored?.add(event);
      await target?.publisher.publish(event);
    }
    await out?.flush();
  };
  const connector = startGenesysConnector({
    ...connection,
    onEvents: (events) => {
      writing = writing.then(() => (writeError === undefined ? write(events) : undefined)).catch((error: unknown) => {
        writeError = error instanceof Error ? error : new Error(String(error));
      });
    },
    // The refusal that ends the run is the command's error, said once when it exits.
    onNotice: (line) => {
      if (!line.startsWith('genesys: failed: ')) notice(line);
    },
  });
  const stopped = new Promise<void>((resolve) => interruption.signal.addEventListener('abort', () => resolve(), { once: true }));
  let failed = false;
  try {
    await Promise.race([stopped, connector.done]);
  } catch (error) {
    failed = true;
    if (error instanceof GenesysApiError) throw new UsageError(`Genesys Cloud: ${error.message}`);
    throw error;
  } finally {
    await connector.stop();
    await writing;
    interruption.dispose();
    try {
      await out?.close();
      if (target !== undefined) {
        const counts = await target.publisher.flush();
        await target.close();
        notice(`ingest: ${counts.published} events published to the stream ${target.settings.name}, ${counts.duplicates} duplicates, ${counts.rejected} rejected`);
      }
    } finally {
      if (stored !== undefined) notice(`ingest: ${stored.close()}`);
      const status = connector.status();
      // A run refused before anything arrived has nothing to sum up: its error says it all.
      if (!failed || status.notifications > 0 || status.events > 0) notice(`ingest: ${status.notifications} notifications, ${status.events} events, ${status.gaps.count} gaps, ${status.backfills.count} backfills (${status.backfills.conversations} conversations fetched)`);
    }
  }
  if (writeError !== undefined) throw writeError;
  if (interruption.exitCode === 130) process.exitCode = 130;
}

/** The store of `ingest genesys --data`: events go in as they come (in batches unless live), counted by result. */
function storeOf(data: string, retentionMs: number | undefined, live: boolean) {
  const tracker: Tracker = createTracker({ store: openEventStore(data), ...(retentionMs !== undefined ? { retentionMs } : {}) });
  const counts = { applied: 0, duplicate: 0, rejected: 0 };
  const count = (results: readonly ApplyResult[]) => {
    for (const result of results) counts[result.status]++;
  };
  let batch: unknown[] = [];
  const flush = () => {
    count(tracker.load(batch));
    batch = [];
  };
  return {
    add(event: unknown) {
      if (live) count([tracker.apply(event)]);
      else if (batch.push(event) >= STORE_BATCH) flush();
    },
    /** Stores the rest, closes the store; returns the summary line. */
    close(): string {
      try {
        flush();
      } finally {
        tracker.close();
      }
      return `stored in ${data}: ${counts.applied} applied, ${counts.duplicate} duplicates, ${counts.rejected} rejected`;
    },
  };
}
