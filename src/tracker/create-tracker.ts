import { ArrivalNumberError } from '../errors/arrival-number-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { parseEvent } from '../events/parse-event.js';
import { requireInstant } from '../events/time.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { MediaParticipant } from '../model/media-participant.js';
import { rejectedResult, withReplaced, type ApplyResult, type StandingRejection } from './apply-result.js';
import {
  appliedEvents, createConversationLog, currentSnapshot, foldConversation, foldStaged, insertEvent, keepExactSize, refold, shareIds, snapshotOf, standingRejections,
  withdrawRejected, type ConversationLog,
} from './conversation-log.js';
import { applyToConversation } from '../core/conversation-step.js';
import { immerUpdate } from '../core/participant-update.js';
import { deepFreeze } from '../core/deep-freeze.js';
import { isFinished } from '../core/conversation-finished.js';
import { EventIdIndex } from './event-id-index.js';
import { sameEvent } from './same-event.js';
import { SharedReferences } from './shared-references.js';
import { createSubscribers } from './subscribers.js';
import type { Tracker, TrackerOptions } from './tracker.js';
import { viewOf, type StateAt } from './tracker-view.js';
import {
  evictedRecordOf, readRejections, readSnapshot, restoreLog, storedHistory, storedWorkAt,
} from './stored-conversation.js';
import type { ConversationRecord } from '../store/event-store.js';

export type { ConversationChange, Tracker, TrackerOptions, TrackerView } from './tracker.js';

/** An event that passed validation and dedupe, its log, and the rejected event it replaces (a retry). */
interface Admitted {
  readonly event: TrackerEvent;
  readonly log: ConversationLog;
  readonly replaced: StandingRejection | undefined;
}

/**
 * Creates the engine. Events go in through `apply` (live) or `load` / `stage` + `settle` (bulk);
 * snapshots come out as immutable Genesys-shaped objects.
 *
 * @example
 * const tracker = createTracker();
 * tracker.apply({ id: 'e1', type: 'participant.added', time: '2026-11-21T10:00:00.000Z',
 *   conversationId: 'c1', participantId: 'p1', media: 'chat', purpose: 'customer', state: 'connected' });
 * tracker.participant('c1', 'p1')?.state; // 'connected'
 */
export function createTracker(options: TrackerOptions = {}): Tracker {
  return createNumberedTracker(options).tracker;
}

/**
 * A tracker, and entry points that take each input's arrival number from the caller instead of
 * counting inputs: replay numbers them by line, so that standing rejections give their line.
 * Internal to the package (the public `apply` and `stage` count for themselves).
 */
export interface NumberedTracker {
  readonly tracker: Tracker;
  /**
   * `tracker.apply` of the input numbered `seq`, an integer above every number used so far (else
   * an `ArrivalNumberError`). With `durable` false, a store commits it with the next commit
   * (`settle`, `close`) instead of before returning: a replay commits in batches. With `owned`,
   * the input is plain data the caller hands over (what `JSON.parse` has just made): it becomes
   * the kept event itself instead of being copied (see `parseEvent`).
   */
  apply(input: unknown, seq: number, durable?: boolean, owned?: boolean): ApplyResult;
  /** `tracker.stage` of the input numbered `seq`, as for `apply`. */
  stage(input: unknown, seq: number, owned?: boolean): ApplyResult;
  /** The lowest arrival number the next input may have (a store's tracker goes on from its stored numbers). */
  nextSeq(): number;
}

/** A result that waits for its event's commit (`submit`). */
interface Acknowledgement {
  readonly result: ApplyResult;
  readonly resolve: (result: ApplyResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Later than every canonical time: the state "at" it is the current one. */
const END_OF_TIME = '\uffff';

/**
 * With a store, the idle finished conversations are looked for at every settle, and in live mode
 * once per as many events as there are conversations in memory (at most this many): a look costs
 * one step per conversation in memory, so this keeps it to a step per event.
 */
const EVICTION_EVERY = 1024;



/**
 * Creates a tracker whose inputs can be numbered by the caller; inputs given to the tracker itself
 * are numbered on from the last number used.
 *
 * @example
 * const { tracker, stage } = createNumberedTracker();
 * stage(JSON.parse(text), lineNumber); // tracker.rejections()[0].seq is that line number
 */
export function createNumberedTracker(options: TrackerOptions = {}): NumberedTracker {
  const { store } = options;
  const retentionMs = options.retentionMs ?? 10 * 60_000;
  if (!(retentionMs >= 0)) throw new InvalidOptionError('retentionMs must be a number of milliseconds ≥ 0');
  /** The conversations in memory. */
  const logs = new Map<string, ConversationLog>();
  /** The events in memory, by id. */
  const ids = new EventIdIndex();
  const references = new SharedReferences();
  /**
   * An event about to be kept, in place (`parseEvent` gives a private copy): its entity
   * references shared, its object values frozen.
   */
  const keepValues = (event: TrackerEvent): TrackerEvent => {
    const fields = event as unknown as Record<string, unknown>;
    // for…in walks the keys without a list of them per event (and what a polluted
    // Object.prototype lists, which is not the event's).
    for (const key in fields) {
      if (!Object.hasOwn(fields, key)) continue;
      const value = fields[key];
      if (typeof value === 'object' && value !== null) fields[key] = deepFreeze(references.kept(key, value) as object);
    }
    return event;
  };
  const { subscribe, notify } = createSubscribers(options.onError, () => logs.values());
  const staged = new Set<ConversationLog>();
  let nextSeq = Number(store?.checkpoint('next-seq') ?? 0);
  /** The latest event time seen: the clock of the retention window. */
  let latestTime = store?.checkpoint('latest-time') ?? '';

  // Store bookkeeping: what the next commit writes.
  const pendingEvents: TrackerEvent[] = [];
  const pendingSeqs: number[] = [];
  const pendingLogs: ConversationLog[] = [];
  /** Ids of stored events that retries replaced. */
  const withdrawn: string[] = [];
  /** Conversations changed since the last commit. */
  const touched = new Set<ConversationLog>();
  const waiting: Acknowledgement[] = [];
  let flushScheduled = false;
  let sinceEvictionPass = 0;

  const remember = (log: ConversationLog): ConversationLog => {
    logs.set(log.id, log);
    for (const event of log.events) ids.add(event, log);
    return log;
  };

  const forget = (log: ConversationLog): void => {
    logs.delete(log.id);
    staged.delete(log);
    ids.removeLog(log);
  };

  /** Brings a stored conversation into memory, rebuilt from its events; `undefined` when the store has none. */
  const loadStored = (conversationId: string): ConversationLog | undefined => {
    const record = store?.conversation(conversationId);
    if (record === undefined) return undefined;
    const log = restoreLog(record, store!.events(record.key));
    log.notified = currentSnapshot(log);
    return remember(log);
  };

  for (const id of store?.residentConversations() ?? []) loadStored(id);

  /** The row of a conversation about to be written: added, or revived when it was evicted. */
  const rowOf = (log: ConversationLog): number => {
    if (log.key === undefined) log.key = store!.insertConversation(log.id);
    else if (log.rowEvicted) store!.reviveConversation(log.key);
    log.rowEvicted = false;
    return log.key;
  };

  /** The finished conversations whose last event is older than the retention window. */
  const idleFinished = (): ConversationLog[] => {
    sinceEvictionPass = 0;
    if (latestTime === '') return [];
    const idleUntil = new Date(Date.parse(latestTime) - retentionMs).toISOString();
    const out: ConversationLog[] = [];
    for (const log of logs.values()) {
      const last = log.events[log.events.length - 1];
      if (log.dirty || last === undefined || last.time > idleUntil || !isFinished(log.work)) continue;
      out.push(log);
    }
    return out;
  };

  /**
   * Writes what is pending in one transaction (and, when `evict`, lets the idle finished
   * conversations leave memory). On failure the conversations changed since the last commit are
   * dropped from memory, to be read back from the store, and every waiting result fails.
   */
  const commit = (evict: boolean): ConversationLog[] => {
    if (store === undefined) return [];
    const changed = [...touched];
    const evicted = evict ? idleFinished() : [];
    try {
      // Stryker disable next-line all: skipping an empty transaction saves a commit; an eviction left unwritten reads back the same from the resident row
      if (pendingEvents.length > 0 || withdrawn.length > 0 || evicted.some((log) => !log.rowEvicted)) {
        store.transaction(() => {
          for (const id of withdrawn) store.deleteEvent(id);
          for (let i = 0; i < pendingEvents.length; i++) store.insertEvent(rowOf(pendingLogs[i]!), pendingEvents[i]!, pendingSeqs[i]!);
          // An evicted conversation that changed without a new event (a retry took one out) is resident again.
          // Stryker disable next-line ConditionalExpression,LogicalOperator: rowOf of a log without an evicted row changes nothing more
          for (const log of changed) if (log.rowEvicted && log.key !== undefined) rowOf(log);
          for (const log of evicted) {
            if (!log.rowEvicted && log.key !== undefined) store.evictConversation(log.key, evictedRecordOf(log));
          }
          store.setCheckpoint('next-seq', String(nextSeq));
          store.setCheckpoint('latest-time', latestTime);
        });
      }
    } catch (error) {
      // Memory goes back to what the store holds.
      for (const log of changed) forget(log);
      clearPending();
      for (const log of changed) loadAfterFailure(log.id);
      for (const acknowledgement of waiting.splice(0)) acknowledgement.reject(error);
      throw error;
    }
    clearPending();
    for (const log of evicted) {
      log.rowEvicted = true;
      forget(log);
    }
    return changed;
  };

  /** Reads a conversation back after a failed commit; if the store cannot be read either, the next read tries again. */
  const loadAfterFailure = (conversationId: string) => {
    try {
      loadStored(conversationId);
    } catch {
      logs.delete(conversationId);
    }
  };

  const evictionDue = () => sinceEvictionPass >= Math.min(EVICTION_EVERY, logs.size);

  const clearPending = () => {
    pendingEvents.length = 0;
    pendingSeqs.length = 0;
    pendingLogs.length = 0;
    withdrawn.length = 0;
    touched.clear();
  };

  /** Tells subscribers of the changes a commit made durable. */
  const notifyAll = (changed: readonly ConversationLog[]) => {
    for (const log of changed) if (!log.dirty) notify(log);
  };

  /** Commits the submitted events and gives their results (group commit). */
  const flushWaiting = () => {
    flushScheduled = false;
    if (waiting.length === 0) return;
    const batch = waiting.splice(0);
    let changed: ConversationLog[];
    try {
      changed = commit(evictionDue());
    } catch (error) {
      for (const acknowledgement of batch) acknowledgement.reject(error);
      return;
    }
    for (const acknowledgement of batch) acknowledgement.resolve(acknowledgement.result);
    notifyAll(changed);
  };

  /**
   * A retry: takes out the event that holds an id if it stands rejected (folding its log first
   * when staged events wait, so bulk mode decides on the events staged so far, as live mode
   * does), and returns its rejection; `undefined` when it stands applied and keeps the id.
   */
  const withdrawIfRejected = (holder: TrackerEvent): StandingRejection | undefined => {
    const log = logs.get(holder.conversationId)!;
    foldStaged(log);
    const index = log.events.indexOf(holder);
    const seq = log.seqs[index]!;
    const rejection = log.rejected?.get(seq);
    if (rejection === undefined) return undefined;
    ids.remove(holder, log);
    withdrawRejected(log, index);
    const pendingAt = pendingEvents.indexOf(holder);
    if (pendingAt >= 0) {
      pendingEvents.splice(pendingAt, 1);
      pendingSeqs.splice(pendingAt, 1);
      pendingLogs.splice(pendingAt, 1);
    } else if (store !== undefined) withdrawn.push(holder.id);
    touched.add(log);
    return { ...rejection, seq, event: holder };
  };

  /** The event that holds an id: in memory, or in a stored conversation, which is then brought back. */
  const holderOf = (id: string): TrackerEvent | undefined => {
    const holder = ids.holder(id);
    if (holder !== undefined || store === undefined) return holder;
    const conversationId = store.eventHolder(id);
    if (conversationId === undefined || logs.has(conversationId)) return undefined;
    loadStored(conversationId);
    return ids.holder(id);
  };

  /**
   * Validation and dedupe, shared by live and bulk: the event and its log (and the rejected event
   * it replaces, for a retry), or a final result. The caller inserts the event (live mode first
   * folds a log that bulk mode left unfolded).
   */
  const admit = (input: unknown, seq: number, owned: boolean): Admitted | ApplyResult => {
    const parsed = parseEvent(input, owned);
    if (!parsed.ok) {
      const first = parsed.issues[0];
      return {
        status: 'rejected', reason: 'invalid-event', message: parsed.message,
        ...(first?.field ? { field: first.field } : {}), ...(parsed.id ? { eventId: parsed.id } : {}),
      };
    }
    const holder = holderOf(parsed.event.id);
    let replaced: StandingRejection | undefined;
    if (holder !== undefined) {
      if (sameEvent(holder, parsed.event)) return { status: 'duplicate', eventId: holder.id };
      replaced = withdrawIfRejected(holder);
      if (replaced === undefined) {
        return { status: 'rejected', reason: 'conflicting-duplicate', eventId: holder.id, field: 'id',
          message: `event id ${holder.id} is taken by an applied event with different content` };
      }
    }
    // Kept until the conversation leaves memory, and handed out (apply results, history,
    // rejections): entity references shared, frozen here, once (itself below, after its ids are
    // shared).
    const event = keepValues(parsed.event);
    let log = logs.get(event.conversationId) ?? loadStored(event.conversationId);
    if (log === undefined) logs.set(event.conversationId, (log = createConversationLog(event.conversationId)));
    // The caller puts the event into the log before the next input is admitted.
    ids.add(event, log);
    shareIds(log, event);
    Object.freeze(event);
    // Stryker disable next-line EqualityOperator: an equal time leaves the same latest time
    if (event.time > latestTime) latestTime = event.time;
    // Stryker disable next-line ConditionalExpression: without a store nothing reads what waits for a commit (memory only)
    if (store !== undefined) {
      pendingEvents.push(event);
      pendingSeqs.push(seq);
      pendingLogs.push(log);
      touched.add(log);
      sinceEvictionPass++;
    }
    return { event, log, replaced };
  };

  const isResult = (x: ReturnType<typeof admit>): x is ApplyResult => 'status' in x;

  /** Takes an arrival number given by the caller: arrival numbers only grow, so each names one input. */
  const take = (seq: number): number => {
    if (!Number.isSafeInteger(seq) || seq < nextSeq) {
      throw new ArrivalNumberError(`arrival number ${seq} must be an integer of at least ${nextSeq}`);
    }
    nextSeq = seq + 1;
    return seq;
  };

  /** Live mode: applies now; with a store, `durable` commits before returning (else the caller commits: `submit`). */
  const applyNumbered = (input: unknown, seq: number, durable = true, owned = false): ApplyResult => {
    const admitted = admit(input, seq, owned);
    if (isResult(admitted)) return admitted;
    const { event, log, replaced } = admitted;
    // Stryker disable next-line ConditionalExpression: re-folding a log that is up to date gives the same state and snapshot object
    if (log.dirty) refold(log);
    // Stryker disable next-line all: the in-order fast path; a re-fold gives the same snapshots, results and rejections
    const arrivedInOrder = insertEvent(log, event, seq) === log.events.length - 1;
    let overturned: StandingRejection[] | undefined;
    if (arrivedInOrder) {
      const rejection = applyToConversation(log.work, event, immerUpdate);
      log.folded = log.events.length;
      if (rejection !== undefined) (log.rejected ??= new Map()).set(seq, rejection);
      else {
        log.snapshotDue = true;
        // Stryker disable next-line all: memory only
        if (isFinished(log.work)) keepExactSize(log);
      }
    } else {
      const before = log.rejected;
      refold(log);
      overturned = standingRejections(log).filter((r) => r.seq !== seq && !before?.has(r.seq));
    }
    if (store === undefined) notify(log);
    else if (durable) notifyAll(commit(evictionDue()));
    const rejection = log.rejected?.get(seq);
    if (rejection !== undefined) return withReplaced(rejectedResult(event, rejection), replaced);
    return withReplaced(
      overturned?.length ? { status: 'applied', event, overturned: overturned.sort((a, b) => a.seq - b.seq) } : { status: 'applied', event },
      replaced,
    );
  };

  const stageNumbered = (input: unknown, seq: number, owned = false): ApplyResult => {
    const admitted = admit(input, seq, owned);
    if (isResult(admitted)) return admitted;
    const { log } = admitted;
    // Stryker disable next-line EqualityOperator: <= only asks for a fold from scratch in one more case
    if (insertEvent(log, admitted.event, seq) < log.folded) log.folded = -1;
    log.dirty = true;
    staged.add(log);
    return withReplaced({ status: 'applied', event: admitted.event }, admitted.replaced);
  };

  /** A conversation's state at `until`: its current state when its last event is not later. */
  const stateAt = (log: ConversationLog, until: string): StateAt | undefined => {
    // Stryker disable next-line ConditionalExpression: re-folding a log that is up to date gives the same state and snapshot object
    if (log.dirty) refold(log);
    const { events } = log;
    if (events.length === 0 || events[0]!.time > until) return undefined;
    // Stryker disable next-line all: the fast path; folding up to `until` gives the same state
    if (events[events.length - 1]!.time <= until) return { work: log.work, snapshot: currentSnapshot(log) };
    const { work } = foldConversation(log.id, events, log.seqs, until);
    return { work, snapshot: snapshotOf(work) };
  };

  /** A stored conversation's state at `until`: its final snapshot, or a fold of its events when it was under way then. */
  const storedStateAt = (record: ConversationRecord, until: string): StateAt | undefined => {
    if (record.firstTime === null || record.firstTime > until) return undefined;
    // Stryker disable next-line all: the fast path; folding the stored events up to `until` gives the final snapshot
    if (record.lastTime !== null && record.lastTime <= until) {
      return { work: { id: record.id, media: undefined, participants: [], lifecycles: [] }, snapshot: readSnapshot(record.snapshot) };
    }
    const work = storedWorkAt(record, store!.events(record.key), until);
    return { work, snapshot: snapshotOf(work) };
  };

  /** A conversation's state at `until`, in memory or in the store. */
  const anyStateAt = (id: string, until: string): StateAt | undefined => {
    const resident = logs.get(id);
    if (resident !== undefined) return stateAt(resident, until);
    const record = store?.conversation(id);
    if (record === undefined) return undefined;
    // A row left resident (a failed commit dropped it from memory) is rebuilt; an evicted one is read from its row.
    // Stryker disable next-line all: a stored conversation read from its row or brought back into memory reads the same
    if (!record.evicted) return stateAt(loadStored(id)!, until);
    return storedStateAt(record, until);
  };

  /** Every conversation's snapshot at `until` (the end when absent), in the order first seen, one at a time. */
  function* eachAt(until: string | undefined): Generator<ConversationSnapshot, void, undefined> {
    const ofLog = (log: ConversationLog) => {
      if (until !== undefined) return stateAt(log, until)?.snapshot;
      // Stryker disable next-line ConditionalExpression: re-folding a log that is up to date gives the same state and snapshot object
      if (log.dirty) refold(log);
      return currentSnapshot(log);
    };
    const unlessAbsent = (snapshot: ConversationSnapshot | undefined) => (snapshot === undefined ? [] : [snapshot]);
    if (store === undefined) {
      for (const log of logs.values()) yield* unlessAbsent(ofLog(log));
      return;
    }
    for (const record of store.conversations(until)) {
      const log = logs.get(record.id) ?? (record.evicted ? undefined : loadStored(record.id));
      if (log !== undefined) yield* unlessAbsent(ofLog(log));
      else yield* unlessAbsent(until === undefined ? readSnapshot(record.snapshot) : storedStateAt(record, until)?.snapshot);
    }
    for (const log of [...logs.values()]) if (log.key === undefined) yield* unlessAbsent(ofLog(log));
  }

  /**
   * The states at `until` of the conversations whose span meets `[from, until]`: those in memory,
   * and those of the store found by its index of spans.
   */
  const meetingAt = (from: string, until: string): StateAt[] => {
    const out: StateAt[] = [];
    for (const log of logs.values()) {
      // Stryker disable next-line ConditionalExpression: re-folding a log that is up to date gives the same state and snapshot object
      if (log.dirty) refold(log);
      const last = log.events[log.events.length - 1];
      // A conversation under way at its last event is under way until now.
      if (last === undefined || (last.time < from && isFinished(log.work))) continue;
      const state = stateAt(log, until);
      if (state !== undefined) out.push(state);
    }
    for (const record of store?.spanning(Date.parse(from), Date.parse(until)) ?? []) {
      if (logs.has(record.id) || record.lastTime === null || record.lastTime < from) continue;
      const state = storedStateAt(record, until);
      if (state !== undefined) out.push(state);
    }
    return out;
  };

  const activeAt = (until: string): ConversationSnapshot[] => viewOf(meetingAt(until, until)).active();

  const latest = () => (latestTime === '' ? new Date(0).toISOString() : latestTime);

  const tracker: Tracker = {
    apply: (input) => applyNumbered(input, nextSeq++),

    submit(input) {
      const result = applyNumbered(input, nextSeq++, false);
      if (store === undefined) return Promise.resolve(result);
      return new Promise((resolve, reject) => {
        waiting.push({ result, resolve, reject });
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flushWaiting);
        }
      });
    },

    stage: (input) => stageNumbered(input, nextSeq++),

    settle() {
      // Stryker disable next-line ConditionalExpression: re-folding a log that is up to date gives the same state and snapshot object
      for (const log of staged) if (log.dirty) refold(log);
      const folded = [...staged];
      staged.clear();
      if (store === undefined) for (const log of folded) notify(log);
      else notifyAll(commit(true));
    },

    load(inputs) {
      const results: ApplyResult[] = [];
      const pending: { index: number; seq: number; log: ConversationLog }[] = [];
      for (const input of inputs) {
        const seq = nextSeq++;
        const result = stageNumbered(input, seq);
        if (result.status === 'applied') pending.push({ index: results.length, seq, log: logs.get(result.event.conversationId)! });
        results.push(result);
        // A retry replaced an event staged in this load: that one's final result is its rejection.
        const replaced = result.status === 'applied' ? result.replaced : undefined;
        const replacedAt = replaced === undefined ? -1 : pending.findIndex((p) => p.seq === replaced.seq);
        if (replacedAt >= 0) {
          results[pending[replacedAt]!.index] = rejectedResult(replaced!.event, replaced!);
          pending.splice(replacedAt, 1);
        }
      }
      // Rejections are read before the commit lets finished conversations leave memory.
      // Stryker disable next-line ConditionalExpression: re-folding a log that is up to date gives the same state and snapshot object
      for (const log of staged) if (log.dirty) refold(log);
      for (const { index, seq, log } of pending) {
        const rejection = log.rejected?.get(seq);
        if (rejection !== undefined) results[index] = rejectedResult((results[index] as { event: TrackerEvent }).event, rejection);
      }
      tracker.settle();
      return results;
    },

    conversation: (id) => anyStateAt(id, END_OF_TIME)?.snapshot,
    participant: (cid, pid) =>
      (tracker.conversation(cid)?.participants as MediaParticipant[] | undefined)?.find((p) => p.id === pid),
    conversations: () => [...eachAt(undefined)],
    eachConversation: () => eachAt(undefined),
    active: () => activeAt(latest()),

    at(instant) {
      const until = requireInstant(instant);
      return {
        conversation: (id) => anyStateAt(id, until)?.snapshot,
        participant: (cid, pid) => (anyStateAt(cid, until)?.snapshot?.participants as MediaParticipant[] | undefined)?.find((p) => p.id === pid),
        conversations: () => [...eachAt(until)],
        eachConversation: () => eachAt(until),
        active: () => activeAt(until),
      };
    },

    between(from, until) {
      const start = requireInstant(from);
      const end = requireInstant(until);
      return viewOf(start > end ? [] : meetingAt(start, end));
    },

    history(conversationId) {
      let log = logs.get(conversationId);
      if (log === undefined && store !== undefined) {
        const record = store.conversation(conversationId);
        if (record === undefined) return [];
        if (record.evicted) return storedHistory(record, store.events(record.key));
        log = loadStored(conversationId);
      }
      if (log === undefined) return [];
      // Stryker disable next-line ConditionalExpression: re-folding a log that is up to date gives the same state and snapshot object
      if (log.dirty) refold(log);
      return appliedEvents(log, log.rejected);
    },

    rejections() {
      const out: StandingRejection[] = [];
      for (const log of logs.values()) {
        // Stryker disable next-line ConditionalExpression: re-folding a log that is up to date gives the same state and snapshot object
        if (log.dirty) refold(log);
        out.push(...standingRejections(log));
      }
      for (const record of store?.rejectedConversations() ?? []) {
        if (record.evicted && !logs.has(record.id)) out.push(...readRejections(record.rejected));
      }
      return out.sort((a, b) => a.seq - b.seq);
    },

    subscribe,

    latestTime: () => (latestTime === '' ? undefined : latestTime),
    stats() {
      let participants = 0;
      let events = 0;
      let unstored = 0;
      for (const log of logs.values()) {
        // Stryker disable next-line ConditionalExpression: re-folding a log that is up to date gives the same state and snapshot object
        if (log.dirty) refold(log);
        if (log.key === undefined) unstored++;
        if (store !== undefined && log.rowEvicted) continue;
        participants += log.work.participants.length;
        if (store === undefined) events += log.events.length;
      }
      if (store === undefined) return { conversations: logs.size, participants, events };
      const counts = store.counts();
      return {
        conversations: counts.conversations + unstored,
        participants: participants + counts.evictedParticipants,
        events: counts.events + pendingEvents.length - withdrawn.length,
      };
    },

    close() {
      if (store === undefined) return;
      // Stryker disable next-line ConditionalExpression: re-folding a log that is up to date gives the same state and snapshot object
      for (const log of staged) if (log.dirty) refold(log);
      staged.clear();
      try {
        flushWaiting();
        // The idle finished conversations leave now: the next open rebuilds only the others.
        commit(true);
      } finally {
        store.close();
      }
    },
  };
  return {
    tracker,
    apply: (input, seq, durable = true, owned = false) => applyNumbered(input, take(seq), durable, owned),
    stage: (input, seq, owned = false) => stageNumbered(input, take(seq), owned),
    nextSeq: () => nextSeq,
  };
}
