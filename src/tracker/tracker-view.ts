import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { MediaParticipant } from '../model/media-participant.js';
import type { TrackerView } from './tracker.js';

/**
 * A read-only view over a set of conversation snapshots (what `tracker.at(t)` hands out).
 *
 * @example
 * viewOf(snapshots).participant('c1', 'p1')?.state; // 'connected'
 */
export function viewOf(logs: Iterable<ConversationSnapshot>): TrackerView {
  const byId = new Map<string, ConversationSnapshot>();
  for (const snapshot of logs) byId.set(snapshot.id, snapshot);
  return {
    conversation: (id) => byId.get(id),
    participant: (cid, pid) => (byId.get(cid)?.participants as MediaParticipant[] | undefined)?.find((p) => p.id === pid),
    conversations: () => [...byId.values()],
  };
}
