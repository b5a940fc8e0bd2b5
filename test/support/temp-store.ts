import { afterEach } from 'vitest';
import type { Tracker } from '../../src/tracker/tracker.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh directory for a store, removed by the returned `remove` (call it in `finally` or `afterEach`).
 *
 * @example
 * const { dir, remove } = tempStoreDir();
 */
export function tempStoreDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pt-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Per-test scratch space for a test file: `tempDir()` gives a fresh directory, `cleanup(fn)`
 * registers anything else to undo (a process to kill), `closeAfter(tracker)` closes a tracker the
 * test left open; everything runs after each test, last registered first.
 *
 * @example
 * const { tempDir, cleanup } = scratchSpace();
 */
export function scratchSpace(): { tempDir: () => string; cleanup: (undo: () => void) => void; closeAfter: (tracker: Tracker) => Tracker } {
  let undos: (() => void)[] = [];
  afterEach(() => {
    const pending = undos.reverse();
    undos = [];
    for (const undo of pending) undo();
  });
  return {
    tempDir() {
      const { dir, remove } = tempStoreDir();
      undos.push(remove);
      return dir;
    },
    cleanup: (undo) => void undos.push(undo),
    /** Closes a tracker after the test, unless the test closed it. */
    closeAfter(tracker) {
      let closed = false;
      const close = tracker.close;
      tracker.close = () => {
        closed = true;
        close();
      };
      undos.push(() => {
        if (!closed) tracker.close();
      });
      return tracker;
    },
  };
}
