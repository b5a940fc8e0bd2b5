import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { printableError } from '../text/printable-error.js';
import { connectToNats } from './connect.js';
import { ensureEventStream, type EnsuredEventStream, type EventStreamSettings } from './event-stream.js';
import type { StreamIdentity } from './partition-snapshot.js';
import { PartitionWorker } from './partition-worker.js';
import { BatchTurns } from './batch-turns.js';
import { DEFAULT_LEASE_MS, openScaleBuckets, type ScaleBuckets } from './scale-buckets.js';

/** What `participant-tracker worker` takes. */
export interface TrackerWorkerOptions extends Omit<EventStreamSettings, 'partitions'> {
  /** The NATS server (`nats://host:port`). */
  readonly url: string;
  /** The worker's data directory: one store per partition it owns. */
  readonly data: string;
  /** The partition count the stream must have; by default the stream's own (16 for a new stream). */
  readonly partitions?: number;
  /** How long a lease lasts without renewal (default 10 s): a dead worker's partitions move after it. */
  readonly leaseMs?: number;
  /** The worker's name in the leases (default: a random id). */
  readonly workerId?: string;
  readonly intervalMs?: number;
  readonly serviceLevelMs?: number;
  readonly retentionMs?: number;
  /** How often an owned partition's snapshot is written while it advances (default 60 s). */
  readonly snapshotEveryMs?: number;
  /** Where the worker tells what it does (partitions taken and given up, faults it survives). */
  readonly log?: (line: string) => void;
}

/** A running worker. */
export interface TrackerWorker {
  readonly id: string;
  readonly stream: EnsuredEventStream;
  /** The partitions it owns now, in order. */
  owned(): number[];
  /** Events applied by its partitions since they were taken. */
  applied(): number;
  /** Gives its partitions up (snapshots written, leases released) and disconnects. */
  stop(): Promise<void>;
  /** Settles when the worker stopped; rejects with the fault that stopped it. */
  readonly stopped: Promise<void>;
}

/**
 * Starts a tracker worker. Workers share the stream's partitions through leases in a key-value
 * bucket: each takes free partitions (compare-and-set create) up to its share (partitions ÷
 * workers alive, rounded up), renews its leases every third of the lease time, and gives up
 * partitions above its share when more workers come. A worker that dies stops renewing; its
 * leases expire and the others take its partitions over.
 *
 * @example
 * const worker = await startTrackerWorker({ url: 'nats://127.0.0.1:4222', data: './worker-data' });
 * worker.owned(); // [0, 1, …]
 * await worker.stop();
 */
export async function startTrackerWorker(options: TrackerWorkerOptions): Promise<TrackerWorker> {
  const log = options.log ?? (() => undefined);
  const id = options.workerId ?? randomUUID().slice(0, 8);
  const asked = options.leaseMs ?? DEFAULT_LEASE_MS;
  const nc = await connectToNats(options.url, { name: `participant-tracker worker ${id}` });
  try {
    const jsm = await jetstreamManager(nc);
    const stream = await ensureEventStream(jsm, options);
    const buckets = await openScaleBuckets(nc, stream.settings.name, { leaseMs: asked, maxAgeMs: stream.settings.maxAgeMs });
    // Every worker renews on the bucket's own lease time, whoever made the bucket.
    const { leaseMs } = buckets;
    if (leaseMs !== asked) log(`worker ${id}: the leases bucket was made with ${leaseMs} ms leases; this worker uses them, not ${asked} ms`);
    const identity: StreamIdentity = { stream: stream.settings.name, created: stream.info.created, partitions: stream.settings.partitions };
    return runWorker({ nc, jsm, id, leaseMs, stream, buckets, identity, options, log });
  } catch (error) {
    await nc.close();
    throw error;
  }
}

interface WorkerContext {
  readonly nc: NatsConnection;
  readonly jsm: JetStreamManager;
  readonly id: string;
  readonly leaseMs: number;
  readonly stream: EnsuredEventStream;
  readonly buckets: ScaleBuckets;
  readonly identity: StreamIdentity;
  readonly options: TrackerWorkerOptions;
  readonly log: (line: string) => void;
}

const leaseKey = (partition: number) => `partition.${partition}`;
const workerKey = (id: string) => `worker.${id}`;

function runWorker(context: WorkerContext): TrackerWorker {
  const { nc, jsm, id, leaseMs, stream, buckets, identity, options, log } = context;
  const { partitions, subjectPrefix } = stream.settings;
  /** Owned partitions: the lease's revision and the partition's worker once it has started. */
  const owned = new Map<number, { revision: number; heldUntil: number; worker: Promise<PartitionWorker | undefined>; started?: PartitionWorker }>();
  /** A lease written at `sent` counts as held until a tenth of its time before it expires, so that a worker stops before another may take over. */
  const heldUntil = (sent: number) => sent + leaseMs - Math.floor(leaseMs / 10);
  /** Whether a partition's lease counts as held now. */
  const holds = (partition: number) => (owned.get(partition)?.heldUntil ?? 0) > Date.now();
  const js = jetstream(nc);
  const turns = new BatchTurns();
  let stopping = false;
  /** Events applied by partitions given up. */
  let retired = 0;
  let fail: (error: unknown) => void = () => undefined;
  const stopped = new Promise<void>((resolve, reject) => {
    fail = reject;
    nc.closed().then(() => resolve(), reject);
  });

  const startPartition = (partition: number): Promise<PartitionWorker | undefined> =>
    PartitionWorker.start({
      nc, js, jsm, buckets, identity, subjectPrefix, partition, data: options.data,
      intervalMs: options.intervalMs ?? 30 * 60_000, serviceLevelMs: options.serviceLevelMs ?? 20_000,
      retentionMs: options.retentionMs ?? 10 * 60_000, snapshotEveryMs: options.snapshotEveryMs ?? 60_000,
      warn: log,
      holdsLease: () => holds(partition),
      turns,
    }).then((worker) => {
      log(`worker ${id}: took partition ${partition}${worker.covered > 0 ? ` after stream sequence ${worker.covered}` : ''}`);
      const entry = owned.get(partition);
      if (entry !== undefined) entry.started = worker;
      worker.done.then(() => {
        // Its lease lapsed while a batch waited (a loaded machine): let it go, so that it is taken again from its store.
        if (worker.lapsed && !stopping) void dropPartition(partition, false, true);
      }, (error: unknown) => fail(error));
      return worker;
    }, (error: unknown) => {
      fail(error);
      return undefined;
    });

  /** Partitions being let go (their store still open): not taken again until they are. */
  const lettingGo = new Map<number, Promise<void>>();

  const letGo = async (partition: number, entry: { revision: number; worker: Promise<PartitionWorker | undefined> }, graceful: boolean, release: boolean) => {
    const worker = await entry.worker;
    await worker?.stop({ snapshot: graceful });
    retired += worker?.applied ?? 0;
    if (release) await buckets.leases.delete(leaseKey(partition), { previousSeq: entry.revision }).catch(() => undefined);
    log(`worker ${id}: gave partition ${partition} up${worker?.lapsed === true ? ' (its lease lapsed while it was busy; it is taken again)' : ''}`);
  };

  /**
   * Lets a partition go, in the background: stops its worker (with a snapshot when `graceful`),
   * then, when `release`, deletes its lease if it is still this worker's.
   */
  const dropPartition = (partition: number, graceful: boolean, release = graceful): Promise<void> => {
    const entry = owned.get(partition);
    if (entry === undefined) return Promise.resolve();
    owned.delete(partition);
    const drop = letGo(partition, entry, graceful, release)
      .catch((error: unknown) => log(`worker ${id}: giving partition ${partition} up failed: ${printableError(error)}`))
      .finally(() => lettingGo.delete(partition));
    lettingGo.set(partition, drop);
    return drop;
  };

  const liveWorkers = async (): Promise<number> => {
    let count = 0;
    for await (const key of await buckets.leases.keys('worker.*')) if (key.startsWith('worker.')) count++;
    return Math.max(count, 1);
  };

  /** Renews every lease at once; a lease that cannot be renewed is lost. */
  const renew = async () => {
    const lost: number[] = [];
    await Promise.all([...owned].map(async ([partition, entry]) => {
      const sent = Date.now();
      try {
        entry.revision = await buckets.leases.update(leaseKey(partition), id, entry.revision);
        entry.heldUntil = heldUntil(sent);
      } catch {
        lost.push(partition);
      }
    }));
    for (const partition of lost) {
      // The lease expired and another worker may own the partition now: stop applying at once
      // (in the background: the other leases are renewed meanwhile).
      log(`worker ${id}: lost the lease of partition ${partition}`);
      void dropPartition(partition, false);
    }
  };

  const tick = async () => {
    await buckets.leases.put(workerKey(id), JSON.stringify({ id, at: new Date().toISOString() }));
    await renew();
    const share = Math.ceil(partitions / (await liveWorkers()));
    for (const partition of [...owned.keys()].sort((a, b) => b - a)) {
      if (owned.size <= share) break;
      void dropPartition(partition, true);
    }
    for (let partition = 0; partition < partitions && owned.size < share; partition++) {
      if (owned.has(partition) || lettingGo.has(partition)) continue;
      let revision: number;
      const sent = Date.now();
      try {
        revision = await buckets.leases.create(leaseKey(partition), id);
      } catch {
        continue;
      }
      const entry = { revision, heldUntil: heldUntil(sent), worker: Promise.resolve<PartitionWorker | undefined>(undefined) };
      owned.set(partition, entry);
      entry.worker = startPartition(partition);
    }
  };

  let timer: NodeJS.Timeout | undefined;
  let ticking = Promise.resolve();
  const schedule = () => {
    timer = setTimeout(() => {
      ticking = tick().catch((error: unknown) => log(`worker ${id}: lease round failed: ${printableError(error)}`)).finally(() => {
        if (!stopping) schedule();
      });
    }, Math.max(50, Math.floor(leaseMs / 3)));
  };
  ticking = tick().catch((error: unknown) => fail(error)).finally(schedule);

  const worker: TrackerWorker = {
    id, stream,
    owned: () => [...owned.keys()].sort((a, b) => a - b),
    applied: () => [...owned.values()].reduce((sum, entry) => sum + (entry.started?.applied ?? 0), retired),
    stopped,
    async stop() {
      if (stopping) return stopped;
      stopping = true;
      clearTimeout(timer);
      // Giving the partitions up needs the server: without it, the worker stops after two lease
      // times anyway (what it committed is in its stores; its leases expire on their own).
      const giveUp = async () => {
        await ticking;
        for (const partition of [...owned.keys()]) void dropPartition(partition, true);
        await Promise.all(lettingGo.values());
        await buckets.leases.delete(workerKey(id)).catch(() => undefined);
        await nc.drain();
      };
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([giveUp(), new Promise((resolve) => (timeout = setTimeout(resolve, 2 * leaseMs)))]);
      clearTimeout(timeout);
      if (!nc.isClosed()) await nc.close();
      return stopped;
    },
  };
  return worker;
}
