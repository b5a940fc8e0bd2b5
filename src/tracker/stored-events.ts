import { compareEventOrder } from '../events/lifecycle-rank.js';
import type { TrackerEvent, TrackerEventType } from '../events/tracker-event.js';

/** Cells per event: its id, time, participant id and the rest of its fields. */
const STRIDE = 4;

/** What an event holds beyond its id, time, conversation and participant: its type first, then its own fields. */
type EventRest = { readonly type: TrackerEventType } & Readonly<Record<string, unknown>>;

/**
 * Rests made of a type and at most a few plain values (`{ type: 'participant.connected' }`,
 * `{ type: 'participant.disconnected', disconnectType: 'client' }`) are the same object for every
 * event that has them; this many at most, so that hostile values cannot grow it without bound.
 */
const SHARED_RESTS_UP_TO = 4096;
const sharedRests = new Map<string, EventRest>();

/** The key of a rest that can be shared: its fields and plain values, in order; `undefined` when it holds an object or is long. */
function sharingKey(rest: EventRest): string | undefined {
  let key = '';
  let fields = 0;
  for (const name in rest) {
    const value = rest[name];
    if (++fields > 3 || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) return undefined;
    key += `${name}\u0000${typeof value}\u0000${String(value)}\u0000`;
  }
  return key;
}

/** The rest of an event, shared with every equal one when it is small. */
function restOf(event: TrackerEvent): EventRest {
  const { id: _id, time: _time, conversationId: _conversationId, participantId: _participantId, ...rest } = event;
  const own = Object.freeze(rest as EventRest);
  const key = sharingKey(own);
  if (key === undefined) return own;
  const shared = sharedRests.get(key);
  if (shared !== undefined) return shared;
  if (sharedRests.size < SHARED_RESTS_UP_TO) sharedRests.set(key, own);
  return own;
}

/**
 * A conversation's events in application order (event time, lifecycle rank, arrival), kept
 * compactly: per event its id, time and participant id (strings the snapshots share) and the
 * rest of its fields, the small rests shared among events, and the arrival numbers in an array of
 * their own. An event object is made again when it is read (`event(i)`), frozen; a stored event
 * object of its own cost about 100 bytes more, and one more object for the collector to trace.
 *
 * @example
 * const stored = new StoredEvents('c1');
 * stored.insert(event, 7); // its index
 * stored.event(0);         // equal to event
 */
export class StoredEvents {
  private cells: unknown[] = [];
  private seqs: number[] = [];

  constructor(readonly conversationId: string) {}

  /** How many events it holds. */
  get length(): number {
    return this.seqs.length;
  }

  /** The id of the event at `index`. */
  id(index: number): string {
    return this.cells[index * STRIDE] as string;
  }

  /** The (canonical) time of the event at `index`. */
  time(index: number): string {
    return this.cells[index * STRIDE + 1] as string;
  }

  /** The participant id of the event at `index`. */
  participantId(index: number): string {
    return this.cells[index * STRIDE + 2] as string;
  }

  /** The arrival number of the event at `index`. */
  seq(index: number): number {
    return this.seqs[index]!;
  }

  /** The type of the event at `index`. */
  type(index: number): TrackerEventType {
    return (this.cells[index * STRIDE + 3] as EventRest).type;
  }

  /** The event at `index`, made again: equal to the one stored, key order included, and frozen. */
  event(index: number): TrackerEvent {
    const at = index * STRIDE;
    const { cells } = this;
    return Object.freeze({
      id: cells[at] as string, time: cells[at + 1] as string, conversationId: this.conversationId, participantId: cells[at + 2] as string,
      ...(cells[at + 3] as EventRest),
    }) as TrackerEvent;
  }

  /** Every event, in order. */
  events(): TrackerEvent[] {
    return Array.from({ length: this.length }, (_, i) => this.event(i));
  }

  /** The index of the event with `id`, from the latest; -1 when there is none. */
  indexOfId(id: string): number {
    const { cells } = this;
    for (let i = this.length - 1; i >= 0; i--) if (cells[i * STRIDE] === id) return i;
    return -1;
  }

  /** The participant id string an earlier event of the same participant holds (to share it), else `participantId` itself. */
  sharedParticipantId(participantId: string): string {
    const { cells } = this;
    for (let i = this.length - 1; i >= 0; i--) {
      const held = cells[i * STRIDE + 2];
      if (held === participantId) return held;
    }
    return participantId;
  }

  /**
   * Inserts an event where the spec's order puts it: after every event that sorts before or
   * equal to it, so that ties keep arrival order. Returns its index.
   */
  insert(event: TrackerEvent, seq: number): number {
    const after = (index: number) => compareEventOrder({ time: this.time(index), type: this.type(index) }, event) <= 0;
    let low = 0;
    let high = this.length;
    // Stryker disable next-line all: the fast path for an event in order; the search below finds the same index
    if (high > 0 && after(high - 1)) low = high;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (after(mid)) low = mid + 1;
      else high = mid;
    }
    const cells = [event.id, event.time, event.participantId, restOf(event)];
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a splice at the end is a push
    if (low === this.length) {
      this.cells.push(...cells);
      this.seqs.push(seq);
    } else {
      this.cells.splice(low * STRIDE, 0, ...cells);
      this.seqs.splice(low, 0, seq);
    }
    return low;
  }

  /** Takes out the event at `index`. */
  removeAt(index: number): void {
    this.cells.splice(index * STRIDE, STRIDE);
    this.seqs.splice(index, 1);
  }

  /** Keeps its arrays at their exact size: arrays grown by push keep spare room. */
  // Stryker disable next-line all: memory only
  trim(): void {
    this.cells = this.cells.slice();
    this.seqs = this.seqs.slice();
  }
}
