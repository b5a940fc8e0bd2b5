import { ParticipantTrackerError } from './participant-tracker-error.js';

/**
 * An input's arrival number does not grow past every number used before. Only the package's
 * own replay numbers inputs (by line), so this is a fault inside the package, never of the input.
 *
 * @example
 * throw new ArrivalNumberError(`arrival number ${seq} must be an integer of at least ${nextSeq}`);
 */
export class ArrivalNumberError extends ParticipantTrackerError {
  constructor(message: string) {
    super('INVALID_ARRIVAL_NUMBER', message);
  }
}
