import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { ObjectStore } from '@nats-io/obj';
import type { EventStore, StoredEventRow } from '../store/event-store.js';

/** Which stream a partition's state comes from: its name, when it was made, its partition count. */
export interface StreamIdentity {
  readonly stream: string;
  readonly created: string;
  readonly partitions: number;
}

/** A partition's snapshot: every stored event with its stream sequence, and the sequence it covers. */
export interface PartitionSnapshot {
  readonly identity: StreamIdentity;
  /** The last stream sequence the snapshot has taken in (events after it are replayed from the stream). */
  readonly covered: number;
  readonly rows: StoredEventRow[];
}

const gzipped = promisify(gzip);
const gunzipped = promisify(gunzip);

/** The name of a partition's snapshot in the object store. */
export const snapshotName = (partition: number): string => `partition-${partition}`;

/**
 * Every event a store holds, rejected ones included, in stream order: what a new owner of the
 * partition needs to rebuild the same state.
 *
 * @example
 * storedRows(store).length; // events in the store
 */
export function storedRows(store: EventStore): StoredEventRow[] {
  const rows: StoredEventRow[] = [];
  for (const record of store.conversations()) rows.push(...store.events(record.key));
  return rows.sort((a, b) => a.seq - b.seq);
}

/**
 * Writes a partition's snapshot to the object store: gzipped JSON lines (`{"seq":…,"event":…}`),
 * its stream identity and the sequence it covers in the object's metadata.
 *
 * @example
 * await saveSnapshot(buckets.snapshots, 3, { identity, covered: 1042, rows: storedRows(store) });
 */
export async function saveSnapshot(snapshots: ObjectStore, partition: number, snapshot: PartitionSnapshot): Promise<void> {
  const text = snapshot.rows.map((row) => `{"seq":${row.seq},"event":${row.event}}`).join('\n');
  await snapshots.putBlob({
    name: snapshotName(partition),
    metadata: { ...identityMetadata(snapshot.identity), covered: String(snapshot.covered) },
  }, await gzipped(text));
}

/**
 * The stream sequence a partition's stored snapshot covers, when it has one of this stream
 * (a snapshot of another stream is not this partition's).
 *
 * @example
 * await snapshotCovers(buckets.snapshots, 3, identity); // 1042, or undefined
 */
export async function snapshotCovers(snapshots: ObjectStore, partition: number, identity: StreamIdentity): Promise<number | undefined> {
  const info = await snapshots.info(snapshotName(partition));
  if (info === null || info.deleted || !sameIdentity(info.metadata, identity)) return undefined;
  const covered = Number(info.metadata?.covered);
  return Number.isSafeInteger(covered) ? covered : undefined;
}

/**
 * Reads a partition's snapshot back; `undefined` when there is none of this stream.
 *
 * @example
 * const snapshot = await loadSnapshot(buckets.snapshots, 3, identity);
 */
export async function loadSnapshot(snapshots: ObjectStore, partition: number, identity: StreamIdentity): Promise<PartitionSnapshot | undefined> {
  const covered = await snapshotCovers(snapshots, partition, identity);
  if (covered === undefined) return undefined;
  const blob = await snapshots.getBlob(snapshotName(partition));
  if (blob === null) return undefined;
  const text = (await gunzipped(blob)).toString('utf8');
  const rows = text === '' ? [] : text.split('\n').map((line) => {
    const { seq, event } = JSON.parse(line) as { seq: number; event: unknown };
    return { seq, event: JSON.stringify(event) };
  });
  return { identity, covered, rows };
}

function identityMetadata(identity: StreamIdentity): Record<string, string> {
  return { stream: identity.stream, created: identity.created, partitions: String(identity.partitions) };
}

function sameIdentity(metadata: Record<string, string> | undefined, identity: StreamIdentity): boolean {
  const expected = identityMetadata(identity);
  return metadata !== undefined && Object.keys(expected).every((key) => metadata[key] === expected[key]);
}
