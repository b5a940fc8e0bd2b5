import { ParticipantTrackerError } from './participant-tracker-error.js';

const MB = 1048576;

/**
 * A replayed log outgrew the heap: reading stopped before V8 would abort the process. The sizes
 * are in bytes; the message says how to go on (split the log, or give Node a larger heap).
 *
 * @example
 * throw new HeapExhaustedError(grownBytes, liveBytes, limitBytes);
 */
export class HeapExhaustedError extends ParticipantTrackerError {
  constructor(
    /** What the replay added to the live heap since it began. */
    readonly grownBytes: number,
    /** The live heap (the old generation after the last full collection). */
    readonly liveBytes: number,
    /** The old generation's limit. */
    readonly limitBytes: number,
  ) {
    const mb = (bytes: number) => Math.round(bytes / MB);
    super(
      'HEAP_EXHAUSTED',
      `the log does not fit in memory: the events read so far take ${mb(grownBytes)} MB, and the heap is at ${mb(liveBytes)} of its ${mb(limitBytes)} MB. ` +
        'Split the log, or give Node a larger heap (NODE_OPTIONS=--max-old-space-size=<MB>)',
    );
  }
}
