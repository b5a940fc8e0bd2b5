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
 */
export const ERROR_CODES = ['INVALID_INSTANT', 'INVALID_OPTION', 'HEAP_EXHAUSTED', 'INVALID_ARRIVAL_NUMBER'] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];
