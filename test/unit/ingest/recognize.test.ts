import { describe, expect, it } from 'vitest';
import { classifyTopic, createGenesysIngest, recognizePayload } from '../../../src/ingest/index.js';
import { SAMPLES, sample } from './samples.js';

/** What each public sample is, and what ingest does with it. */
const EXPECTED: Readonly<Record<(typeof SAMPLES)[number], [kind: string, outcome: 'ingested' | 'skipped']>> = {
  'callback-notification-users-conversations-agent-connected-likely-edited': ['v2.users.{id}.conversations', 'ingested'],
  'callback-notification-users-conversations-agent-disconnect-acw-pending': ['v2.users.{id}.conversations', 'ingested'],
  'callback-rest-get-conversation-scheduled-three-alert-timeouts': ['Conversation', 'ingested'],
  'chat-analytics-details-conversation-customer-timeout-agent-peer': ['AnalyticsConversation', 'skipped'],
  'chat-analytics-details-conversation-hold-customer-timeout': ['AnalyticsConversation', 'skipped'],
  'chat-eventbridge-detail-customer-end-no-external-contact': ['EventBridge v2.detail.events.conversation.{id}.customer.end', 'ingested'],
  'chat-eventbridge-detail-customer-end': ['EventBridge v2.detail.events.conversation.{id}.customer.end', 'ingested'],
  'chat-eventbridge-detail-customer-start': ['EventBridge v2.detail.events.conversation.{id}.customer.start', 'ingested'],
  'chat-notification-conversations-chats-members-connected': ['v2.conversations.chats.{id}.members', 'skipped'],
  'chat-notification-conversations-chats-messages-member-leave': ['v2.conversations.chats.{id}.messages', 'skipped'],
  'chat-notification-conversations-chats-messages-standard': ['v2.conversations.chats.{id}.messages', 'skipped'],
  'chat-notification-users-conversations-chats-agent-disconnect-acw': ['v2.users.{id}.conversations.chats', 'ingested'],
  'chat-notification-users-conversationsummary-same-correlation': ['v2.users.{id}.conversationsummary', 'skipped'],
  'chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts': ['ChatConversation', 'ingested'],
  'chat-rest-get-conversation-customer-participant-fragment': ['Participant', 'skipped'],
  'chat-rest-list-chat-conversations': ['ChatConversationEntityListing', 'ingested'],
  'chat-rest-list-conversations-nested-chats': ['ConversationEntityListing', 'ingested'],
  'detail-event-customer-end-synthetic-trigger-test-body': ['detail event body without topicName', 'skipped'],
  'mixed-analytics-details-query-result-callbacks-chats-2016': ['AnalyticsConversationQueryResponse', 'skipped'],
};

describe('recognition of every public sample', () => {
  for (const name of SAMPLES) {
    const [kind, outcome] = EXPECTED[name];
    it(`${name} is ${kind}, ${outcome}`, () => {
      const ingest = createGenesysIngest();
      const result = ingest.push(sample(name));
      const events = [...result.events, ...ingest.flush().events];
      expect({ kind: result.kind, outcome: result.outcome }).toEqual({ kind, outcome });
      if (outcome === 'skipped') expect(events).toEqual([]);
      else expect(events.length).toBeGreaterThan(0);
    });
  }
});

describe('recognition of shapes and envelopes', () => {
  it('the same conversation as a notification envelope, a bare topic body and a REST object', () => {
    const notification = sample('chat-notification-users-conversations-chats-agent-disconnect-acw');
    expect(recognizePayload(notification)).toMatchObject({ action: 'conversations', kind: 'v2.users.{id}.conversations.chats', media: 'chat' });
    expect(recognizePayload({ ...notification, topicName: 'v2.routing.queues.q1.conversations.callbacks' }))
      .toMatchObject({ action: 'conversations', kind: 'v2.routing.queues.{id}.conversations.callbacks', media: 'callback' });
    expect(recognizePayload({ ...notification, topicName: 'v2.routing.queues.q1.conversations' }))
      .toMatchObject({ action: 'conversations', kind: 'v2.routing.queues.{id}.conversations' });
    expect(recognizePayload(sample('chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts')))
      .toMatchObject({ action: 'conversations', kind: 'ChatConversation' });
  });

  it('a flat REST conversation without selfUri is told chat or callback by its fields, else reported', () => {
    expect(recognizePayload({ id: 'c1', participants: [{ id: 'p1', purpose: 'customer', state: 'connected', roomId: 'r1' }] }))
      .toMatchObject({ kind: 'ChatConversation' });
    expect(recognizePayload({ id: 'c1', participants: [{ id: 'p1', purpose: 'customer', state: 'scheduled' }] }))
      .toMatchObject({ kind: 'CallbackConversation' });
    const unknown = createGenesysIngest().push({ id: 'c1', participants: [{ id: 'p1', purpose: 'customer', state: 'connected' }] });
    expect(unknown).toMatchObject({ kind: 'ChatConversation or CallbackConversation', outcome: 'skipped', reason: 'nothing in it tells a chat conversation from a callback one' });
  });

  it('an EventBridge envelope whose detail is the bare event body is read through its detail-type', () => {
    const envelope = sample('chat-eventbridge-detail-customer-start');
    const detail = (envelope.detail as { eventBody: unknown }).eventBody;
    const recognition = recognizePayload({ ...envelope, detail });
    expect(recognition).toMatchObject({ action: 'detail', kind: 'EventBridge v2.detail.events.conversation.{id}.customer.start', event: 'customer.start' });
  });

  it('topics are named by their pattern', () => {
    expect(classifyTopic('v2.users.u1.conversations.emails')).toEqual({ action: 'skip', kind: 'v2.users.{id}.conversations.emails', reason: 'emails are not tracked' });
    expect(classifyTopic('v2.system.socket_closing')).toMatchObject({ kind: 'v2.system.socket_closing', reason: 'system message' });
    expect(classifyTopic('v2.system.no_longer_subscribed.abc')).toMatchObject({ kind: 'v2.system.no_longer_subscribed.{id}' });
    expect(classifyTopic('v2.detail.events.conversation.c1.flow.start')).toMatchObject({ action: 'skip', kind: 'v2.detail.events.conversation.{id}.flow.start' });
    expect(classifyTopic('v2.detail.events.conversation.c1.user.end')).toMatchObject({ action: 'detail', event: 'user.end', conversationId: 'c1' });
    expect(classifyTopic('v2.analytics.queues.3c6f420a-26cc-4b59-84f8-3c94011d39da.observations'))
      .toEqual({ action: 'skip', kind: 'v2.analytics.queues.{id}.observations', reason: 'topic not tracked' });
  });

  it('values that are no Genesys payload are unrecognised, never thrown on', () => {
    const ingest = createGenesysIngest();
    for (const value of [null, 42, 'text', [1, 2], {}, { hello: 'world' }, { topicName: 'v2.users.u1.conversations.chats' }]) {
      expect(ingest.push(value)).toMatchObject({ kind: 'unrecognised', outcome: 'unrecognised', events: [] });
    }
    expect(ingest.report().unrecognised).toEqual({
      'null is not a Genesys payload': 1,
      'a number is not a Genesys payload': 1,
      'a string is not a Genesys payload': 1,
      'an array is not a Genesys payload': 1,
      'an object with no keys is none of the Genesys payloads ingest knows': 1,
      'an object with keys hello is none of the Genesys payloads ingest knows': 1,
      'v2.users.u1.conversations.chats without an eventBody object': 1,
    });
  });
});

describe('skipped messages are counted by kind', () => {
  it('heartbeats, v2.system.* messages, chat messages and members, summaries: skipped with a count each', () => {
    const ingest = createGenesysIngest();
    const heartbeat = { topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } };
    const closing = { topicName: 'v2.system.socket_closing', eventBody: { message: 'closing in one minute' }, metadata: {} };
    const payloads = [
      heartbeat, heartbeat, heartbeat, closing,
      { topicName: 'v2.system.token_revoked.u1', eventBody: {} },
      sample('chat-notification-conversations-chats-messages-member-leave'),
      sample('chat-notification-conversations-chats-messages-standard'),
      sample('chat-notification-conversations-chats-members-connected'),
      sample('chat-notification-users-conversationsummary-same-correlation'),
      sample('chat-notification-users-conversations-chats-agent-disconnect-acw'),
    ];
    const events = [...payloads.flatMap((p) => ingest.push(p).events), ...ingest.flush().events];
    const report = ingest.report();
    expect(report.payloads).toBe(10);
    expect(report.skipped).toEqual({
      'channel.metadata': 3,
      'v2.system.socket_closing': 1,
      'v2.system.token_revoked.{id}': 1,
      'v2.conversations.chats.{id}.messages': 2,
      'v2.conversations.chats.{id}.members': 1,
      'v2.users.{id}.conversationsummary': 1,
    });
    expect(report.recognised).toEqual({ 'v2.users.{id}.conversations.chats': 1 });
    expect(report.events).toBe(events.length);
    expect(events.length).toBeGreaterThan(0);
  });
});
