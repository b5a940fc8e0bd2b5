import { open, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface FollowOptions {
  /** How often to look for new bytes (default 200 ms). */
  readonly pollMs?: number;
  /** Stops following. */
  readonly signal: AbortSignal;
  /** Told when the file was truncated or replaced, and is read again from its start. */
  readonly onRestart?: (why: string) => void;
}

const CHUNK_BYTES = 1 << 20;

/**
 * The bytes of a file as it grows, like `tail -F -n +1`: everything in it, then what is appended,
 * until `signal` aborts. A file that shrinks (truncated) or is replaced (rotated: another inode)
 * is read again from its start; lines already applied are duplicates there. A file that does not
 * exist yet is waited for.
 *
 * @example
 * for await (const chunk of followFile('events.jsonl', { signal })) reader.push(chunk);
 */
export async function* followFile(path: string, options: FollowOptions): AsyncGenerator<Buffer, void, undefined> {
  const pollMs = options.pollMs ?? 200;
  const { signal } = options;
  const pause = () => sleep(pollMs, undefined, { signal }).then(() => true, () => false);
  while (!signal.aborted) {
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (!(await pause())) return;
      continue;
    }
    try {
      const { ino } = await handle.stat();
      let position = 0;
      const buffer = Buffer.alloc(CHUNK_BYTES);
      for (;;) {
        if (signal.aborted) return;
        const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
        if (bytesRead > 0) {
          position += bytesRead;
          yield Buffer.from(buffer.subarray(0, bytesRead));
          continue;
        }
        const now = await stat(path).catch(() => undefined);
        if (now !== undefined && (now.ino !== ino || now.size < position)) {
          options.onRestart?.(now.ino !== ino ? `${path} was replaced` : `${path} was truncated`);
          break;
        }
        if (!(await pause())) return;
      }
    } finally {
      await handle.close();
    }
  }
}
