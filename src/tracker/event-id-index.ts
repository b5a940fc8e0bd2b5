import type { TrackerEvent } from '../events/tracker-event.js';
import type { ConversationLog } from './conversation-log.js';

/** A slot's value in the table: the log's number plus one; empty and removed slots are marked. */
const EMPTY = 0;
const REMOVED = -1;

/** A log with more events than this is searched through a map of its own, so a lookup never scans a long conversation. */
const SCAN_UP_TO = 32;

/**
 * A 32-bit hash of a string's UTF-16 code units: FNV-1a, then murmur3's finalizer, so that the
 * low bits the table uses depend on every character (FNV-1a's own low bits depend only on the
 * characters' low bits: ids such as `gc-1a`, `gc-1b`… would crowd together).
 */
function hashOf(text: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/**
 * The events in memory by id, for dedupe: which event holds an id, if any. A map from a million
 * id strings to their events costs a hash-table entry the garbage collector traces per event,
 * and a cache miss or two per lookup. Here the table is a typed array of pairs (the id's 32-bit
 * hash, the number of the conversation log that holds it), which the collector never traces; a
 * lookup whose hash is there confirms the id among that log's own events, so a hash shared by
 * two ids costs a look, never a wrong answer.
 *
 * @example
 * const index = new EventIdIndex();
 * index.add(event, log);       // after the event went into log.events
 * index.holder(event.id);      // event
 * index.removeLog(log);        // the conversation leaves memory
 */
export class EventIdIndex {
  /** Pairs: hash, log number + 1 (or EMPTY, REMOVED). Open addressing, linear probing. */
  private table = new Int32Array(2 * 1024);
  private mask = 1023;
  private used = 0;
  private removed = 0;
  /** The logs by number; numbers of logs that left are reused. */
  private readonly logs: (ConversationLog | undefined)[] = [];
  private readonly free: number[] = [];
  /** The id of the latest lookup and its hash: the admission that looked an id up adds it next, without hashing it again. */
  private lastId = '';
  private lastHash = hashOf('');
  /** The events of long logs by id, by log number: made at their first lookup and kept up to date after. */
  private readonly long: (Map<string, TrackerEvent> | undefined)[] = [];

  /** Records that `log` holds `event` (its id was not held before). */
  add(event: TrackerEvent, log: ConversationLog): void {
    let number = log.indexNumber;
    if (number === undefined) {
      number = this.free.pop() ?? this.logs.length;
      this.logs[number] = log;
      this.long[number] = undefined;
      log.indexNumber = number;
    }
    if (2 * (this.used + this.removed + 1) > this.mask + 1) this.resize();
    this.put(this.hash(event.id), number + 1);
    this.used++;
    this.long[number]?.set(event.id, event);
  }

  /** The event in memory that holds `id`; `undefined` when none does. */
  holder(id: string): TrackerEvent | undefined {
    const { table, mask } = this;
    const hash = this.hash(id);
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const value = table[2 * slot + 1]!;
      if (value === EMPTY) return undefined;
      if (value !== REMOVED && table[2 * slot] === hash) {
        const found = this.inLog(value - 1, id);
        if (found !== undefined) return found;
      }
    }
  }

  /** The hash of `id`, remembered for the next call. */
  private hash(id: string): number {
    if (id !== this.lastId) {
      this.lastId = id;
      this.lastHash = hashOf(id);
    }
    return this.lastHash;
  }

  /** The event with `id` of the log numbered `number`: a scan of a short log, a map of a long one. */
  private inLog(number: number, id: string): TrackerEvent | undefined {
    const { events } = this.logs[number]!;
    if (events.length <= SCAN_UP_TO) {
      for (let i = events.length - 1; i >= 0; i--) if (events[i]!.id === id) return events[i];
      return undefined;
    }
    let byId = this.long[number];
    if (byId === undefined) this.long[number] = byId = new Map(events.map((event) => [event.id, event]));
    return byId.get(id);
  }

  /** Forgets one event of `log` (a rejected event a retry replaced). */
  remove(event: TrackerEvent, log: ConversationLog): void {
    const number = log.indexNumber;
    if (number === undefined) return;
    if (this.take(hashOf(event.id), number + 1)) this.used--;
    this.long[number]?.delete(event.id);
  }

  /** Forgets every event of `log`, which leaves memory. */
  removeLog(log: ConversationLog): void {
    const number = log.indexNumber;
    if (number === undefined) return;
    for (const event of log.events) if (this.take(hashOf(event.id), number + 1)) this.used--;
    log.indexNumber = undefined;
    this.long[number] = undefined;
    this.logs[number] = undefined;
    this.free.push(number);
  }

  private put(hash: number, value: number): void {
    const { table, mask } = this;
    let slot = hash & mask;
    while (table[2 * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
    table[2 * slot] = hash;
    table[2 * slot + 1] = value;
  }

  /** Marks one pair (hash, value) removed; whether there was one. */
  private take(hash: number, value: number): boolean {
    const { table, mask } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = table[2 * slot + 1]!;
      if (at === EMPTY) return false;
      if (at === value && table[2 * slot] === hash) {
        table[2 * slot + 1] = REMOVED;
        this.removed++;
        return true;
      }
    }
  }

  /** A table with room for twice the pairs in use (removed ones are dropped). */
  private resize(): void {
    const old = this.table;
    let capacity = this.mask + 1;
    while (capacity < 4 * (this.used + 1)) capacity *= 2;
    this.table = new Int32Array(2 * capacity);
    this.mask = capacity - 1;
    this.removed = 0;
    for (let slot = 0; slot < old.length / 2; slot++) {
      const value = old[2 * slot + 1]!;
      if (value !== EMPTY && value !== REMOVED) this.put(old[2 * slot]!, value);
    }
  }
}
