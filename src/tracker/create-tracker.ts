import { ArrivalNumberError } from '../errors/arrival-number-error.js';
import { parseEvent } from '../events/parse-event.js';
import { requireInstant } from '../events/time.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { MediaParticipant } from '../model/media-participant.js';
import { rejectedResult, withReplaced, type ApplyResult, type StandingRejection } from './apply-result.js';
import {
  createConversationLog, exactSize, foldConversation, foldStaged, insertEvent, refold, shareIds, snapshotOf, standingRejections, trimEvents,
  withdrawRejected, type ConversationLog,
} from './conversation-log.js';
import { applyToConversation } from '../core/conversation-step.js';
import { immerUpdate } from '../core/participant-update.js';
import { deepFreeze } from '../core/deep-freeze.js';
import { sameEvent } from './same-event.js';
import { createSubscribers } from './subscribers.js';
import type { Tracker, TrackerOptions } from './tracker.js';
import { viewOf } from './tracker-view.js';

export type { ConversationChange, Tracker, TrackerOptions, TrackerView } from './tracker.js';

/** An event that passed validation and dedupe, its log, and the rejected event it replaces (a retry). */
interface Admitted {
  readonly event: TrackerEvent;
  readonly log: ConversationLog;
  readonly replaced: StandingRejection | undefined;
}

/**
 * Live logs up to this many events are kept in exact-size arrays (a copy per event); longer ones
 * grow by push, so a long conversation does not pay a copy per event.
 */
const EXACT_SIZE_UP_TO = 32;

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
  /** `tracker.apply` of the input numbered `seq`, an integer above every number used so far (else an `ArrivalNumberError`). */
  apply(input: unknown, seq: number): ApplyResult;
  /** `tracker.stage` of the input numbered `seq`, as for `apply`. */
  stage(input: unknown, seq: number): ApplyResult;
}

/**
 * Creates a tracker whose inputs can be numbered by the caller; inputs given to the tracker itself
 * are numbered on from the last number used.
 *
 * @example
 * const { tracker, stage } = createNumberedTracker();
 * stage(JSON.parse(text), lineNumber); // tracker.rejections()[0].seq is that line number
 */
export function createNumberedTracker(options: TrackerOptions = {}): NumberedTracker {
  const logs = new Map<string, ConversationLog>();
  const ids = new Map<string, TrackerEvent>();
  const { subscribe, notify } = createSubscribers(options.onError);
  const staged = new Set<ConversationLog>();
  let nextSeq = 0;

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
    withdrawRejected(log, index);
    return { ...rejection, seq, event: holder };
  };

  /**
   * Validation and dedupe, shared by live and bulk: the event and its log (and the rejected event
   * it replaces, for a retry), or a final result. The caller inserts the event (live mode first
   * folds a log that bulk mode left unfolded).
   */
  const admit = (input: unknown): Admitted | ApplyResult => {
    const parsed = parseEvent(input);
    if (!parsed.ok) {
      const first = parsed.issues[0];
      return {
        status: 'rejected', reason: 'invalid-event', message: parsed.message,
        ...(first?.field ? { field: first.field } : {}), ...(parsed.id ? { eventId: parsed.id } : {}),
      };
    }
    const { event } = parsed;
    const holder = ids.get(event.id);
    let replaced: StandingRejection | undefined;
    if (holder !== undefined) {
      if (sameEvent(holder, event)) return { status: 'duplicate', eventId: event.id };
      replaced = withdrawIfRejected(holder);
      if (replaced === undefined) {
        return { status: 'rejected', reason: 'conflicting-duplicate', eventId: event.id, field: 'id',
          message: `event id ${event.id} is taken by an applied event with different content` };
      }
    }
    ids.set(event.id, event);
    let log = logs.get(event.conversationId);
    if (log === undefined) logs.set(event.conversationId, (log = createConversationLog(event.conversationId)));
    shareIds(log, event);
    // Stored events are handed out (apply results, history, rejections): frozen, once, here.
    deepFreeze(event);
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

  const applyNumbered = (input: unknown, seq: number): ApplyResult => {
    const admitted = admit(input);
    if (isResult(admitted)) return admitted;
    const { event, log, replaced } = admitted;
    if (log.dirty) refold(log);
    const arrivedInOrder = insertEvent(log, event, seq) === log.events.length - 1;
    let overturned: StandingRejection[] | undefined;
    if (arrivedInOrder) {
      const rejection = applyToConversation(log.work, event, immerUpdate);
      log.folded = log.events.length;
      if (rejection !== undefined) (log.rejected ??= new Map()).set(seq, rejection);
      else {
        log.snapshot = snapshotOf(log.work);
        if (event.type === 'participant.added') log.work = exactSize(log.work);
        if (log.events.length <= EXACT_SIZE_UP_TO) trimEvents(log);
      }
    } else {
      const before = log.rejected;
      refold(log);
      overturned = standingRejections(log).filter((r) => r.seq !== seq && !before?.has(r.seq));
    }
    notify(log);
    const rejection = log.rejected?.get(seq);
    if (rejection !== undefined) return withReplaced(rejectedResult(event, rejection), replaced);
    return withReplaced(
      overturned?.length ? { status: 'applied', event, overturned: overturned.sort((a, b) => a.seq - b.seq) } : { status: 'applied', event },
      replaced,
    );
  };

  const stageNumbered = (input: unknown, seq: number): ApplyResult => {
    const admitted = admit(input);
    if (isResult(admitted)) return admitted;
    const { log } = admitted;
    if (insertEvent(log, admitted.event, seq) < log.folded) log.folded = -1;
    log.dirty = true;
    staged.add(log);
    return withReplaced({ status: 'applied', event: admitted.event }, admitted.replaced);
  };

  const tracker: Tracker = {
    apply: (input) => applyNumbered(input, nextSeq++),

    stage: (input) => stageNumbered(input, nextSeq++),

    settle() {
      for (const log of staged) {
        if (log.dirty) refold(log);
        notify(log);
      }
      staged.clear();
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
      tracker.settle();
      for (const { index, seq, log } of pending) {
        const rejection = log.rejected?.get(seq);
        if (rejection !== undefined) results[index] = rejectedResult((results[index] as { event: TrackerEvent }).event, rejection);
      }
      return results;
    },

    conversation: (id) => {
      const log = logs.get(id);
      if (log?.dirty) refold(log);
      return log?.snapshot;
    },
    participant: (cid, pid) =>
      (tracker.conversation(cid)?.participants as MediaParticipant[] | undefined)?.find((p) => p.id === pid),
    conversations: () => {
      const out: ConversationSnapshot[] = [];
      for (const log of logs.values()) {
        if (log.dirty) refold(log);
        if (log.snapshot !== undefined) out.push(log.snapshot);
      }
      return out;
    },

    at(instant) {
      const until = requireInstant(instant);
      const snapshots: ConversationSnapshot[] = [];
      for (const log of logs.values()) {
        if (log.events.length === 0 || log.events[0]!.time > until) continue;
        const snapshot = snapshotOf(foldConversation(log.id, log.events, log.seqs, until).work);
        if (snapshot !== undefined) snapshots.push(snapshot);
      }
      return viewOf(snapshots);
    },

    history(conversationId) {
      const log = logs.get(conversationId);
      if (log === undefined) return [];
      if (log.dirty) refold(log);
      const { rejected } = log;
      return rejected === undefined ? log.events.slice() : log.events.filter((_, i) => !rejected.has(log.seqs[i]!));
    },

    rejections() {
      const out: StandingRejection[] = [];
      for (const log of logs.values()) {
        if (log.dirty) refold(log);
        out.push(...standingRejections(log));
      }
      return out.sort((a, b) => a.seq - b.seq);
    },

    subscribe,

    stats() {
      let participants = 0;
      let events = 0;
      for (const log of logs.values()) {
        if (log.dirty) refold(log);
        participants += log.work.participants.length;
        events += log.events.length;
      }
      return { conversations: logs.size, participants, events };
    },
  };
  return {
    tracker,
    apply: (input, seq) => applyNumbered(input, take(seq)),
    stage: (input, seq) => stageNumbered(input, take(seq)),
  };
}
