import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { participantActivity } from '../../../src/metrics/participant-activity.js';

const at = (second: number) => `2026-11-21T10:00:${String(second).padStart(2, '0')}.000Z`;
let seq = 0;
const event = (type: string, second: number, fields: Record<string, unknown> = {}, participantId = 'p1'): TrackerEvent =>
  ({ id: `e${++seq}`, type, time: at(second), conversationId: 'c1', participantId, ...fields }) as TrackerEvent;

describe('participantActivity', () => {
  it('a hold ends at its holdEnded, an open hold at the disconnect', () => {
    const activity = participantActivity([
      event('participant.added', 0, { media: 'chat', purpose: 'agent', state: 'connected' }),
      event('participant.holdStarted', 1),
      event('participant.updated', 2, { name: 'A' }),
      event('participant.holdEnded', 3),
      event('participant.holdStarted', 5),
      event('participant.disconnected', 8),
    ]).get('p1')!;
    expect(activity.holds).toEqual([{ start: at(1), end: at(3) }, { start: at(5), end: at(8) }]);
    expect(activity.parks).toEqual([]);
    expect(activity.routedTime).toBe(at(0));
  });

  it('a park ends at the resume or the disconnect; a hold still open at the end of history is not counted', () => {
    const activity = participantActivity([
      event('participant.added', 0, { media: 'callback', purpose: 'agent', state: 'connected' }),
      event('participant.parked', 1),
      event('participant.resumed', 4),
      event('participant.parked', 5),
      event('participant.disconnected', 9),
      event('participant.added', 0, { media: 'callback', purpose: 'agent', state: 'connected' }, 'p2'),
      event('participant.holdStarted', 2, {}, 'p2'),
    ]);
    expect(activity.get('p1')!.parks).toEqual([{ start: at(1), end: at(4) }, { start: at(5), end: at(9) }]);
    expect(activity.get('p2')!.holds).toEqual([]);
  });

  it('a scheduled callback is routed when it leaves scheduled, and never when it is disconnected while scheduled', () => {
    const activity = participantActivity([
      event('participant.added', 0, { media: 'callback', purpose: 'customer', state: 'scheduled' }),
      event('callback.scheduled', 1, { callbackScheduledTime: at(30) }),
      event('participant.alerting', 30),
      event('participant.connected', 32),
      event('participant.added', 0, { media: 'callback', purpose: 'customer', state: 'scheduled' }, 'p2'),
      event('participant.disconnected', 5, {}, 'p2'),
    ]);
    expect(activity.get('p1')!.routedTime).toBe(at(30));
    expect(activity.get('p2')?.routedTime).toBeUndefined();
  });
});
