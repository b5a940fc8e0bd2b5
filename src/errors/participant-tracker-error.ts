import type { ErrorCode } from './error-code.js';

/**
 * The base of every error the package throws: a stable `code` to match on, and a message that
 * says why. Invalid events are never thrown: `apply` and `parseEvent` return them as results.
 *
 * @example
 * try {
 *   tracker.at('2026-11-21T10:00:00');
 * } catch (error) {
 *   if (error instanceof ParticipantTrackerError && error.code === 'INVALID_INSTANT') console.error(error.message);
 * }
 */
export class ParticipantTrackerError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}
