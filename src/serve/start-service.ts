import type { FastifyInstance } from 'fastify';
import { startGenesysConnector, type GenesysConnectorOptions } from '../connector/genesys-connector.js';
import { createLiveMetrics } from '../metrics/live-metrics.js';
import { startOfUtcDay } from '../time/start-of-utc-day.js';
import { paceEvents, simulate, type SimulationOptions, type WallClock } from '../sim/index.js';
import { openEventStore } from '../store/event-store.js';
import { createTracker } from '../tracker/create-tracker.js';
import type { Tracker } from '../tracker/tracker.js';
import { createServer } from './create-server.js';
import { intakeEvents, type Submit } from './event-intake.js';
import { FloorFeed } from './floor-feed.js';
import { trackerReads } from './floor-reads.js';
import { serviceHealth } from './service-health.js';
import { serviceUrl } from './service-url.js';
import { floorTime, type FloorTime } from './floor-clock.js';
import type { Health } from './floor-frame.js';
import { followFile } from './follow-file.js';
import type { ServiceContext } from './service-context.js';
import { SourceRegistry, type SourceReporter } from './source-registry.js';
import type { StreamLimits } from './stream-client.js';

/** A simulation to feed the service, paced to the wall clock. */
export interface SimulatedSource {
  readonly options: SimulationOptions;
  /** The simulated instant at which pacing starts: events before it are applied at once. */
  readonly startMs: number;
  /** Simulated ms per wall-clock ms. */
  readonly speed: number;
  /** The wall-clock instant `startMs` corresponds to (default: when the service starts). */
  readonly wallStartMs?: number;
}

/** Genesys Cloud itself, through the live connector: where, what to follow, and (for tests) timings and clock. */
export type GenesysSource = Omit<GenesysConnectorOptions, 'onEvents' | 'onNotice' | 'onStatus' | 'ingest'>;

export interface ServiceOptions {
  /** The store's directory (created if missing): a restart with the same one resumes exactly. */
  readonly data: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly token?: string;
  /** How long a finished conversation stays in memory (event time; default 10 minutes). */
  readonly retentionMs?: number;
  /**
   * When a commit is durable: `FULL` (default) survives a power loss; `NORMAL` survives the
   * process being killed (`kill -9`) but not the machine losing power, and commits without
   * waiting for the disk (see docs/store.md).
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Live metrics: interval (default 30 min) and service-level threshold (default 20 s). */
  readonly intervalMs?: number;
  readonly serviceLevelMs?: number;
  /** Largest `POST /api/events` body (default 16 MiB). */
  readonly bodyLimitBytes?: number;
  /** Least time between two stream frames (default 250 ms). */
  readonly pushIntervalMs?: number;
  readonly streamLimits?: StreamLimits;
  readonly simulate?: SimulatedSource;
  /** JSONL logs to tail as they grow (`-`: stdin). */
  readonly follow?: readonly string[];
  /** Genesys Cloud conversations, live; `/healthz` shows the connection under the `genesys` source. */
  readonly genesys?: GenesysSource;
  readonly webRoot?: string;
  readonly logger?: boolean;
  /** Told of what happens to sources (a source that fails or ends), one line each. */
  readonly onNotice?: (line: string) => void;
}

/** A running service. */
export interface RunningService {
  /** `http://host:port/`. */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly tracker: Tracker;
  /** Stops the sources and the server, commits and closes the store. */
  close(): Promise<void>;
}

/** A wall clock whose sleeps end when `signal` aborts. */
function stoppableClock(signal: AbortSignal): WallClock {
  return {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
  };
}

/** Events applied between two turns of the event loop, when a simulation has a backlog (its history). */
const SIMULATION_BATCH = 256;

/**
 * Feeds a paced simulation into the tracker until it ends or `signal` aborts. Events that are
 * due go in without waiting for each commit (group commit makes one of them per turn of the
 * event loop); a commit that fails stops the source.
 */
async function runSimulation(source: SimulatedSource, wallStartMs: number, submit: Submit, reporter: SourceReporter, signal: AbortSignal): Promise<void> {
  reporter.running();
  let durable: Promise<unknown> = Promise.resolve();
  let unyielded = 0;
  for await (const event of paceEvents(simulate(source.options), { speed: source.speed, startMs: source.startMs, wallStartMs, clock: stoppableClock(signal) })) {
    if (signal.aborted) break;
    // Resolves to nothing: a chain of Promise.all values would keep every earlier result alive.
    durable = Promise.all([durable, submit(event)]).then(([, result]) => reporter.counted(result));
    if (++unyielded >= SIMULATION_BATCH) {
      unyielded = 0;
      await durable;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await durable;
  if (!signal.aborted) reporter.done('the simulation ended');
}

/** Tails a log (or reads stdin) into the tracker until `signal` aborts. */
async function runFollow(file: string, submit: Submit, reporter: SourceReporter, signal: AbortSignal, notice: (line: string) => void): Promise<void> {
  reporter.running();
  const chunks = file === '-' ? process.stdin : followFile(file, { signal, onRestart: (why) => notice(`follow: ${why}; reading it again from its start`) });
  const summary = await intakeEvents(chunks, submit, reporter, {
    signal,
    onResult: (r) => {
      if (r.status === 'rejected') notice(`follow ${file}: line ${r.line}${r.eventId === undefined ? '' : ` (event ${r.eventId})`}: ${r.reason}: ${r.message}`);
    },
  });
  if (!signal.aborted) reporter.done(`${file === '-' ? 'stdin' : file} ended after ${summary.lines} lines`);
}

/** The longest backfill at start-up: a day. */
const DAY_MS = 24 * 3600 * 1000;

/**
 * Feeds Genesys Cloud's conversations into the tracker until `signal` aborts. The first backfill
 * starts where the store's events end (never more than a day back), else at the start of the
 * UTC day; a refusal the connector cannot retry (bad credentials) fails the source.
 */
async function runGenesys(source: GenesysSource, tracker: Tracker, submit: Submit, reporter: SourceReporter, signal: AbortSignal, notice: (line: string) => void): Promise<void> {
  const clock = source.clock ?? Date.now;
  const latest = tracker.latestTime();
  const backfillFrom = source.backfillFrom ?? Math.max(Date.parse(latest ?? startOfUtcDay(new Date(clock()).toISOString())), clock() - DAY_MS);
  let durable: Promise<unknown> = Promise.resolve();
  const connector = startGenesysConnector({
    ...source,
    backfillFrom,
    onEvents: (events) => {
      for (const event of events) durable = Promise.all([durable, submit(event)]).then(([, result]) => reporter.counted(result));
    },
    onNotice: notice,
    onStatus: (status) => reporter.connection(status),
  });
  reporter.connection(connector.status());
  const stopped = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  try {
    await Promise.race([stopped, connector.done]);
  } finally {
    await connector.stop();
    reporter.connection(connector.status());
    await durable;
  }
}

/**
 * Starts `participant-tracker serve`: opens the store in `data` (restoring its state), starts the
 * sources, and serves the API, the stream and the dashboard on `host:port`.
 *
 * @example
 * const service = await startService({ data: './data', host: '127.0.0.1', port: 8080, follow: ['events.jsonl'] });
 * console.log(service.url);
 * await service.close();
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const notice = options.onNotice ?? (() => undefined);
  const store = openEventStore(options.data, options.synchronous !== undefined ? { synchronous: options.synchronous } : {});
  const tracker = createTracker({ store, ...(options.retentionMs !== undefined ? { retentionMs: options.retentionMs } : {}) });
  const intervalMs = options.intervalMs ?? 30 * 60_000;
  const serviceLevelMs = options.serviceLevelMs ?? 20_000;
  // The floor clock and the simulation's pacing start together: the page's clock is the simulator's.
  const wallStartMs = options.simulate?.wallStartMs ?? Date.now();
  const clock: FloorTime = options.simulate === undefined ? floorTime() : floorTime({ startMs: options.simulate.startMs, speed: options.simulate.speed, wallStartMs });
  const sources = new SourceRegistry();
  const streamClients = { count: 0 };
  let ready = false;
  const health = (): Health => serviceHealth({ ready, latestTime: tracker.latestTime(), sources, clock, clients: streamClients.count });
  const metrics = createLiveMetrics(tracker, { intervalMs, serviceLevelMs, ...(options.retentionMs !== undefined ? { retentionMs: options.retentionMs } : {}) });
  const feed = new FloorFeed({ tracker, metrics, clock, health, ...(options.pushIntervalMs !== undefined ? { pushIntervalMs: options.pushIntervalMs } : {}) });
  const context: ServiceContext = {
    reads: trackerReads(tracker), feed, sources, health, intervalMs, serviceLevelMs,
    bodyLimitBytes: options.bodyLimitBytes ?? 16 << 20,
    streamLimits: options.streamLimits ?? {},
    streamClients,
  };
  const stop = new AbortController();
  let app: FastifyInstance;
  try {
    app = await createServer(context, {
      ...(options.token !== undefined ? { token: options.token } : {}),
      ...(options.webRoot !== undefined ? { webRoot: options.webRoot } : {}),
      ...(options.logger !== undefined ? { logger: options.logger } : {}),
    });
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    feed.close();
    tracker.close();
    throw error;
  }

  const running: Promise<void>[] = [];
  const watch = (name: string, reporter: SourceReporter, work: Promise<void>) => {
    running.push(work.catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      reporter.failed(detail);
      notice(`${name} failed: ${detail}`);
    }));
  };
  if (options.simulate !== undefined) {
    const reporter = sources.add('simulate', 'simulate');
    watch('simulate', reporter, runSimulation(options.simulate, wallStartMs, feed.submit, reporter, stop.signal));
  }
  for (const file of options.follow ?? []) {
    const reporter = sources.add(`follow:${file}`, 'follow');
    watch(`follow ${file}`, reporter, runFollow(file, feed.submit, reporter, stop.signal, notice));
  }
  if (options.genesys !== undefined) {
    const reporter = sources.add('genesys', 'genesys');
    watch('genesys', reporter, runGenesys(options.genesys, tracker, feed.submit, reporter, stop.signal, notice));
  }
  ready = true;

  let closing: Promise<void> | undefined;
  return {
    url: serviceUrl(app, options.host, options.port),
    app, tracker,
    close: () => (closing ??= (async () => {
      stop.abort();
      await Promise.all(running);
      feed.close();
      await app.close();
      tracker.close();
    })()),
  };
}
