import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { InvalidOptionError } from '../../../src/errors/invalid-option-error.js';
import { genesysFeed } from '../../../src/payloads/index.js';
import { renderDay } from './rendered-day.js';

const at = (s: number) => new Date(Date.parse('2026-11-21T10:00:00.000Z') + s * 1000).toISOString();
const q1 = { id: 'q1', name: 'Support' };
const q2 = { id: 'q2', name: 'Sales' };

describe('genesysFeed', () => {
  it('sends one notification per queue and change; the events of one conversation at one instant are one change', () => {
    const events = [
      { id: 'a1', type: 'participant.added', time: at(0), conversationId: 'c1', participantId: 'cust', media: 'chat', purpose: 'customer', state: 'connected' },
      { id: 'a2', type: 'participant.added', time: at(0), conversationId: 'c1', participantId: 'acd', media: 'chat', purpose: 'acd', state: 'connected', queue: q1 },
      { id: 'b1', type: 'participant.added', time: at(0), conversationId: 'c2', participantId: 'cust', media: 'chat', purpose: 'customer', state: 'connected' },
      { id: 'a3', type: 'participant.added', time: at(5), conversationId: 'c1', participantId: 'ag', media: 'chat', purpose: 'agent', queue: q2 },
      { id: 'a4', type: 'participant.connected', time: at(8), conversationId: 'c1', participantId: 'ag' },
      { id: 'a5', type: 'participant.disconnected', time: at(8), conversationId: 'c1', participantId: 'acd', disconnectType: 'transfer' },
    ] as TrackerEvent[];
    const feed = [...genesysFeed(events)];
    expect(feed.map(({ time, payload }) => [time, payload.topicName, payload.eventBody.participants.length])).toEqual([
      [at(0), 'v2.routing.queues.q1.conversations.chats', 2],
      [at(5), 'v2.routing.queues.q1.conversations.chats', 3],
      [at(5), 'v2.routing.queues.q2.conversations.chats', 3],
      [at(8), 'v2.routing.queues.q1.conversations.chats', 3],
      [at(8), 'v2.routing.queues.q2.conversations.chats', 3],
    ]);
    // c2 has no acd or agent participant: it is on no queue topic.
    expect(feed.every(({ payload }) => payload.eventBody.id === 'c1')).toBe(true);
    const last = feed.at(-1)!.payload.eventBody.participants;
    expect(last.map((p) => [p.id, p.state, p.initialState])).toEqual([['cust', 'connected', 'connected'], ['acd', 'disconnected', 'connected'], ['ag', 'connected', 'alerting']]);
    expect(feed[3]!.payload.metadata.CorrelationId).toBe(feed[4]!.payload.metadata.CorrelationId);
    expect(feed[1]!.payload.metadata.CorrelationId).not.toBe(feed[3]!.payload.metadata.CorrelationId);
  });

  it('a rejected event sends nothing; an event earlier than the one before is refused', () => {
    const added = { id: 'a1', type: 'participant.added', time: at(0), conversationId: 'c1', participantId: 'acd', media: 'chat', purpose: 'acd', state: 'connected', queue: q1 };
    expect([...genesysFeed([added, { id: 'x', type: 'participant.parked', time: at(1), conversationId: 'c1', participantId: 'acd' }] as TrackerEvent[])]).toHaveLength(1);
    const late = { id: 'a2', type: 'participant.added', time: at(-1), conversationId: 'c1', participantId: 'p2', media: 'chat', purpose: 'agent' };
    const later = { id: 'a3', type: 'participant.updated', time: at(2), conversationId: 'c1', participantId: 'acd', name: 'x' };
    expect(() => [...genesysFeed([added, later, late] as TrackerEvent[])]).toThrow(InvalidOptionError);
  });

  it('a simulated day: the same bytes on every run, in time order, each conversation on its queue', () => {
    const first = renderDay().feed;
    expect(JSON.stringify(renderDay().feed)).toBe(JSON.stringify(first));
    expect(first.map((item) => item.time)).toEqual(first.map((item) => item.time).sort());
    expect(new Set(first.map((item) => item.payload.eventBody.id)).size).toBe(renderDay().replay.conversations().length);
  });
});
