import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { recognizePayload } from '../../../src/ingest/index.js';
import type { MediaParticipant } from '../../../src/model/media-participant.js';
import { analyticsConversation, queueNotification, queuesOf, restConversation } from '../../../src/payloads/index.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { renderDay } from './rendered-day.js';

const day = renderDay();
const samples = new URL('../../fixtures/genesys/', import.meta.url);
const sample = (name: string) => JSON.parse(readFileSync(new URL(`${name}.json`, samples), 'utf8')) as Record<string, unknown>;

/** A chat conversation by hand: an agent alerting, connected, held, with a dnd disconnect of the customer and a wrap-up. */
function handmade() {
  const base = { conversationId: 'c1' };
  const tracker = createTracker();
  tracker.load([
    { ...base, id: 'e1', type: 'participant.added', time: '2026-11-21T10:00:00.000Z', participantId: 'cust', media: 'chat', purpose: 'customer', state: 'connected', name: 'Ada', direction: 'inbound' },
    { ...base, id: 'e2', type: 'participant.added', time: '2026-11-21T10:00:00.010Z', participantId: 'acd', media: 'chat', purpose: 'acd', state: 'connected', queue: { id: 'q1', name: 'Support', selfUri: '/api/v2/routing/queues/q1' } },
    { ...base, id: 'e3', type: 'participant.added', time: '2026-11-21T10:00:05.000Z', participantId: 'ag', media: 'chat', purpose: 'agent', user: { id: 'u1', name: 'Jo', selfUri: '/api/v2/users/u1' }, queue: { id: 'q1', name: 'Support', selfUri: '/api/v2/routing/queues/q1' } },
    { ...base, id: 'e4', type: 'participant.connected', time: '2026-11-21T10:00:08.000Z', participantId: 'ag' },
    { ...base, id: 'e5', type: 'participant.disconnected', time: '2026-11-21T10:00:08.000Z', participantId: 'acd', disconnectType: 'transfer' },
    { ...base, id: 'e6', type: 'participant.holdStarted', time: '2026-11-21T10:01:00.000Z', participantId: 'ag' },
    { ...base, id: 'e7', type: 'participant.holdEnded', time: '2026-11-21T10:01:30.000Z', participantId: 'ag' },
    { ...base, id: 'e8', type: 'participant.disconnected', time: '2026-11-21T10:02:00.000Z', participantId: 'cust', disconnectType: 'endpoint.donotdisturb' },
    { ...base, id: 'e9', type: 'participant.disconnected', time: '2026-11-21T10:02:00.000Z', participantId: 'ag', disconnectType: 'peer' },
    { ...base, id: 'e10', type: 'participant.acwStarted', time: '2026-11-21T10:02:00.000Z', participantId: 'ag' },
    { ...base, id: 'e11', type: 'participant.wrapupApplied', time: '2026-11-21T10:02:20.000Z', participantId: 'ag', wrapup: { code: 'w1', name: 'Resolved', notes: 'ok', durationSeconds: 20, provisional: false } },
    { ...base, id: 'e12', type: 'participant.acwEnded', time: '2026-11-21T10:02:20.000Z', participantId: 'ag' },
  ]);
  expect(tracker.rejections()).toEqual([]);
  return tracker;
}

describe('queueNotification', () => {
  const tracker = handmade();
  const conversation = tracker.conversation('c1')!;
  const notification = queueNotification(conversation, 'q1', { time: '2026-11-21T10:02:20.000Z', initialStates: new Map([['cust', 'connected'], ['acd', 'connected'], ['ag', 'alerting']]) });

  it('is the envelope of the queue chats topic, the whole conversation in the topic model', () => {
    expect(notification.topicName).toBe('v2.routing.queues.q1.conversations.chats');
    expect(notification.version).toBe('2');
    expect(Object.keys(notification)).toEqual(['topicName', 'version', 'eventBody', 'metadata']);
    expect(notification.eventBody.id).toBe('c1');
    expect(notification.eventBody.participants.map((p) => p.id)).toEqual(['cust', 'acd', 'ag']);
    const agent = notification.eventBody.participants[2]!;
    expect(agent).toMatchObject({ initialState: 'alerting', state: 'disconnected', disconnectType: 'peer', user: { id: 'u1', name: 'Jo' }, queue: { id: 'q1', name: 'Support' } });
    expect(agent.user).toEqual({ id: 'u1', name: 'Jo' });
    expect(agent.wrapup).toEqual({ code: 'w1', notes: 'ok', durationSeconds: 20, endTime: '2026-11-21T10:02:20.000Z' });
    expect(agent).not.toHaveProperty('startAlertingTime');
    expect(conversation.participants[2]!.startAlertingTime).toBe('2026-11-21T10:00:05.000Z');
    expect(notification.eventBody.participants[0]!.disconnectType).toBe('endpoint.dnd');
  });

  it('keeps the SDK field order (the order of the captured topic samples)', () => {
    const captured = sample('chat-notification-users-conversations-chats-agent-disconnect-acw') as { eventBody: { participants: Record<string, unknown>[] } };
    for (const rendered of notification.eventBody.participants) {
      const keys = Object.keys(rendered);
      for (const original of captured.eventBody.participants) {
        const shared = Object.keys(original).filter((k) => keys.includes(k));
        expect(keys.filter((k) => shared.includes(k))).toEqual(shared);
      }
    }
  });

  it('has a CorrelationId derived from conversation and time: the same for every queue of one change', () => {
    const again = queueNotification(conversation, 'q2', { time: '2026-11-21T10:02:20.000Z' });
    expect(again.metadata.CorrelationId).toBe(notification.metadata.CorrelationId);
    expect(notification.metadata.CorrelationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(queueNotification(conversation, 'q1', { time: '2026-11-21T10:02:21.000Z' }).metadata.CorrelationId).not.toBe(notification.metadata.CorrelationId);
    expect(queueNotification(conversation, 'q1').metadata.CorrelationId).toBe(notification.metadata.CorrelationId);
  });

  it('a callback conversation goes on the callbacks topic with its callback fields', () => {
    const callback = day.replay.conversations().find((c) => c.media === 'callback')!;
    const [queueId] = queuesOf(callback);
    const rendered = queueNotification(callback, queueId!);
    expect(rendered.topicName).toBe(`v2.routing.queues.${queueId}.conversations.callbacks`);
    expect(rendered.eventBody.participants[0]).toMatchObject({ callbackNumbers: expect.any(Array), skipEnabled: expect.any(Boolean) });
  });
});

describe('restConversation', () => {
  it('is the ChatConversation body of the REST sample\'s shape, participants in the REST model', () => {
    const body = restConversation(handmade().conversation('c1')!);
    expect(Object.keys(body)).toEqual(['id', 'participants', 'otherMediaUris', 'selfUri']);
    expect(body.selfUri).toBe('/api/v2/conversations/chats/c1');
    const agent = body.participants[2] as MediaParticipant;
    expect(agent).toMatchObject({ startAlertingTime: '2026-11-21T10:00:05.000Z', user: { id: 'u1', name: 'Jo', selfUri: '/api/v2/users/u1' } });
    expect(agent.wrapup).toMatchObject({ name: 'Resolved', provisional: false });
    expect((body.participants[0] as MediaParticipant).disconnectType).toBe('endpoint.donotdisturb');
    const captured = sample('chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts') as { participants: Record<string, unknown>[] };
    for (const rendered of body.participants) {
      const keys = Object.keys(rendered);
      for (const original of captured.participants) {
        const shared = Object.keys(original).filter((k) => keys.includes(k));
        expect(keys.filter((k) => shared.includes(k))).toEqual(shared);
      }
    }
  });

  it('is plain data: changing it changes no snapshot', () => {
    const tracker = handmade();
    const body = restConversation(tracker.conversation('c1')!);
    (body.participants[0] as MediaParticipant).name = 'changed';
    expect(tracker.conversation('c1')!.participants[0]!.name).toBe('Ada');
  });
});

describe('analyticsConversation', () => {
  it('renders segments from the history: alert, interact, hold, interact, wrapup; disconnect types where they end', () => {
    const tracker = handmade();
    const record = analyticsConversation(tracker.conversation('c1')!, tracker.history('c1'));
    expect(record).toMatchObject({ conversationId: 'c1', conversationStart: '2026-11-21T10:00:00.000Z', conversationEnd: '2026-11-21T10:02:00.000Z', originatingDirection: 'inbound' });
    const [customer, acd, agent] = record.participants;
    expect(customer).toMatchObject({ participantId: 'cust', participantName: 'Ada', purpose: 'customer' });
    expect(customer!.sessions[0]!.segments).toEqual([
      { segmentStart: '2026-11-21T10:00:00.000Z', segmentEnd: '2026-11-21T10:02:00.000Z', disconnectType: 'endpoint.donotdisturb', segmentType: 'interact' },
    ]);
    expect(acd!.sessions[0]!.segments).toEqual([
      { segmentStart: '2026-11-21T10:00:00.010Z', segmentEnd: '2026-11-21T10:00:08.000Z', queueId: 'q1', disconnectType: 'transfer', segmentType: 'interact' },
    ]);
    expect(agent).toMatchObject({ participantId: 'ag', userId: 'u1', purpose: 'agent' });
    expect(agent!.sessions[0]).toMatchObject({ mediaType: 'chat', peerId: customer!.sessions[0]!.sessionId, remote: 'Ada' });
    expect(agent!.sessions[0]!.segments).toEqual([
      { segmentStart: '2026-11-21T10:00:05.000Z', segmentEnd: '2026-11-21T10:00:08.000Z', queueId: 'q1', segmentType: 'alert' },
      { segmentStart: '2026-11-21T10:00:08.000Z', segmentEnd: '2026-11-21T10:01:00.000Z', queueId: 'q1', segmentType: 'interact' },
      { segmentStart: '2026-11-21T10:01:00.000Z', segmentEnd: '2026-11-21T10:01:30.000Z', queueId: 'q1', segmentType: 'hold' },
      { segmentStart: '2026-11-21T10:01:30.000Z', segmentEnd: '2026-11-21T10:02:00.000Z', queueId: 'q1', disconnectType: 'peer', segmentType: 'interact' },
      { segmentStart: '2026-11-21T10:02:00.000Z', segmentEnd: '2026-11-21T10:02:20.000Z', queueId: 'q1', wrapUpCode: 'w1', wrapUpNote: 'ok', disconnectType: 'peer', segmentType: 'wrapup' },
    ]);
  });

  it('a conversation under way has no conversationEnd and an open last segment', () => {
    const tracker = handmade();
    const at = tracker.at('2026-11-21T10:01:10.000Z');
    const record = analyticsConversation(at.conversation('c1')!, tracker.history('c1').filter((e) => e.time <= '2026-11-21T10:01:10.000Z'));
    expect(record).not.toHaveProperty('conversationEnd');
    expect(record.participants[2]!.sessions[0]!.segments.at(-1)).toEqual({ segmentStart: '2026-11-21T10:01:00.000Z', queueId: 'q1', segmentType: 'hold' });
  });
});

describe('every rendered payload is recognised by ingest with the expected kind', () => {
  it('queue notifications, REST bodies, an analytics record and a details query result', () => {
    const kinds = new Map<string, number>();
    const count = (kind: string) => kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    for (const { payload } of day.feed) {
      const recognition = recognizePayload(payload);
      expect(recognition.action).toBe('conversations');
      expect(recognition.kind).toBe(payload.topicName.endsWith('.chats') ? 'v2.routing.queues.{id}.conversations.chats' : 'v2.routing.queues.{id}.conversations.callbacks');
      count(recognition.kind);
    }
    const conversations = day.replay.conversations();
    for (const snapshot of conversations) {
      const recognition = recognizePayload(restConversation(snapshot));
      expect(recognition).toMatchObject({ action: 'conversations', kind: snapshot.media === 'chat' ? 'ChatConversation' : 'CallbackConversation' });
      count(recognition.kind);
      const record = recognizePayload(analyticsConversation(snapshot, day.replay.history(snapshot.id)));
      expect(record).toMatchObject({ action: 'skip', kind: 'AnalyticsConversation' });
    }
    const query = day.archive.detailsQuery({ interval: '2026-11-21T08:00:00Z/2026-11-21T09:00:00Z' });
    expect(recognizePayload(query)).toMatchObject({ action: 'skip', kind: 'AnalyticsConversationQueryResponse' });
    expect([...kinds.keys()].sort()).toEqual(['CallbackConversation', 'ChatConversation', 'v2.routing.queues.{id}.conversations.callbacks', 'v2.routing.queues.{id}.conversations.chats']);
  });
});
