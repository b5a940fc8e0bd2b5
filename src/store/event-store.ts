import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

import { StoreError } from '../errors/store-error.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.js';

/** The page size of a new store (bytes). */
const PAGE_SIZE = 16_384;

/** The name of the SQLite file inside a store's directory. */
export const STORE_FILE = 'events.db';

/** How a store is opened. */
export interface EventStoreOptions {
  /**
   * SQLite's `synchronous` setting: `FULL` (the default) syncs the write-ahead log at every
   * commit, so a committed transaction survives a power cut; `NORMAL` survives a crash of the
   * process but may lose the last commits on a power cut, and commits faster; `OFF` never syncs (for a scratch store nobody reopens after a crash).
   */
  readonly synchronous?: 'FULL' | 'NORMAL' | 'OFF';
  /**
   * A quota: a write that would grow the file beyond this many bytes fails as a full disk does
   * (`STORE_WRITE_FAILED`, nothing committed before it lost). Default: no quota.
   */
  readonly maxSizeBytes?: number;
  /**
   * Read the store, never change it: every write goes into one transaction that `close()` rolls
   * back (what `validate --data` does: check a log against the stored state).
   */
  readonly dryRun?: boolean;
}

/** One conversation's row in the store (see `conversations` in the schema). */
export interface ConversationRecord {
  readonly key: number;
  readonly id: string;
  /** The conversation has finished and left memory; the fields below describe it. */
  readonly evicted: boolean;
  readonly firstTime: string | null;
  readonly lastTime: string | null;
  readonly participants: number;
  /** The final snapshot (JSON), `null` when no participant was ever added. */
  readonly snapshot: string | null;
  /** The standing rejections (JSON), `null` when none. */
  readonly rejected: string | null;
}

/** What an evicted conversation's row keeps. */
export type EvictedRecord = Pick<ConversationRecord, 'firstTime' | 'lastTime' | 'participants' | 'snapshot' | 'rejected'>;

/** A stored event: its arrival number and its JSON. */
export interface StoredEventRow {
  readonly seq: number;
  readonly event: string;
}

/**
 * An embedded event store: one SQLite file in WAL mode, held by one process at a time. Reads
 * run anywhere; writes run inside {@link EventStore.transaction}, whose failure is a
 * `STORE_WRITE_FAILED` {@link StoreError} that leaves everything committed before it.
 */
export interface EventStore {
  /** The SQLite file. */
  readonly file: string;
  /** Runs `work` in one transaction: all of it is stored, or none of it. */
  transaction<T>(work: () => T): T;
  /** The key of a conversation's row. */
  conversationKey(conversationId: string): number | undefined;
  /** A conversation's row. */
  conversation(conversationId: string): ConversationRecord | undefined;
  /** Adds a conversation's row (resident); returns its key. */
  insertConversation(conversationId: string): number;
  /** Brings an evicted conversation back to resident: its summary and span are dropped. */
  reviveConversation(key: number): void;
  /** Records that a conversation finished and left memory. */
  evictConversation(key: number, record: EvictedRecord): void;
  /** Stores an event with its arrival number. */
  insertEvent(conversationKey: number, event: TrackerEvent, seq: number): void;
  /** Removes the event with this id (a retry replaces a rejected event). */
  deleteEvent(eventId: string): void;
  /** The conversation that holds the event with this id. */
  eventHolder(eventId: string): string | undefined;
  /** A conversation's events, in arrival order (the order they were stored). */
  events(conversationKey: number): StoredEventRow[];
  /** The conversations to rebuild when the store opens (not evicted), in the order first seen. */
  residentConversations(): string[];
  /**
   * Every conversation's row, in the order first seen; with `until` (canonical time), without
   * the evicted ones that began after it.
   */
  conversations(until?: string): IterableIterator<ConversationRecord>;
  /** The evicted conversations with standing rejections, in the order first seen. */
  rejectedConversations(): ConversationRecord[];
  /** The evicted conversations whose span meets `[fromMs, untilMs]` (epoch ms; a few more at the edges, as the R-tree rounds outward). */
  spanning(fromMs: number, untilMs: number): ConversationRecord[];
  /** Counts of rows. */
  counts(): { conversations: number; events: number; evictedParticipants: number };
  /** A checkpoint's value. */
  checkpoint(name: string): string | undefined;
  /** Sets a checkpoint (inside a transaction, with what it covers). */
  setCheckpoint(name: string, value: string): void;
  /** Closes the store (the write-ahead log is folded into the file). */
  close(): void;
}

type SqliteError = Error & { code?: string };

const codeOf = (error: unknown): string => String((error as SqliteError).code ?? '');

/**
 * Opens (creating when needed) the event store in `directory`, holding it until `close()`.
 *
 * Faults, each a {@link StoreError} that changes nothing: `NOT_A_STORE` (a file where the
 * directory should be, or a file that is not this program's SQLite database), `STORE_TOO_NEW`
 * (a schema newer than this build's), `STORE_LOCKED` (another process has it open).
 *
 * @example
 * const store = openEventStore('data');
 * const tracker = createTracker({ store });
 * // … tracker.apply(…) …
 * tracker.close();
 */
export function openEventStore(directory: string, options: EventStoreOptions = {}): EventStore {
  const file = join(directory, STORE_FILE);
  prepareDirectory(directory);
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 0 });
  } catch (error) {
    throw new StoreError('NOT_A_STORE', `cannot open ${file}: ${(error as Error).message}`);
  }
  try {
    // One process at a time: the exclusive lock is taken now and held until close (the system
    // drops it if the process dies).
    db.pragma('locking_mode = EXCLUSIVE');
    // Only reads until the file is known to be a store: refusing a file never changes it.
    const version = storeVersion(db, file);
    // Larger pages for a new store: an event row is a few hundred bytes, and a conversation's run of them fits a page.
    if (version === 0) db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    migrate(db, version);
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    if (options.maxSizeBytes !== undefined) {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxSizeBytes / pageSize))}`);
    }
    if (options.dryRun === true) db.exec('BEGIN');
  } catch (error) {
    db.close();
    throw openFailure(error, file);
  }
  return storeOver(db, file);
}

function prepareDirectory(directory: string): void {
  const refuse = (why: string) => new StoreError('NOT_A_STORE', `cannot use ${directory} as a store: ${why}`);
  if (existsSync(directory) && !statSync(directory).isDirectory()) throw refuse('it is not a directory');
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse(
      code === 'ENOTDIR' || code === 'EEXIST' ? 'a part of its path is not a directory'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : (error as Error).message,
    );
  }
}

function openFailure(error: unknown, file: string): unknown {
  if (error instanceof StoreError) return error;
  const code = codeOf(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StoreError('STORE_LOCKED', `${file} is in use by another process (or another open store of this one): stop it, or give this one another --data directory`);
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new StoreError('NOT_A_STORE', `${file} is not a participant-tracker store: ${(error as Error).message}`);
  }
  return new StoreError('NOT_A_STORE', `cannot open ${file}: ${(error as Error).message}`);
}

/**
 * The schema version of a store (0 for an empty file, a new store); a `StoreError` when the file
 * is another program's database or a newer store.
 */
function storeVersion(db: Database.Database, file: string): number {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
  const fresh = applicationId === 0 && version === 0 && tables === 0;
  if (!fresh && applicationId !== APPLICATION_ID) {
    throw new StoreError('NOT_A_STORE', `${file} is a SQLite database of another program, not a participant-tracker store`);
  }
  if (version > SCHEMA_VERSION) {
    throw new StoreError('STORE_TOO_NEW', `${file} has schema version ${version}, newer than this build's ${SCHEMA_VERSION}: upgrade participant-tracker`);
  }
  return version;
}

/** Brings a store's schema from `version` up to this build's, in one transaction. */
function migrate(db: Database.Database, version: number): void {
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let v = version; v < SCHEMA_VERSION; v++) MIGRATIONS[v]!(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).exclusive();
}

interface RecordRow {
  key: number;
  id: string;
  evicted: number;
  first_time: string | null;
  last_time: string | null;
  participants: number;
  snapshot: string | null;
  rejected: string | null;
}

const recordOf = (row: RecordRow): ConversationRecord => ({
  key: row.key, id: row.id, evicted: row.evicted === 1, firstTime: row.first_time, lastTime: row.last_time,
  participants: row.participants, snapshot: row.snapshot, rejected: row.rejected,
});

function storeOver(db: Database.Database, file: string): EventStore {
  const statements = {
    key: db.prepare('SELECT key FROM conversations WHERE id = ?').pluck(),
    conversation: db.prepare('SELECT * FROM conversations WHERE id = ?'),
    insertConversation: db.prepare('INSERT INTO conversations (id) VALUES (?)'),
    revive: db.prepare('UPDATE conversations SET evicted = 0, first_time = NULL, last_time = NULL, participants = 0, snapshot = NULL, rejected = NULL WHERE key = ?'),
    dropSpan: db.prepare('DELETE FROM conversation_spans WHERE key = ?'),
    evict: db.prepare(
      'UPDATE conversations SET evicted = 1, first_time = @firstTime, last_time = @lastTime, participants = @participants, snapshot = @snapshot, rejected = @rejected WHERE key = @key',
    ),
    span: db.prepare('INSERT OR REPLACE INTO conversation_spans (key, first_ms, last_ms) VALUES (?, ?, ?)'),
    insertEvent: db.prepare('INSERT INTO events (id, conversation, seq, time, event) VALUES (?, ?, ?, ?, ?)'),
    deleteEvent: db.prepare('DELETE FROM events WHERE id = ?'),
    holder: db.prepare('SELECT c.id FROM events e JOIN conversations c ON c.key = e.conversation WHERE e.id = ?').pluck(),
    events: db.prepare('SELECT seq, event FROM events WHERE conversation = ? ORDER BY seq'),
    rejected: db.prepare('SELECT * FROM conversations WHERE rejected IS NOT NULL ORDER BY key'),
    resident: db.prepare('SELECT id FROM conversations WHERE evicted = 0 ORDER BY key').pluck(),
    all: db.prepare('SELECT * FROM conversations ORDER BY key'),
    until: db.prepare('SELECT * FROM conversations WHERE first_time IS NULL OR first_time <= ? ORDER BY key'),
    spanning: db.prepare(
      'SELECT c.* FROM conversation_spans s JOIN conversations c ON c.key = s.key WHERE s.first_ms <= ? AND s.last_ms >= ? ORDER BY c.key',
    ),
    counts: db.prepare(
      'SELECT (SELECT count(*) FROM conversations) AS conversations, (SELECT count(*) FROM events) AS events, ' +
        '(SELECT coalesce(sum(participants), 0) FROM conversations WHERE evicted = 1) AS evictedParticipants',
    ),
    checkpoint: db.prepare('SELECT value FROM checkpoints WHERE name = ?').pluck(),
    setCheckpoint: db.prepare('INSERT INTO checkpoints (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value'),
  };
  let open = true;

  return {
    file,
    transaction(work) {
      try {
        // Inside the dry run's transaction, a transaction is a savepoint.
        return db.inTransaction ? db.transaction(work)() : db.transaction(work).immediate();
      } catch (error) {
        const code = codeOf(error);
        if (!code.startsWith('SQLITE')) throw error;
        throw new StoreError(
          'STORE_WRITE_FAILED',
          `cannot write ${file}: ${code === 'SQLITE_FULL' ? 'the disk is full' : (error as Error).message}; everything committed before is kept`,
        );
      }
    },
    conversationKey: (id) => statements.key.get(id) as number | undefined,
    conversation(id) {
      const row = statements.conversation.get(id) as RecordRow | undefined;
      return row === undefined ? undefined : recordOf(row);
    },
    insertConversation: (id) => Number(statements.insertConversation.run(id).lastInsertRowid),
    reviveConversation(key) {
      statements.revive.run(key);
      statements.dropSpan.run(key);
    },
    evictConversation(key, record) {
      statements.evict.run({ key, ...record });
      if (record.firstTime !== null && record.lastTime !== null) statements.span.run(key, Date.parse(record.firstTime), Date.parse(record.lastTime));
    },
    insertEvent: (key, event, seq) => void statements.insertEvent.run(event.id, key, seq, event.time, JSON.stringify(event)),
    deleteEvent: (id) => void statements.deleteEvent.run(id),
    eventHolder: (id) => statements.holder.get(id) as string | undefined,
    events: (key) => statements.events.all(key) as StoredEventRow[],
    residentConversations: () => statements.resident.all() as string[],
    *conversations(until) {
      const rows = until === undefined ? statements.all.iterate() : statements.until.iterate(until);
      for (const row of rows as IterableIterator<RecordRow>) yield recordOf(row);
    },
    rejectedConversations: () => (statements.rejected.all() as RecordRow[]).map(recordOf),
    spanning: (fromMs, untilMs) => (statements.spanning.all(untilMs, fromMs) as RecordRow[]).map(recordOf),
    counts: () => statements.counts.get() as { conversations: number; events: number; evictedParticipants: number },
    checkpoint: (name) => statements.checkpoint.get(name) as string | undefined,
    setCheckpoint: (name, value) => void statements.setCheckpoint.run(name, value),
    close() {
      if (!open) return;
      open = false;
      try {
        if (db.inTransaction) db.exec('ROLLBACK');
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    },
  };
}
