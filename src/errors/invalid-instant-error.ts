import { ParticipantTrackerError } from './participant-tracker-error.js';

/**
 * A time asked about is not an instant: not an ISO-8601 time with a zone, a valid `Date` or
 * finite epoch milliseconds, or one that names no real instant (February 30th, a leap second).
 * The message says which.
 *
 * @example
 * throw new InvalidInstantError('"2026-11-21T10:00:00" is not an ISO-8601 time with a zone');
 */
export class InvalidInstantError extends ParticipantTrackerError {
  constructor(message: string) {
    super('INVALID_INSTANT', message);
  }
}
