import type { LiveMetrics } from '../metrics/live-metrics.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { ApplyResult } from '../tracker/apply-result.js';
import type { ConversationChange, Tracker } from '../tracker/tracker.js';
import { applyConversationDelta, conversationDelta } from './conversation-delta.js';
import type { FloorTime } from './floor-clock.js';
import type { FloorFrame, Health } from './floor-frame.js';

/** A frame as the stream sends it: its position, kind, content and SSE text (made once for every client). */
export interface FeedFrame {
  /** Position in this feed: 1, 2, 3… */
  readonly seq: number;
  /** SSE id: the feed's boot id and the position, so a client of an earlier process starts afresh. */
  readonly id: string;
  readonly event: 'state' | 'changes';
  readonly frame: FloorFrame;
  /** `id:`, `event:` and `data:` lines, ready to write. */
  readonly text: Buffer;
}

/** What the feed follows: a tracker, or the merged partitions of the gateway. */
export type FloorSource = Pick<Tracker, 'active' | 'subscribe' | 'submit' | 'latestTime'>;

export interface FloorFeedOptions {
  readonly tracker: FloorSource;
  readonly metrics: Pick<LiveMetrics, 'changed' | 'report'>;
  readonly clock: FloorTime;
  readonly health: () => Health;
  /** Least time between two frames (default 250 ms). */
  readonly pushIntervalMs?: number;
  /** A frame goes out at least this often, changes or not, so pages see health and the clock (default 5 s). */
  readonly idleFrameMs?: number;
  /** Frames kept for clients that resume (default 240: a minute at 4 frames a second)… */
  readonly keptFrames?: number;
  /** …and at most this many bytes of them (default 32 MiB). */
  readonly keptBytes?: number;
}

/**
 * The floor as a feed of frames: it listens to the tracker, keeps the conversations under way,
 * and at most every `pushIntervalMs` turns what changed into one `changes` frame (with today's
 * metrics and the health), made once and handed to every listener. Recent frames are kept, so a
 * client that fell behind or reconnects gets what it missed in one frame, or the whole state when
 * it missed too much.
 *
 * @example
 * const feed = new FloorFeed({ tracker, metrics: createLiveMetrics(tracker), clock: floorTime(), health });
 * feed.listen((frame) => socket.write(frame.text));
 */
export class FloorFeed {
  readonly bootId = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
  private readonly tracker: FloorSource;
  private readonly options: Required<Omit<FloorFeedOptions, 'tracker' | 'metrics' | 'clock' | 'health'>> & FloorFeedOptions;
  /** The conversations under way, by id. */
  private readonly underWay = new Map<string, ConversationSnapshot>();
  /** What changed since the last frame, and each conversation as the last frame left it (on the floor then, or not). */
  private readonly pending = new Map<string, { change: ConversationChange; before: ConversationSnapshot | undefined }>();
  private readonly kept: FeedFrame[] = [];
  private keptBytes = 0;
  private seq = 0;
  private lastFrameMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly idleTimer: NodeJS.Timeout;
  private readonly listeners = new Set<(frame: FeedFrame) => void>();
  private readonly unsubscribe: () => void;

  constructor(options: FloorFeedOptions) {
    this.options = { pushIntervalMs: 250, idleFrameMs: 5_000, keptFrames: 240, keptBytes: 32 << 20, ...options };
    this.tracker = options.tracker;
    for (const snapshot of this.tracker.active()) this.underWay.set(snapshot.id, snapshot);
    this.unsubscribe = this.tracker.subscribe((change) => {
      const { conversationId } = change;
      const before = this.pending.has(conversationId) ? this.pending.get(conversationId)!.before : this.underWay.get(conversationId);
      if (change.finished) this.underWay.delete(conversationId);
      else this.underWay.set(conversationId, change.snapshot);
      this.pending.set(conversationId, { change, before });
      this.options.metrics.changed(change.conversationId);
      this.schedule();
    });
    this.idleTimer = setInterval(() => {
      if (Date.now() - this.lastFrameMs >= this.options.idleFrameMs) this.flush();
    }, this.options.idleFrameMs).unref();
  }

  /**
   * Applies an event (`tracker.submit`: durable when it resolves) and tells the live metrics of
   * its conversation: an event can change what the metrics read (a late hold inside a leg that
   * ended) without changing the snapshot subscribers are told of. Every source submits here.
   */
  readonly submit = async (input: unknown): Promise<ApplyResult> => {
    const result = await this.tracker.submit(input);
    if (result.status === 'applied') {
      this.options.metrics.changed(result.event.conversationId);
      this.schedule();
    }
    return result;
  };

  /** The latest frame's position (0 before the first). */
  get position(): number {
    return this.seq;
  }

  /** The conversations under way now (what `state` frames carry). */
  floor(): ConversationSnapshot[] {
    return [...this.underWay.values()];
  }

  /** Calls `listener` with every frame from now on; returns the function that stops it. */
  listen(listener: (frame: FeedFrame) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Today's metrics now (what the frames carry). */
  metrics(): FloorFrame['metrics'] {
    return this.options.metrics.report();
  }

  /** The whole floor as a `state` frame at the current position: what a client gets on connect. */
  state(): FeedFrame {
    return this.frameOf(this.seq, 'state', this.frameWith([...this.underWay.values()], []));
  }

  /**
   * What a client that has seen frame `seq` missed, in one frame: a `changes` frame merging the
   * kept frames after it (the latest snapshot of each conversation), or the whole `state` when
   * they are no longer kept or `id` belongs to another process. `undefined` when it missed nothing.
   */
  since(id: string | undefined): FeedFrame | undefined {
    const seq = this.positionOf(id);
    if (seq === this.seq) return undefined;
    const first = this.kept[0];
    if (seq === undefined || first === undefined || seq < first.seq - 1 || seq > this.seq) return this.state();
    const missed = this.kept.filter((f) => f.seq > seq);
    if (missed.length === 1) return missed[0];
    const conversations = new Map<string, ConversationSnapshot>();
    const finished = new Set<string>();
    for (const { frame } of missed) {
      for (const c of frame.conversations) {
        conversations.set(c.id, applyConversationDelta(conversations.get(c.id), c));
        finished.delete(c.id);
      }
      for (const id of frame.finished) {
        conversations.delete(id);
        finished.add(id);
      }
    }
    const last = missed[missed.length - 1]!;
    return this.frameOf(last.seq, 'changes', { ...last.frame, conversations: [...conversations.values()], finished: [...finished] });
  }

  /** Stops listening to the tracker and the timers. */
  close(): void {
    this.unsubscribe();
    clearTimeout(this.timer);
    clearInterval(this.idleTimer);
    this.listeners.clear();
  }

  /** The position an SSE id names in this feed; `undefined` for another process's id or none. */
  private positionOf(id: string | undefined): number | undefined {
    if (id === undefined) return undefined;
    const [boot, position] = id.split('.');
    const seq = Number(position);
    return boot === this.bootId && Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastFrameMs + this.options.pushIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  private flush(): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.lastFrameMs = Date.now();
    if (this.listeners.size === 0) {
      // Nobody listens: the live metrics still take in what changed, so that they stay small.
      this.options.metrics.report();
      return;
    }
    // A finished conversation leaves the floor: its id is enough.
    const frame = this.frameWith(
      pending.filter(({ change }) => !change.finished)
        .map(({ change, before }) => (before === undefined ? change.snapshot : conversationDelta(before, change.snapshot))),
      pending.filter(({ change }) => change.finished).map(({ change }) => change.conversationId),
    );

    const made = this.frameOf(++this.seq, 'changes', frame);
    this.keep(made);
    for (const listener of this.listeners) listener(made);
  }

  private keep(frame: FeedFrame): void {
    this.kept.push(frame);
    this.keptBytes += frame.text.length;
    while (this.kept.length > this.options.keptFrames || (this.keptBytes > this.options.keptBytes && this.kept.length > 1)) {
      this.keptBytes -= this.kept.shift()!.text.length;
    }
  }

  private frameWith(conversations: ConversationSnapshot[], finished: string[]): FloorFrame {
    return {
      at: this.tracker.latestTime() ?? null,
      clock: this.options.clock.snapshot(),
      conversations, finished,
      metrics: this.options.metrics.report(),
      health: this.options.health(),
    };
  }

  private frameOf(seq: number, event: FeedFrame['event'], frame: FloorFrame): FeedFrame {
    const id = `${this.bootId}.${seq}`;
    return { seq, id, event, frame, text: Buffer.from(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(frame)}\n\n`) };
  }
}
