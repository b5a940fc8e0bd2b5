import { printable } from './printable.js';

/**
 * A caught error as text safe to show: its message (or the value itself when it is not an
 * `Error`), with control and invisible characters escaped (see {@link printable}).
 *
 * @example
 * printableError(new Error('timeout'));  // 'timeout'
 * printableError('line 1\nline 2');       // 'line 1\\nline 2'
 */
export function printableError(error: unknown): string {
  return printable(String((error as Error | undefined)?.message ?? error));
}
