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
