import { describe, expect, it } from 'vitest';
import { mapDirection, mapDisconnectType, mapMediaType, mapState, toIsoTime } from '../../../src/ingest/map-values.js';
import { DISCONNECT_TYPES } from '../../../src/model/enums.js';
import { ingestAndReplay, sample } from './samples.js';

describe('value mapping to the REST model spelling', () => {
  it('topic spellings endpoint.dnd / transfer.dnd become endpoint.donotdisturb / transfer.donotdisturb', () => {
    expect(mapDisconnectType('endpoint.dnd')).toBe('endpoint.donotdisturb');
    expect(mapDisconnectType('transfer.dnd')).toBe('transfer.donotdisturb');
  });

  it('every UPPER-case detail-event disconnectType maps to a REST value', () => {
    const upper = {
      ENDPOINT: 'endpoint', CLIENT: 'client', SYSTEM: 'system', TRANSFER: 'transfer', ERROR: 'error', PEER: 'peer',
      OTHER: 'other', SPAM: 'spam', TIMEOUT: 'timeout', TRANSPORT_FAILURE: 'transport.failure',
      CONFERENCE_TRANSFER: 'transfer.conference', CONSULT_TRANSFER: 'transfer.consult', FORWARD_TRANSFER: 'transfer.forward',
      NO_ANSWER_TRANSFER: 'transfer.noanswer', NOT_AVAILABLE_TRANSFER: 'transfer.notavailable', UNCALLABLE: 'uncallable',
      DND_ENDPOINT: 'endpoint.donotdisturb', DND_TRANSFER: 'transfer.donotdisturb', INACTIVITY: 'inactivity',
      SESSION_EXPIRED: 'session.expired', TAKEOVER: 'takeover',
    };
    for (const [from, to] of Object.entries(upper)) {
      expect(mapDisconnectType(from)).toBe(to);
      expect(DISCONNECT_TYPES).toContain(to);
    }
    expect(mapDisconnectType('UNKNOWN')).toBeUndefined();
  });

  it('REST values pass unchanged, and unknown values are kept as sent', () => {
    for (const value of DISCONNECT_TYPES) expect(mapDisconnectType(value)).toBe(value);
    expect(mapDisconnectType('QUANTUM_TUNNEL')).toBe('QUANTUM_TUNNEL');
    expect(mapDisconnectType('brand.new')).toBe('brand.new');
    expect(mapDisconnectType(42)).toBeUndefined();
  });

  it('direction, state and mediaType: UPPER case mapped, unknown kept or not tracked', () => {
    expect(mapDirection('INBOUND')).toBe('inbound');
    expect(mapDirection('OUTBOUND')).toBe('outbound');
    expect(mapDirection('UNKNOWN')).toBeUndefined();
    expect(mapDirection('sideways')).toBe('sideways');
    expect(mapState('CONNECTED')).toBe('connected');
    expect(mapState('teleporting')).toBe('teleporting');
    expect(mapMediaType('CHAT')).toBe('chat');
    expect(mapMediaType('CALLBACK')).toBe('callback');
    expect(mapMediaType('VOICE')).toBeUndefined();
  });

  it('epoch milliseconds and ISO times without milliseconds become canonical ISO; times without a zone do not', () => {
    expect(toIsoTime(1649237504949)).toBe('2022-04-06T09:31:44.949Z');
    expect(toIsoTime('2022-07-04T11:00:00Z')).toBe('2022-07-04T11:00:00.000Z');
    expect(toIsoTime('2022-07-04T13:00:00+02:00')).toBe('2022-07-04T11:00:00.000Z');
    expect(toIsoTime('2022-07-04T11:00:00')).toBeUndefined();
    expect(toIsoTime('soon')).toBeUndefined();
  });

  it('a detail event with CONSULT_TRANSFER and epoch ms replays with transfer.consult and ISO times', () => {
    const envelope = sample('chat-eventbridge-detail-customer-end');
    const detail = envelope.detail as { eventBody: Record<string, unknown> };
    detail.eventBody.disconnectType = 'CONSULT_TRANSFER';
    const { tracker, applied } = ingestAndReplay(envelope);
    expect(applied.every((r) => r.status === 'applied')).toBe(true);
    const customer = tracker.participant('2f7bf00a-0fc2-4d6a-9b56-92238191433e', '9fb2ca78-8389-4758-b76a-9b0300de1fce');
    expect(customer).toMatchObject({
      state: 'disconnected', purpose: 'customer', disconnectType: 'transfer.consult', direction: 'inbound',
      endTime: '2022-04-06T09:31:44.949Z', connectedTime: '2022-04-06T09:30:44.949Z', provider: 'PureCloud Webchat v2',
      externalContact: { id: '12456349-b5c7-4d8f-9eb4-f4df18bce9a9' },
    });
  });

  it('a topic payload saying transfer.dnd replays as transfer.donotdisturb', () => {
    const payload = sample('chat-notification-users-conversations-chats-agent-disconnect-acw');
    const agent = ((payload.eventBody as { participants: Record<string, unknown>[] }).participants)[4]!;
    agent.disconnectType = 'transfer.dnd';
    const { tracker } = ingestAndReplay(payload);
    expect(tracker.participant('1c1a063b-45bf-4719-9127-7bca923118c1', 'd36875ce-1bb6-4ad7-8ff9-5af8e727bd88')?.disconnectType)
      .toBe('transfer.donotdisturb');
  });
});
