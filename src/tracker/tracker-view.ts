import type { WorkingConversation } from '../core/conversation-step.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { MediaParticipant } from '../model/media-participant.js';
import { isFinished } from '../core/conversation-finished.js';
import type { TrackerView } from './tracker.js';

/** A conversation's state at an instant: the working state (its lifecycles) and its snapshot. */
export interface StateAt {
  readonly work: WorkingConversation;
  readonly snapshot: ConversationSnapshot | undefined;
}

/**
 * A read-only view over a set of conversation states (what `tracker.between` hands out).
 *
 * @example
 * viewOf(states).participant('c1', 'p1')?.state; // 'connected'
 */
export function viewOf(states: readonly StateAt[]): TrackerView {
  const byId = new Map<string, ConversationSnapshot>();
  for (const { snapshot } of states) if (snapshot !== undefined) byId.set(snapshot.id, snapshot);
  return {
    conversation: (id) => byId.get(id),
    participant: (cid, pid) => (byId.get(cid)?.participants as MediaParticipant[] | undefined)?.find((p) => p.id === pid),
    conversations: () => [...byId.values()],
    eachConversation: () => byId.values(),
    active: () => states.filter((s) => s.snapshot !== undefined && !isFinished(s.work)).map((s) => s.snapshot!),
  };
}
