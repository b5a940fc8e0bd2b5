import type { TrackerEvent } from '../events/tracker-event.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { MediaParticipant } from '../model/media-participant.js';
import type { EventStore } from '../store/event-store.js';
import type { ApplyResult, StandingRejection } from './apply-result.js';

/** A change of one conversation, as subscribers receive it. */
export interface ConversationChange {
  readonly conversationId: string;
  readonly snapshot: ConversationSnapshot;
  /** The snapshot before the change (`undefined` for a new conversation). */
  readonly previous: ConversationSnapshot | undefined;
  /** Every participant has finished (disconnected, no after-call work under way): the conversation is no longer under way. */
  readonly finished: boolean;
}

/** Read access to tracked state, now (`tracker`) or at a past instant (`tracker.at(time)`). */
export interface TrackerView {
  /** One conversation's snapshot. */
  conversation(conversationId: string): ConversationSnapshot | undefined;
  /** One participant's snapshot. */
  participant(conversationId: string, participantId: string): MediaParticipant | undefined;
  /** Every conversation with at least one participant, in the order they were first seen. */
  conversations(): ConversationSnapshot[];
  /**
   * The same conversations, one at a time: with a store, memory holds one snapshot at a time
   * however many are stored (what `replay --data` prints). Do not change the tracker while
   * iterating.
   */
  eachConversation(): Iterator<ConversationSnapshot> & Iterable<ConversationSnapshot>;
  /**
   * The conversations under way: at least one participant has not finished (not disconnected
   * yet, or in after-call work). What a live dashboard shows; its cost grows with them alone.
   */
  active(): ConversationSnapshot[];
}

/** How a tracker reports what happens outside its results. */
export interface TrackerOptions {
  /**
   * Called when a subscriber throws, with the error and the change it was given. The other
   * subscribers are still called and `apply` returns its result. Without it (or when it throws
   * too), the error is thrown on its own once the current call has returned (`queueMicrotask`),
   * as Node's `EventTarget` does with its listeners' errors.
   */
  readonly onError?: (error: unknown, change: ConversationChange) => void;
  /**
   * Keep every accepted event in this store (see `openEventStore`), and restore the state it
   * holds: the conversations under way are rebuilt from their events, the finished ones stay in
   * the store until read. An event is durable before `apply` returns (or `submit` resolves);
   * `load` and `settle` commit each batch in one transaction. A write that fails throws a
   * `StoreError` (`STORE_WRITE_FAILED`), and the conversations it touched are read back from
   * the store: the state is what was committed.
   */
  readonly store?: EventStore;
  /**
   * With a store: how long (event time, ms) a finished conversation stays in memory after its
   * last event before it leaves (default 10 minutes). It stays in the store, and reads load it
   * on demand; a late event brings it back.
   */
  readonly retentionMs?: number;
}

/**
 * The engine: applies events, keeps snapshots, answers reads.
 *
 * - **Input never throws.** `apply`, `stage` and `load` read each input once into a private copy
 *   of plain data within `EVENT_LIMITS`: arrays of at most 1,000 items, objects of at most
 *   1,000 keys, strings and keys of at most 65,536 characters, 16 levels of nesting, 10,000
 *   values in all (unknown fields included); at most 10 issues are listed per event. Input
 *   beyond a limit, or that throws when read (a getter, a Proxy trap, a revoked Proxy), or that
 *   holds something other than JSON data (a `Date`, a class instance) is an `invalid-event`
 *   naming the field.
 * - **Nothing handed out can change the state.** Snapshots and the stored events (the `event`
 *   of a result, `history`, `rejections`) are deeply frozen; inputs are copied.
 * - **An id is taken only while its event stands applied.** The same id with the same content is
 *   a `duplicate` (nothing changes, whether that event stands applied or rejected). With other
 *   content it is a `conflicting-duplicate` while the first event stands applied; while that
 *   one stands rejected, the new event is a retry: it replaces the rejected one, whose rejection
 *   becomes final and is named on the result (`replaced`). An `invalid-event` never takes its id.
 *   Bulk mode decides the same way, on the events staged so far.
 * - **Subscribers are isolated** (see {@link TrackerOptions.onError}).
 */
export interface Tracker extends TrackerView {
  /**
   * Applies one event now (live mode): validated, deduplicated, placed in event-time order. A
   * late event re-folds its conversation, keeping the objects of what it did not change; when
   * it makes events applied before it rejected, the result lists them (`overturned`).
   */
  apply(input: unknown): ApplyResult;
  /**
   * `apply` with group commit: the event is applied at once and the result is given once it is
   * durable, in one transaction with every event submitted meanwhile (subscribers hear of the
   * change then). Without a store it resolves at once. Rejects with a `StoreError` when the
   * commit fails.
   */
  submit(input: unknown): Promise<ApplyResult>;
  /**
   * Applies many events in one go (bulk mode): each conversation is folded once, on private
   * objects, and frozen at the end. Returns one final result per input, in input order.
   */
  load(inputs: Iterable<unknown>): ApplyResult[];
  /**
   * Bulk mode, step by step: records an event without folding. `applied` here means accepted
   * for folding; call `settle()` before reading, then `rejections()` has the final word.
   */
  stage(input: unknown): ApplyResult;
  /** Folds every conversation staged since the last settle. */
  settle(): void;
  /**
   * The state as of `instant` (inclusive): conversations with no event by then are left out.
   * `instant` is an ISO-8601 time with a zone, a `Date` or epoch milliseconds; anything else
   * (no zone, February 30th, out of range, `null`…) is an `InvalidInstantError` that says why.
   */
  at(instant: string | number | Date): TrackerView;
  /**
   * The conversations that were under way at some point between `from` and `until` (inclusive:
   * their first event is not after `until`, and their last is not before `from`, or they had not
   * finished by then), as of `until`: what metrics over an interval read. With a store its cost
   * grows with the conversations of the interval, not with the history.
   */
  between(from: string | number | Date, until: string | number | Date): TrackerView;
  /** The events applied to a conversation, in application order (standing rejections left out), frozen. */
  history(conversationId: string): TrackerEvent[];
  /** Rejections that stand in the current state (a late event can make or clear one). */
  rejections(): StandingRejection[];
  /**
   * Calls `listener` after each change of a conversation; returns the unsubscribe function. A
   * listener that throws is reported (see {@link TrackerOptions.onError}); it never stops the
   * others or the call that made the change.
   */
  subscribe(listener: (change: ConversationChange) => void): () => void;
  /** The time of the latest event the tracker holds, applied or standing rejected (canonical ISO), the store's included; `undefined` when there is none. */
  latestTime(): string | undefined;
  /** Counts: conversations, participants and stored events (standing rejections included), staged ones too. */
  stats(): { conversations: number; participants: number; events: number };
  /** Commits what is pending (the idle finished conversations leave memory) and closes the store; nothing to do without one. The tracker must not be used afterwards. */
  close(): void;
}
