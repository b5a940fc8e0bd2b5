import type { ErrorCode } from './error-code.js';
import { ParticipantTrackerError } from './participant-tracker-error.js';

/** The codes of {@link StoreError}. */
export type StoreErrorCode = Extract<ErrorCode, 'NOT_A_STORE' | 'STORE_TOO_NEW' | 'STORE_LOCKED' | 'STORE_WRITE_FAILED'>;

/**
 * The event store cannot be opened or written. The message names the store's file and says why;
 * nothing committed before the fault is lost, and nothing is overwritten.
 *
 * @example
 * try {
 *   openEventStore('data');
 * } catch (error) {
 *   if (error instanceof StoreError && error.code === 'STORE_LOCKED') console.error(error.message);
 * }
 */
export class StoreError extends ParticipantTrackerError {
  constructor(code: StoreErrorCode, message: string) {
    super(code, message);
  }
}
