/**
 * An answer other than success: its HTTP status, a stable code and a sentence, sent as
 * `{ "error": code, "message": … }`.
 *
 * @example
 * throw new ApiError(404, 'not-found', 'no conversation "c9"');
 */
export class ApiError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}
