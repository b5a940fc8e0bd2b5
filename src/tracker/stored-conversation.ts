import { deepFreeze } from '../core/deep-freeze.js';
import type { WorkingConversation } from '../core/conversation-step.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { ConversationRecord, EvictedRecord, StoredEventRow } from '../store/event-store.js';
import type { StandingRejection } from './apply-result.js';
import { appliedEvents, createConversationLog, currentSnapshot, foldConversation, insertEvent, refold, shareIds, standingRejections, type ConversationLog } from './conversation-log.js';

/**
 * Reads a stored event back. The store holds each event as `JSON.stringify` wrote it after
 * `parseEvent` made it, and a JSON round trip keeps every field of plain data; only the
 * null-prototype `attributes` are made again. Not frozen yet.
 *
 * @example
 * readStoredEvent('{"id":"e1","type":"participant.connected",…}').id; // 'e1'
 */
export function readStoredEvent(json: string): TrackerEvent {
  return withNullPrototypeAttributes(JSON.parse(json) as TrackerEvent & { attributes?: object });
}

/** Stored events in application order (as they were stored, ties kept), with their arrival numbers. */
function orderedEvents(id: string, rows: readonly StoredEventRow[]): ConversationLog {
  const log = createConversationLog(id);
  for (const row of rows) {
    const event = readStoredEvent(row.event);
    shareIds(log, event);
    insertEvent(log, deepFreeze(event), row.seq);
  }
  return log;
}

/**
 * A conversation's log rebuilt from its stored events: the events in the order they were stored
 * (so ties keep their arrival order), folded once.
 *
 * @example
 * const log = restoreLog(record, store.events(record.key));
 */
export function restoreLog(record: ConversationRecord, rows: readonly StoredEventRow[]): ConversationLog {
  const log = orderedEvents(record.id, rows);
  refold(log);
  log.key = record.key;
  log.rowEvicted = record.evicted;
  return log;
}

/**
 * The state at `until` (canonical time) of a stored conversation, folded from its events.
 *
 * @example
 * storedStateAt(record, store.events(record.key), '2026-11-21T10:42:00.000Z')?.participants.length;
 */
export function storedWorkAt(record: ConversationRecord, rows: readonly StoredEventRow[], until: string): WorkingConversation {
  const log = orderedEvents(record.id, rows);
  return foldConversation(log.id, log.events, log.seqs, until).work;
}

/**
 * An evicted conversation's applied events in application order: its stored events without the
 * standing rejections its row lists.
 *
 * @example
 * storedHistory(record, store.events(record.key)).length;
 */
export function storedHistory(record: ConversationRecord, rows: readonly StoredEventRow[]): TrackerEvent[] {
  const rejected = new Set(readRejections(record.rejected).map((r) => r.seq));
  return appliedEvents(orderedEvents(record.id, rows), rejected);
}

/**
 * What the store keeps of a conversation that leaves memory: its span, final snapshot and
 * standing rejections.
 *
 * @example
 * store.evictConversation(log.key, evictedRecordOf(log));
 */
export function evictedRecordOf(log: ConversationLog): EvictedRecord {
  const rejections = standingRejections(log);
  const snapshot = currentSnapshot(log);
  return {
    firstTime: log.events[0]?.time ?? null,
    lastTime: log.events[log.events.length - 1]?.time ?? null,
    participants: log.work.participants.length,
    snapshot: snapshot === undefined ? null : JSON.stringify(snapshot),
    rejected: rejections.length === 0 ? null : JSON.stringify(rejections),
  };
}

/**
 * Gives a parsed object's `attributes` the null prototype the tracker makes them with (see
 * `src/model/attributes.ts`), so that a key such as `constructor` reads as absent. Cheaper than a
 * `JSON.parse` reviver, which runs for every value.
 */
function withNullPrototypeAttributes<T extends { attributes?: object }>(value: T): T {
  if (value.attributes !== undefined) Object.setPrototypeOf(value.attributes, null);
  return value;
}

/**
 * A stored snapshot, frozen as the tracker's own are.
 *
 * @example
 * readSnapshot(record.snapshot)?.participants.length;
 */
export function readSnapshot(json: string | null): ConversationSnapshot | undefined {
  if (json === null) return undefined;
  const snapshot = JSON.parse(json) as ConversationSnapshot;
  for (const participant of snapshot.participants) withNullPrototypeAttributes(participant);
  return deepFreeze(snapshot);
}

/**
 * An evicted conversation's standing rejections.
 *
 * @example
 * readRejections(record.rejected).map((r) => r.event.id);
 */
export function readRejections(json: string | null): StandingRejection[] {
  if (json === null) return [];
  return (JSON.parse(json) as StandingRejection[]).map((r) => {
    withNullPrototypeAttributes(r.event as TrackerEvent & { attributes?: object });
    return deepFreeze(r);
  });
}
