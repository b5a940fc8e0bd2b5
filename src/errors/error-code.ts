/**
 * The code of every error the package throws, stable across versions: match on `error.code`,
 * not on the message.
 *
 * - `INVALID_INSTANT`: a time asked about (`tracker.at`, `replayLog({ at })`,
 *   `computeMetrics({ at })`) is not an ISO-8601 time with a zone, a `Date` or epoch milliseconds
 *   naming a real instant.
 * - `INVALID_OPTION`: an option of `computeMetrics` or `simulate` is out of range or malformed.
 * - `HEAP_EXHAUSTED`: a replayed log outgrew the heap; reading stopped before V8 would abort.
 * - `INVALID_ARRIVAL_NUMBER`: an input's arrival number does not grow (a fault inside the package).
 * - `NOT_A_STORE`: the file or directory given as a store is not one (another kind of file, or
 *   another program's SQLite database).
 * - `STORE_TOO_NEW`: the store was written by a newer version, with a schema this one does not know.
 * - `STORE_LOCKED`: another process has the store open.
 * - `STORE_WRITE_FAILED`: a write to the store failed (disk full, I/O error); what was committed
 *   before it is kept, and the tracker's state is the store's.
 * - `NATS_UNREACHABLE`: no NATS server answered at the address given (scale-out).
 * - `EVENT_STREAM_MISMATCH`: the JetStream event stream exists with other settings than the ones
 *   asked for (subjects, partition count, retention…); it is left as it is.
 * - `NATS_FAILED`: NATS or JetStream refused or failed a request (JetStream not enabled, a
 *   publish not acknowledged in time, the connection closed).
 */
export const ERROR_CODES = [
  'INVALID_INSTANT', 'INVALID_OPTION', 'HEAP_EXHAUSTED', 'INVALID_ARRIVAL_NUMBER',
  'NOT_A_STORE', 'STORE_TOO_NEW', 'STORE_LOCKED', 'STORE_WRITE_FAILED',
  'NATS_UNREACHABLE', 'EVENT_STREAM_MISMATCH', 'NATS_FAILED', 'STORE_OF_OTHER_STREAM',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];
