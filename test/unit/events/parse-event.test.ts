import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/events/parse-event.js';
import { normalizeTime } from '../../../src/events/time.js';

const base = { id: 'e1', time: '2026-11-21T10:00:00.000Z', conversationId: 'c1', participantId: 'p1' };

describe('parseEvent', () => {
  it('accepts every v1 event type with its own fields', () => {
    const events = [
      { ...base, type: 'participant.added', media: 'chat', purpose: 'customer', roomId: 'r1' },
      { ...base, type: 'participant.added', media: 'callback', purpose: 'customer', state: 'scheduled', callbackNumbers: ['+1'] },
      { ...base, type: 'participant.alerting' },
      { ...base, type: 'participant.dialing' },
      { ...base, type: 'participant.contacting' },
      { ...base, type: 'participant.offering' },
      { ...base, type: 'participant.connected' },
      { ...base, type: 'participant.holdStarted' },
      { ...base, type: 'participant.holdEnded' },
      { ...base, type: 'participant.parked', resumeTime: '2026-11-21T11:00:00Z' },
      { ...base, type: 'participant.resumed' },
      { ...base, type: 'participant.disconnected', disconnectType: 'client', errorInfo: { code: 'x' } },
      { ...base, type: 'participant.acwStarted' },
      { ...base, type: 'participant.wrapupApplied', wrapup: { code: 'wc', notes: 'n', tags: ['a'], durationSeconds: 3 } },
      { ...base, type: 'participant.wrapupSkipped' },
      { ...base, type: 'participant.acwEnded' },
      { ...base, type: 'participant.updated', flaggedReason: 'general', attributes: { a: 'b' } },
      { ...base, type: 'callback.scheduled', callbackScheduledTime: '2026-11-21T12:00:00.000Z' },
    ];
    for (const input of events) expect(parseEvent(input), input.type).toMatchObject({ ok: true, event: { type: input.type } });
  });

  it('normalizes times with offsets to UTC milliseconds', () => {
    const result = parseEvent({ ...base, type: 'participant.connected', time: '2026-11-21T11:00:00+01:00' });
    expect(result).toMatchObject({ ok: true, event: { time: '2026-11-21T10:00:00.000Z' } });
  });

  it('rejects a time without a zone, naming the field', () => {
    const result = parseEvent({ ...base, type: 'participant.connected', time: '2026-11-21T10:00:00' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]).toMatchObject({ field: 'time' });
      expect(result.message).toContain('not an ISO-8601 time with a zone');
      expect(result.id).toBe('e1');
    }
  });

  it('rejects wrong field types and says what was expected', () => {
    const result = parseEvent({ ...base, type: 'participant.added', media: 'chat', purpose: 'agent', alertingTimeoutMs: '30s' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^alertingTimeoutMs expected number/);
  });

  it('rejects a missing required field', () => {
    const { conversationId: _, ...noConversation } = base;
    const result = parseEvent({ ...noConversation, type: 'participant.connected' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual({ field: 'conversationId', message: 'conversationId is required' });
  });

  it('rejects an unknown event type and lists the known ones', () => {
    const result = parseEvent({ ...base, type: 'participant.teleported' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^type must be one of "participant.added"/);
  });

  it('lists the known values of a discriminator, quoted and separated by commas', () => {
    const result = parseEvent({ ...base, type: 'participant.added', media: 'sms', purpose: 'agent' });
    const message = 'media must be one of "chat", "callback"';
    expect(result).toEqual({ ok: false, id: 'e1', issues: [{ field: 'media', message }], message });
  });

  it('joins several issues into one message, in order, separated by semicolons', () => {
    const result = parseEvent({ ...base, type: 'participant.connected', conversationId: 3, participantId: '' });
    expect(result).toEqual({
      ok: false, id: 'e1',
      issues: [
        { field: 'conversationId', message: 'conversationId expected string, received number' },
        { field: 'participantId', message: 'participantId must be a non-empty string' },
      ],
      message: 'conversationId expected string, received number; participantId must be a non-empty string',
    });
  });

  it("drops only zod's leading \"Invalid input: \", never the same words quoted from the input", () => {
    const result = parseEvent({ ...base, type: 'participant.connected', time: 'Invalid input: x' });
    expect(result).toMatchObject({
      ok: false, message: 'time "Invalid input: x" is not an ISO-8601 time with a zone (e.g. 2026-11-21T10:00:00.000Z)',
    });
  });

  it('rejects a chat field on a callback participant and the reverse', () => {
    const onCallback = parseEvent({ ...base, type: 'participant.added', media: 'callback', purpose: 'agent', roomId: 'r' });
    const onChat = parseEvent({ ...base, type: 'participant.added', media: 'chat', purpose: 'agent', skipEnabled: true });
    expect(onCallback).toMatchObject({ ok: false, issues: [{ field: 'roomId', message: 'roomId is a chat field; a callback participant cannot have it' }] });
    expect(onChat).toMatchObject({ ok: false, issues: [{ field: 'skipEnabled' }] });
  });

  it('refuses lifecycle fields on participant.updated', () => {
    const result = parseEvent({ ...base, type: 'participant.updated', state: 'connected' });
    expect(result).toMatchObject({ ok: false, issues: [{ field: 'state', message: 'state is a lifecycle field; only lifecycle events change it' }] });
  });

  it('keeps unknown extra fields out of the event without failing it', () => {
    const result = parseEvent({ ...base, type: 'participant.connected', vendorField: 1 });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.event).not.toHaveProperty('vendorField');
  });

  it('keeps __proto__ and constructor attribute keys as plain data', () => {
    const input = JSON.parse(`{"id":"e1","type":"participant.updated","time":"2026-11-21T10:00:00Z","conversationId":"c","participantId":"p",
      "attributes":{"__proto__":{"polluted":"yes"},"constructor":"c","a":"b"}}`);
    const result = parseEvent(input);
    expect(result.ok).toBe(false); // the __proto__ value is an object, not a string
    const ok = parseEvent({ ...input, attributes: JSON.parse('{"__proto__":"x","constructor":"y"}') });
    expect(ok.ok).toBe(true);
    if (ok.ok && ok.event.type === 'participant.updated') {
      expect(Object.getPrototypeOf(ok.event.attributes)).toBeNull();
      expect(Object.keys(ok.event.attributes!)).toEqual(['__proto__', 'constructor']);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects non-objects with a sentence', () => {
    expect(parseEvent([1])).toMatchObject({ ok: false, message: 'an event must be a JSON object, not an array' });
    expect(parseEvent(null)).toMatchObject({ ok: false, message: 'an event must be a JSON object, not null' });
  });
});

describe('normalizeTime', () => {
  it.each([
    ['2026-11-21T10:00:00.000Z', '2026-11-21T10:00:00.000Z'],
    ['2026-11-21T10:00:00Z', '2026-11-21T10:00:00.000Z'],
    ['2026-11-21T10:00Z', '2026-11-21T10:00:00.000Z'],
    ['2026-11-21T10:00:00.5Z', '2026-11-21T10:00:00.500Z'],
    ['2026-11-21T10:00:00.123456Z', '2026-11-21T10:00:00.123Z'],
    ['2026-11-21T05:30:00-04:30', '2026-11-21T10:00:00.000Z'],
    ['2026-11-21T11:00:00+0100', '2026-11-21T10:00:00.000Z'],
    ['2026-11-21T11:00:00+01', '2026-11-21T10:00:00.000Z'],
  ])('%s → %s', (input, expected) => expect(normalizeTime(input)).toBe(expected));

  it.each([
    '2026-11-21T10:00:00', '2026-11-21', '2026-02-30T10:00:00Z', '2026-02-30T10:00:00.000Z', 'yesterday', '2026-13-01T00:00:00Z',
    '2016-12-31T23:59:60Z', '2026-11-21T24:00:00Z', '2026-11-21T24:00:00.000Z', '2026-11-21T10:00:00+24:00',
  ])(
    'refuses %s',
    (input) => expect(normalizeTime(input)).toBeUndefined(),
  );
});

describe('parseEvent: a refused time says why', () => {
  it.each([
    ['2016-12-31T23:59:60Z', 'time "2016-12-31T23:59:60Z" is a leap second (second 60), which is not supported'],
    ['2026-02-30T10:00:00Z', 'time "2026-02-30T10:00:00Z" has day 30; February 2026 has days 01–28'],
    ['2028-02-30T10:00:00.000Z', 'time "2028-02-30T10:00:00.000Z" has day 30; February 2028 has days 01–29'],
    ['2026-04-31T10:00:00+02:00', 'time "2026-04-31T10:00:00+02:00" has day 31; April 2026 has days 01–30'],
    ['2026-11-00T10:00:00Z', 'time "2026-11-00T10:00:00Z" has day 00; November 2026 has days 01–30'],
    ['2026-13-01T00:00:00Z', 'time "2026-13-01T00:00:00Z" has month 13; months run 01–12'],
    ['2026-11-21T24:00:00.000Z', 'time "2026-11-21T24:00:00.000Z" has hour 24; hours run 00–23'],
    ['2026-11-21T10:60:00Z', 'time "2026-11-21T10:60:00Z" has minute 60; minutes run 00–59'],
    ['2026-11-21T10:00:61Z', 'time "2026-11-21T10:00:61Z" has second 61; seconds run 00–59'],
    ['2026-11-21T10:00:00+24:00', 'time "2026-11-21T10:00:00+24:00" has offset +24:00; offsets run from -23:59 to +23:59'],
    ['2026-11-21T10:00:00', 'time "2026-11-21T10:00:00" is not an ISO-8601 time with a zone (e.g. 2026-11-21T10:00:00.000Z)'],
  ])('%s', (time, message) => {
    expect(parseEvent({ ...base, type: 'participant.connected', time })).toMatchObject({ ok: false, issues: [{ field: 'time', message }], message });
  });
});

describe('parseEvent: the accept path', () => {
  const connected = { type: 'participant.connected', time: '2026-11-21T11:00:00+01:00', id: 'e1', conversationId: 'c1', participantId: 'p1' };

  it('a valid event is the private copy itself, checked in place: its keys in the order they came, its time normalized', () => {
    const result = parseEvent(connected);
    expect(result.ok && Object.keys(result.event)).toEqual(['type', 'time', 'id', 'conversationId', 'participantId']);
    expect(result.ok && result.event.time).toBe('2026-11-21T10:00:00.000Z');
    expect(connected.time).toBe('2026-11-21T11:00:00+01:00');
  });

  it('an event with a key the schema strips is parsed by the schema: the same event, in the schema order', () => {
    const result = parseEvent({ ...connected, vendor: 'x' });
    expect(result.ok && Object.keys(result.event)).toEqual(['id', 'time', 'conversationId', 'participantId', 'type']);
    expect(result.ok && result.event).toStrictEqual({ ...connected, time: '2026-11-21T10:00:00.000Z' });
  });
});
