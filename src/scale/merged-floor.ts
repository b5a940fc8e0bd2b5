import type { KvWatchEntry } from '@nats-io/kv';
import type { QueuedIterator } from '@nats-io/transport-node';
import { mergeMetricsPartials } from '../metrics/metrics-partial.js';
import type { MetricsOptions, MetricsReport } from '../metrics/compute-metrics.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { ConversationChange } from '../tracker/tracker.js';
import { deepFreeze } from '../core/deep-freeze.js';
import { conversationOfKey, type PublishedConversation, type PublishedPartition, type ScaleBuckets } from './scale-buckets.js';

/**
 * The merged state of every partition, as the gateway sees it: each conversation's latest
 * snapshot and each partition's metric partial, followed through watches of the buckets the
 * workers publish to. Metrics merge from the partials (sums and counts), never from events.
 *
 * @example
 * const floor = await MergedFloor.open(buckets);
 * floor.conversation('c1');
 * floor.metrics(); // today's metrics of all partitions
 */
export class MergedFloor {
  private readonly conversations = new Map<string, PublishedConversation>();
  private readonly partitions = new Map<number, PublishedPartition>();
  private readonly listeners = new Set<(change: ConversationChange) => void>();
  private readonly watches: QueuedIterator<KvWatchEntry>[] = [];

  private constructor() {}

  /** Follows the buckets; resolves once their current values are read. */
  static async open(buckets: Pick<ScaleBuckets, 'conversations' | 'metrics'>): Promise<MergedFloor> {
    const floor = new MergedFloor();
    const { conversations, metrics } = buckets;
    await Promise.all([
      floor.follow((await conversations.status()).values, await conversations.watch(), (entry) => floor.takeConversation(entry)),
      floor.follow((await metrics.status()).values, await metrics.watch(), (entry) => floor.takePartition(entry)),
    ]);
    return floor;
  }

  /** Reads a watch; resolves when the values it starts with (`initial` of them) are read, and goes on with the updates. */
  private follow(initial: number, watch: QueuedIterator<KvWatchEntry>, take: (entry: KvWatchEntry) => void): Promise<void> {
    this.watches.push(watch);
    return new Promise((resolve) => {
      void (async () => {
        if (initial === 0) resolve();
        for await (const entry of watch) {
          try {
            take(entry);
          } catch {
            // A value no worker wrote (not JSON) is skipped.
          }
          if (entry.delta === 0) resolve();
        }
        resolve();
      })();
    });
  }

  private takeConversation(entry: KvWatchEntry): void {
    const key = conversationOfKey(entry.key);
    if (key === undefined || entry.operation !== 'PUT') return;
    const published = entry.json<PublishedConversation>();
    const previous = this.conversations.get(key.conversationId);
    // An owner that lags behind (a partition moving) publishes older states: they are not taken.
    if (previous !== undefined && published.covered < previous.covered) return;
    const snapshot = deepFreeze(published.snapshot);
    this.conversations.set(key.conversationId, { covered: published.covered, finished: published.finished, snapshot });
    const change: ConversationChange = { conversationId: key.conversationId, snapshot, previous: previous?.snapshot, finished: published.finished };
    for (const listener of this.listeners) listener(change);
  }

  private takePartition(entry: KvWatchEntry): void {
    if (entry.operation !== 'PUT') return;
    const published = entry.json<PublishedPartition>();
    const previous = this.partitions.get(published.partition);
    if (previous !== undefined && published.covered < previous.covered) return;
    this.partitions.set(published.partition, published);
  }

  /** A conversation's latest snapshot. */
  conversation(conversationId: string): ConversationSnapshot | undefined {
    return this.conversations.get(conversationId)?.snapshot;
  }

  /** Every conversation's latest snapshot, in the order the gateway first saw them. */
  *eachConversation(): Generator<ConversationSnapshot, void, undefined> {
    for (const { snapshot } of this.conversations.values()) yield snapshot;
  }

  /** The conversations under way. */
  active(): ConversationSnapshot[] {
    return [...this.conversations.values()].filter((c) => !c.finished).map((c) => c.snapshot);
  }

  /** Tells `listener` of every conversation change a worker publishes. */
  subscribe(listener: (change: ConversationChange) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** The latest event time of all partitions. */
  latestTime(): string | undefined {
    let latest: string | undefined;
    for (const { metrics } of this.partitions.values()) {
      const at = metrics.latest;
      if (at !== null && (latest === undefined || at > latest)) latest = at;
    }
    return latest;
  }

  /** Today's metrics, merged from the partitions' partials. */
  metrics(options: Pick<MetricsOptions, 'at'> = {}): MetricsReport {
    return mergeMetricsPartials([...this.partitions.values()].map((p) => p.metrics), options);
  }

  /** The partials' figures, by partition. */
  partitionFigures(): PublishedPartition[] {
    return [...this.partitions.values()].sort((a, b) => a.partition - b.partition);
  }

  /** Stops following the buckets. */
  close(): void {
    for (const watch of this.watches) watch.stop();
    this.listeners.clear();
  }
}
