import type { ConversationSnapshot } from '../../src/model/conversation-snapshot.js';
import { applyConversationDelta } from '../../src/serve/conversation-delta.js';
import type { FloorFrame } from '../../src/serve/floor-frame.js';
import type { FrameKind } from './stream.js';

/**
 * The live floor as the stream tells it: every conversation under way, today's metrics, the
 * service's health and the floor clock of the latest frame.
 *
 * @example
 * const floor = new Floor();
 * floor.apply('state', frame, performance.now());
 * floor.conversations.size; // conversations under way
 */
export class Floor {
  /** Conversations under way, by id. */
  readonly conversations = new Map<string, ConversationSnapshot>();
  /** The latest frame (its metrics, health, clock); `undefined` before the first. */
  latest: FloorFrame | undefined;
  /** `performance.now()` when the latest frame arrived. */
  receivedAt = 0;

  /**
   * Applies a frame: `state` replaces the floor, `changes` updates the conversations it carries
   * (a participant sent as a stub `{ id }` did not change) and drops the finished ones.
   */
  apply(kind: FrameKind, frame: FloorFrame, receivedAt: number): void {
    if (kind === 'state') this.conversations.clear();
    for (const conversation of frame.conversations) {
      this.conversations.set(conversation.id, applyConversationDelta(this.conversations.get(conversation.id), conversation));
    }
    for (const id of frame.finished) this.conversations.delete(id);
    this.latest = frame;
    this.receivedAt = receivedAt;
  }

  /**
   * The floor clock now (epoch ms): the latest frame's clock, run on at its speed since the frame
   * arrived; `Date.now()` before the first frame.
   */
  now(): number {
    if (this.latest === undefined) return Date.now();
    const { time, speed } = this.latest.clock;
    return Date.parse(time) + (performance.now() - this.receivedAt) * speed;
  }

  /** Wall-clock ms since the latest frame arrived. */
  sinceFrameMs(): number {
    return performance.now() - this.receivedAt;
  }
}
