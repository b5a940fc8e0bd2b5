import { createReadStream } from 'node:fs';

import { requireInstant } from '../events/time.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { ApplyResult, RejectReason, StandingRejection } from '../tracker/apply-result.js';
import type { EventStore } from '../store/event-store.js';
import { createNumberedTracker, type Tracker } from '../tracker/create-tracker.js';
import { watchHeap } from './heap-guard.js';
import { readLog, type LineFault, type ReadLogOptions } from './read-log.js';

/** A rejected line: where, which event, what and why. */
export interface LineRejection {
  /** 1-based line number (element number for a JSON-array log). */
  readonly line: number;
  readonly eventId?: string;
  readonly reason: RejectReason | LineFault;
  readonly message: string;
  readonly field?: string;
}

/** Counts of a replay. Every non-blank line is exactly one of applied, duplicate or rejected. */
export interface ReplaySummary {
  readonly linesRead: number;
  readonly blankLines: number;
  readonly bytesRead: number;
  readonly applied: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** `strict` stopped the replay at the first rejection (see {@link ReplayOptions.strict}). */
  readonly stoppedEarly: boolean;
  /** `signal` stopped the replay before the end of the log (Ctrl-C): the state holds what was read. */
  readonly interrupted: boolean;
}

/**
 * How `replayLog` reads a log: the instant of the snapshots, strictness, the caps of the reader
 * (`maxLineBytes`), progress, a signal that stops the reading, and the heap guard.
 *
 * @example
 * const controller = new AbortController();
 * await replayLog('day.jsonl', { at: '2026-11-21T10:42:00Z', strict: true, signal: controller.signal, onProgress: (bytes) => bar.update(bytes) });
 */
export interface ReplayOptions extends Omit<ReadLogOptions, 'onProgress'> {
  /** Snapshots as of this instant (inclusive) instead of the end of the log; one that is not an instant is an `InvalidInstantError`, before anything is read. */
  readonly at?: string | number | Date;
  /**
   * Stop at the first rejection: a rejected line, or a late line that makes an earlier line's
   * event rejected (reported with the earlier line's number).
   */
  readonly strict?: boolean;
  /** Called with the bytes read so far (for progress bars). */
  readonly onProgress?: (bytesRead: number) => void;
  /**
   * Share of the heap's free room (at the start of the replay) that the replayed events may fill
   * (default 0.85; 1 turns the guard off). Past it, reading stops and `replayLog` rejects with a
   * `HeapExhaustedError` that says so, instead of the process dying in V8's out-of-memory abort.
   * Without a store, the whole log is held in memory (about 0.85 KB per event).
   */
  readonly maxHeapShare?: number;
  /**
   * Store the accepted events here (see `openEventStore`): events already stored are
   * duplicates, the replay commits every `batchLines` lines in one transaction, and finished
   * conversations leave memory (see `TrackerOptions.retentionMs`), so memory stays flat whatever
   * the log's length. The tracker of the result answers from the whole store.
   */
  readonly store?: EventStore;
  /** With a store: how long a finished conversation stays in memory (event time, ms; default 10 minutes). */
  readonly retentionMs?: number;
  /** With a store: lines per committed batch (default 10,000). */
  readonly batchLines?: number;
}

/**
 * What a replay gives: the tracker holding every accepted event (ask it anything, feed it more),
 * the counts, every rejected line in line order, and the snapshots as of `at` (or the end).
 *
 * @example
 * const { tracker, summary, rejections, snapshots } = await replayLog('day.jsonl');
 * summary.rejected === rejections.length; // true
 * snapshots().length === tracker.conversations().length; // true without `at`
 */
export interface ReplayResult {
  /** The engine, holding the whole log: read it, ask `at()`, feed it more. */
  readonly tracker: Tracker;
  readonly summary: ReplaySummary;
  /** Every rejected line, in line order. */
  readonly rejections: readonly LineRejection[];
  /** The conversation snapshots as of `at` (or the end). */
  snapshots(): ConversationSnapshot[];
  /** The same snapshots one at a time (flat memory with a store; see `TrackerView.eachConversation`). */
  eachSnapshot(): Iterable<ConversationSnapshot>;
}

/** Where a log comes from: a file path, or a stream of chunks (stdin, a socket…). */
export type LogSource = string | AsyncIterable<Uint8Array | string>;

/**
 * A rejected apply result as the line it came from reports it (`replay`, `validate`, and
 * `POST /api/events` answer with it).
 *
 * @example
 * rejectionOf(4, { status: 'rejected', eventId: 'e9', reason: 'invalid-event', message: '…', field: 'time' });
 */
export function rejectionOf(line: number, result: Extract<ApplyResult, { status: 'rejected' }>): LineRejection {
  return {
    line, reason: result.reason, message: result.message,
    ...(result.eventId !== undefined ? { eventId: result.eventId } : {}),
    ...(result.field !== undefined ? { field: result.field } : {}),
  };
}


/**
 * Replays an event log: streams it, applies every good line in event-time order, and reports
 * every bad one with its line number, event id and reason; nothing else is lost. Bulk mode
 * (each conversation folded once) unless `strict`, which applies live and stops at the first
 * rejection, including one a late line causes for an earlier line.
 *
 * @example
 * const { summary, rejections, snapshots } = await replayLog('examples/contact-center.jsonl', { at: '2026-11-21T10:42:00Z' });
 * for (const conversation of snapshots()) console.log(conversation.id, conversation.participants.length);
 */
export async function replayLog(source: LogSource, options: ReplayOptions = {}): Promise<ReplayResult> {
  const at = options.at === undefined ? undefined : requireInstant(options.at);
  const stream = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
  const { store } = options;
  const numbered = createNumberedTracker({
    ...(store !== undefined ? { store } : {}),
    ...(options.retentionMs !== undefined ? { retentionMs: options.retentionMs } : {}),
  });
  const { tracker } = numbered;
  // Arrival numbers go on from the store's; this replay's lines are numbered from `base`.
  const base = numbered.nextSeq();
  const batchLines = options.batchLines ?? 10_000;
  let unsettled = 0;
  const rejections: LineRejection[] = [];
  let accepted = 0;
  let duplicates = 0;
  let stoppedEarly = false;

  /** A standing rejection of the replayed tracker as a line rejection (its arrival number gives its line). */
  const standingRejectionOf = (standing: StandingRejection): LineRejection =>
    rejectionOf(standing.seq - base, { status: 'rejected', eventId: standing.event.id, ...standing });

  /** Records a rejected line; returns whether to read on (strict replay stops). */
  const reject = (rejection: LineRejection): boolean => {
    rejections.push(rejection);
    if (options.strict) stoppedEarly = true;
    return !stoppedEarly;
  };

  const heap = watchHeap(options.maxHeapShare ?? 0.85);
  const onProgress = (bytes: number) => {
    heap.check();
    options.onProgress?.(bytes);
  };
  const read = await readLog(
    stream,
    (item) => {
      if (item.kind === 'fault') return reject({ line: item.line, reason: item.fault, message: item.message });
      // The reader's values are `JSON.parse`'s, handed over: each becomes its event without a copy.
      const result = options.strict ? numbered.apply(item.value, base + item.line, false, true) : numbered.stage(item.value, base + item.line, true);
      if (store !== undefined && ++unsettled >= batchLines) {
        unsettled = 0;
        tracker.settle();
      }
      if (result.status === 'duplicate') {
        duplicates++;
        return true;
      }
      // A retry: the earlier line with this id, counted as applied when staged, stood rejected
      // (an event stored by an earlier run was not counted).
      if (result.replaced !== undefined && result.replaced.seq >= base) {
        accepted--;
        reject(standingRejectionOf(result.replaced));
      }
      if (result.status === 'rejected') return reject(rejectionOf(item.line, result));
      accepted++;
      // Earlier lines, counted as applied, that this late line turned into rejections.
      for (const standing of result.overturned ?? []) {
        if (standing.seq < base) continue;
        accepted--;
        reject(standingRejectionOf(standing));
      }
      return !stoppedEarly;
    },
    { ...options, onProgress },
  ).finally(() => heap.stop());

  tracker.settle();
  if (!options.strict) {
    for (const standing of tracker.rejections()) {
      if (standing.seq < base) continue;
      accepted--;
      rejections.push(standingRejectionOf(standing));
    }
    rejections.sort((a, b) => a.line - b.line);
  }

  const summary: ReplaySummary = {
    linesRead: read.lines, blankLines: read.blankLines, bytesRead: read.bytes,
    applied: accepted, duplicates, rejected: rejections.length, stoppedEarly, interrupted: read.interrupted,
  };
  return {
    tracker, summary, rejections,
    snapshots: () => (at === undefined ? tracker.conversations() : tracker.at(at).conversations()),
    eachSnapshot: () => (at === undefined ? tracker : tracker.at(at)).eachConversation(),
  };
}

