import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/events/parse-event.js';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { simulate } from '../../../src/sim/simulate.js';
import { StoredEvents } from '../../../src/tracker/stored-events.js';

/** A simulated hour's events, validated as the tracker stores them (every event type of both media). */
const events = [...simulate({ seed: 9, duration: '1h', media: 'mixed', holdProbability: 0.5 })].map((input) => {
  const parsed = parseEvent(input);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.event;
});

describe('StoredEvents', () => {
  it('gives back every event it stored, equal key for key and in the same key order, frozen', () => {
    const byConversation = new Map<string, StoredEvents>();
    events.forEach((event, seq) => {
      const stored = byConversation.get(event.conversationId) ?? byConversation.set(event.conversationId, new StoredEvents(event.conversationId)).get(event.conversationId)!;
      stored.insert(event, seq);
    });
    const types = new Set<string>();
    for (const stored of byConversation.values()) {
      for (let i = 0; i < stored.length; i++) {
        const event = stored.event(i);
        const original = events[stored.seq(i)]!;
        types.add(event.type);
        expect(JSON.stringify(event)).toBe(JSON.stringify(original));
        expect(Object.isFrozen(event)).toBe(true);
        expect([stored.id(i), stored.time(i), stored.participantId(i), stored.type(i)]).toEqual([original.id, original.time, original.participantId, original.type]);
      }
    }
    expect(types.size).toBeGreaterThan(10);
  });

  it('keeps the spec\'s order: by time, then lifecycle rank, ties in arrival order', () => {
    const stored = new StoredEvents('c1');
    const at = (type: TrackerEvent['type'], time: string, id: string) => ({ id, time, conversationId: 'c1', participantId: 'p1', type }) as TrackerEvent;
    expect(stored.insert(at('participant.connected', '2026-11-21T10:00:01.000Z', 'e2'), 1)).toBe(0);
    expect(stored.insert(at('participant.disconnected', '2026-11-21T10:00:02.000Z', 'e3'), 2)).toBe(1);
    // Late, and at the same time as e2 but of an earlier lifecycle rank.
    expect(stored.insert(at('participant.alerting', '2026-11-21T10:00:01.000Z', 'e1'), 3)).toBe(0);
    expect(stored.insert(at('participant.disconnected', '2026-11-21T10:00:02.000Z', 'e4'), 4)).toBe(3);
    expect(stored.events().map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(stored.indexOfId('e3')).toBe(2);
    stored.removeAt(2);
    expect(stored.events().map((e) => e.id)).toEqual(['e1', 'e2', 'e4']);
    expect([stored.seq(0), stored.seq(1), stored.seq(2)]).toEqual([3, 1, 4]);
    expect(stored.indexOfId('e3')).toBe(-1);
  });
});
