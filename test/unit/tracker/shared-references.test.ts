import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { SharedReferences } from '../../../src/tracker/shared-references.js';
import { addChatAgent, ev } from '../../support/tracker-fixtures.js';

const field = (event: TrackerEvent, name: string): unknown => (event as unknown as Record<string, unknown>)[name];

describe('SharedReferences', () => {
  it('gives equal entity references one object, and leaves different ones apart', () => {
    const references = new SharedReferences();
    const first = addChatAgent('a1', 0, { queue: { id: 'q1', name: 'Sales' }, user: { id: 'u1' } });
    const second = addChatAgent('a2', 1, { queue: { id: 'q1', name: 'Sales' }, user: { id: 'u2' } });
    const third = addChatAgent('a3', 2, { queue: { id: 'q1', name: 'Billing' } });
    for (const event of [first, second, third]) references.share(event);
    expect(field(second, 'queue')).toBe(field(first, 'queue'));
    expect(field(second, 'user')).not.toBe(field(first, 'user'));
    expect(field(second, 'user')).toEqual({ id: 'u2' });
    expect(field(third, 'queue')).toEqual({ id: 'q1', name: 'Billing' });
  });

  it('a value is shared only with a value of the same field', () => {
    const references = new SharedReferences();
    const team = addChatAgent('a1', 0, { team: { id: 'x' } });
    const script = addChatAgent('a2', 1, { script: { id: 'x' } });
    const routed = addChatAgent('a3', 2, { conversationRoutingData: { queue: { id: 'q1' }, priority: 5 } });
    const routedAgain = addChatAgent('a4', 3, { conversationRoutingData: { queue: { id: 'q1' }, priority: 5 } });
    for (const event of [team, script, routed, routedAgain]) references.share(event);
    expect(field(script, 'script')).not.toBe(field(team, 'team'));
    expect(field(routedAgain, 'conversationRoutingData')).toBe(field(routed, 'conversationRoutingData'));
  });

  it('participant.updated shares too; other events are left as they are', () => {
    const references = new SharedReferences();
    const added = addChatAgent('a1', 0, { queue: { id: 'q1' } });
    const updated = ev('participant.updated', 'a1', 1, { queue: { id: 'q1' } });
    const other = ev('participant.connected', 'a1', 2, { queue: { id: 'q1' } });
    for (const event of [added, updated, other]) references.share(event);
    expect(field(updated, 'queue')).toBe(field(added, 'queue'));
    expect(field(other, 'queue')).not.toBe(field(added, 'queue'));
  });

  it('keeps at most 10,000 values: past that it starts again', () => {
    const references = new SharedReferences();
    const first = addChatAgent('a0', 0, { queue: { id: 'q0' } });
    references.share(first);
    for (let i = 1; i < 10_000; i++) references.share(addChatAgent(`a${i}`, 0, { queue: { id: `q${i}` } }));
    const again = addChatAgent('b', 0, { queue: { id: 'q0' } });
    references.share(again);
    expect(field(again, 'queue')).toBe(field(first, 'queue'));
    references.share(addChatAgent('c', 0, { queue: { id: 'q-new' } }));
    const later = addChatAgent('d', 0, { queue: { id: 'q0' } });
    references.share(later);
    expect(field(later, 'queue')).not.toBe(field(first, 'queue'));
  });
});

describe('a tracker keeps one frozen object per equal reference', () => {
  it('events and participants of two conversations share the queue, and the state is as without sharing', () => {
    const tracker = createTracker();
    const queue = { id: 'q1', name: 'Sales' };
    const one = addChatAgent('a1', 0, { queue: { ...queue } });
    const two = { ...addChatAgent('a2', 1, { queue: { ...queue } }), conversationId: 'c2' };
    expect(tracker.load([one, two]).map((r) => r.status)).toEqual(['applied', 'applied']);
    const [kept] = tracker.history('c1');
    const [other] = tracker.history('c2');
    expect(field(other!, 'queue')).toBe(field(kept!, 'queue'));
    expect(Object.isFrozen(field(kept!, 'queue'))).toBe(true);
    expect(tracker.participant('c2', 'a2')?.queue).toBe(tracker.participant('c1', 'a1')?.queue);
    expect(tracker.participant('c2', 'a2')?.queue).toEqual(queue);
  });
});
