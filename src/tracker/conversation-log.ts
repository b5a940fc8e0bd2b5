import { compareEventOrder } from '../events/lifecycle-rank.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { ParticipantDraft } from '../reducers/participant-draft.js';
import type { Rejection, StandingRejection } from './apply-result.js';
import { applyToConversation, type WorkingConversation } from '../core/conversation-step.js';
import { copyUpdate, immerUpdate, inPlaceUpdate } from '../core/participant-update.js';
import { compactCopy } from '../core/compact-copy.js';
import { deepFreeze } from '../core/deep-freeze.js';
import { sameEvent } from './same-event.js';

/**
 * Everything the tracker keeps about one conversation: its events in application order (event
 * time, lifecycle rank, arrival), the rejections that stand, and the folded state.
 */
export interface ConversationLog {
  readonly id: string;
  /** Every valid, non-duplicate event of the conversation, in application order. */
  events: TrackerEvent[];
  /** The arrival number of each event, index for index. */
  seqs: number[];
  /** Rejections of the last fold, by arrival number. */
  rejected: Map<number, Rejection> | undefined;
  /** The folded state (mutable, private). */
  work: WorkingConversation;
  /**
   * The frozen snapshot of `work`; `undefined` before the first participant. Read it through
   * {@link currentSnapshot}: while `snapshotDue`, it lags `work`.
   */
  snapshot: ConversationSnapshot | undefined;
  /** `work` changed since `snapshot` was built: the next read builds it (nobody pays for a snapshot nobody reads). */
  snapshotDue: boolean;
  /** The snapshot subscribers were last told about (a read folds staged events before `settle` tells them). */
  notified: ConversationSnapshot | undefined;
  /** Events were inserted without folding (bulk); fold before reading. */
  dirty: boolean;
  /**
   * How many of `events`, from the first, `work` and `rejected` reflect: the rest were staged
   * after the last fold, at the end. -1 when a staged event went in among the folded ones.
   */
  folded: number;
  /** The key of the conversation's row in the store; `undefined` without a store, or before its first commit. */
  key: number | undefined;
  /** The store's row says the conversation was evicted: it is in memory only to be read (its first new event revives the row). */
  rowEvicted: boolean;
  /** Its number in the tracker's event-id index (`EventIdIndex`); `undefined` while it has none. */
  indexNumber: number | undefined;
}

/**
 * A new, empty conversation log.
 *
 * @example
 * createConversationLog('c1').events.length; // 0
 */
export function createConversationLog(id: string): ConversationLog {
  return {
    id, events: [], seqs: [], rejected: undefined, work: emptyConversation(id), snapshot: undefined, snapshotDue: false, notified: undefined, dirty: false, folded: 0,
    key: undefined, rowEvicted: false, indexNumber: undefined,
  };
}

function emptyConversation(id: string): WorkingConversation {
  return { id, media: undefined, participants: [], lifecycles: [] };
}

/**
 * Makes an event about to be stored share its id strings with what the log holds: the
 * conversation's id, and the participant's id from an earlier event of the same participant.
 * A parsed line brings its own copies (~40 bytes each), and the log keeps every event.
 *
 * @example
 * shareIds(log, event); event.conversationId === log.id; // the same string object
 */
// Stryker disable all: memory only; strings compare by value, so sharing them changes nothing a test can see
export function shareIds(log: ConversationLog, event: TrackerEvent): void {
  const mutable = event as { conversationId: string; participantId: string };
  mutable.conversationId = log.id;
  const { events } = log;
  for (let i = events.length - 1; i >= 0; i--) {
    const participantId = events[i]!.participantId;
    if (participantId === event.participantId) {
      mutable.participantId = participantId;
      return;
    }
  }
}
// Stryker restore all

/**
 * Inserts an event where the spec's order puts it: after every event that sorts before or
 * equal to it, so that ties keep arrival order. Returns its index.
 *
 * @example
 * insertEvent(log, event, 7) === log.events.length - 1; // true when it arrived in order
 */
export function insertEvent(log: ConversationLog, event: TrackerEvent, seq: number): number {
  const { events } = log;
  let low = 0;
  let high = events.length;
  // Stryker disable next-line all: the fast path for an event in order; the search below finds the same index
  if (high > 0 && compareEventOrder(events[high - 1]!, event) <= 0) low = high;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareEventOrder(events[mid]!, event) <= 0) low = mid + 1;
    else high = mid;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a splice at the end is a push
  if (low === events.length) {
    events.push(event);
    log.seqs.push(seq);
  } else {
    events.splice(low, 0, event);
    log.seqs.splice(low, 0, seq);
  }
  return low;
}

/**
 * Takes out of a folded log the event at `index`, which stands rejected: a rejected event
 * changed nothing, so the fold without it is the same and nothing is re-folded.
 *
 * @example
 * withdrawRejected(log, log.events.indexOf(event));
 */
export function withdrawRejected(log: ConversationLog, index: number): void {
  const rejected = log.rejected!;
  rejected.delete(log.seqs[index]!);
  // Stryker disable next-line all: an empty map and undefined are read the same way everywhere
  if (rejected.size === 0) log.rejected = undefined;
  log.events.splice(index, 1);
  log.seqs.splice(index, 1);
  // A rejected event changed nothing: the fold of the others is what `work` holds.
  // Stryker disable next-line all: runs right after foldStaged, and the caller's next step sets folded again
  if (index < log.folded) log.folded--;
}

/**
 * The frozen conversation snapshot of a working state, or `undefined` before any participant.
 *
 * @example
 * snapshotOf(log.work)?.participants.length; // participants in the order they were added
 */
export function snapshotOf(work: WorkingConversation): ConversationSnapshot | undefined {
  if (work.media === undefined) return undefined;
  return Object.freeze({
    id: work.id,
    media: work.media,
    participants: Object.freeze(work.participants.slice()),
  }) as ConversationSnapshot;
}

/**
 * A log's snapshot, built first when `work` changed since the last one.
 *
 * @example
 * currentSnapshot(log)?.participants.length; // the participants after the last applied event
 */
export function currentSnapshot(log: ConversationLog): ConversationSnapshot | undefined {
  if (log.snapshotDue) {
    log.snapshot = snapshotOf(log.work);
    log.snapshotDue = false;
  }
  return log.snapshot;
}

/**
 * The state after the first `count` events, without those at the `skipped` indices: what a fold
 * had before an event it rejected after writing. Every participant in it is a fresh copy.
 */
function replayApplied(id: string, events: readonly TrackerEvent[], count: number, skipped: readonly number[]): WorkingConversation {
  const work = emptyConversation(id);
  // Stryker disable next-line EqualityOperator: the extra event is rejected again on the copy, which it leaves untouched
  for (let i = 0; i < count; i++) {
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: a skipped event is rejected again and leaves the copy untouched
    if (!skipped.includes(i)) applyToConversation(work, events[i]!, copyUpdate);
  }
  return work;
}

/**
 * Folds a conversation's events from scratch on private objects, up to `until` (inclusive,
 * canonical time) when given, and deep-freezes the result once at the end.
 *
 * @example
 * const { work, rejected } = foldConversation('c1', log.events, log.seqs);
 */
export function foldConversation(
  id: string,
  events: readonly TrackerEvent[],
  seqs: readonly number[],
  until?: string,
): { work: WorkingConversation; rejected: Map<number, Rejection> | undefined } {
  let work = emptyConversation(id);
  let rejected: Map<number, Rejection> | undefined;
  const skipped: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (until !== undefined && event.time > until) break;
    const rejection = applyToConversation(work, event, inPlaceUpdate);
    if (rejection === undefined) continue;
    (rejected ??= new Map()).set(seqs[i]!, rejection);
    skipped.push(i);
    // Only a broken invariant is found after the reducer has written; rebuild without the event.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: rebuilding after any rejection gives the same state
    if (rejection.reason === 'invariant-violation') work = replayApplied(id, events, i, skipped);
  }
  // A fold to the end is the state a log keeps until it leaves memory: its participants are
  // compacted as they are frozen. A fold up to a time is read and let go.
  const { participants } = work;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a compact copy equals its source (memory only)
  for (let i = 0; i < participants.length; i++) participants[i] = deepFreeze(until === undefined ? compactCopy(participants[i]!) : participants[i]!);
  return { work: exactSize(work), rejected };
}

// Stryker disable all: memory only (copies into exact-size arrays)
/**
 * A working state in exact-size arrays. Arrays grown by push keep spare room (17 slots for a
 * few participants), and the tracker keeps one per conversation.
 */
function exactSize(work: WorkingConversation): WorkingConversation {
  return { ...work, participants: work.participants.slice(), lifecycles: work.lifecycles.slice() };
}

/** Keeps a log's events and arrival numbers in exact-size arrays (see {@link exactSize}). */
function trimEvents(log: ConversationLog): void {
  log.events = log.events.slice();
  log.seqs = log.seqs.slice();
}

/**
 * Keeps a log's events, arrival numbers and working state in exact-size arrays: live mode does
 * it when a conversation finishes, when it is unlikely to grow again (a copy per event before
 * then would cost more than the spare room saves).
 *
 * @example
 * if (isFinished(log.work)) keepExactSize(log);
 */
export function keepExactSize(log: ConversationLog): void {
  log.work = exactSize(log.work);
  trimEvents(log);
}
// Stryker restore all

/**
 * The snapshot of a re-folded state, keeping what did not change: a participant equal to the one
 * `previous` held is that object again, and when every one is, the snapshot is `previous`
 * itself. Structural sharing then holds after a late event or a settle as after an in-order
 * event, and a re-fold that changed nothing is no change.
 */
function keepUnchanged(work: WorkingConversation, previous: ConversationSnapshot | undefined): ConversationSnapshot | undefined {
  if (previous === undefined) return snapshotOf(work);
  const before = previous.participants as readonly ParticipantDraft[];
  const { participants } = work;
  // Stryker disable next-line all: a re-fold never drops a participant without changing another, so equal participants mean equal lengths and media
  let unchanged = work.media === previous.media && participants.length === before.length;
  for (let i = 0; i < participants.length; i++) {
    const participant = participants[i]!;
    // Stryker disable next-line all: the fast path for a participant at the same index; find gives the same one
    const old = before[i]?.id === participant.id ? before[i] : before.find((p) => p.id === participant.id);
    if (old !== undefined && sameEvent(old, participant)) participants[i] = old;
    else unchanged = false;
  }
  return unchanged ? previous : snapshotOf(work);
}

/**
 * Re-folds a log from its events (after a late event or a bulk load) and refreshes its snapshot,
 * keeping the objects of what did not change.
 *
 * @example
 * refold(log); log.snapshot; // up to date (snapshotDue is false)
 */
export function refold(log: ConversationLog): void {
  // A folded log is often finished: keep it without spare room.
  trimEvents(log);
  const previous = currentSnapshot(log);
  const { work, rejected } = foldConversation(log.id, log.events, log.seqs);
  log.work = work;
  log.rejected = rejected;
  log.snapshot = keepUnchanged(work, previous);
  // Stryker disable next-line BooleanLiteral: a log left dirty is folded again from scratch, to the same state
  log.dirty = false;
  log.folded = log.events.length;
}

/**
 * Brings a log's fold up to date. Events staged at the end since the last fold are applied one
 * by one onto the folded state (live mode's step, `immerUpdate`), so a question asked between
 * staged events (is this id's event rejected?) costs only what was staged since the last one;
 * a staged event that went in among the folded ones needs a fold from scratch.
 *
 * @example
 * foldStaged(log); log.dirty; // false
 */
export function foldStaged(log: ConversationLog): void {
  // Stryker disable next-line all: folding from scratch more often gives the same state
  if (!log.dirty) return;
  // Stryker disable next-line all: folding from scratch more often gives the same state
  if (log.folded < 0) {
    refold(log);
    return;
  }
  const { events, seqs } = log;
  const previous = currentSnapshot(log);
  for (let i = log.folded; i < events.length; i++) {
    const rejection = applyToConversation(log.work, events[i]!, immerUpdate);
    if (rejection !== undefined) (log.rejected ??= new Map()).set(seqs[i]!, rejection);
  }
  log.snapshot = keepUnchanged(log.work, previous);
  // Stryker disable next-line BooleanLiteral: a log left dirty is folded again from scratch, to the same state
  log.dirty = false;
  log.folded = events.length;
}

/**
 * The applied events of a log, in order: its events without those whose arrival number is
 * `rejected` (the standing rejections of a folded log, or a stored conversation's).
 *
 * @example
 * appliedEvents(log, log.rejected).map((e) => e.id);
 */
export function appliedEvents(log: Pick<ConversationLog, 'events' | 'seqs'>, rejected: { has(seq: number): boolean } | undefined): TrackerEvent[] {
  const { events, seqs } = log;
  return rejected === undefined ? events.slice() : events.filter((_, i) => !rejected.has(seqs[i]!));
}

/**
 * The rejections that stand in a folded log, in application order.
 *
 * @example
 * standingRejections(log).map((r) => r.event.id);
 */
export function standingRejections(log: ConversationLog): StandingRejection[] {
  const { rejected } = log;
  if (rejected === undefined) return [];
  const out: StandingRejection[] = [];
  log.seqs.forEach((seq, i) => {
    const rejection = rejected.get(seq);
    if (rejection !== undefined) out.push({ ...rejection, seq, event: log.events[i]! });
  });
  return out;
}
