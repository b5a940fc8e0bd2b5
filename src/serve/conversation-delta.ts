import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { MediaParticipant } from '../model/media-participant.js';

/** A participant a `changes` frame leaves out: only its id (it did not change). */
const isStub = (participant: MediaParticipant) => participant.id !== undefined && Object.keys(participant).length === 1;

/**
 * A conversation as a `changes` frame carries it: the participants unchanged since `before` (the
 * same objects: snapshots share what an event did not touch) become `{ id }` stubs, in place. A
 * frame of 300 changed conversations then carries what changed, not the whole floor again.
 *
 * @example
 * conversationDelta(before, after).participants; // [{ id: 'customer-1' }, { id: 'agent-1', state: 'connected', … }]
 */
export function conversationDelta(before: ConversationSnapshot, after: ConversationSnapshot): ConversationSnapshot {
  const unchanged = new Set<MediaParticipant>(before.participants);
  const participants = (after.participants as MediaParticipant[]).map((p) => (unchanged.has(p) && p.id !== undefined ? { id: p.id } : p));
  return { ...after, participants } as ConversationSnapshot;
}

/**
 * The conversation a delta describes, given the one known before it: each `{ id }` stub is the
 * participant known under that id (it stays a stub when none is known). Pages apply `changes`
 * frames with it; the stream merges missed frames with it.
 *
 * @example
 * applyConversationDelta(known, frame.conversations[0]);
 */
export function applyConversationDelta(known: ConversationSnapshot | undefined, delta: ConversationSnapshot): ConversationSnapshot {
  if (known === undefined) return delta;
  const byId = new Map((known.participants as MediaParticipant[]).map((p) => [p.id, p]));
  const participants = (delta.participants as MediaParticipant[]).map((p) => (isStub(p) ? byId.get(p.id) ?? p : p));
  return { ...delta, participants } as ConversationSnapshot;
}
