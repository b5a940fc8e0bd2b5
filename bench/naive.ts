import { enableMapSet, produce } from 'immer';
import { getInitialSnapshot, transition, type SnapshotFrom } from 'xstate';
import { parseEvent } from '../src/events/parse-event.js';
import type { MediaType } from '../src/model/enums.js';
import { participantViolations } from '../src/model/invariants.js';
import { PARTICIPANT_MACHINES, type ParticipantMachine } from '../src/machines/participant-lifecycle.js';
import { reduceParticipant, type ParticipantDraft } from '../src/reducers/index.js';
import { sameEvent } from '../src/tracker/same-event.js';
import type { TrackerEvent } from '../src/events/tracker-event.js';

enableMapSet();

/** A conversation of the naive store. */
export interface NaiveConversation {
  readonly id: string;
  readonly media: MediaType;
  readonly participants: ParticipantDraft[];
}

/** The naive build's root store: every conversation, in one immutable Map. */
export type NaiveStore = ReadonlyMap<string, NaiveConversation>;

type LifecycleSnapshot = SnapshotFrom<ParticipantMachine>;

const INITIAL: Record<MediaType, LifecycleSnapshot> = {
  chat: getInitialSnapshot(PARTICIPANT_MACHINES.chat),
  callback: getInitialSnapshot(PARTICIPANT_MACHINES.callback),
};

/** The naive build: its store and how it takes one event. */
export interface NaiveTracker {
  /** The current root store (a new Map after every applied event). */
  readonly store: () => NaiveStore;
  apply(input: unknown): 'applied' | 'duplicate' | 'rejected';
}

/**
 * The naive reading of the design card, for comparison: the same validation, machines,
 * reducers and invariants as the tracker, but XState's `transition()` runs on every event and
 * `produce` runs over the whole root store (a Map of every conversation), so each event pays
 * XState's per-call price and a copy of the Map.
 *
 * @example
 * const naive = createNaiveTracker();
 * for (const event of events) naive.apply(event);
 * naive.store().get('c1')?.participants;
 */
export function createNaiveTracker(): NaiveTracker {
  let root: NaiveStore = new Map();
  const lifecycles = new Map<string, LifecycleSnapshot>();
  const seen = new Map<string, TrackerEvent>();

  return {
    store: () => root,
    apply(input) {
      const parsed = parseEvent(input);
      if (!parsed.ok) return 'rejected';
      const { event } = parsed;
      const known = seen.get(event.id);
      if (known !== undefined) return sameEvent(known, event) ? 'duplicate' : 'rejected';
      seen.set(event.id, event);

      const existing = root.get(event.conversationId);
      const media = event.type === 'participant.added' ? event.media : existing?.media;
      if (media === undefined || (existing !== undefined && existing.media !== media)) return 'rejected';
      const machine = PARTICIPANT_MACHINES[media];
      const key = `${event.conversationId}\u0000${event.participantId}`;
      const snapshot = lifecycles.get(key) ?? INITIAL[media];
      if (!snapshot.can(event)) return 'rejected';
      const [next] = transition(machine, snapshot, event);
      const meta = machine.root.states[String(next.value)]?.meta;
      const participantState = meta?.participantState ?? String(next.value);

      const candidate = produce(root, (draft) => {
        let conversation = draft.get(event.conversationId);
        if (conversation === undefined) {
          draft.set(event.conversationId, { id: event.conversationId, media, participants: [] });
          conversation = draft.get(event.conversationId)!;
        }
        let participant = conversation.participants.find((p) => p.id === event.participantId);
        if (participant === undefined) {
          conversation.participants.push({});
          participant = conversation.participants[conversation.participants.length - 1]!;
        }
        reduceParticipant(participant, event);
        participant.state = participantState;
      });
      const updated = candidate.get(event.conversationId)!.participants.find((p) => p.id === event.participantId)!;
      if (participantViolations(updated, media).length > 0) return 'rejected';
      root = candidate;
      lifecycles.set(key, next);
      return 'applied';
    },
  };
}
