import { printable } from '../text/printable.js';

let guarded = false;

/**
 * Keeps a failing standard stream from crashing the process: an `error` on stderr (closed by
 * `… 2>&1 >out | head -1`) or stdout (a closed pipe, a full disk) is left to whoever writes
 * next, never thrown out of the event loop. Call once at start-up.
 *
 * @example
 * guardStandardStreams();
 */
export function guardStandardStreams(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
}

/**
 * Writes one line for people to stderr, with any control character from the input escaped, so
 * that a forged "line 77: …" or a terminal escape sequence cannot get through. A broken stderr
 * costs nothing else: the line is dropped.
 *
 * @example
 * notice(`replay: ${linesRead} lines read`);
 */
export function notice(line: string): void {
  if (!process.stderr.destroyed) process.stderr.write(`${printable(line)}\n`);
}
