import type { TrackerEvent } from '../events/tracker-event.js';
import type { MediaType } from '../model/enums.js';

/** How long an agent's leg counts as under way after it disconnected without after-call work ending: an hour. */
const AFTER_CALL_WORK_LIMIT_MS = 3600_000;

/** Purposes whose legs may go on in after-call work (wrap-up) after they disconnect. */
const WRAPS_UP = new Set(['agent', 'user']);

interface OpenConversation {
  readonly media: MediaType;
  /** Each leg still under way: `null` while connected or before, else when it disconnected (ms) and waits for its wrap-up. */
  readonly legs: Map<string, number | null>;
  /** Purpose of each leg, for the wrap-up rule. */
  readonly purposes: Map<string, string>;
}

/**
 * The conversations under way as far as the connector's events say: a conversation is under way
 * from its first `participant.added` until every leg is over. A leg is over when it
 * disconnects, except an agent's (purpose `agent` or `user`), which goes on in after-call work
 * until `participant.acwEnded`, a wrap-up, or an hour after it disconnected (agents without
 * after-call work). Backfill fetches each conversation under way after a gap, so a wrap-up given
 * during the gap is not lost. Only conversations under way are kept: memory follows the floor.
 *
 * @example
 * const active = new ActiveConversations();
 * active.record(event);
 * active.list(Date.now()); // [{ id: 'c1', media: 'chat' }]
 */
export class ActiveConversations {
  private readonly open = new Map<string, OpenConversation>();

  /** Takes one event the connector handed out into account. */
  record(event: TrackerEvent): void {
    let conversation = this.open.get(event.conversationId);
    if (event.type === 'participant.added') {
      if (conversation === undefined) this.open.set(event.conversationId, conversation = { media: event.media, legs: new Map(), purposes: new Map() });
      conversation.legs.set(event.participantId, null);
      conversation.purposes.set(event.participantId, event.purpose);
      return;
    }
    if (conversation === undefined || !conversation.legs.has(event.participantId)) return;
    const { participantId } = event;
    if (event.type === 'participant.disconnected' && WRAPS_UP.has(conversation.purposes.get(participantId) ?? '')) {
      conversation.legs.set(participantId, Date.parse(event.time));
    } else if (event.type === 'participant.disconnected' || event.type === 'participant.acwEnded'
      || event.type === 'participant.wrapupApplied' || event.type === 'participant.wrapupSkipped') {
      this.end(event.conversationId, conversation, participantId);
    }
  }

  /** The conversations under way at `nowMs` (event time), with their media; legs waiting for a wrap-up for over an hour are let go. */
  list(nowMs: number): { id: string; media: MediaType }[] {
    const out: { id: string; media: MediaType }[] = [];
    for (const [id, conversation] of this.open) {
      for (const [leg, disconnected] of conversation.legs) {
        if (disconnected !== null && nowMs - disconnected > AFTER_CALL_WORK_LIMIT_MS) this.end(id, conversation, leg);
      }
      if (this.open.has(id)) out.push({ id, media: conversation.media });
    }
    return out;
  }

  get size(): number {
    return this.open.size;
  }

  private end(id: string, conversation: OpenConversation, participantId: string): void {
    conversation.legs.delete(participantId);
    conversation.purposes.delete(participantId);
    if (conversation.legs.size === 0) this.open.delete(id);
  }
}
