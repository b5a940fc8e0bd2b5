import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/events/parse-event.js';
import { CALLBACK_ONLY_FIELDS, CHAT_ONLY_FIELDS } from '../../../src/events/schemas.js';

const base = { id: 'e1', time: '2026-11-21T10:00:00.000Z', conversationId: 'c1', participantId: 'p1' };
const ref = { id: 'r1', name: 'Ref', selfUri: '/r1' };

/** Every static field both media share, each with a value. */
const shared = {
  name: 'Ann', address: 'ann@example.com', direction: 'inbound', user: ref, queue: ref, team: ref, script: ref,
  provider: 'PureCloud Webchat v2', externalContact: ref, externalContactInitialDivisionId: 'd1', externalOrganization: ref,
  peer: 'p0', mediaRoles: ['agent'], alertingTimeoutMs: 30_000, wrapupRequired: true, wrapupPrompt: 'optional', wrapupTimeoutMs: 0,
  journeyContext: {
    customer: { id: 'cu1', idType: 'cookie' },
    customerSession: { id: 's1', type: 'web' },
    triggeringAction: { id: 'ta1', actionMap: { id: 'am1', version: 2 } },
  },
  conversationRoutingData: {
    queue: { id: 'q1', selfUri: '/q1' }, language: { id: 'en' }, priority: 5, skills: [{ id: 'sk1' }],
    scoredAgents: [{ agent: ref, score: 10 }], label: 'vip',
  },
};

const callbackOnly = {
  callbackNumbers: ['+13175550100'], callbackUserName: 'Ann', callbackScheduledTime: '2026-11-21T12:00:00.000Z', externalCampaign: false,
  skipEnabled: true, timeoutSeconds: 60, automatedCallbackConfigId: 'acc1',
  outboundPreview: {
    id: 'op1', contactId: 'ct1', contactListId: 'cl1', campaignId: 'cp1',
    phoneNumberColumns: [{ columnName: 'phone', type: 'cell', callableTimeColumnName: 'tz' }], callbackAutoAnswer: true,
  },
  voicemail: { id: 'vm1', uploadStatus: 'complete' },
};

const chatOnly = { roomId: 'room1', avatarImageUrl: 'https://example.com/a.png' };

describe('event schemas keep every field they define', () => {
  it('a chat participant.added with every field', () => {
    const input = { ...base, type: 'participant.added', media: 'chat', purpose: 'customer', state: 'connected', ...shared, ...chatOnly, attributes: { tier: 'gold' } };
    const result = parseEvent(input);
    expect(result).toEqual({ ok: true, event: { ...input, attributes: expect.objectContaining({ tier: 'gold' }) } });
  });

  it('a callback participant.added with every field', () => {
    const input = { ...base, type: 'participant.added', media: 'callback', purpose: 'customer', state: 'scheduled', ...shared, ...callbackOnly };
    expect(parseEvent(input)).toEqual({ ok: true, event: input });
  });

  it('participant.updated with every static field of both media', () => {
    const input = { ...base, type: 'participant.updated', ...shared, ...chatOnly, ...callbackOnly, flaggedReason: 'general' };
    expect(parseEvent(input)).toEqual({ ok: true, event: input });
  });

  it('the event-specific fields: parked, disconnected, wrap-up, callback.scheduled', () => {
    const events = [
      { ...base, type: 'participant.parked', resumeTime: '2026-11-21T11:00:00.000Z' },
      { ...base, type: 'participant.disconnected', disconnectType: 'client', errorInfo: { message: 'm', code: 'c' } },
      { ...base, type: 'participant.wrapupApplied', wrapup: { code: 'wc', name: 'Resolved', notes: 'n', tags: ['a'], durationSeconds: 0, provisional: false } },
      { ...base, type: 'callback.scheduled', callbackScheduledTime: '2026-11-21T12:00:00.000Z' },
    ];
    for (const input of events) expect(parseEvent(input), input.type).toEqual({ ok: true, event: input });
  });

  it('the fields of one media only, by name', () => {
    expect([...CHAT_ONLY_FIELDS].sort()).toEqual(Object.keys(chatOnly).sort());
    expect([...CALLBACK_ONLY_FIELDS].sort()).toEqual(Object.keys(callbackOnly).sort());
  });
});

describe('event schemas say why a value is refused', () => {
  const issue = (input: Record<string, unknown>) => {
    const result = parseEvent(input);
    return result.ok ? undefined : result.issues[0];
  };
  const added = { ...base, type: 'participant.added', media: 'callback', purpose: 'agent' };

  it('ids must be non-empty strings', () => {
    expect(issue({ ...base, type: 'participant.connected', id: '' })).toEqual({ field: 'id', message: 'id must be a non-empty string' });
    expect(issue({ ...added, purpose: '' })).toEqual({ field: 'purpose', message: 'purpose must be a non-empty string' });
  });

  it('counts are non-negative integers', () => {
    expect(issue({ ...added, alertingTimeoutMs: 1.5 })).toEqual({ field: 'alertingTimeoutMs', message: 'alertingTimeoutMs must be an integer' });
    expect(issue({ ...added, timeoutSeconds: -1 })).toEqual({ field: 'timeoutSeconds', message: 'timeoutSeconds must be ≥ 0' });
    expect(issue({ ...base, type: 'participant.wrapupApplied', wrapup: { code: 'x', durationSeconds: -1 } })).toEqual({
      field: 'wrapup.durationSeconds', message: 'wrapup.durationSeconds must be ≥ 0',
    });
    expect(issue({ ...base, type: 'participant.wrapupApplied', wrapup: { code: '' } })).toEqual({ field: 'wrapup.code', message: 'wrapup.code must be a non-empty string' });
  });

  it('attributes are an object of string values', () => {
    for (const attributes of ['x', null, ['a']]) {
      expect(issue({ ...base, type: 'participant.updated', attributes })).toEqual({ field: 'attributes', message: 'attributes must be an object of string values' });
    }
    const result = parseEvent({ ...base, type: 'participant.updated', attributes: { a: 1, b: 'ok', c: true } });
    expect(result.ok ? [] : result.issues).toEqual([
      { field: 'attributes.a', message: 'attributes.a must be a string' },
      { field: 'attributes.c', message: 'attributes.c must be a string' },
    ]);
  });

  it('a field of the other media on participant.added', () => {
    expect(issue({ ...base, type: 'participant.added', media: 'chat', purpose: 'agent', voicemail: {} })).toEqual({
      field: 'voicemail', message: 'voicemail is a callback field; a chat participant cannot have it',
    });
  });

  it('scheduled is a callback initial state only', () => {
    expect(parseEvent({ ...base, type: 'participant.added', media: 'chat', purpose: 'agent', state: 'scheduled' }).ok).toBe(false);
    expect(parseEvent({ ...added, state: 'scheduled' }).ok).toBe(true);
  });

  it('every lifecycle field is refused on participant.updated', () => {
    for (const field of ['held', 'startTime', 'endTime', 'wrapup', 'wrapupSkipped', 'purpose', 'media', 'parkTime', 'connectedTime']) {
      expect(issue({ ...base, type: 'participant.updated', [field]: 'x' }), field).toEqual({
        field, message: `${field} is a lifecycle field; only lifecycle events change it`,
      });
    }
  });

  it('callback.scheduled needs its time; a parked resumeTime must be a time', () => {
    expect(issue({ ...base, type: 'callback.scheduled' })).toEqual({ field: 'callbackScheduledTime', message: 'callbackScheduledTime is required' });
    expect(issue({ ...base, type: 'participant.parked', resumeTime: 'soon' })?.field).toBe('resumeTime');
  });
});
