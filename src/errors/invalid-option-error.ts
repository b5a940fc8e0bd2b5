import { ParticipantTrackerError } from './participant-tracker-error.js';

/**
 * An option is out of range or malformed (`computeMetrics({ intervalMs: 0 })`,
 * `simulate({ agents: 0 })`). The message names each option at fault. Thrown before any work.
 *
 * @example
 * throw new InvalidOptionError('intervalMs must be a positive number of milliseconds');
 */
export class InvalidOptionError extends ParticipantTrackerError {
  constructor(message: string) {
    super('INVALID_OPTION', message);
  }
}
