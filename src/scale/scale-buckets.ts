import { Kvm, type KV } from '@nats-io/kv';
import { Objm, type ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import type { MetricsPartial } from '../metrics/metrics-partial.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';

/**
 * The key-value buckets and object store of a scaled-out tracker, named after its event stream
 * (`PARTICIPANT_EVENTS` → `PARTICIPANT_EVENTS_LEASES`, …):
 * - `leases`: who owns each partition (`partition.<n>`) and which workers are alive (`worker.<id>`),
 *   every entry expiring `leaseMs` after its last write;
 * - `conversations`: each conversation's latest snapshot, under `<partition>.<base64url id>`;
 * - `metrics`: each partition's metric partial, under `partition.<n>`;
 * - `snapshots`: each partition's latest snapshot (`partition-<n>`), with the stream sequence it covers.
 */
export interface ScaleBuckets {
  readonly leases: KV;
  /** The lease time of the leases bucket: the one it was made with, which may differ from the one asked for. */
  readonly leaseMs: number;
  readonly conversations: KV;
  readonly metrics: KV;
  readonly snapshots: ObjectStore;
}

/**
 * A conversation as a worker publishes it: its latest snapshot, whether it is over, and the
 * partition's stream sequence it reflects (while a partition moves, an owner that lags behind may
 * still publish: readers keep the value of the highest sequence).
 */
export interface PublishedConversation {
  readonly covered: number;
  readonly finished: boolean;
  readonly snapshot: ConversationSnapshot;
}

/** A partition's figures as its worker publishes them after each batch. */
export interface PublishedPartition {
  readonly partition: number;
  /** The last stream sequence applied. */
  readonly covered: number;
  /** Events applied since the current owner took the partition. */
  readonly applied: number;
  readonly metrics: MetricsPartial;
}

/** How long a lease, or a worker's sign of life, lasts without renewal when none is given (10 s). */
export const DEFAULT_LEASE_MS = 10_000;

/**
 * Opens the buckets of the stream named `stream`, making those that are missing. The leases
 * bucket keeps the lease time it was made with.
 *
 * @example
 * const buckets = await openScaleBuckets(nc, 'PARTICIPANT_EVENTS', { leaseMs: 10_000, maxAgeMs: 7 * 86_400_000 });
 * await buckets.leases.get('partition.3');
 */
export async function openScaleBuckets(nc: NatsConnection, stream: string, options: { leaseMs: number; maxAgeMs: number }): Promise<ScaleBuckets> {
  const kvm = new Kvm(nc);
  const objm = new Objm(nc);
  const kv = async (suffix: string, ttl: number): Promise<KV> => {
    const name = `${stream}_${suffix}`;
    try {
      const status = await (await kvm.open(name)).status();
      return await kvm.open(status.bucket);
    } catch {
      return kvm.create(name, { history: 1, ttl });
    }
  };
  const leases = await kv('LEASES', options.leaseMs);
  return {
    leases,
    leaseMs: (await leases.status()).ttl,
    conversations: await kv('CONVERSATIONS', options.maxAgeMs),
    metrics: await kv('METRICS', 0),
    snapshots: await objm.create(`${stream}_SNAPSHOTS`),
  };
}

/**
 * The key of a conversation's snapshot in the `conversations` bucket: its partition, then its id
 * in base64url (bucket keys allow only letters, digits and `-_=./`).
 *
 * @example
 * conversationKey(3, 'c1'); // '3.YzE'
 */
export function conversationKey(partition: number, conversationId: string): string {
  return `${partition}.${Buffer.from(conversationId, 'utf8').toString('base64url')}`;
}

/**
 * The partition and conversation id of a `conversations` bucket key; `undefined` for another key.
 *
 * @example
 * conversationOfKey('3.YzE'); // { partition: 3, conversationId: 'c1' }
 */
export function conversationOfKey(key: string): { partition: number; conversationId: string } | undefined {
  const match = /^(\d+)\.([A-Za-z0-9_-]+)$/.exec(key);
  if (match === null) return undefined;
  return { partition: Number(match[1]), conversationId: Buffer.from(match[2]!, 'base64url').toString('utf8') };
}
