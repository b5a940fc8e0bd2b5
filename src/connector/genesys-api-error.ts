/**
 * Genesys Cloud refused a request for good (not a 429, a 5xx or a network fault, which are
 * retried): wrong credentials, a missing permission, a malformed request. `status` is the HTTP
 * status (0 when no answer could be read); the message names the call and Genesys' own reason.
 *
 * @example
 * throw new GenesysApiError('POST /oauth/token', 401, 'invalid_client');
 */
export class GenesysApiError extends Error {
  constructor(readonly call: string, readonly status: number, reason: string) {
    super(`${call}: ${status === 0 ? '' : `${status} `}${reason}`);
    this.name = 'GenesysApiError';
  }
}
