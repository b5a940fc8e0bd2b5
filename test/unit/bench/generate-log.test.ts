import { describe, expect, it } from 'vitest';
import { generateLog } from '../../../bench/generate-log.js';
import { LIFECYCLE_RANK } from '../../../src/events/lifecycle-rank.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';

describe('generateLog: the bench log', () => {
  const log = generateLog({ minEvents: 20_000 });

  it('is legal: a bulk load and a live replay reject nothing, and end with the same snapshots', () => {
    const bulk = createTracker();
    expect(bulk.load(log.events).filter((r) => r.status !== 'applied')).toEqual([]);
    expect(bulk.rejections()).toEqual([]);
    const live = createTracker();
    expect(log.events.map((e) => live.apply(e).status).filter((s) => s !== 'applied')).toEqual([]);
    expect(live.conversations()).toEqual(bulk.conversations());
    expect(bulk.stats()).toEqual({ conversations: log.conversations, participants: log.participants, events: log.events.length });
  });

  it('runs every conversation to its end: every participant is disconnected, every agent leg wrapped up or timed out', () => {
    const tracker = createTracker();
    tracker.load(log.events);
    for (const conversation of tracker.conversations()) {
      for (const participant of conversation.participants) {
        expect(participant.state).toBe('disconnected');
        if (participant.purpose === 'agent' && participant.connectedTime !== undefined) {
          expect(participant.wrapup !== undefined || participant.wrapupSkipped === true).toBe(true);
        }
      }
    }
  });

  it('interleaves conversations in time order, as one contact centre writes them', () => {
    let open = 0;
    let mostOpen = 0;
    const remaining = new Map<string, number>();
    for (const event of log.events) remaining.set(event.conversationId, (remaining.get(event.conversationId) ?? 0) + 1);
    const started = new Set<string>();
    for (let i = 0; i < log.events.length; i++) {
      const event = log.events[i]!;
      const previous = log.events[i - 1];
      if (previous !== undefined) {
        expect(previous.time < event.time || (previous.time === event.time && LIFECYCLE_RANK[previous.type] <= LIFECYCLE_RANK[event.type])).toBe(true);
      }
      if (!started.has(event.conversationId)) {
        started.add(event.conversationId);
        open++;
      }
      const left = remaining.get(event.conversationId)! - 1;
      remaining.set(event.conversationId, left);
      if (left === 0) open--;
      mostOpen = Math.max(mostOpen, open);
    }
    expect(mostOpen).toBeGreaterThan(200);
  });

  it('covers both media and every event type, with short unique ids', () => {
    const types = new Set(log.events.map((e) => e.type));
    expect([...types].sort()).toEqual(Object.keys(LIFECYCLE_RANK).filter((t) => !['participant.alerting', 'participant.dialing', 'participant.contacting', 'participant.offering'].includes(t)).sort());
    const media = new Set(log.events.flatMap((e) => (e.type === 'participant.added' ? [e.media] : [])));
    expect([...media].sort()).toEqual(['callback', 'chat']);
    const ids = new Set(log.events.map((e) => e.id));
    expect(ids.size).toBe(log.events.length);
    expect(Math.max(...log.events.map((e) => e.id.length))).toBeLessThanOrEqual(12);
  });

  it('is deterministic: the same seed and size give the same log', () => {
    expect(generateLog({ minEvents: 2_000 })).toEqual(generateLog({ minEvents: 2_000 }));
    expect(generateLog({ minEvents: 2_000, seed: 2 }).events).not.toEqual(generateLog({ minEvents: 2_000 }).events);
  });
});
