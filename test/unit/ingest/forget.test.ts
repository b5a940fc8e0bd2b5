import { describe, expect, it } from 'vitest';
import { createGenesysIngest } from '../../../src/ingest/index.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';

/** A queue notification of a chat with one customer, at `state`, as of minute `minute`. */
function notification(conversationId: string, state: 'connected' | 'disconnected', minute = 0) {
  const start = '2026-11-21T08:00:00.000Z';
  const end = new Date(Date.parse(start) + (minute + 1) * 60_000).toISOString();
  return {
    topicName: 'v2.routing.queues.q1.conversations.chats', version: '2',
    eventBody: {
      id: conversationId,
      participants: [{ id: `${conversationId}-customer`, purpose: 'customer', state, startTime: start, connectedTime: start, ...(state === 'disconnected' ? { endTime: end } : {}) }],
    },
  };
}

describe('GenesysIngest.forget and awaiting', () => {
  it('lets go only of conversations over and not described since the instant given; a later payload gives duplicates, not conflicts', () => {
    const ingest = createGenesysIngest();
    const events = [
      ...ingest.push(notification('over', 'connected')).events, ...ingest.push(notification('over', 'disconnected')).events,
      ...ingest.push(notification('going', 'connected', 5)).events,
    ];
    expect(ingest.forget('2026-11-21T08:00:30.000Z')).toBe(0);
    expect(ingest.forget('2026-11-21T09:00:00.000Z')).toBe(1);
    expect(ingest.report().conversations).toBe(1);
    const again = ingest.push(notification('over', 'disconnected')).events;
    expect(again.length).toBeGreaterThan(0);
    const tracker = createTracker();
    tracker.load(events);
    expect(tracker.load(again).map((r) => r.status)).toEqual(again.map(() => 'duplicate'));
  });

  it('awaiting lists a conversation while a participant waits for a dated start, and no longer once one comes', () => {
    const ingest = createGenesysIngest();
    const undated = notification('c1', 'connected');
    delete (undated.eventBody.participants[0] as Record<string, unknown>).startTime;
    ingest.push(undated);
    expect(ingest.awaiting()).toEqual(['c1']);
    ingest.push(notification('c1', 'connected'));
    expect(ingest.awaiting()).toEqual([]);
  });
});

describe('GenesysIngest.underWay', () => {
  const agentPayload = (state: 'connected' | 'disconnected', extra: Record<string, unknown> = {}) => ({
    topicName: 'v2.routing.queues.q1.conversations.chats', version: '2',
    eventBody: {
      id: 'c2',
      participants: [
        { id: 'c2-customer', purpose: 'customer', state: 'disconnected', startTime: '2026-11-21T08:00:00.000Z', connectedTime: '2026-11-21T08:00:00.000Z', endTime: '2026-11-21T08:05:00.000Z' },
        {
          id: 'c2-agent', purpose: 'agent', state, startTime: '2026-11-21T08:00:01.000Z', connectedTime: '2026-11-21T08:00:02.000Z',
          ...(state === 'disconnected' ? { endTime: '2026-11-21T08:05:00.000Z' } : {}), ...extra,
        },
      ],
    },
  });

  it('keeps a conversation under way while its agent is in after-call work, and lets it go at the wrap-up, as the lifecycle machines have it', () => {
    const ingest = createGenesysIngest();
    ingest.push(agentPayload('connected'));
    expect(ingest.underWay()).toEqual([{ id: 'c2', media: 'chat' }]);
    ingest.push(agentPayload('disconnected', { startAcwTime: '2026-11-21T08:05:00.000Z' }));
    expect(ingest.underWay()).toEqual([{ id: 'c2', media: 'chat' }]);
    ingest.push(agentPayload('disconnected', {
      startAcwTime: '2026-11-21T08:05:00.000Z', endAcwTime: '2026-11-21T08:06:00.000Z',
      wrapup: { code: 'resolved', endTime: '2026-11-21T08:06:00.000Z' },
    }));
    expect(ingest.underWay()).toEqual([]);
  });

  it('counts a conversation whose every leg disconnected without after-call work as over, and one with nothing dated yet as not under way', () => {
    const ingest = createGenesysIngest();
    ingest.push(notification('gone', 'disconnected'));
    const undated = notification('waiting', 'connected');
    delete (undated.eventBody.participants[0] as Record<string, unknown>).startTime;
    ingest.push(undated);
    expect(ingest.underWay()).toEqual([]);
    expect(ingest.awaiting()).toEqual(['waiting']);
  });
});
