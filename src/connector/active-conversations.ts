import type { TrackerEvent } from '../events/tracker-event.js';
import type { MediaType } from '../model/enums.js';

/**
 * The conversations under way as far as the connector's events say: a conversation is under way
 * from its first `participant.added` until every participant it added has disconnected. Backfill
 * fetches each of them after a gap. Only conversations under way are kept, so memory follows the
 * floor, not the day.
 *
 * @example
 * const active = new ActiveConversations();
 * active.record(event);
 * active.list(); // [{ id: 'c1', media: 'chat' }]
 */
export class ActiveConversations {
  private readonly open = new Map<string, { media: MediaType; participants: Set<string> }>();

  /** Takes one event the connector handed out into account. */
  record(event: TrackerEvent): void {
    if (event.type === 'participant.added') {
      let conversation = this.open.get(event.conversationId);
      if (conversation === undefined) this.open.set(event.conversationId, conversation = { media: event.media, participants: new Set() });
      conversation.participants.add(event.participantId);
    } else if (event.type === 'participant.disconnected') {
      const conversation = this.open.get(event.conversationId);
      if (conversation === undefined) return;
      conversation.participants.delete(event.participantId);
      if (conversation.participants.size === 0) this.open.delete(event.conversationId);
    }
  }

  /** The conversations under way, with their media. */
  list(): { id: string; media: MediaType }[] {
    return [...this.open].map(([id, { media }]) => ({ id, media }));
  }

  get size(): number {
    return this.open.size;
  }
}
