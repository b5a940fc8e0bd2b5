/** Routes that `failNext` can fail; every request the stub answers is logged under one of these or `other`. */
export type FaultRoute = 'login' | 'channels' | 'channel' | 'subscriptions' | 'conversation' | 'details' | 'socket';

/** The route of a logged request: a fault route, or `other` (unknown paths, the channel list). */
export type StubRoute = FaultRoute | 'other';

/** What the archive can be asked for: the media of `GET /api/v2/conversations/{chats|callbacks}/{id}`. */
export type ArchiveMedia = 'chat' | 'callback';

/**
 * The stub's data for the REST reads a connector makes to fill gaps: a conversation by media and id
 * (`undefined` answers 404) and the analytics details query (given the parsed body).
 */
export interface StubArchive {
  conversation(media: ArchiveMedia, id: string): unknown;
  detailsQuery?(body: unknown): unknown;
}

export interface GenesysStubOptions {
  /** OAuth client id the login accepts (default `stub-client`). */
  clientId?: string;
  /** OAuth client secret the login accepts (default `stub-secret`). */
  clientSecret?: string;
  /** `expires_in` of each token issued from now on (default 86,400 s; fractions allowed for tests). */
  tokenLifetimeSeconds?: number;
  /** How long a channel lives after creation or its last subscription change (default 24 h). */
  channelLifetimeMs?: number;
  /** Interval of the `WebSocket Heartbeat` messages on each socket (default 30 s). */
  heartbeatMs?: number;
  /** Topics per channel before a subscription change is refused with 400 (default 1,000). */
  maxTopicsPerChannel?: number;
  /** Channels at once; creating one more replaces the oldest channel without a socket (default 20). */
  maxChannels?: number;
  /** Request bodies above this answer 413 (default 1 MiB). */
  maxBodyBytes?: number;
  /** Answers conversation reads and details queries; without it they answer 404 and `{ totalHits: 0 }`. */
  archive?: StubArchive;
}

/** One request the stub answered (WebSocket upgrades are logged as `GET` on route `socket`). */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly path: string;
  readonly route: StubRoute;
  /** `Date.now()` when the request arrived. */
  readonly time: number;
  /** Status answered (101 for an accepted WebSocket). */
  status: number;
  /** The parsed JSON or form body, when there was one. */
  readonly body?: unknown;
}

/** A channel as the stub holds it. */
export interface ChannelInfo {
  readonly id: string;
  readonly connectUri: string;
  readonly topics: readonly string[];
  /** Whether a WebSocket is open on it. */
  readonly connected: boolean;
  /** `Date.now()` at creation. */
  readonly created: number;
  /** `Date.now()` value at which it expires unless resubscribed. */
  readonly expires: number;
}

export interface FailOptions {
  /** Sends `Retry-After: <seconds>` with the failure. */
  retryAfterSeconds?: number;
  /** How many consecutive requests on the route fail (default 1). */
  times?: number;
  /** Replaces the Genesys-like error body. */
  body?: unknown;
}

export interface PublishOptions {
  /** Sends the message twice with the same CorrelationId, as Genesys sometimes does. */
  duplicate?: boolean;
  /** `metadata.CorrelationId` (default a fresh UUID). */
  correlationId?: string;
}

export interface SocketClosingOptions {
  /** Deletes the channel when the socket closes (HEAD then answers 404, reconnecting to it fails). */
  deleteChannel?: boolean;
  /** Delay between the warning and the close (default 0). */
  closeAfterMs?: number;
  /** Only this channel's socket (default every open socket). */
  channelId?: string;
}

export interface GenesysStub {
  /** Login base URL: the token endpoint is `${loginUrl}/oauth/token`. */
  readonly loginUrl: string;
  /** API base URL (an origin): routes are `${apiUrl}/api/v2/…`. */
  readonly apiUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Every request answered, in arrival order (live array). */
  readonly requests: readonly RecordedRequest[];
  /** Bodies of the analytics details queries, in order (live array). */
  readonly detailsQueries: readonly unknown[];
  /** Fails the next `times` requests on `route` with `status` (queued after earlier failNext calls). */
  failNext(route: FaultRoute, status: number, options?: FailOptions): void;
  /** `expires_in` of tokens issued from now on. */
  setTokenLifetime(seconds: number): void;
  /** Every token issued so far stops working (401 until a new login). */
  expireTokens(): void;
  /** Like `expireTokens`, and sends `v2.system.token_revoked.{channelId}` on each open socket; returns how many got it. */
  revokeTokens(): number;
  /** Destroys every socket's TCP connection without a close frame (the client sees 1006); returns how many. */
  dropSockets(): number;
  /** While on, sockets stay open but get nothing: no heartbeats, pongs, system or published messages (lost). */
  stallHeartbeats(on: boolean): void;
  /** How many `{"message":"ping"}` clients sent, on every socket so far (stalled or not). */
  pings(): number;
  /**
   * Sends `v2.system.socket_closing` and, `closeAfterMs` later, closes the socket with 1001 (optionally
   * deleting its channel); resolves with the number of sockets closed.
   */
  warnSocketClosing(options?: SocketClosingOptions): Promise<number>;
  /** Sends `v2.system.no_longer_subscribed.{channelId}` and drops the subscriptions (one channel, or all); returns sockets told. */
  noLongerSubscribed(channelId?: string): number;
  /** Removes a channel as expiry would: its socket closes with 1001, HEAD answers 404; false if unknown. */
  deleteChannel(channelId: string): boolean;
  /** Sends a message on `topicName` to every open socket whose channel subscribes to it; returns how many sockets. */
  publish(topicName: string, eventBody: unknown, options?: PublishOptions): number;
  /** Sends `text` as is to every open socket (or one channel's); returns how many. */
  publishRaw(text: string, channelId?: string): number;
  channels(): ChannelInfo[];
  socketsOpen(): number;
  /** Resolves once `predicate()` holds (polled every 5 ms); rejects after `timeoutMs` (default 2 s). */
  waitFor(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  /** Terminates every socket and timer and closes the server. */
  close(): Promise<void>;
}
