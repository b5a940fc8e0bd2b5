import type { TrackerEvent } from '../../src/events/tracker-event.js';
import { createTracker, type Tracker } from '../../src/tracker/create-tracker.js';
import { iso } from './walks.js';

let counter = 0;

/** An event with a fresh id, in conversation `c1`, at `ms` after 10:00. */
export function ev(type: string, participantId: string, ms: number, fields: Record<string, unknown> = {}): TrackerEvent {
  counter += 1;
  return { id: `t${counter}`, type, time: iso(ms), conversationId: 'c1', participantId, ...fields } as TrackerEvent;
}

/** `participant.added` of a chat agent (alerting). */
export const addChatAgent = (participantId = 'a1', ms = 0, fields: Record<string, unknown> = {}) =>
  ev('participant.added', participantId, ms, { media: 'chat', purpose: 'agent', ...fields });

/** `participant.added` of a callback agent (alerting). */
export const addCallbackAgent = (participantId = 'a1', ms = 0, fields: Record<string, unknown> = {}) =>
  ev('participant.added', participantId, ms, { media: 'callback', purpose: 'agent', ...fields });

/** Given these events applied live, returns the tracker (the "given" of given/when/then). */
export function given(...events: TrackerEvent[]): Tracker {
  const tracker = createTracker();
  for (const event of events) {
    const result = tracker.apply(event);
    if (result.status !== 'applied') throw new Error(`given: ${JSON.stringify(result)}`);
  }
  return tracker;
}
