import type { z } from 'zod';
import type { trackerEventSchema } from './schemas.js';

/** A validated v1 event: times normalized to UTC milliseconds, unknown fields removed. */
export type TrackerEvent = z.output<typeof trackerEventSchema>;

/** The `type` of a v1 event. */
export type TrackerEventType = TrackerEvent['type'];

/** The event of one type. */
export type EventOfType<T extends TrackerEventType> = Extract<TrackerEvent, { type: T }>;

/** The `participant.added` event of either media. */
export type ParticipantAddedEvent = EventOfType<'participant.added'>;
