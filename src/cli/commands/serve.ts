import { Command, Option } from 'commander';
import type { SimulationOptions } from '../../sim/index.js';
import { isLoopback } from '../../serve/access.js';
import { DEMO_SCENARIO, DEMO_HISTORY_MS } from '../../serve/demo-scenario.js';
import type { SimulatedSource } from '../../serve/start-service.js';
import { durationOption, nonZeroDurationOption, positiveDurationOption, positiveNumber } from '../cli-options.js';
import { interruptible } from '../interruption.js';
import { notice } from '../notice.js';
import { printable } from '../../text/printable.js';
import { addSimulationOptions, simulationFrom, type RawSimulationOptions } from '../simulation-options.js';
import { addGenesysOptions, genesysConnection, type RawGenesysOptions } from '../genesys-options.js';
import { UsageError } from '../usage-error.js';
import { addNatsOptions, type NatsCommandOptions } from '../nats-options.js';
import { InvalidOptionError } from '../../errors/invalid-option-error.js';

/** The environment variable that holds the token when `--token` is not given. */
export const TOKEN_VARIABLE = 'PARTICIPANT_TRACKER_TOKEN';

interface ServeOptions extends RawSimulationOptions, RawGenesysOptions, NatsCommandOptions {
  genesys?: boolean;
  data: string;
  retention: number;
  synchronous: 'FULL' | 'NORMAL';
  host: string;
  port: string;
  token?: string;
  demo?: boolean;
  simulate?: boolean;
  speed: string;
  follow: string[];
  interval: number;
  sla: number;
  maxBody: string;
  pushInterval: number;
  log?: boolean;
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1 << 10, kib: 1 << 10, m: 1 << 20, mib: 1 << 20, g: 1 << 30, gib: 1 << 30 };

/** `16MiB`, `512k`, `1000000` as bytes. */
function sizeOption(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match === null ? undefined : SIZE_UNITS[match[2]!.toLowerCase()];
  if (match === null || unit === undefined || !(Number(match[1]) > 0)) throw new UsageError(`--max-body "${text}" is not a size such as 16MiB, 512k or 1000000`);
  return Math.floor(Number(match[1]) * unit);
}

function portOption(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port "${text}" is not a port number (0 to 65535; 0 picks a free one)`);
  return port;
}

/** The simulation `--simulate` or `--demo` asks for, or none. */
async function simulationSource(options: ServeOptions): Promise<SimulatedSource | undefined> {
  if (options.demo !== true && options.simulate !== true) return undefined;
  const now = Date.now();
  // A new seed each run unless one is given: a restart on the same store makes new conversations, not clashing ids.
  const base: SimulationOptions = {
    seed: now % 2_147_483_647,
    ...(options.demo === true ? { ...DEMO_SCENARIO, start: new Date(now - DEMO_HISTORY_MS).toISOString() } : { start: new Date(now).toISOString(), duration: '24h' }),
  };
  const { options: simulation, scenario } = await simulationFrom(options, base);
  // The demo plays its history at once, then runs in step with the wall clock.
  return { options: simulation, startMs: options.demo === true ? now : scenario.startMs, wallStartMs: now, speed: positiveNumber('--speed', options.speed) };
}

/** `serve --nats`: the gateway, until the signal. */
async function serveGateway(options: ServeOptions & { nats: string }, listen: { port: number; bodyLimitBytes: number; token?: string }, signal: AbortSignal): Promise<void> {
  const { startGateway } = await import('../../scale/gateway.js');
  const gateway = await startGateway({
    url: options.nats, host: options.host, port: listen.port, bodyLimitBytes: listen.bodyLimitBytes,
    intervalMs: options.interval, serviceLevelMs: options.sla, pushIntervalMs: options.pushInterval,
    ...(listen.token !== undefined ? { token: listen.token } : {}),
    ...(options.partitions !== undefined ? { partitions: options.partitions } : {}),
    ...(options.stream !== undefined ? { name: options.stream } : {}),
    ...(options.subjectPrefix !== undefined ? { subjectPrefix: options.subjectPrefix } : {}),
  }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${listen.port} on ${options.host} is in use: pick another with --port (0 picks a free one)`);
    if (error instanceof InvalidOptionError) throw new UsageError(error.message);
    throw error;
  });
  notice(`participant-tracker: gateway of the workers at ${options.nats}: dashboard at ${gateway.url}; Ctrl-C stops`);
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await gateway.close();
}

/**
 * `serve`: the live service: the HTTP API, the Server-Sent Events stream and the dashboard, fed by
 * a simulation (`--simulate`, `--demo`), logs tailed as they grow (`--follow`), Genesys Cloud
 * itself (`--genesys --queues …`) and `POST /api/events`, over a store that a restart resumes.
 *
 * @example
 * participant-tracker serve --demo
 * GENESYS_REGION=mypurecloud.ie participant-tracker serve --genesys --queues 3c6f420a-26cc-4b59-84f8-3c94011d39da
 * participant-tracker serve --data ./data --follow events.jsonl --port 8080
 */
export function serveCommand(): Command {
  return addNatsOptions(addGenesysOptions(addSimulationOptions(new Command('serve'), { seed: 'a new one each run', start: 'now' })), 'be the gateway of the workers on this NATS server (nats://host:port): the same API and dashboard over every partition')
    .description('Serve the live tracker: HTTP API, Server-Sent Events stream and dashboard, fed by a simulation, tailed logs, Genesys Cloud and POST /api/events')
    .option('--data <dir>', 'the store (created if missing): a restart with the same directory resumes exactly', 'participant-tracker-data')
    .addOption(new Option('--retention <duration>', 'how long a finished conversation stays in memory after its last event (event time)').argParser(durationOption).default(10 * 60_000, '10m'))
    .addOption(new Option('--synchronous <mode>', 'FULL: a commit survives a power loss; NORMAL: it survives a kill -9 of the process, and commits without waiting for the disk').choices(['FULL', 'NORMAL']).default('FULL'))
    .option('--host <address>', 'address to listen on; anything but loopback needs a token', '127.0.0.1')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '8080')
    .option('--token <token>', `require Authorization: Bearer <token> on every request but /healthz (default: $${TOKEN_VARIABLE})`)
    .option('--demo', 'a simulated contact center: three queues, two hours of history at once, then live')
    .option('--simulate', 'feed a simulation with the options below, paced to the wall clock from --start (default now)')
    .option('--speed <x>', 'simulated time per wall-clock time (60 plays a minute per second)', '1')
    .option('--genesys', 'follow Genesys Cloud live (GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET, GENESYS_REGION) for --queues')
    .option('--follow <file|->', 'tail this JSONL log as it grows (- reads stdin); repeat for several', (value: string, previous: string[]) => [...previous, value], [])
    .addOption(new Option('--interval <duration>', 'interval of the live metrics').argParser(positiveDurationOption).default(30 * 60_000, '30m'))
    .addOption(new Option('--sla <duration>', 'service-level threshold of the live metrics').argParser(durationOption).default(20_000, '20s'))
    .option('--max-body <size>', 'largest POST /api/events body', '16MiB')
    .addOption(new Option('--push-interval <duration>', 'least time between two stream frames').argParser(nonZeroDurationOption).default(250, '250ms'))
    .option('--log', 'log every request (JSON lines on stdout)')
    .action(interruptible(async (interruption, options: ServeOptions) => {
      const fromEnvironment = process.env[TOKEN_VARIABLE];
      const token = options.token ?? (fromEnvironment === '' ? undefined : fromEnvironment);
      if (token !== undefined && token.trim().length < 16) throw new UsageError('the token must be at least 16 characters long');
      if (!isLoopback(options.host) && token === undefined) {
        throw new UsageError(`--host ${options.host} reaches other machines: give --token (or set ${TOKEN_VARIABLE}) so only those who have it can read the floor`);
      }
      const port = portOption(options.port);
      const bodyLimitBytes = sizeOption(options.maxBody);
      if (options.nats !== undefined) {
        if (options.simulate === true || options.demo === true || options.genesys === true || options.follow.length > 0) {
          throw new UsageError('serve --nats is the gateway of the workers: feed the stream with publish, simulate --nats or ingest genesys --nats instead of --simulate, --demo, --follow or --genesys');
        }
        await serveGateway({ ...options, nats: options.nats }, { port, bodyLimitBytes, ...(token !== undefined ? { token } : {}) }, interruption.signal);
        return;
      }
      const simulate = await simulationSource(options);
      if (options.genesys !== true && (options.queues !== undefined || options.users !== undefined)) throw new UsageError('--queues and --users go with --genesys');
      const genesys = options.genesys === true ? genesysConnection(options) : undefined;
      // The HTTP server loads only for this command: the other commands stay small (replay in a 40 MB heap).
      const { startService } = await import('../../serve/start-service.js');
      const service = await startService({
        data: options.data, host: options.host, port, retentionMs: options.retention, synchronous: options.synchronous,
        intervalMs: options.interval, serviceLevelMs: options.sla, bodyLimitBytes, follow: options.follow, pushIntervalMs: options.pushInterval,
        ...(token !== undefined ? { token } : {}),
        ...(simulate !== undefined ? { simulate } : {}),
        ...(genesys !== undefined ? { genesys } : {}),
        ...(options.log === true ? { logger: true } : {}),
        onNotice: (line) => notice(`participant-tracker: ${printable(line)}`),
      }).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UsageError(`port ${port} on ${options.host} is in use: pick another with --port (0 picks a free one)`);
        if (code === 'EADDRNOTAVAIL' || code === 'EACCES') throw new UsageError(`cannot listen on ${options.host}:${port}: ${(error as Error).message}`);
        throw error;
      });
      notice(`participant-tracker: dashboard at ${service.url}${token === undefined ? '' : ' (open it with #token=<token> after the address, or enter the token there)'}`);
      notice(`participant-tracker: store in ${options.data}; Ctrl-C stops`);
      await new Promise<void>((resolve) => interruption.signal.addEventListener('abort', () => resolve(), { once: true }));
      await service.close();
    }));
}
