import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { SharedReferences } from '../../../src/tracker/shared-references.js';
import { addChatAgent } from '../../support/tracker-fixtures.js';

const field = (event: TrackerEvent, name: string): unknown => (event as unknown as Record<string, unknown>)[name];

describe('SharedReferences', () => {
  it('gives equal entity references one object, and leaves different ones apart', () => {
    const references = new SharedReferences();
    const queue = references.kept('queue', { id: 'q1', name: 'Sales' });
    expect(references.kept('queue', { id: 'q1', name: 'Sales' })).toBe(queue);
    const billing = { id: 'q1', name: 'Billing' };
    expect(references.kept('queue', billing)).toBe(billing);
    const other = { id: 'u2' };
    references.kept('user', { id: 'u1' });
    expect(references.kept('user', other)).toBe(other);
  });

  it('a value is shared only with a value of the same field, and -0 is not 0', () => {
    const references = new SharedReferences();
    const team = references.kept('team', { id: 'x' });
    const script = { id: 'x' };
    expect(references.kept('script', script)).toBe(script);
    expect(references.kept('script', { id: 'x' })).toBe(script);
    expect(references.kept('team', { id: 'x' })).toBe(team);
    const routing = references.kept('conversationRoutingData', { queue: { id: 'q1' }, priority: 5 });
    expect(references.kept('conversationRoutingData', { queue: { id: 'q1' }, priority: 5 })).toBe(routing);
    const zero = references.kept('conversationRoutingData', { priority: 0 });
    const negativeZero = { priority: -0 };
    expect(references.kept('conversationRoutingData', negativeZero)).toBe(negativeZero);
    expect(references.kept('conversationRoutingData', { priority: 0 })).toBe(zero);
    expect(Object.is((references.kept('conversationRoutingData', { priority: -0 }) as { priority: number }).priority, -0)).toBe(true);
    const scores = references.kept('conversationRoutingData', { scoredAgents: [{ score: 0 }] });
    expect(references.kept('conversationRoutingData', { scoredAgents: [{ score: -0 }] })).not.toBe(scores);
  });

  it('other fields and values that are not objects are given back as they are', () => {
    const references = new SharedReferences();
    const wrapup = { code: 'wc-resolved' };
    references.kept('wrapup', { code: 'wc-resolved' });
    expect(references.kept('wrapup', wrapup)).toBe(wrapup);
    const attributes = { tier: 'gold' };
    references.kept('attributes', { tier: 'gold' });
    expect(references.kept('attributes', attributes)).toBe(attributes);
    expect(references.kept('queue', 'q1')).toBe('q1');
    expect(references.kept('queue', null)).toBeNull();
  });

  it('keeps at most 10,000 values: past that it starts again', () => {
    const references = new SharedReferences();
    const first = references.kept('queue', { id: 'q0' });
    for (let i = 1; i < 10_000; i++) references.kept('queue', { id: `q${i}` });
    expect(references.kept('queue', { id: 'q0' })).toBe(first);
    references.kept('queue', { id: 'q-new' });
    expect(references.kept('queue', { id: 'q0' })).not.toBe(first);
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
