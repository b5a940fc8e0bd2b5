import { Command, Option } from 'commander';
import { InvalidOptionError } from '../../errors/invalid-option-error.js';
import { startTrackerWorker } from '../../scale/tracker-worker.js';
import { DEFAULT_LEASE_MS } from '../../scale/scale-buckets.js';
import { printable } from '../../text/printable.js';
import { durationOption, nonZeroDurationOption, positiveDurationOption } from '../cli-options.js';
import { interruptible } from '../interruption.js';
import { addNatsOptions, type NatsCommandOptions } from '../nats-options.js';
import { notice } from '../notice.js';
import { UsageError } from '../usage-error.js';

interface WorkerCommandOptions extends NatsCommandOptions {
  data?: string;
  lease: number;
  name?: string;
  interval: number;
  sla: number;
  retention: number;
  snapshotEvery: number;
}

/**
 * `worker --nats <url> --data <dir>`: a tracker worker. It takes its share of the event stream's
 * partitions through leases, applies each partition's events exactly once into a store of its
 * own under `--data`, and publishes each conversation change and each partition's metric
 * partial for the gateway (`serve --nats`). SIGTERM or Ctrl-C gives its partitions up in order.
 *
 * @example
 * participant-tracker worker --nats nats://127.0.0.1:4222 --data ./worker-1
 */
export function workerCommand(): Command {
  return addNatsOptions(new Command('worker'), 'NATS server with JetStream to work from (nats://host:port; required)')
    .description('Run a tracker worker: own a share of the event stream\'s partitions, apply their events exactly once, publish conversations and metric partials')
    .option('--data <dir>', 'the worker\'s stores, one per partition it owns (required; created if missing)')
    .addOption(new Option('--lease <duration>', 'how long a partition lease lasts without renewal: a dead worker\'s partitions move after it').argParser(nonZeroDurationOption).default(DEFAULT_LEASE_MS, '10s'))
    .option('--name <id>', 'the worker\'s name in the leases (default: a random id)')
    .addOption(new Option('--interval <duration>', 'interval of the metric partials').argParser(positiveDurationOption).default(30 * 60_000, '30m'))
    .addOption(new Option('--sla <duration>', 'service-level threshold of the metric partials').argParser(durationOption).default(20_000, '20s'))
    .addOption(new Option('--retention <duration>', 'how long a finished conversation stays in memory after its last event (event time)').argParser(durationOption).default(10 * 60_000, '10m'))
    .addOption(new Option('--snapshot-every <duration>', 'how often an advancing partition\'s snapshot is written to the object store').argParser(nonZeroDurationOption).default(60_000, '1m'))
    .action(interruptible(async (interruption, options: WorkerCommandOptions) => {
      if (options.nats === undefined) throw new UsageError('worker: give the NATS server with --nats <url> (e.g. nats://127.0.0.1:4222)');
      if (options.data === undefined) throw new UsageError('worker: give its data directory with --data <dir>');
      const log = (line: string) => notice(`participant-tracker: ${printable(line)}`);
      const worker = await startTrackerWorker({
        url: options.nats, data: options.data, leaseMs: options.lease,
        intervalMs: options.interval, serviceLevelMs: options.sla, retentionMs: options.retention, snapshotEveryMs: options.snapshotEvery,
        ...(options.partitions !== undefined ? { partitions: options.partitions } : {}),
        ...(options.stream !== undefined ? { name: options.stream } : {}),
        ...(options.subjectPrefix !== undefined ? { subjectPrefix: options.subjectPrefix } : {}),
        ...(options.name !== undefined ? { workerId: options.name } : {}),
        log,
      }).catch((error: unknown) => {
        if (error instanceof InvalidOptionError) throw new UsageError(error.message);
        throw error;
      });
      const { settings } = worker.stream;
      log(`worker ${worker.id}: on stream ${settings.name} (${settings.partitions} partitions) at ${options.nats}; stores in ${options.data}; Ctrl-C stops`);
      const interrupted = new Promise<void>((resolve) => interruption.signal.addEventListener('abort', () => resolve(), { once: true }));
      let failure: Error | undefined;
      await Promise.race([interrupted, worker.stopped.catch((error: unknown) => void (failure = error instanceof Error ? error : new Error(String(error))))]);
      await worker.stop().catch(() => undefined);
      if (failure !== undefined) throw failure;
      log(`worker ${worker.id}: stopped, ${worker.applied()} events applied`);
    }));
}
