import type Database from 'better-sqlite3';

/**
 * The store's `application_id` ("PTrk"): a SQLite file without it is another program's database.
 */
export const APPLICATION_ID = 0x5054726b;

/**
 * The schema, one migration per version: `MIGRATIONS[n]` takes a store from version `n` to
 * `n + 1`. A store records its version in `user_version`; opening runs the missing migrations in
 * one transaction. Never edit a released migration: add the next one.
 *
 * - `events`: every accepted event (applied or standing rejected) with its global position `seq`
 *   (the arrival number, which only grows, across restarts too); the event id is unique. The
 *   table is clustered by conversation, so one conversation's events are read from a few pages.
 * - `conversations`: one row per conversation, in the order first seen. A resident conversation
 *   (`evicted = 0`) is rebuilt from its events when the store opens; an evicted one has finished,
 *   and its row holds what reads need without its events: first and last event time, the final
 *   snapshot, the standing rejections, the participant count.
 * - `conversation_spans`: an R-tree over the evicted conversations' `[first, last]` event times
 *   (epoch ms), so time travel finds the conversations active at an instant without a scan.
 * - `checkpoints`: named values written in the same transaction as the events they cover (the
 *   next arrival number, the latest event time, a source's position).
 */
export const MIGRATIONS: readonly ((db: Database.Database) => void)[] = [
  (db) =>
    db.exec(`
      CREATE TABLE conversations (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        evicted INTEGER NOT NULL DEFAULT 0,
        first_time TEXT,
        last_time TEXT,
        participants INTEGER NOT NULL DEFAULT 0,
        snapshot TEXT,
        rejected TEXT
      );
      CREATE INDEX conversations_resident ON conversations (evicted) WHERE evicted = 0;
      CREATE INDEX conversations_rejected ON conversations (key) WHERE rejected IS NOT NULL;
      CREATE TABLE events (
        conversation INTEGER NOT NULL REFERENCES conversations (key),
        seq INTEGER NOT NULL,
        id TEXT NOT NULL UNIQUE,
        time TEXT NOT NULL,
        event TEXT NOT NULL,
        PRIMARY KEY (conversation, seq)
      ) WITHOUT ROWID;
      CREATE VIRTUAL TABLE conversation_spans USING rtree (key, first_ms, last_ms);
      CREATE TABLE checkpoints (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `),
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
