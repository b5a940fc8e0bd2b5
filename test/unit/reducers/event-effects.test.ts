import { describe, expect, it } from 'vitest';
import { addCallbackAgent, addChatAgent, ev, given } from '../../support/tracker-fixtures.js';
import { iso } from '../../support/walks.js';

/** given(events).when(event).then(participant) */
function when(events: Parameters<typeof given>, event: ReturnType<typeof ev>) {
  const tracker = given(...events);
  const result = tracker.apply(event);
  expect(result.status).toBe('applied');
  return tracker.participant('c1', event.participantId)!;
}

describe('the effect of each event type on the participant snapshot', () => {
  it('participant.added creates it: startTime, startAlertingTime, static fields, not held', () => {
    const p = when([], addChatAgent('a1', 0, { name: 'Bo', queue: { id: 'q1' }, roomId: 'r1', alertingTimeoutMs: 30000, mediaRoles: ['full'] }));
    expect(p).toEqual({
      id: 'a1', purpose: 'agent', startTime: iso(0), startAlertingTime: iso(0), held: false, name: 'Bo',
      queue: { id: 'q1' }, alertingTimeoutMs: 30000, mediaRoles: ['full'], roomId: 'r1', state: 'alerting',
    });
  });

  it('participant.added with state connected sets connectedTime = startTime', () => {
    const p = when([], ev('participant.added', 'c', 5, { media: 'chat', purpose: 'customer', state: 'connected' }));
    expect(p).toMatchObject({ state: 'connected', startTime: iso(5), connectedTime: iso(5) });
    expect(p).not.toHaveProperty('startAlertingTime');
  });

  it('participant.added of a scheduled callback keeps the callback fields', () => {
    const p = when([], addCallbackAgent('cb', 0, { purpose: 'customer', state: 'scheduled', callbackNumbers: ['+1'], callbackScheduledTime: iso(60_000), skipEnabled: true, timeoutSeconds: 0 }));
    expect(p).toMatchObject({ state: 'scheduled', callbackNumbers: ['+1'], callbackScheduledTime: iso(60_000), skipEnabled: true, timeoutSeconds: 0 });
  });

  it('participant.alerting, dialing, contacting, offering change the state; the first alerting is recorded', () => {
    const start = [ev('participant.added', 'a1', 0, { media: 'chat', purpose: 'agent', state: 'dialing' })];
    expect(when(start, ev('participant.contacting', 'a1', 1))).toMatchObject({ state: 'contacting' });
    expect(when(start, ev('participant.offering', 'a1', 1))).toMatchObject({ state: 'offering' });
    expect(when(start, ev('participant.alerting', 'a1', 7))).toMatchObject({ state: 'alerting', startAlertingTime: iso(7) });
    const backToDialing = when([addChatAgent('a1', 0)], ev('participant.dialing', 'a1', 3));
    expect(backToDialing).toMatchObject({ state: 'dialing', startAlertingTime: iso(0) });
  });

  it('participant.connected sets connectedTime on the first connection only', () => {
    const p = when([addChatAgent('a1', 0)], ev('participant.connected', 'a1', 4000));
    expect(p).toMatchObject({ state: 'connected', connectedTime: iso(4000) });
  });

  it('participant.holdStarted / holdEnded flip held and startHoldTime', () => {
    const connected = [addChatAgent('a1', 0), ev('participant.connected', 'a1', 1)];
    expect(when(connected, ev('participant.holdStarted', 'a1', 2))).toMatchObject({ state: 'connected', held: true, startHoldTime: iso(2) });
    const ended = when([...connected, ev('participant.holdStarted', 'a1', 2)], ev('participant.holdEnded', 'a1', 3));
    expect(ended).toMatchObject({ held: false });
    expect(ended).not.toHaveProperty('startHoldTime');
  });

  it('participant.parked / resumed: parkTime kept on resume, resumeTime when given', () => {
    const connected = [addCallbackAgent('a1', 0), ev('participant.connected', 'a1', 1)];
    expect(when(connected, ev('participant.parked', 'a1', 2, { resumeTime: iso(900) }))).toMatchObject({ state: 'parked', parkTime: iso(2), resumeTime: iso(900) });
    const resumed = when([...connected, ev('participant.parked', 'a1', 2)], ev('participant.resumed', 'a1', 9));
    expect(resumed).toMatchObject({ state: 'connected', parkTime: iso(2) });
    expect(resumed).not.toHaveProperty('resumeTime');
  });

  it('participant.disconnected sets endTime, disconnectType, errorInfo and releases a hold', () => {
    const held = [addChatAgent('a1', 0), ev('participant.connected', 'a1', 1), ev('participant.holdStarted', 'a1', 2)];
    const p = when(held, ev('participant.disconnected', 'a1', 5, { disconnectType: 'error', errorInfo: { code: 'E1', message: 'boom' } }));
    expect(p).toMatchObject({ state: 'disconnected', endTime: iso(5), disconnectType: 'error', errorInfo: { code: 'E1', message: 'boom' }, held: false });
    expect(p).not.toHaveProperty('startHoldTime');
  });

  const ended = [addChatAgent('a1', 0), ev('participant.connected', 'a1', 1), ev('participant.disconnected', 'a1', 5, { disconnectType: 'client' })];

  it('participant.acwStarted sets startAcwTime', () => {
    expect(when(ended, ev('participant.acwStarted', 'a1', 5))).toMatchObject({ startAcwTime: iso(5), state: 'disconnected' });
  });

  it('participant.wrapupApplied sets wrapup with wrapup.endTime = time', () => {
    const p = when([...ended, ev('participant.acwStarted', 'a1', 5)], ev('participant.wrapupApplied', 'a1', 20, { wrapup: { code: 'wc', name: 'Sold', tags: ['x'], durationSeconds: 15 } }));
    expect(p.wrapup).toEqual({ code: 'wc', name: 'Sold', tags: ['x'], durationSeconds: 15, endTime: iso(20) });
  });

  it('participant.wrapupSkipped sets wrapupSkipped', () => {
    expect(when(ended, ev('participant.wrapupSkipped', 'a1', 6))).toMatchObject({ wrapupSkipped: true });
  });

  it('participant.acwEnded sets endAcwTime', () => {
    expect(when([...ended, ev('participant.acwStarted', 'a1', 5)], ev('participant.acwEnded', 'a1', 30))).toMatchObject({ startAcwTime: iso(5), endAcwTime: iso(30) });
  });

  it('participant.updated sets static fields and merges attributes', () => {
    const start = [addChatAgent('a1', 0, { attributes: { a: '1', b: '2' } })];
    const p = when(start, ev('participant.updated', 'a1', 3, { attributes: { b: '3', c: '4' }, flaggedReason: 'general', name: 'New' }));
    expect({ ...p.attributes }).toEqual({ a: '1', b: '3', c: '4' });
    expect(p).toMatchObject({ flaggedReason: 'general', name: 'New', state: 'alerting' });
  });

  it('a participant with no attributes yet shares the kept event\'s frozen ones, live and bulk; a later event merges into a new object', () => {
    const added = addChatAgent('a1', 0, { attributes: { a: '1' } });
    const live = given();
    const kept = (live.apply(added) as { event: { attributes: object } }).event.attributes;
    const bulk = given();
    bulk.load([added]);
    for (const [tracker, attributes] of [[live, kept], [bulk, (bulk.history('c1')[0] as { attributes?: object }).attributes]] as const) {
      expect(tracker.participant('c1', 'a1')!.attributes).toBe(attributes);
      tracker.apply(ev('participant.updated', 'a1', 3, { attributes: { b: '2' } }));
      const merged = tracker.participant('c1', 'a1')!.attributes!;
      expect(merged).not.toBe(attributes);
      expect({ ...merged }).toEqual({ a: '1', b: '2' });
      expect(Object.getPrototypeOf(merged)).toBeNull();
    }
  });

  it('callback.scheduled moves callbackScheduledTime before connection', () => {
    const start = [addCallbackAgent('cb', 0, { state: 'scheduled', callbackScheduledTime: iso(60_000) })];
    expect(when(start, ev('callback.scheduled', 'cb', 10, { callbackScheduledTime: iso(120_000) }))).toMatchObject({ callbackScheduledTime: iso(120_000), state: 'scheduled' });
  });
});
