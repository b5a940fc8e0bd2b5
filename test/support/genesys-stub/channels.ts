import { randomBytes } from 'node:crypto';
import type { LiveSocket } from './live-socket.js';
import type { ChannelInfo } from './types.js';

/** A notification channel: its topics, its lifetime and the one socket open on it, if any. */
export interface Channel {
  readonly id: string;
  readonly connectUri: string;
  topics: string[];
  readonly created: number;
  expires: number;
  socket: LiveSocket | undefined;
  expiryTimer: NodeJS.Timeout | undefined;
}

export interface ChannelLimits {
  lifetimeMs: number;
  maxChannels: number;
}

/**
 * The stub's channels. A channel lives `lifetimeMs` after creation or its last subscription change,
 * then disappears like a deleted one. At `maxChannels`, a new channel replaces the oldest one with no
 * socket open (Genesys' 20-channel rule); when every channel has a socket, creation is refused.
 */
export class ChannelRegistry {
  private readonly byId = new Map<string, Channel>();

  constructor(
    private readonly limits: ChannelLimits,
    private readonly connectUriOf: (id: string) => string,
  ) {}

  /** A new channel, or `undefined` when the limit is reached and no channel is idle. */
  create(): Channel | undefined {
    if (this.byId.size >= this.limits.maxChannels) {
      const idle = [...this.byId.values()].filter((c) => c.socket === undefined).sort((a, b) => a.created - b.created)[0];
      if (idle === undefined) return undefined;
      this.delete(idle.id);
    }
    const id = `streaming-0-${randomBytes(13).toString('hex')}`;
    const now = Date.now();
    const channel: Channel = { id, connectUri: this.connectUriOf(id), topics: [], created: now, expires: now, socket: undefined, expiryTimer: undefined };
    this.byId.set(id, channel);
    this.extend(channel);
    return channel;
  }

  get(id: string): Channel | undefined {
    return this.byId.get(id);
  }

  all(): Channel[] {
    return [...this.byId.values()];
  }

  /** Restarts the channel's lifetime (Genesys: resubscribing keeps a channel past 24 h). */
  extend(channel: Channel): void {
    clearTimeout(channel.expiryTimer);
    channel.expires = Date.now() + this.limits.lifetimeMs;
    channel.expiryTimer = setTimeout(() => this.delete(channel.id), this.limits.lifetimeMs).unref();
  }

  /** Replaces the channel's topics (the caller checked the limit) and extends its life. */
  setTopics(channel: Channel, topics: readonly string[]): void {
    channel.topics = [...new Set(topics)];
    this.extend(channel);
  }

  /** Removes a channel; its socket closes with 1001. */
  delete(id: string): boolean {
    const channel = this.byId.get(id);
    if (channel === undefined) return false;
    this.byId.delete(id);
    clearTimeout(channel.expiryTimer);
    channel.socket?.close(1001, 'Channel closed');
    channel.socket = undefined;
    return true;
  }

  /** Puts `socket` on its channel; a socket already there is closed (one WebSocket per channel). */
  attach(channel: Channel, socket: LiveSocket): void {
    const previous = channel.socket;
    channel.socket = socket;
    previous?.close(1001, 'Another WebSocket connected to this channel');
    socket.onClosed(() => {
      if (channel.socket === socket) channel.socket = undefined;
    });
  }

  /** Open sockets whose channel subscribes to `topic`. */
  subscribers(topic: string): LiveSocket[] {
    return this.all().flatMap((c) => (c.socket?.open === true && c.topics.includes(topic) ? [c.socket] : []));
  }

  /** Open sockets, of one channel or all. */
  openSockets(channelId?: string): LiveSocket[] {
    return this.all().flatMap((c) => (c.socket?.open === true && (channelId === undefined || c.id === channelId) ? [c.socket] : []));
  }

  info(): ChannelInfo[] {
    return this.all().map((c) => ({ id: c.id, connectUri: c.connectUri, topics: [...c.topics], connected: c.socket?.open === true, created: c.created, expires: c.expires }));
  }

  /** Drops every channel's timer (sockets are the caller's to terminate). */
  clear(): void {
    for (const channel of this.byId.values()) clearTimeout(channel.expiryTimer);
    this.byId.clear();
  }
}
