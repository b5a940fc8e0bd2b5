import { setTimeout as sleep } from 'node:timers/promises';
import type { ChannelStatus, ConnectionState } from './connector-status.js';
import { GenesysApiError } from './genesys-api-error.js';
import type { GenesysApi } from './genesys-api.js';
import { NotificationSocket } from './notification-socket.js';
import { retryDelay, type Backoff } from './retry-delay.js';

/** A notification channel as Genesys created it. */
interface Channel {
  readonly id: string;
  readonly connectUri: string;
  /** Wall-clock ms at which to replace it: before Genesys lets it expire (24 h). */
  readonly renewAtMs: number;
}

/** What a link tells the connector. */
export interface ChannelLinkEvents {
  /** A message arrived on the link's current socket. */
  onMessage(link: ChannelLink, message: unknown, error?: string): void;
  /** Notifications stopped arriving (the socket closed, died or the channel was lost): a gap opens. */
  onGap(link: ChannelLink, reason: string): void;
  /** A socket is open again after a gap (or for the first time). */
  onConnected(link: ChannelLink): void;
  /** A refusal that cannot be retried: the link gives up. */
  onFatal(link: ChannelLink, error: Error): void;
  onNotice(line: string): void;
}

/** Timings of a link; tests shorten them. */
export interface ChannelLinkTimings {
  /** The heartbeat interval assumed until one is observed (30 s). */
  readonly heartbeatMs?: number;
  /** How often the channel is checked with HEAD (60 s). */
  readonly watchMs?: number;
  /** A channel's lifetime when Genesys does not say (24 h). */
  readonly channelLifetimeMs?: number;
  readonly backoff?: Backoff;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * One notification channel with its topics (at most 1,000) and its WebSocket, kept alive: the
 * channel is created (`POST /api/v2/notifications/channels`), subscribed
 * (`PUT …/channels/{id}/subscriptions`) and its socket opened. A socket that closes or goes
 * silent opens a gap and is reopened on the same channel while HEAD says the channel exists, else
 * on a new one; attempts back off with jitter. `v2.system.socket_closing` and the channel's
 * coming expiry (24 h) roll over to a new channel whose socket opens before the old one closes,
 * so no gap opens. `no_longer_subscribed`, `token_revoked` and a 404 (on the socket or on the
 * periodic HEAD) replace the channel after a gap.
 *
 * @example
 * const link = new ChannelLink(api, topics, events, { heartbeatMs: 30_000 });
 * await link.start();
 * await link.stop();
 */
export class ChannelLink {
  private channel: Channel | undefined;
  private socket: NotificationSocket | undefined;
  /** Sockets closed by the link, until their close completes. */
  private readonly retired = new Set<NotificationSocket | undefined>();
  private state: ConnectionState = 'connecting';
  private connectedSinceMs: number | undefined;
  private stopped = false;
  private work: Promise<void> = Promise.resolve();
  private readonly stop$ = new AbortController();
  private renewTimer: NodeJS.Timeout | undefined;
  private readonly watchTimer: NodeJS.Timeout;

  constructor(
    private readonly api: GenesysApi,
    readonly topics: readonly string[],
    private readonly events: ChannelLinkEvents,
    private readonly timings: ChannelLinkTimings = {},
  ) {
    this.watchTimer = setInterval(() => void this.queue(() => this.watch()), timings.watchMs ?? 60_000);
  }

  /** Opens the channel and its socket (retrying what is transient); resolves once it is open or the link gave up. */
  start(): Promise<void> {
    return this.queue(() => this.establish(false));
  }

  /** Closes the socket and stops every timer; the channel is left to expire. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stop$.abort(new Error('stopped'));
    clearInterval(this.watchTimer);
    clearTimeout(this.renewTimer);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close('stopped');
    this.state = 'stopped';
    await this.work;
  }

  /** Reacts to a system message of the link's socket: `socket_closing` rolls over, the others replace the channel. */
  system(kind: 'socket_closing' | 'lost'): void {
    void this.queue(() => (kind === 'socket_closing' ? this.rollover('socket_closing') : this.replace('the channel is no longer valid')));
  }

  status(): ChannelStatus {
    return {
      id: this.channel?.id ?? null,
      topics: this.topics.length,
      state: this.state,
      connectedSince: this.connectedSinceMs === undefined ? null : new Date(this.connectedSinceMs).toISOString(),
      heartbeatMs: this.socket?.observedHeartbeatMs ?? null,
    };
  }

  /** Runs `task` after the link's previous tasks: one change of channel or socket at a time. */
  private queue(task: () => Promise<void>): Promise<void> {
    const run = this.work.then(() => (this.stopped ? undefined : task())).catch((error: unknown) => {
      if (this.stopped) return;
      this.state = 'failed';
      this.events.onFatal(this, error as Error);
    });
    this.work = run;
    return run;
  }

  /** Opens a socket: on the current channel when `reuse` and it still exists, else on a new one. Retries until it succeeds. */
  private async establish(reuse: boolean): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        if (!reuse || this.channel === undefined || !(await this.exists(this.channel))) this.channel = await this.createChannel();
        this.adopt(await this.open(this.channel));
        return;
      } catch (error) {
        if (error instanceof GenesysApiError || this.stopped) throw error;
        const delay = retryDelay(attempt, this.timings.backoff);
        this.events.onNotice(`genesys: cannot open the notification socket: ${(error as Error).message}; retry ${attempt} in ${(delay / 1000).toFixed(1)} s`);
        await sleep(delay, undefined, { signal: this.stop$.signal }).catch(() => undefined);
        reuse = true;
      }
    }
  }

  /** A new channel with the new socket open first, then the old socket closed: no gap. */
  private async rollover(why: string): Promise<void> {
    const old = this.socket;
    this.events.onNotice(`genesys: ${why}: moving channel ${this.channel?.id ?? '?'} to a new channel`);
    try {
      const channel = await this.createChannel();
      const socket = await this.open(channel);
      this.channel = channel;
      this.adopt(socket);
      this.retire(old, 'replaced by a new channel');
    } catch (error) {
      if (error instanceof GenesysApiError) throw error;
      this.events.onNotice(`genesys: the new channel could not be opened (${(error as Error).message}); staying on the old one until it closes`);
    }
  }

  /** The channel is lost: a gap opens now, and a new channel is made. */
  private async replace(why: string): Promise<void> {
    const old = this.socket;
    this.socket = undefined;
    this.channel = undefined;
    this.retire(old, why);
    this.state = 'reconnecting';
    this.connectedSinceMs = undefined;
    this.events.onGap(this, why);
    await this.establish(false);
  }

  private async watch(): Promise<void> {
    if (this.channel === undefined || this.socket === undefined) return;
    if (!(await this.exists(this.channel))) await this.replace(`channel ${this.channel.id} no longer exists (HEAD 404)`);
  }

  private adopt(socket: NotificationSocket): void {
    this.socket = socket;
    this.state = 'connected';
    this.connectedSinceMs = Date.now();
    clearTimeout(this.renewTimer);
    const renewInMs = Math.max(50, (this.channel?.renewAtMs ?? Date.now() + DAY_MS) - Date.now());
    this.renewTimer = setTimeout(() => void this.queue(() => this.rollover('the channel is about to expire')), renewInMs);
    this.events.onConnected(this);
  }

  /**
   * Opens a socket on `channel`. Its messages count from the first one, even before the socket
   * is adopted (Genesys may send right behind the handshake), until the link retires it.
   */
  private open(channel: Channel): Promise<NotificationSocket> {
    let opened: NotificationSocket | undefined;
    return NotificationSocket.open(channel.connectUri, {
      onMessage: (message, _at, error) => {
        if (!this.stopped && !this.retired.has(opened)) this.events.onMessage(this, message, error);
      },
      onClose: (reason) => {
        this.retired.delete(opened);
        if (opened === undefined || opened !== this.socket || this.stopped) return;
        this.socket = undefined;
        this.state = 'reconnecting';
        this.connectedSinceMs = undefined;
        this.events.onGap(this, reason);
        void this.queue(() => this.establish(true));
      },
    }, { heartbeatMs: this.timings.heartbeatMs ?? 30_000 }).then((socket) => (opened = socket));
  }

  /** Closes a socket the link no longer wants: its messages stop counting at once. */
  private retire(socket: NotificationSocket | undefined, why: string): void {
    if (socket === undefined) return;
    this.retired.add(socket);
    socket.close(why);
  }

  private async createChannel(): Promise<Channel> {
    const { body } = await this.api.request('POST', '/api/v2/notifications/channels');
    const channel = body as { id?: unknown; connectUri?: unknown; expires?: unknown } | undefined;
    if (typeof channel?.id !== 'string' || typeof channel.connectUri !== 'string') {
      throw new GenesysApiError('POST /api/v2/notifications/channels', 0, 'the answer has no channel id or connectUri');
    }
    const createdMs = Date.now();
    const expiresMs = typeof channel.expires === 'string' ? Date.parse(channel.expires) : Number.NaN;
    const lifetimeMs = Number.isFinite(expiresMs) && expiresMs > createdMs ? expiresMs - createdMs : (this.timings.channelLifetimeMs ?? DAY_MS);
    const answer = await this.api.request('PUT', `/api/v2/notifications/channels/${encodeURIComponent(channel.id)}/subscriptions`, this.topics.map((id) => ({ id })));
    if (answer.status === 404) throw new Error(`channel ${channel.id} vanished before it was subscribed`);
    return { id: channel.id, connectUri: channel.connectUri, renewAtMs: createdMs + lifetimeMs * 0.9 };
  }

  private async exists(channel: Channel): Promise<boolean> {
    const { status } = await this.api.request('HEAD', `/api/v2/notifications/channels/${encodeURIComponent(channel.id)}`);
    return status !== 404;
  }
}
