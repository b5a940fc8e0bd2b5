import type { ErrorCode } from './error-code.js';
import { ParticipantTrackerError } from './participant-tracker-error.js';

/** The codes of {@link ScaleError}. */
export type ScaleErrorCode = Extract<ErrorCode, 'NATS_UNREACHABLE' | 'EVENT_STREAM_MISMATCH' | 'NATS_FAILED' | 'STORE_OF_OTHER_STREAM'>;

/**
 * Scale-out over NATS JetStream cannot go on: the server cannot be reached, the event stream
 * exists with other settings, a worker's store belongs to another stream, or a request failed. The message is one line that names the
 * server or the stream and says why; an existing stream is never changed.
 *
 * @example
 * try {
 *   await connectToNats('nats://127.0.0.1:4222');
 * } catch (error) {
 *   if (error instanceof ScaleError && error.code === 'NATS_UNREACHABLE') console.error(error.message);
 * }
 */
export class ScaleError extends ParticipantTrackerError {
  constructor(code: ScaleErrorCode, message: string) {
    super(code, message);
  }
}
