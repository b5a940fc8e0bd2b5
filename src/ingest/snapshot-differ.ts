import { compareEventOrder } from '../events/lifecycle-rank.js';
import { isFinished } from '../core/conversation-finished.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import type { MediaType } from '../model/enums.js';
import { finding, type IngestFinding } from './findings.js';
import { newKnownConversation, type KnownConversation } from './known-conversation.js';
import type { ConversationObservation } from './observation.js';
import { later } from './optional-times.js';
import { mergeParticipant } from './participant-merge.js';
import { holdBack, releaseWaiting } from './waiting-participants.js';

/** The events an observation adds, in the order a reader applies them, and what was found. */
export interface DiffResult {
  readonly events: TrackerEvent[];
  readonly findings: IngestFinding[];
}

/** Turns observations into v1 events by comparing each with what is already known. */
export interface SnapshotDiffer {
  /** The events `observation` adds to what is known (none for a snapshot already seen). */
  diff(observation: ConversationObservation): DiffResult;
  /** Adds every participant still waiting for a payload that dates its start, dated as well as can be. */
  flush(): DiffResult;
  /** The conversations with participants waiting for a payload that dates their start. */
  awaiting(): string[];
  /**
   * Lets go of the conversations over (every participant finished) that no payload has described
   * since `before` (ISO): a long-running session's memory follows the floor, not the week. A
   * payload about one of them later starts it afresh; its events get the same ids as before, so
   * a reader sees duplicates. Returns how many were let go.
   */
  forget(before: string): number;
  /** The conversations under way as folded so far (some participant not finished, after-call work included), with their media. */
  underWay(): { id: string; media: MediaType }[];
  /** The media of a known conversation. */
  media(conversationId: string): MediaType | undefined;
  /** How many conversations and participants are known. */
  stats(): { conversations: number; participants: number };
}

/**
 * Creates the differ that turns participant snapshots into v1 events. Each observation is
 * compared with what is known about its conversation, and only what is new becomes an event:
 *
 * - **Identical snapshot**: nothing is new, nothing is emitted.
 * - **Never back**: the lifecycle only moves forward (a late snapshot showing an agent still
 *   alerting changes nothing once it connected). Changes a payload cannot date (static fields,
 *   a change of state before connection) are taken only from a payload whose `asOf` (latest
 *   time it carries, or its receipt time when later) is not older than the newest that
 *   described the participant; two payloads with the same times cannot be told apart and are
 *   taken in arrival order.
 * - **Holds**: Genesys clears `startHoldTime` on unhold and never dates the end, so a payload
 *   showing the participant connected and not held ends the hold when it is not older than
 *   the payloads that showed the hold, compared apart from holds' starts (`lastingAsOf`),
 *   whichever arrived first. Without receipt times, an unheld payload taken before the hold
 *   with nothing newer than it cannot be told from one taken after, and ends it too.
 * - **History from own timestamps**: a participant first seen far into its life gets every
 *   step its payload dates (added at `startTime`, alerting, connected, hold, disconnected,
 *   after-call work, wrap-up), each at its own time.
 * - **Meaning, not wording**: static values are recorded canonical (entity references
 *   without `selfUri`, empty objects and lists left out), event ids derive from conversation,
 *   participant, type, time and canonical content, so payloads that say the same thing give
 *   the same events, in one run or in separate ones.
 * - **Held back until dated**: a participant no payload has given a `startTime` yet (topic
 *   notifications never do) emits nothing: its observations are kept until a payload gives
 *   one, or until `flush`; then all of them are merged in the order of their `asOf` (equal
 *   ones in a fixed order, never arrival's), so the same payloads in any order, with
 *   repeats, give the same participant.
 *
 * Times, where the payload has none for a change it proves:
 * - `participant.added`: `startTime` (the earliest any payload states); at `flush`, the
 *   participant's earliest own time over its payloads, else their earliest `asOf`, else the
 *   conversation's latest known time; a participant with none of these is not recorded;
 * - a step the state proves but whose time is absent (connected without `connectedTime`,
 *   disconnected without `endTime`, after-call work without `startAcwTime`, wrap-up without
 *   `endTime`): the earliest own time of a later step, else the payload's `asOf`;
 * - the end of a hold (no payload dates it): the `asOf` of the payload that shows it over,
 *   never before the hold's start;
 * - a change of state before connection, `wrapupSkipped`, `participant.resumed`: the payload's `asOf`;
 * - `callback.scheduled`: the payload's `asOf`; `participant.updated`: the same, never before
 *   the participant was added (it sets static fields only, so where it falls among the
 *   participant's other events changes nothing).
 * A participant's lifecycle events are never dated before its previous one (a stated time
 * that is earlier is moved up to it and reported), so they replay in the order they were
 * derived. Every event is checked by folding it exactly as a reader will (same lifecycle
 * tables, reducers and invariants): an event the reader would reject is reported instead of
 * emitted.
 *
 * @example
 * const differ = createSnapshotDiffer();
 * differ.diff(restObservation).events;  // participant.added, participant.connected, …
 * differ.diff(restObservation).events;  // [] (identical snapshot)
 * differ.diff(topicObservation).events; // [] (a new participant without startTime waits)
 * differ.awaiting();                    // ['1c1a063b-…']
 * differ.flush().events;                // its participant.added, …
 */
export function createSnapshotDiffer(): SnapshotDiffer {
  const conversations = new Map<string, KnownConversation>();
  /** The conversations with participants waiting for a dated start: `awaiting` costs what waits, not what is known. */
  const awaitingIds = new Set<string>();

  function diff(observation: ConversationObservation): DiffResult {
    const out: DiffResult = { events: [], findings: [] };
    const { conversationId, media, asOf, lastingAsOf } = observation;
    const known = conversations.get(conversationId);
    if (known?.work.media !== undefined && known.work.media !== media) {
      out.findings.push(finding('not-recorded',
        `conversation ${conversationId} is a ${known.work.media} conversation; this ${media} payload about it was not recorded`, ['media'], conversationId));
      return out;
    }
    const conversation = known ?? newKnownConversation(conversationId);
    if (known === undefined) conversations.set(conversationId, conversation);
    conversation.latest = later(conversation.latest, asOf);
    const dating = { asOf, lastingAsOf };
    for (const participant of observation.participants) {
      const { participantId, times } = participant;
      if (conversation.participants.has(participantId)) mergeParticipant(conversation, participant, dating, out);
      else if (times.startTime === undefined) holdBack(conversation, participant, dating);
      else releaseWaiting(conversation, participantId, out, { observation: participant, dating });
    }
    if (conversation.waiting.size > 0) awaitingIds.add(conversationId);
    else awaitingIds.delete(conversationId);
    out.events.sort(compareEventOrder);
    return out;
  }

  function flush(): DiffResult {
    const out: DiffResult = { events: [], findings: [] };
    for (const conversation of conversations.values()) {
      for (const participantId of [...conversation.waiting.keys()]) releaseWaiting(conversation, participantId, out);
    }
    awaitingIds.clear();
    out.events.sort(compareEventOrder);
    return out;
  }

  function forget(before: string): number {
    let forgotten = 0;
    for (const [id, conversation] of conversations) {
      if (conversation.latest === undefined || conversation.latest >= before || conversation.waiting.size > 0) continue;
      if (conversation.work.media === undefined || !isFinished(conversation.work)) continue;
      conversations.delete(id);
      forgotten++;
    }
    return forgotten;
  }

  return {
    diff,
    flush,
    forget,
    awaiting: () => [...awaitingIds],
    underWay: () => [...conversations.values()].flatMap(({ work }) => (work.media !== undefined && !isFinished(work) ? [{ id: work.id, media: work.media }] : [])),
    media: (conversationId) => conversations.get(conversationId)?.work.media,
    stats: () => ({
      conversations: conversations.size,
      participants: [...conversations.values()].reduce((sum, c) => sum + c.participants.size, 0),
    }),
  };
}
