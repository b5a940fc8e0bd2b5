/**
 * A mistake of the user's (a bad option, an unreadable file): the CLI prints its message on one
 * line, without a stack trace, and exits with `exitCode` (2 by default).
 *
 * @example
 * throw new UsageError(`cannot read ${file}: no such file`);
 */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'UsageError';
  }
}
