import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../src/errors/store-error.js';
import { openEventStore, STORE_FILE } from '../../../src/store/event-store.js';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../../src/store/schema.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { scratchSpace } from '../../support/temp-store.js';
import { addChatAgent, ev } from '../../support/tracker-fixtures.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const eventStoreModule = pathToFileURL(join(repoRoot, 'src/store/event-store.ts')).href;

const { tempDir } = scratchSpace();

/** What a fault must leave as it was: the bytes and mtime of each file in a directory. */
function filesOf(dir: string): Record<string, { size: number; sha256: string; mtimeMs: number }> {
  const out: Record<string, { size: number; sha256: string; mtimeMs: number }> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const bytes = readFileSync(path);
    out[name] = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), mtimeMs: statSync(path).mtimeMs };
  }
  return out;
}

/** The StoreError `open` throws (fails the test when it throws something else, or nothing). */
function openFault(open: () => unknown): StoreError {
  let thrown: unknown;
  try {
    open();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(StoreError);
  return thrown as StoreError;
}

describe('openEventStore: a new or existing store', () => {
  it('creates the directory (parents too) with events.db in it', () => {
    const dir = join(tempDir(), 'a', 'b');
    expect(existsSync(dir)).toBe(false);
    const store = openEventStore(dir);
    expect(store.file).toBe(join(dir, STORE_FILE));
    store.close();
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(readdirSync(dir)).toEqual(['events.db']);
    const db = new Database(join(dir, 'events.db'), { readonly: true });
    try {
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('reopening keeps what was written: the events, their conversations and the arrival numbers', () => {
    const dir = tempDir();
    const added = addChatAgent('a1', 0);
    const connected = ev('participant.connected', 'a1', 1000);
    const first = createTracker({ store: openEventStore(dir) });
    first.apply(added);
    first.apply(connected);
    const snapshot = first.conversation('c1');
    first.close();

    const store = openEventStore(dir);
    expect(store.counts()).toEqual({ conversations: 1, events: 2, evictedParticipants: 0 });
    expect(store.events(store.conversationKey('c1')!).map((row) => [row.seq, JSON.parse(row.event).id])).toEqual([
      [0, added.id], [1, connected.id],
    ]);
    const second = createTracker({ store });
    expect(second.conversation('c1')).toEqual(snapshot);
    expect(second.history('c1')).toEqual([added, connected]);
    // Arrival numbers go on from the stored ones: a rejection made now has number 2.
    second.apply(ev('participant.acwEnded', 'a1', 2000));
    expect(second.rejections().map((r) => r.seq)).toEqual([2]);
    second.close();
  });

  it('an empty existing directory becomes a store', () => {
    const dir = tempDir();
    const store = openEventStore(dir);
    expect(store.counts()).toEqual({ conversations: 0, events: 0, evictedParticipants: 0 });
    store.close();
    expect(readdirSync(dir)).toEqual(['events.db']);
  });
});

describe('openEventStore: what is not a store is refused and left as it was', () => {
  it('NOT_A_STORE: a regular file given as the directory', () => {
    const dir = tempDir();
    const file = join(dir, 'data');
    writeFileSync(file, 'not a directory\n');
    const before = filesOf(dir);
    const error = openFault(() => openEventStore(file));
    expect(error.code).toBe('NOT_A_STORE');
    expect(error.message).toContain(file);
    expect(filesOf(dir)).toEqual(before);
  });

  it('NOT_A_STORE: a directory under a regular file', () => {
    const dir = tempDir();
    const file = join(dir, 'data');
    writeFileSync(file, 'not a directory\n');
    const before = filesOf(dir);
    const error = openFault(() => openEventStore(join(file, 'store')));
    expect(error.code).toBe('NOT_A_STORE');
    expect(filesOf(dir)).toEqual(before);
  });

  it('NOT_A_STORE: a text file named events.db', () => {
    const dir = tempDir();
    const file = join(dir, 'events.db');
    writeFileSync(file, 'conversation,participant,state\n'.repeat(40));
    const before = filesOf(dir);
    const error = openFault(() => openEventStore(dir));
    expect(error.code).toBe('NOT_A_STORE');
    expect(error.message).toContain(file);
    expect(filesOf(dir)).toEqual(before);
  });

  it('NOT_A_STORE: a directory named events.db', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'events.db'));
    const error = openFault(() => openEventStore(dir));
    expect(error.code).toBe('NOT_A_STORE');
    expect(error.message).toContain(join(dir, 'events.db'));
    expect(readdirSync(dir)).toEqual(['events.db']);
    expect(readdirSync(join(dir, 'events.db'))).toEqual([]);
  });

  it('NOT_A_STORE: another program\'s SQLite database, whose tables and rows are kept', () => {
    const dir = tempDir();
    const file = join(dir, 'events.db');
    const other = new Database(file);
    other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5), (7);");
    other.close();
    const before = filesOf(dir);
    const error = openFault(() => openEventStore(dir));
    expect(error.code).toBe('NOT_A_STORE');
    expect(error.message).toContain(file);
    // Refused before anything is written: not even its journal mode changes.
    expect(filesOf(dir)).toEqual(before);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT name FROM sqlite_schema ORDER BY name').pluck().all()).toEqual(['invoices']);
      expect(db.prepare('SELECT total FROM invoices ORDER BY id').pluck().all()).toEqual([12.5, 7]);
      expect(db.pragma('application_id', { simple: true })).toBe(0);
    } finally {
      db.close();
    }
  });

  it('STORE_TOO_NEW: a store whose schema version is above this build\'s', () => {
    const dir = tempDir();
    const tracker = createTracker({ store: openEventStore(dir) });
    tracker.apply(addChatAgent('a1', 0));
    tracker.close();
    const db = new Database(join(dir, 'events.db'));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = filesOf(dir);
    const error = openFault(() => openEventStore(dir));
    expect(error.code).toBe('STORE_TOO_NEW');
    expect(error.message).toContain(join(dir, 'events.db'));
    expect(error.message).toContain(String(SCHEMA_VERSION + 1));
    expect(filesOf(dir)).toEqual(before);
  });
});

/** Starts a child `node` process that opens the store in `dir` (the store's own code, run by tsx) and waits. */
async function holdStore(dir: string, scriptDir: string): Promise<ChildProcess> {
  const script = join(scriptDir, 'hold-store.mts');
  writeFileSync(
    script,
    `import { openEventStore } from ${JSON.stringify(eventStoreModule)};\n` +
      'const store = openEventStore(process.argv[2]);\n' +
      "process.stdout.write('ready\\n');\n" +
      'setInterval(() => store.file, 60_000);\n',
  );
  // One process group, so that the child and anything it starts (tsx's esbuild service) go together.
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the child did not get ready: ${stderr}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += String(chunk);
        if (stdout.includes('ready\n')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the child exited (${code ?? signal}): ${stderr}`));
      });
    });
  } catch (error) {
    await killGroup(child);
    throw error;
  }
  return child;
}

/** Kills a child's process group and waits until none of its processes is left. */
async function killGroup(child: ChildProcess): Promise<void> {
  const pgid = child.pid!;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  await exited;
  const deadline = Date.now() + 15_000;
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  // A killed process lingers until its parent reaps it.
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(alive()).toBe(false);
}

describe('openEventStore: one process at a time', () => {
  it('STORE_LOCKED while another process holds the store, naming the file; the store opens once that process is gone', async () => {
    const dir = tempDir();
    const tracker = createTracker({ store: openEventStore(dir) });
    const added = addChatAgent('a1', 0);
    tracker.apply(added);
    tracker.close();

    const child = await holdStore(dir, tempDir());
    try {
      const before = filesOf(dir);
      const error = openFault(() => openEventStore(dir));
      expect(error.code).toBe('STORE_LOCKED');
      expect(error.message).toContain(join(dir, 'events.db'));
      expect(filesOf(dir)).toEqual(before);
    } finally {
      await killGroup(child);
    }
    // The system dropped the dead process's lock; nothing was lost.
    const store = openEventStore(dir);
    try {
      expect(createTracker({ store }).history('c1')).toEqual([added]);
    } finally {
      store.close();
    }
  });
});
