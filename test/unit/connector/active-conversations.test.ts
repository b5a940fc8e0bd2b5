import { describe, expect, it } from 'vitest';
import { ActiveConversations } from '../../../src/connector/active-conversations.js';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 21, 8, minute)).toISOString();
let n = 0;
const event = (type: string, participantId: string, minute: number, fields: Record<string, unknown> = {}) =>
  ({ id: `e${n++}`, type, time: at(minute), conversationId: 'c1', participantId, ...fields }) as unknown as TrackerEvent;

describe('ActiveConversations', () => {
  it('keeps a conversation under way while an agent who disconnected is in after-call work, and lets it go at the wrap-up', () => {
    const active = new ActiveConversations();
    active.record(event('participant.added', 'customer', 0, { media: 'chat', purpose: 'customer' }));
    active.record(event('participant.added', 'agent', 1, { media: 'chat', purpose: 'agent' }));
    active.record(event('participant.disconnected', 'customer', 5));
    active.record(event('participant.disconnected', 'agent', 5));
    expect(active.list(Date.parse(at(6)))).toEqual([{ id: 'c1', media: 'chat' }]);
    active.record(event('participant.wrapupApplied', 'agent', 7, { wrapup: { code: 'w' } }));
    expect(active.list(Date.parse(at(8)))).toEqual([]);
    expect(active.size).toBe(0);
  });

  it('lets an agent without after-call work go an hour after it disconnected', () => {
    const active = new ActiveConversations();
    active.record(event('participant.added', 'agent', 0, { media: 'callback', purpose: 'agent' }));
    active.record(event('participant.disconnected', 'agent', 1));
    expect(active.list(Date.parse(at(60)))).toHaveLength(1);
    expect(active.list(Date.parse(at(62)))).toEqual([]);
  });

  it('ends a customer leg at its disconnection, and ignores events of legs it never saw added', () => {
    const active = new ActiveConversations();
    active.record(event('participant.disconnected', 'ghost', 0));
    active.record(event('participant.added', 'customer', 0, { media: 'chat', purpose: 'customer' }));
    active.record(event('participant.disconnected', 'customer', 2));
    expect(active.list(Date.parse(at(3)))).toEqual([]);
  });
});
