import type { EventOfType, TrackerEvent, TrackerEventType } from '../events/tracker-event.js';
import { uuid } from './identifiers.js';
import { isoTimeFormatter } from './iso-time.js';
import type { Random } from './random.js';

type Envelope = 'id' | 'type' | 'time' | 'conversationId' | 'participantId';

/** The fields an event of type `T` carries besides its envelope. */
export type OwnFields<T extends TrackerEventType> = EventOfType<T> extends infer E
  ? E extends unknown ? Omit<E, Envelope> : never
  : never;

/**
 * Turns what the simulation does into v1 events: a fresh event id, the ISO time (UTC, ms) of
 * the simulated instant, and the envelope in a fixed field order, so that the same run always
 * serializes to the same bytes.
 *
 * @example
 * const writer = new EventWriter(Date.parse('2026-11-21T08:00:00Z'), createRandom(1, 'ids'), (e) => out.push(e));
 * writer.emit(0, 'participant.connected', 'conversation-id', 'participant-id', {});
 */
export class EventWriter {
  private readonly format = isoTimeFormatter();

  constructor(
    private readonly startMs: number,
    private readonly ids: Random,
    private readonly sink: (event: TrackerEvent) => void,
  ) {}

  /** Writes one event at `atMs` (ms since the start). */
  emit<T extends TrackerEventType>(
    atMs: number,
    type: T,
    conversationId: string,
    participantId: string,
    fields: OwnFields<T>,
  ): void {
    const time = this.format(this.startMs + atMs);
    this.sink({ id: uuid(this.ids), type, time, conversationId, participantId, ...fields } as TrackerEvent);
  }

  /** The ISO time of `atMs` (ms since the start), for time fields inside events. */
  isoTime(atMs: number): string {
    return new Date(this.startMs + atMs).toISOString();
  }
}
