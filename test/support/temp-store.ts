import { afterEach } from 'vitest';
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
 * registers anything else to undo (a tracker to close, a process to kill); everything runs after
 * each test, last registered first.
 *
 * @example
 * const { tempDir, cleanup } = scratchSpace();
 */
export function scratchSpace(): { tempDir: () => string; cleanup: (undo: () => void) => void } {
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
  };
}
