import { setTimeout as sleep } from 'node:timers/promises';
import { GenesysApiError } from './genesys-api-error.js';
import type { GenesysEnvironment } from './genesys-environment.js';
import { readBounded } from './read-bounded.js';
import { DEFAULT_BACKOFF, retryDelay, type Backoff } from './retry-delay.js';

/** How the client behaves; everything has a default. */
export interface GenesysApiOptions {
  /** Stops every wait and request at once. */
  readonly signal?: AbortSignal;
  readonly backoff?: Backoff;
  /** Told about each retry and re-login, in one line. */
  readonly onNotice?: (line: string) => void;
  /** The largest answer read, in bytes (32 MiB). */
  readonly maxAnswerBytes?: number;
  /** Wall clock in ms (token expiry). */
  readonly now?: () => number;
  /** Each request's timeout in ms (30 s). */
  readonly timeoutMs?: number;
}

/** An answer of the Platform API: status and parsed JSON body (`undefined` when empty). */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

interface Token {
  readonly value: string;
  /** Wall-clock ms at which to log in again: a while before Genesys lets it expire. */
  readonly renewAtMs: number;
}

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };

/** A short reason out of a Genesys error body (`message`, `error_description`, `error`), never more than a line. */
function reasonOf(body: unknown, fallback: string): string {
  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    for (const key of ['message', 'error_description', 'error']) {
      const value = record[key];
      if (typeof value === 'string' && value !== '') return value.replace(/\s+/g, ' ').slice(0, 200);
    }
  }
  return fallback;
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Whether a status is worth another try: rate limits and server faults. */
const transient = (status: number) => status === 429 || status === 408 || status >= 500;

/**
 * A client of the Genesys Cloud Platform API for a server-side integration: it logs in with the
 * OAuth client-credentials grant (POST `{login}/oauth/token`, HTTP Basic), logs in again before
 * the token expires and whenever a call answers 401, and retries 429s, 5xx and network faults
 * with exponential backoff and jitter, honouring `Retry-After`, until it succeeds or the signal
 * aborts. Any other refusal is a {@link GenesysApiError}. The secret is sent only to the login
 * service and never appears in a message.
 *
 * @example
 * const api = new GenesysApi(genesysEnvironment());
 * const { body } = await api.request('POST', '/api/v2/notifications/channels');
 */
export class GenesysApi {
  private current: Token | undefined;
  private pending: Promise<Token> | undefined;
  private readonly backoff: Backoff;
  private readonly now: () => number;
  private readonly maxAnswerBytes: number;
  private readonly timeoutMs: number;
  /** Logins made (for health). */
  logins = 0;

  constructor(private readonly environment: GenesysEnvironment, private readonly options: GenesysApiOptions = {}) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.now = options.now ?? Date.now;
    this.maxAnswerBytes = options.maxAnswerBytes ?? 32 * 1024 * 1024;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /**
   * Calls the Platform API (`path` from `/api/v2/…`) with a valid token, retrying what is
   * transient. Answers 2xx and 404 (the caller decides what a missing resource means); throws a
   * {@link GenesysApiError} for other refusals.
   */
  async request(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const call = `${method} ${path}`;
    let relogged = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.validToken();
      const answer = await this.attempt(call, `${this.environment.apiUrl}${path}`, {
        method, headers: { ...JSON_HEADERS, authorization: `Bearer ${token.value}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }, attempt);
      if (answer === 'retry') continue;
      if (answer.status === 401 && !relogged) {
        relogged = true;
        this.forget(token);
        this.options.onNotice?.(`${call}: 401, the token is no longer valid; logging in again`);
        attempt = 0;
        continue;
      }
      if ((answer.status >= 200 && answer.status < 300) || answer.status === 404) return answer;
      throw new GenesysApiError(call, answer.status, reasonOf(answer.body, 'refused'));
    }
  }

  /** A token that is not about to expire: the current one, or a new login (one at a time). */
  private async validToken(): Promise<Token> {
    if (this.current !== undefined && this.now() < this.current.renewAtMs) return this.current;
    this.pending ??= this.login().finally(() => {
      this.pending = undefined;
    });
    this.current = await this.pending;
    return this.current;
  }

  private forget(token: Token): void {
    if (this.current === token) this.current = undefined;
  }

  private async login(): Promise<Token> {
    const { clientId, clientSecret, loginUrl } = this.environment;
    const call = 'POST /oauth/token';
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    for (let attempt = 1; ; attempt++) {
      const answer = await this.attempt(call, `${loginUrl}/oauth/token`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
        body: 'grant_type=client_credentials',
      }, attempt);
      if (answer === 'retry') continue;
      const body = answer.body as Record<string, unknown> | undefined;
      if (answer.status !== 200 || typeof body?.access_token !== 'string') {
        throw new GenesysApiError(call, answer.status, `the login was refused: ${reasonOf(body, 'no access_token in the answer')}`);
      }
      this.logins++;
      const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600) * 1000;
      // Log in again once 90 % of the lifetime is gone.
      return { value: body.access_token, renewAtMs: this.now() + lifetimeMs * 0.9 };
    }
  }

  /** One HTTP exchange: the answer, or `'retry'` after waiting out a transient fault. */
  private async attempt(call: string, url: string, init: RequestInit, attempt: number): Promise<ApiAnswer | 'retry'> {
    const { signal } = this.options;
    let status = 0;
    let retryAfter: string | null = null;
    let why: string;
    try {
      const response = await fetch(url, { ...init, signal: signal === undefined ? AbortSignal.timeout(this.timeoutMs) : AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]) });
      status = response.status;
      const body = parse(await readBounded(response, this.maxAnswerBytes));
      if (!transient(status)) return { status, body };
      retryAfter = response.headers.get('retry-after');
      why = `${status} ${reasonOf(body, status === 429 ? 'too many requests' : 'server error')}`;
    } catch (error) {
      if (signal?.aborted === true) throw signal.reason instanceof Error ? signal.reason : new Error('stopped');
      why = (error as Error).name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : `${(error as Error).message}${(error as { cause?: { code?: string } }).cause?.code === undefined ? '' : ` (${(error as { cause: { code: string } }).cause.code})`}`;
      if (error instanceof RangeError) throw new GenesysApiError(call, status, why);
    }
    const delay = retryDelay(attempt, this.backoff, retryAfter, this.now());
    this.options.onNotice?.(`${call}: ${why}; retry ${attempt} in ${(delay / 1000).toFixed(1)} s`);
    await sleep(delay, undefined, signal === undefined ? {} : { signal });
    return 'retry';
  }
}
