import type { Writable } from 'node:stream';
import type { FeedFrame, FloorFeed } from './floor-feed.js';

/** How much a slow client may hold up before it is let go. */
export interface StreamLimits {
  /** Bytes the socket may hold unsent before the client counts as stalled (default 4 MiB). */
  readonly maxBufferedBytes?: number;
  /** How long a client may stay stalled before it is disconnected (default 30 s); it can reconnect and resume. */
  readonly stallMs?: number;
}

/**
 * One client of `GET /api/stream`, fed from the floor feed without ever holding up the feed or the
 * other clients: a frame is written only while the socket keeps up. While it does not (the
 * socket's buffer is over its high-water mark), frames are not queued: the client is behind, and
 * once the socket drains it gets everything it missed in one frame (`feed.since`). A client that
 * stays stalled past `stallMs`, or whose unsent bytes pass `maxBufferedBytes`, is disconnected.
 *
 * @example
 * const client = new StreamClient(feed, reply.raw, request.headers['last-event-id'], () => reply.raw.destroy());
 * reply.raw.on('close', () => client.close());
 */
export class StreamClient {
  /** The last frame this client was sent (an SSE id). */
  private sentId: string | undefined;
  private sentSeq = -1;
  private stalledSince: number | undefined;
  private readonly stopListening: () => void;
  private readonly watchdog: NodeJS.Timeout;
  private closed = false;
  private readonly maxBufferedBytes: number;
  private readonly stallMs: number;

  constructor(
    private readonly feed: FloorFeed,
    private readonly socket: Writable,
    lastEventId: string | undefined,
    private readonly disconnect: (why: string) => void,
    limits: StreamLimits = {},
  ) {
    this.maxBufferedBytes = limits.maxBufferedBytes ?? 4 << 20;
    this.stallMs = limits.stallMs ?? 30_000;
    this.sentId = lastEventId;
    this.stopListening = feed.listen((frame) => this.offer(frame));
    socket.on('drain', this.onDrain);
    this.watchdog = setInterval(() => this.checkStall(), Math.min(1_000, this.stallMs)).unref();
    this.catchUp();
  }

  /** Stops feeding this client (its connection closed). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopListening();
    clearInterval(this.watchdog);
    this.socket.off('drain', this.onDrain);
  }

  private readonly onDrain = () => {
    this.stalledSince = undefined;
    this.catchUp();
  };

  /** A new frame: written if the socket keeps up and the client has everything before it; else it waits for the drain. */
  private offer(frame: FeedFrame): void {
    if (this.closed || this.socket.writableNeedDrain) return this.behind();
    if (frame.seq === this.sentSeq + 1) this.write(frame);
    else this.catchUp();
  }

  /** Sends what the client missed, in one frame. */
  private catchUp(): void {
    if (this.closed || this.socket.writableNeedDrain) return;
    const frame = this.feed.since(this.sentId);
    if (frame !== undefined) this.write(frame);
  }

  private write(frame: FeedFrame): void {
    this.sentId = frame.id;
    this.sentSeq = frame.seq;
    if (!this.socket.write(frame.text)) this.behind();
    if (this.socket.writableLength > this.maxBufferedBytes) this.letGo(`more than ${this.maxBufferedBytes} bytes unsent`);
  }

  private behind(): void {
    this.stalledSince ??= Date.now();
  }

  private checkStall(): void {
    if (this.stalledSince !== undefined && Date.now() - this.stalledSince > this.stallMs) this.letGo(`stalled for more than ${this.stallMs} ms`);
  }

  private letGo(why: string): void {
    if (this.closed) return;
    this.close();
    this.disconnect(why);
  }
}
