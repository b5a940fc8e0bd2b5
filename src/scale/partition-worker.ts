import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { ScaleError } from '../errors/scale-error.js';
import { createLiveMetrics, type LiveMetrics } from '../metrics/live-metrics.js';
import { openEventStore, type EventStore } from '../store/event-store.js';
import { createNumberedTracker, type NumberedTracker } from '../tracker/create-tracker.js';
import { printable } from '../text/printable.js';
import { printableError } from '../text/printable-error.js';
import { retryDelay, type Backoff } from '../connector/retry-delay.js';
import { eventSubject } from './partition.js';
import { loadSnapshot, saveSnapshot, snapshotCovers, storedRows, type StreamIdentity } from './partition-snapshot.js';
import { answerQueries } from './partition-queries.js';
import type { BatchTurns } from './batch-turns.js';
import { conversationKey, type PublishedConversation, type PublishedPartition, type ScaleBuckets } from './scale-buckets.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';

/** What a partition worker needs: the stream, its buckets, where its store lives, and the metrics settings. */
export interface PartitionWorkerOptions {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly buckets: ScaleBuckets;
  readonly identity: StreamIdentity;
  readonly subjectPrefix: string;
  readonly partition: number;
  /** The worker's data directory: the partition's store is `<data>/partition-<n>`. */
  readonly data: string;
  readonly intervalMs: number;
  readonly serviceLevelMs: number;
  readonly retentionMs: number;
  /** How often the partition's snapshot is written to the object store while it advances. */
  readonly snapshotEveryMs: number;
  /** Most events applied in one store transaction. */
  readonly batchSize?: number;
  /** Where faults that do not stop the partition are told (a failed publish of a change). */
  readonly warn: (line: string) => void;
  /** Whether the worker still holds the partition's lease: a batch is published and acknowledged only while it does. */
  readonly holdsLease: () => boolean;
  /** The worker's turns at the event loop, shared by its partitions. */
  readonly turns: BatchTurns;
}

/** The durable consumer of a partition. */
export const consumerName = (partition: number): string => `partition-${partition}`;

/** How publications that failed are tried again when no batch comes first: from 1 s, up to 30 s. */
const REPUBLISH_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 30_000 };

/** Events restored from a snapshot between two turns of the event loop. */
const RESTORE_CHUNK = 2000;

/** The checkpoint that ties a store to its stream. */
const IDENTITY_CHECKPOINT = 'nats-stream';

/**
 * One partition owned by this worker: its store, its tracker, and the durable consumer that
 * feeds it. Events are applied in batches; each batch commits the events and the partition's
 * stream sequence (the tracker's arrival numbers are the stream sequences) in one store
 * transaction, then the conversations it changed and the partition's metric partial are
 * published, then the batch is acknowledged. A message redelivered after a crash has a sequence
 * the store already covers and is skipped: no event is applied twice.
 *
 * @example
 * const worker = await PartitionWorker.start({ js, jsm, buckets, identity, subjectPrefix, partition: 3, data, … });
 * await worker.stop(); // snapshot written, store closed
 */
export class PartitionWorker {
  private messages: ConsumerMessages | undefined;
  private running: Promise<void> = Promise.resolve();
  private lastSnapshotMs = Date.now();
  private snapshotCovered: number;
  /** The conversations changed since the last publication, and whether each is finished. */
  private readonly changed = new Map<string, boolean>();
  private stopped = false;
  /** Publishes again what failed to publish, when no batch comes to do it first. */
  private republish: ReturnType<typeof setTimeout> | undefined;
  /** Publications that failed in a row: the attempt number of the next retry's wait. */
  private failedPublications = 0;
  private readonly closeQueries: () => void;
  /** Events applied (not skipped as covered) since the partition was taken. */
  applied = 0;
  /** It stopped consuming because its lease was no longer sure to be held: the worker gives it up, to take it again. */
  lapsed = false;

  private constructor(
    private readonly options: PartitionWorkerOptions,
    private readonly store: EventStore,
    private readonly numbered: NumberedTracker,
    private readonly metrics: LiveMetrics,
    covered: number,
  ) {
    this.snapshotCovered = covered;
    numbered.tracker.subscribe((change) => this.changed.set(change.conversationId, change.finished));
    this.closeQueries = answerQueries(options, numbered.tracker);
  }

  /**
   * Takes a partition over: opens its store (checking it belongs to this stream), restores the
   * object store's snapshot when it covers more than the store, publishes every conversation and
   * the metric partial again (a crash may have come between a commit and its publication), and
   * starts consuming from the first sequence the store does not cover.
   */
  static async start(options: PartitionWorkerOptions): Promise<PartitionWorker> {
    const directory = join(options.data, `partition-${options.partition}`);
    mkdirSync(directory, { recursive: true });
    let store = openStoreOf(directory, options.identity);
    let covered = Number(store.checkpoint('next-seq') ?? 0) - 1;
    const snapshotCovered = await snapshotCovers(options.buckets.snapshots, options.partition, options.identity);
    if (snapshotCovered !== undefined && snapshotCovered > covered) {
      const snapshot = await loadSnapshot(options.buckets.snapshots, options.partition, options.identity);
      if (snapshot !== undefined) {
        store.close();
        rmSync(directory, { recursive: true, force: true });
        mkdirSync(directory, { recursive: true });
        store = openStoreOf(directory, options.identity);
        const restoring = createNumberedTracker({ store, retentionMs: options.retentionMs });
        for (let i = 0; i < snapshot.rows.length; i++) {
          const row = snapshot.rows[i]!;
          restoring.stage(JSON.parse(row.event), row.seq, true);
          // The worker's lease renewals run between chunks.
          if (i % RESTORE_CHUNK === RESTORE_CHUNK - 1) await new Promise((resolve) => setImmediate(resolve));
        }
        restoring.tracker.close();
        store = openStoreOf(directory, options.identity);
        covered = snapshot.covered;
      }
    }
    const numbered = createNumberedTracker({ store, retentionMs: options.retentionMs });
    const metrics = createLiveMetrics(numbered.tracker, { intervalMs: options.intervalMs, serviceLevelMs: options.serviceLevelMs, retentionMs: options.retentionMs });
    const worker = new PartitionWorker(options, store, numbered, metrics, Math.max(covered, 0));
    await worker.publishAll();
    await worker.consumeFrom(covered + 1);
    return worker;
  }

  /** Settles when the partition stops consuming; rejects with what stopped it when a batch could not be committed. */
  get done(): Promise<void> {
    return this.running;
  }

  /** The last stream sequence the partition's store covers. */
  get covered(): number {
    return this.numbered.nextSeq() - 1;
  }

  /** Stops consuming, finishes the batch under way, writes the snapshot and closes the store. */
  async stop(options: { snapshot?: boolean } = {}): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.republish);
    this.closeQueries();
    // Not awaited: closing settles only once the loop that reads the messages has let them go.
    void this.messages?.close().catch(() => undefined);
    await this.running.catch(() => undefined);
    try {
      if (options.snapshot !== false && this.covered > this.snapshotCovered) await this.writeSnapshot();
    } finally {
      this.numbered.tracker.close();
    }
  }

  /** (Re)creates the partition's durable consumer from `start` and applies what it delivers. */
  private async consumeFrom(start: number): Promise<void> {
    const { jsm, js, identity, partition, subjectPrefix } = this.options;
    const name = consumerName(partition);
    try {
      await jsm.consumers.delete(identity.stream, name);
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) throw error;
    }
    await jsm.consumers.add(identity.stream, {
      durable_name: name,
      filter_subject: eventSubject(subjectPrefix, partition),
      ack_policy: AckPolicy.All,
      ...(start > 1 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start } : { deliver_policy: DeliverPolicy.All }),
      max_ack_pending: 20_000,
    });
    const consumer = await js.consumers.get(identity.stream, name);
    const messages = await consumer.consume({ max_messages: this.options.batchSize ?? 500 });
    this.messages = messages;
    this.running = this.applyAll(messages);
  }

  private async applyAll(messages: ConsumerMessages): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    let batch: JsMsg[] = [];
    let flushing: Promise<void> = Promise.resolve();
    let scheduled = false;
    let failure: unknown;
    const flush = () => {
      scheduled = false;
      const taken = batch;
      batch = [];
      flushing = flushing.then(() => (failure === undefined ? this.applyBatch(taken) : undefined)).catch((error: unknown) => {
        // A batch that cannot be committed stops the partition: nothing after it is acknowledged.
        failure ??= error;
        void messages.close().catch(() => undefined);
      });
      return flushing;
    };
    for await (const message of messages) {
      batch.push(message);
      if (batch.length >= batchSize) await flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    }
    await flush();
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error('a batch could not be committed');
  }

  /** Applies a batch's events and commits them with the sequence they reach; `false` (nothing applied) when the lease is no longer sure to be held. */
  private commitBatch(batch: readonly JsMsg[]): boolean {
    const { numbered } = this;
    if (!this.options.holdsLease()) return false;
    for (const message of batch) {
      if (message.seq < numbered.nextSeq()) continue;
      let input: unknown;
      try {
        input = message.json();
      } catch {
        input = message.string();
      }
      // `json()` parses anew: the value is handed over (owned), not copied again.
      const result = numbered.stage(input, message.seq, true);
      if (result.status === 'applied') {
        this.applied++;
        this.metrics.changed(result.event.conversationId);
      }
    }
    numbered.tracker.settle();
    return true;
  }

  /** Stops consuming: the lease may have passed to another worker. */
  private lapse(): void {
    this.lapsed = true;
    // Not awaited: it runs inside the loop that reads the messages, which closing waits for.
    void this.messages?.close().catch(() => undefined);
  }

  /** Applies a batch in one transaction (in the worker's turn), publishes what changed, then acknowledges it. */
  private async applyBatch(batch: readonly JsMsg[]): Promise<void> {
    if (batch.length === 0) return;
    const committed = await this.options.turns.take(() => this.commitBatch(batch));
    if (!committed || !this.options.holdsLease()) {
      // Another worker may own the partition now: publish nothing more, acknowledge nothing.
      this.lapse();
      return;
    }
    await this.publishChanged();
    batch[batch.length - 1]!.ack();
    if (Date.now() - this.lastSnapshotMs >= this.options.snapshotEveryMs && this.covered > this.snapshotCovered) await this.writeSnapshot();
  }

  /** Publishes the snapshots of the conversations changed since the last call, and the metric partial. */
  private async publishChanged(): Promise<void> {
    const changed = [...this.changed];
    this.changed.clear();
    const { tracker } = this.numbered;
    await this.publish(changed.map(([id, finished]) => ({ snapshot: tracker.conversation(id), finished })));
  }

  /** Publishes every conversation of the partition and its metric partial. */
  private async publishAll(): Promise<void> {
    this.changed.clear();
    const { tracker } = this.numbered;
    const underWay = new Set(tracker.active().map((snapshot) => snapshot.id));
    await this.publish([...tracker.eachConversation()].map((snapshot) => ({ snapshot, finished: !underWay.has(snapshot.id) })));
  }

  private async publish(conversations: readonly { snapshot: ConversationSnapshot | undefined; finished: boolean }[]): Promise<void> {
    const { buckets, partition } = this.options;
    const puts: Promise<unknown>[] = [];
    for (const { snapshot, finished } of conversations) {
      if (snapshot === undefined) continue;
      const put = buckets.conversations.put(conversationKey(partition, snapshot.id), JSON.stringify({ covered: this.covered, finished, snapshot } satisfies PublishedConversation));
      // A conversation whose publication failed is published again with the next batch, or by the republish timer.
      puts.push(put.catch((error: unknown) => {
        if (!this.changed.has(snapshot.id)) this.changed.set(snapshot.id, finished);
        throw error;
      }));
    }
    const partial: PublishedPartition = { partition, covered: this.covered, applied: this.applied, metrics: this.metrics.partial() };
    puts.push(buckets.metrics.put(`partition.${partition}`, JSON.stringify(partial)));
    const failed = (await Promise.allSettled(puts)).filter((r) => r.status === 'rejected');
    if (failed.length === 0) {
      this.failedPublications = 0;
      return;
    }
    this.options.warn(`partition ${partition}: ${failed.length} of ${puts.length} publications failed (${printableError((failed[0] as PromiseRejectedResult).reason)}); they are published again with the next batch, or after a wait that grows while publishing fails`);
    this.scheduleRepublish();
  }

  /** Publishes the conversations whose publication failed (and the metric partial) again after a wait that grows each time it fails again. */
  private scheduleRepublish(): void {
    if (this.republish !== undefined || this.stopped) return;
    this.republish = setTimeout(() => {
      this.republish = undefined;
      if (!this.stopped) {
        this.publishChanged().catch((error: unknown) => this.options.warn(`partition ${this.options.partition}: publishing again failed (${printableError(error)})`));
      }
    }, retryDelay(++this.failedPublications, REPUBLISH_BACKOFF));
  }

  /**
   * Saves the partition's snapshot to the object store. A snapshot that cannot be saved (the
   * server is away) is a warning, never a failure: the store holds every committed event, and
   * the next interval or hand-over tries again.
   */
  private async writeSnapshot(): Promise<void> {
    const covered = this.covered;
    try {
      await saveSnapshot(this.options.buckets.snapshots, this.options.partition, { identity: this.options.identity, covered, rows: storedRows(this.store) });
    } catch (error) {
      this.options.warn(`partition ${this.options.partition}: its snapshot after stream sequence ${covered} was not saved (${printableError(error)}); it is tried again later`);
      return;
    } finally {
      this.lastSnapshotMs = Date.now();
    }
    this.snapshotCovered = covered;
  }
}

/** Opens a partition's store, which must be new or belong to the stream `identity` names. */
function openStoreOf(directory: string, identity: StreamIdentity): EventStore {
  const store = openEventStore(directory, { synchronous: 'NORMAL' });
  const expected = JSON.stringify(identity);
  const found = store.checkpoint(IDENTITY_CHECKPOINT);
  if (found === undefined) store.transaction(() => store.setCheckpoint(IDENTITY_CHECKPOINT, expected));
  else if (found !== expected) {
    store.close();
    const other = JSON.parse(found) as StreamIdentity;
    throw new ScaleError('STORE_OF_OTHER_STREAM',
      `the store in ${printable(directory)} belongs to the stream ${printable(other.stream)} made ${printable(other.created)} with ${other.partitions} partitions, not to ${printable(identity.stream)} made ${printable(identity.created)} with ${identity.partitions}; it was left unchanged`);
  }
  return store;
}
