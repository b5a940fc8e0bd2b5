import { describe, expect, it, vi } from 'vitest';
import { InvalidInstantError } from '../../../src/errors/invalid-instant-error.js';

const isFrozen = Object.isFrozen;
import type { ApplyResult } from '../../../src/tracker/apply-result.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { addCallbackAgent, addChatAgent, ev, given } from '../../support/tracker-fixtures.js';
import { iso } from '../../support/walks.js';

describe('createTracker: apply results and every rejection reason', () => {
  it('applied, then duplicate for the same id and content', () => {
    const tracker = createTracker();
    const added = addChatAgent();
    expect(tracker.apply(added)).toEqual({ status: 'applied', event: added });
    expect(tracker.apply(JSON.parse(JSON.stringify(added)))).toEqual({ status: 'duplicate', eventId: added.id });
    expect(tracker.stats()).toEqual({ conversations: 1, participants: 1, events: 1 });
  });

  it('invalid-event: garbage never throws and names the field', () => {
    const tracker = createTracker();
    for (const garbage of [undefined, 42, 'x', [], {}, { id: 1 }, { type: 'participant.added' }]) {
      expect(tracker.apply(garbage)).toMatchObject({ status: 'rejected', reason: 'invalid-event' });
    }
    expect(tracker.apply({ ...addChatAgent(), time: '2026-11-21T10:00:00' })).toMatchObject({ reason: 'invalid-event', field: 'time' });
    expect(tracker.conversations()).toEqual([]);
  });

  it('conflicting-duplicate: the same id with different content', () => {
    const added = addChatAgent('a1');
    const tracker = given(added);
    const before = tracker.conversations();
    // Another participant's event under the id of a1's participant.added.
    expect(tracker.apply({ ...addChatAgent('a2'), id: added.id })).toEqual({
      status: 'rejected', reason: 'conflicting-duplicate', eventId: added.id, field: 'id',
      message: `event id ${added.id} is taken by an applied event with different content`,
    });
    const first = addChatAgent('a3');
    tracker.apply(first);
    expect(tracker.apply({ ...first, name: 'someone else' })).toMatchObject({ status: 'rejected', reason: 'conflicting-duplicate', eventId: first.id, field: 'id' });
    // Neither conflicting event took effect or stands as a rejection: the first events keep their ids.
    expect(tracker.participant('c1', 'a2')).toBeUndefined();
    expect(tracker.participant('c1', 'a3')?.name).toBeUndefined();
    expect(tracker.conversation('c1')?.participants.map((p) => p.id)).toEqual(['a1', 'a3']);
    expect(tracker.conversation('c1')?.participants[0]).toBe(before[0]!.participants[0]);
    expect(tracker.rejections()).toEqual([]);
    expect(tracker.history('c1').map((e) => e.id)).toEqual([added.id, first.id]);
  });

  it('unknown-participant: an event before (or without) participant.added', () => {
    expect(createTracker().apply(ev('participant.connected', 'ghost', 0))).toMatchObject({
      status: 'rejected', reason: 'unknown-participant', message: 'participant ghost has not been added to conversation c1',
    });
  });

  it('participant-exists: a second participant.added', () => {
    expect(given(addChatAgent('a1')).apply(addChatAgent('a1', 5))).toMatchObject({ reason: 'participant-exists' });
  });

  it('media-mismatch: a callback participant in a chat conversation', () => {
    expect(given(addChatAgent('a1')).apply(addCallbackAgent('a2', 5))).toMatchObject({ reason: 'media-mismatch', field: 'media' });
  });

  it('field-not-allowed: participant.updated with a field of the other media', () => {
    expect(given(addChatAgent('a1')).apply(ev('participant.updated', 'a1', 5, { skipEnabled: true }))).toMatchObject({
      reason: 'field-not-allowed', field: 'skipEnabled', message: 'skipEnabled cannot be set on a chat participant',
    });
    expect(given(addCallbackAgent('a1')).apply(ev('participant.updated', 'a1', 5, { roomId: 'r' }))).toMatchObject({ reason: 'field-not-allowed' });
  });

  it('illegal-transition: connecting a disconnected participant, parking a chat, holding before connection', () => {
    const disconnected = given(addChatAgent('a1'), ev('participant.disconnected', 'a1', 1, { disconnectType: 'system' }));
    expect(disconnected.apply(ev('participant.connected', 'a1', 2))).toMatchObject({
      reason: 'illegal-transition',
      message: 'participant.connected is not allowed for a chat participant in state disconnected (allowed: participant.updated, participant.acwStarted, participant.wrapupApplied, participant.wrapupSkipped)',
    });
    const chat = given(addChatAgent('a1'), ev('participant.connected', 'a1', 1));
    expect(chat.apply(ev('participant.parked', 'a1', 2))).toMatchObject({ reason: 'illegal-transition' });
    expect(given(addChatAgent('a1')).apply(ev('participant.holdStarted', 'a1', 2))).toMatchObject({ reason: 'illegal-transition' });
  });

  it('invariant-violation: a resumeTime before the park', () => {
    const tracker = given(addCallbackAgent('a1'), ev('participant.connected', 'a1', 1));
    expect(tracker.apply(ev('participant.parked', 'a1', 5000, { resumeTime: iso(1000) }))).toMatchObject({
      reason: 'invariant-violation', message: expect.stringContaining('parkTime ≤ resumeTime'),
    });
  });

  it('a rejected event leaves every snapshot as it was (same objects)', () => {
    const tracker = given(addChatAgent('a1'), ev('participant.connected', 'a1', 1));
    const before = tracker.conversations();
    tracker.apply(ev('participant.acwEnded', 'a1', 2));
    expect(tracker.conversations()).toEqual(before);
    expect(tracker.conversation('c1')).toBe(before[0]);
  });
});

describe('createTracker: order, late events, time travel', () => {
  it('a late event is inserted in event-time order and re-folds its conversation', () => {
    const added = addChatAgent('a1', 0);
    const connected = ev('participant.connected', 'a1', 1000);
    const hold = ev('participant.holdStarted', 'a1', 2000);
    const tracker = createTracker();
    tracker.apply(added);
    expect(tracker.apply(hold)).toMatchObject({ status: 'rejected', reason: 'illegal-transition' });
    expect(tracker.rejections()).toHaveLength(1);
    expect(tracker.apply(connected)).toMatchObject({ status: 'applied' });
    expect(tracker.participant('c1', 'a1')).toMatchObject({ state: 'connected', held: true, connectedTime: iso(1000), startHoldTime: iso(2000) });
    expect(tracker.rejections()).toEqual([]);
  });

  it('equal times follow lifecycle rank, then arrival', () => {
    const tracker = createTracker();
    tracker.apply(ev('participant.connected', 'a1', 0));
    tracker.apply(addChatAgent('a1', 0));
    expect(tracker.participant('c1', 'a1')).toMatchObject({ state: 'connected', connectedTime: iso(0) });
  });

  it('a late event can turn an applied one into a rejected one, exactly as time order would', () => {
    const tracker = given(addChatAgent('a1', 0), ev('participant.connected', 'a1', 1000), ev('participant.holdStarted', 'a1', 3000));
    tracker.apply(ev('participant.disconnected', 'a1', 2000, { disconnectType: 'client' }));
    expect(tracker.participant('c1', 'a1')).toMatchObject({ state: 'disconnected', held: false, endTime: iso(2000) });
    expect(tracker.rejections()).toMatchObject([{ reason: 'illegal-transition', event: { type: 'participant.holdStarted' } }]);
  });

  it('at(time) gives the state at a past instant; conversations and participants added later are left out', () => {
    const tracker = given(
      addChatAgent('a1', 0), ev('participant.connected', 'a1', 1000), ev('participant.holdStarted', 'a1', 5000),
      addChatAgent('a2', 8000),
      { ...addChatAgent('z1', 20_000), conversationId: 'c2' },
    );
    const view = tracker.at(iso(6000));
    expect(view.conversations().map((c) => c.id)).toEqual(['c1']);
    expect(view.conversation('c1')!.participants.map((p) => p.id)).toEqual(['a1']);
    expect(view.participant('c1', 'a1')).toMatchObject({ held: true, startHoldTime: iso(5000) });
    expect(tracker.at(iso(1000)).participant('c1', 'a1')).toMatchObject({ state: 'connected', held: false });
    expect(tracker.at(new Date(Date.parse(iso(999)))).participant('c1', 'a1')).toMatchObject({ state: 'alerting' });
    expect(tracker.at(Date.parse(iso(1000))).participant('c1', 'a1')).toMatchObject({ state: 'connected' });
  });

  it.each([
    ['garbage', '"garbage" is not an ISO-8601 time with a zone (e.g. 2026-11-21T10:00:00.000Z)'],
    ['2026-11-21T10:20:35', '"2026-11-21T10:20:35" is not an ISO-8601 time with a zone (e.g. 2026-11-21T10:00:00.000Z)'],
    ['2026-02-30T10:00:00Z', '"2026-02-30T10:00:00Z" has day 30; February 2026 has days 01–28'],
    [1e20, '100000000000000000000 is not an instant: epoch milliseconds run from -8640000000000000 to 8640000000000000'],
    [Number.NaN, 'NaN is not an instant: epoch milliseconds run from -8640000000000000 to 8640000000000000'],
    [new Date('nope'), 'an invalid Date is not an instant'],
    [null, 'null is not an instant: give an ISO-8601 time with a zone, a Date or epoch milliseconds'],
    [{}, 'an object is not an instant: give an ISO-8601 time with a zone, a Date or epoch milliseconds'],
    [undefined, 'undefined is not an instant: give an ISO-8601 time with a zone, a Date or epoch milliseconds'],
  ])('at(%s) throws an InvalidInstantError that says why', (instant, message) => {
    const tracker = given(addChatAgent('a1', 0));
    expect(() => tracker.at(instant as string)).toThrow(new InvalidInstantError(message));
    expect(() => tracker.at(instant as string)).toThrow(expect.objectContaining({ code: 'INVALID_INSTANT' }));
  });

  it('subscribe: one change per applied event, none for a rejection; unsubscribe stops it', () => {
    const tracker = createTracker();
    const changes: string[] = [];
    const stop = tracker.subscribe((c) => changes.push(`${c.conversationId}:${c.previous === undefined ? 'new' : c.snapshot.participants.length}`));
    tracker.apply(addChatAgent('a1'));
    tracker.apply(ev('participant.holdStarted', 'a1', 1));
    tracker.apply(addChatAgent('a2', 2));
    stop();
    tracker.apply(addChatAgent('a3', 3));
    expect(changes).toEqual(['c1:new', 'c1:2']);
  });
});

describe('createTracker: snapshots', () => {
  it('are frozen and share structure: an event replaces only its participant and its conversation', () => {
    const other = { ...addChatAgent('z1'), conversationId: 'c2' };
    const tracker = given(addChatAgent('a1'), addChatAgent('a2', 1), other);
    const before = tracker.conversation('c1')!;
    const untouched = tracker.conversation('c2')!;
    tracker.apply(ev('participant.connected', 'a2', 5));
    const after = tracker.conversation('c1')!;
    expect(after).not.toBe(before);
    expect(after.participants[0]).toBe(before.participants[0]);
    expect(after.participants[1]).not.toBe(before.participants[1]);
    expect(tracker.conversation('c2')).toBe(untouched);
    expect(isFrozen(after) && isFrozen(after.participants) && isFrozen(after.participants[1])).toBe(true);
  });

  it('load (bulk) gives the same snapshots and final results as apply (live)', () => {
    const events = [addChatAgent('a1', 0), ev('participant.holdStarted', 'a1', 500), ev('participant.connected', 'a1', 100), ev('participant.acwEnded', 'a1', 900)];
    const live = createTracker();
    events.forEach((e) => live.apply(e));
    const bulk = createTracker();
    const results = bulk.load(events);
    expect(bulk.conversations()).toEqual(live.conversations());
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'rejected']);
    expect(isFrozen(bulk.conversation('c1')!.participants[0]!)).toBe(true);
  });

  it('keeps participants in the order they were added', () => {
    const tracker = given(addChatAgent('b', 0), addChatAgent('a', 1), addChatAgent('c', 2));
    expect(tracker.conversation('c1')!.participants.map((p) => p.id)).toEqual(['b', 'a', 'c']);
  });

  it('ids such as __proto__ and constructor are plain keys', () => {
    const tracker = createTracker();
    expect(tracker.apply({ ...addChatAgent('__proto__'), conversationId: 'constructor', id: '__proto__' })).toMatchObject({ status: 'applied' });
    expect(tracker.participant('constructor', '__proto__')).toMatchObject({ id: '__proto__' });
    expect(({} as Record<string, unknown>).id).toBeUndefined();
  });
});

describe('createTracker: history and bulk staging', () => {
  it('history lists applied events in application order, standing rejections left out', () => {
    const tracker = createTracker();
    const added = addChatAgent('a1', 0);
    const hold = ev('participant.holdStarted', 'a1', 50);
    const connected = ev('participant.connected', 'a1', 10);
    const bad = ev('participant.acwEnded', 'a1', 60);
    tracker.load([hold, added, bad, connected]);
    expect(tracker.history('c1').map((e) => e.type)).toEqual(['participant.added', 'participant.connected', 'participant.holdStarted']);
    expect(tracker.history('nope')).toEqual([]);
  });

  it('stage + settle notifies each changed conversation once', () => {
    const tracker = createTracker();
    const seen: string[] = [];
    tracker.subscribe((c) => seen.push(c.conversationId));
    tracker.stage(addChatAgent('a1', 0));
    tracker.stage(ev('participant.connected', 'a1', 5));
    tracker.stage({ ...addChatAgent('b1', 0), conversationId: 'c2' });
    expect(seen).toEqual([]);
    tracker.settle();
    expect(seen).toEqual(['c1', 'c2']);
    expect(tracker.stats()).toEqual({ conversations: 2, participants: 2, events: 3 });
  });

  it('a standing rejection gives its arrival number: every input counted from 0, invalid ones included', () => {
    const tracker = createTracker();
    tracker.stage(addChatAgent('a1', 0));
    tracker.stage({ not: 'an event' });
    tracker.stage(ev('participant.acwEnded', 'a1', 5));
    tracker.settle();
    tracker.apply(ev('participant.acwEnded', 'a1', 6));
    expect(tracker.rejections()).toMatchObject([{ seq: 2, reason: 'illegal-transition' }, { seq: 3, reason: 'illegal-transition' }]);
  });

  it('arrival numbers are the tracker\'s own: a number passed by the caller cannot make an applied event vanish', () => {
    const tracker = createTracker();
    const applyNumbered = tracker.apply as (input: unknown, seq: number) => ApplyResult;
    const stageNumbered = tracker.stage as (input: unknown, seq: number) => ApplyResult;
    applyNumbered(addChatAgent('a1', 0), 7);
    applyNumbered(ev('participant.acwEnded', 'a1', 5), 7);
    stageNumbered(ev('participant.connected', 'a1', 10), 7);
    stageNumbered(ev('participant.acwEnded', 'a1', 20), 7);
    tracker.settle();
    expect(tracker.history('c1').map((e) => e.type)).toEqual(['participant.added', 'participant.connected']);
    expect(tracker.rejections().map((r) => r.seq)).toEqual([1, 3]);
  });
});

describe('createTracker: apply never throws', () => {
  it('input whose reading throws is rejected as invalid-event, and the tracker keeps working', () => {
    const tracker = createTracker();
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const hostile = [
      { ...addChatAgent('a1'), get id(): string { throw new Error('boom'); } },
      { ...addChatAgent('a1'), attributes: { get tier(): string { throw new Error('boom'); } } },
      { ...addChatAgent('a1'), queue: { get id(): string { throw new Error('boom'); } } },
      new Proxy(addChatAgent('a1'), { get() { throw new Error('boom'); } }),
      proxy,
    ];
    for (const input of hostile) {
      expect(tracker.apply(input)).toMatchObject({ status: 'rejected', reason: 'invalid-event' });
      expect(tracker.stage(input)).toMatchObject({ status: 'rejected', reason: 'invalid-event' });
    }
    expect(tracker.load(hostile).map((r) => r.status)).toEqual(hostile.map(() => 'rejected'));
    expect(tracker.apply(addChatAgent('a1'))).toMatchObject({ status: 'applied' });
  });
});

describe('createTracker: stored events cannot be changed from outside', () => {
  it('events from apply(), history() and rejections() are frozen, deeply; a refold gives what was applied', () => {
    const tracker = createTracker();
    const result = tracker.apply(addChatAgent('a1', 0, { name: 'Ann', queue: { id: 'q1', name: 'Sales' }, attributes: { tier: 'gold' } }));
    tracker.apply(ev('participant.connected', 'a1', 1000));
    tracker.apply(ev('participant.holdStarted', 'a1', 3000));
    const [added, connected] = tracker.history('c1') as Record<string, any>[];
    expect(result.status === 'applied' && result.event).toBe(added);
    expect(() => { added!.name = 'Eve'; }).toThrow(TypeError);
    expect(() => { added!.queue.name = 'Other'; }).toThrow(TypeError);
    expect(() => { added!.attributes.tier = 'none'; }).toThrow(TypeError);
    expect(() => { connected!.type = 'participant.disconnected'; }).toThrow(TypeError);
    tracker.apply(ev('participant.disconnected', 'a1', 2000, { disconnectType: 'client' })); // late: re-folds c1
    const [standing] = tracker.rejections();
    expect(() => { (standing!.event as Record<string, unknown>).time = iso(9000); }).toThrow(TypeError);
    expect(tracker.participant('c1', 'a1')).toMatchObject({ name: 'Ann', queue: { name: 'Sales' }, attributes: { tier: 'gold' }, state: 'disconnected' });
  });

  it('changing an input after apply() changes nothing stored', () => {
    const tracker = createTracker();
    const input = addChatAgent('a1', 0, { name: 'Ann', queue: { id: 'q1' } }) as Record<string, any>;
    tracker.apply(input);
    input.name = 'Eve';
    input.queue.id = 'q2';
    tracker.apply(ev('participant.connected', 'a1', 2000));
    tracker.apply(ev('participant.alerting', 'a1', 1000)); // late: re-folds c1
    expect(tracker.participant('c1', 'a1')).toMatchObject({ name: 'Ann', queue: { id: 'q1' } });
    expect(tracker.history('c1')[0]).toMatchObject({ name: 'Ann' });
  });
});

describe('createTracker: subscribers are isolated from each other and from apply', () => {
  const failing = () => {
    throw new Error('listener failed');
  };

  it('a throwing subscriber: every other one is called, onError gets the error and the change, apply returns its result', () => {
    const errors: [unknown, string][] = [];
    const tracker = createTracker({ onError: (error, change) => errors.push([error, change.conversationId]) });
    const seen: number[] = [];
    tracker.subscribe(failing);
    tracker.subscribe((change) => seen.push(change.snapshot.participants.length));
    expect(tracker.apply(addChatAgent('a1'))).toMatchObject({ status: 'applied' });
    tracker.stage(addChatAgent('a2', 1));
    expect(() => tracker.settle()).not.toThrow();
    expect(seen).toEqual([1, 2]);
    expect(errors).toEqual([[new Error('listener failed'), 'c1'], [new Error('listener failed'), 'c1']]);
    expect(tracker.participant('c1', 'a2')).toBeDefined();
  });

  it('without onError, the error is thrown on its own, after apply has returned (as EventTarget does)', () => {
    const later: (() => void)[] = [];
    const queue = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => void later.push(task));
    try {
      const tracker = createTracker();
      const seen: string[] = [];
      tracker.subscribe(failing);
      tracker.subscribe((change) => seen.push(change.conversationId));
      expect(tracker.apply(addChatAgent('a1'))).toMatchObject({ status: 'applied' });
      expect(seen).toEqual(['c1']);
      expect(later).toHaveLength(1);
      expect(() => later[0]!()).toThrow('listener failed');
    } finally {
      queue.mockRestore();
    }
  });

  it('an onError that throws is thrown on its own too; apply still returns', () => {
    const later: (() => void)[] = [];
    const queue = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => void later.push(task));
    try {
      const tracker = createTracker({ onError: () => { throw new Error('onError failed'); } });
      tracker.subscribe(failing);
      expect(tracker.apply(addChatAgent('a1'))).toMatchObject({ status: 'applied' });
      expect(() => later[0]!()).toThrow('onError failed');
    } finally {
      queue.mockRestore();
    }
  });
});

describe('createTracker: late events', () => {
  it('an applied late event that makes an earlier-applied event rejected lists it (overturned); in-order events list nothing', () => {
    const tracker = createTracker();
    tracker.apply(addChatAgent('a1', 0));
    tracker.apply(ev('participant.connected', 'a1', 1000));
    const hold = tracker.apply(ev('participant.holdStarted', 'a1', 3000));
    expect(hold).toEqual({ status: 'applied', event: expect.anything() });
    const late = tracker.apply(ev('participant.disconnected', 'a1', 2000, { disconnectType: 'client' }));
    expect(late).toMatchObject({
      status: 'applied',
      overturned: [{ seq: 2, reason: 'illegal-transition', event: { type: 'participant.holdStarted' } }],
    });
    expect(late.status === 'applied' && late.overturned).toEqual(tracker.rejections());
  });

  it('a rejected late event notifies no one and keeps the snapshot object', () => {
    const tracker = given(addChatAgent('a1', 0), ev('participant.connected', 'a1', 1000), addChatAgent('a2', 2000));
    const changes: unknown[] = [];
    tracker.subscribe((change) => changes.push(change));
    const before = tracker.conversation('c1');
    expect(tracker.apply(ev('participant.holdEnded', 'a1', 500))).toMatchObject({ status: 'rejected', reason: 'illegal-transition' });
    expect(changes).toEqual([]);
    expect(tracker.conversation('c1')).toBe(before);
  });

  it('a late event keeps the objects of the participants it does not change', () => {
    const tracker = given(
      addChatAgent('a1', 0), addChatAgent('a2', 0), addChatAgent('a3', 0),
      ev('participant.connected', 'a1', 1000), ev('participant.connected', 'a2', 3000),
    );
    const before = tracker.conversation('c1')!;
    expect(tracker.apply(ev('participant.updated', 'a2', 2000, { name: 'Bo' }))).toMatchObject({ status: 'applied' });
    const after = tracker.conversation('c1')!;
    expect(after.participants[1]).toMatchObject({ name: 'Bo', state: 'connected' });
    expect(after.participants[1]).not.toBe(before.participants[1]);
    expect(after.participants[0]).toBe(before.participants[0]);
    expect(after.participants[2]).toBe(before.participants[2]);
  });

  it('folding staged events into a known conversation keeps the objects of unchanged participants', () => {
    const tracker = given(addChatAgent('a1', 0), addChatAgent('a2', 0));
    const before = tracker.conversation('c1')!;
    tracker.load([ev('participant.connected', 'a2', 1000)]);
    const after = tracker.conversation('c1')!;
    expect(after.participants[0]).toBe(before.participants[0]);
    expect(after.participants[1]).toMatchObject({ state: 'connected' });
  });
});

describe('createTracker: reads between stage() and settle()', () => {
  it('stats() counts what was staged', () => {
    const tracker = createTracker();
    tracker.stage(addChatAgent('a1', 0));
    tracker.stage(addChatAgent('a2', 1));
    tracker.stage({ ...addChatAgent('b1', 0), conversationId: 'c2' });
    expect(tracker.stats()).toEqual({ conversations: 2, participants: 3, events: 3 });
  });

  it('a read before settle() does not swallow the change: settle notifies it, from what subscribers last saw', () => {
    const tracker = given(addChatAgent('a1', 0));
    const seen = tracker.conversation('c1');
    const changes: { previous: unknown; snapshot: unknown }[] = [];
    tracker.subscribe((change) => changes.push(change));
    tracker.stage(ev('participant.connected', 'a1', 1000));
    expect(tracker.participant('c1', 'a1')).toMatchObject({ state: 'connected' });
    tracker.settle();
    expect(changes).toEqual([{ conversationId: 'c1', previous: seen, snapshot: tracker.conversation('c1'), finished: false }]);
    tracker.settle();
    expect(changes).toHaveLength(1);
  });
});

describe('createTracker: what a change says about its conversation', () => {
  it('a change says finished once every participant has disconnected with no after-call work under way', () => {
    const tracker = given(addChatAgent('a1', 0), ev('participant.connected', 'a1', 1000));
    const finished: boolean[] = [];
    tracker.subscribe((change) => finished.push(change.finished));
    tracker.apply(ev('participant.disconnected', 'a1', 2000));
    expect(finished).toEqual([true]);
  });

  it('latestTime() is the time of the latest event applied, whatever the arrival order', () => {
    const tracker = createTracker();
    expect(tracker.latestTime()).toBeUndefined();
    tracker.apply(addChatAgent('a1', 5000));
    tracker.apply({ ...addChatAgent('b1', 1000), conversationId: 'c2' });
    expect(tracker.latestTime()).toBe(iso(5000));
  });
});

describe('createTracker: an id is taken only while its event stands applied (retries)', () => {
  it('a rejected event re-sent with corrected content under its id replaces it; the result names the rejection it replaced', () => {
    const tracker = given(addChatAgent('a1', 0));
    const wrong = ev('participant.holdStarted', 'a1', 1000);
    expect(tracker.apply(wrong)).toMatchObject({ status: 'rejected', reason: 'illegal-transition' });
    const corrected = { ...wrong, type: 'participant.connected' };
    expect(tracker.apply(corrected)).toMatchObject({
      status: 'applied', event: { id: wrong.id, type: 'participant.connected' },
      replaced: { seq: 1, reason: 'illegal-transition', event: { id: wrong.id, type: 'participant.holdStarted' } },
    });
    expect(tracker.rejections()).toEqual([]);
    expect(tracker.history('c1').map((e) => e.type)).toEqual(['participant.added', 'participant.connected']);
    expect(tracker.participant('c1', 'a1')).toMatchObject({ state: 'connected' });
    // Now the id is taken: the same content is a duplicate, other content a conflict.
    expect(tracker.apply(corrected)).toEqual({ status: 'duplicate', eventId: wrong.id });
    expect(tracker.apply(wrong)).toMatchObject({ status: 'rejected', reason: 'conflicting-duplicate' });
  });

  it('a retry that is still wrong replaces the rejection with its own', () => {
    const tracker = given(addChatAgent('a1', 0));
    const wrong = ev('participant.holdStarted', 'a1', 1000);
    tracker.apply(wrong);
    expect(tracker.apply({ ...wrong, type: 'participant.acwEnded' })).toMatchObject({
      status: 'rejected', reason: 'illegal-transition', replaced: { seq: 1, event: { type: 'participant.holdStarted' } },
    });
    expect(tracker.rejections()).toMatchObject([{ seq: 2, event: { type: 'participant.acwEnded' } }]);
  });

  it('the same content again is a duplicate whether its event stands applied or rejected, and changes nothing', () => {
    const tracker = given(addChatAgent('a1', 0));
    const wrong = ev('participant.holdStarted', 'a1', 1000);
    tracker.apply(wrong);
    expect(tracker.apply({ ...wrong })).toEqual({ status: 'duplicate', eventId: wrong.id });
    expect(tracker.rejections()).toMatchObject([{ seq: 1 }]);
  });

  it('an invalid event never takes its id', () => {
    const tracker = createTracker();
    const added = addChatAgent('a1', 0);
    expect(tracker.apply({ ...added, time: 'soon' })).toMatchObject({ status: 'rejected', reason: 'invalid-event', eventId: added.id });
    expect(tracker.apply(added)).toEqual({ status: 'applied', event: added });
  });

  it('an event that a late event made rejected can be retried too; one that stands applied cannot', () => {
    const tracker = given(addChatAgent('a1', 0), ev('participant.connected', 'a1', 1000));
    const hold = ev('participant.holdStarted', 'a1', 3000);
    tracker.apply(hold);
    expect(tracker.apply({ ...hold, time: iso(1500) })).toMatchObject({ status: 'rejected', reason: 'conflicting-duplicate' });
    tracker.apply(ev('participant.disconnected', 'a1', 2000, { disconnectType: 'client' }));
    expect(tracker.apply({ ...hold, time: iso(1500) })).toMatchObject({ status: 'applied', replaced: { reason: 'illegal-transition' } });
    expect(tracker.participant('c1', 'a1')).toMatchObject({ state: 'disconnected', held: false });
    expect(tracker.rejections()).toEqual([]);
  });

  it('a retry may name another conversation: the rejected event leaves its own', () => {
    const tracker = given(addChatAgent('a1', 0), { ...addChatAgent('b1', 0), conversationId: 'c2' });
    const misrouted = ev('participant.connected', 'b1', 1000);
    expect(tracker.apply(misrouted)).toMatchObject({ reason: 'unknown-participant' });
    expect(tracker.apply({ ...misrouted, conversationId: 'c2' })).toMatchObject({ status: 'applied', replaced: { reason: 'unknown-participant' } });
    expect(tracker.history('c1').map((e) => e.id)).not.toContain(misrouted.id);
    expect(tracker.participant('c2', 'b1')).toMatchObject({ state: 'connected' });
    expect(tracker.stats().events).toBe(3);
  });

  it('bulk mode decides as live mode does, on the events staged so far; load() reports the replaced event as rejected', () => {
    const added = addChatAgent('a1', 0);
    const wrong = ev('participant.holdStarted', 'a1', 1000);
    const corrected = { ...wrong, type: 'participant.connected' };
    const conflicting = { ...corrected, time: iso(1100) };
    const inputs = [added, wrong, corrected, conflicting];
    const live = createTracker();
    const liveResults = inputs.map((input) => live.apply(input));
    const bulk = createTracker();
    const bulkResults = bulk.load(inputs);
    expect(bulkResults.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied', 'rejected']);
    expect(bulkResults).toEqual(liveResults);
    expect(bulk.conversations()).toEqual(live.conversations());
    expect(bulk.rejections()).toEqual([]);
  });

  it('bulk mode answers a retry from what was staged since the last question, and from scratch after a late event, as live mode does', () => {
    const added = addChatAgent('a1', 0);
    const connected = ev('participant.connected', 'a1', 2000);
    const wrongHold = ev('participant.holdEnded', 'a1', 3000);
    const retriedHold = { ...wrongHold, type: 'participant.holdStarted' };
    const late = ev('participant.updated', 'a1', 1000, { name: 'Bo' }); // goes in among the folded events
    const wrongEnd = ev('participant.acwEnded', 'a1', 4000);
    const retriedEnd = { ...wrongEnd, type: 'participant.holdEnded' };
    const clash = { ...connected, time: iso(2500) }; // its id stands applied: a conflicting duplicate
    const inputs = [added, connected, wrongHold, retriedHold, late, wrongEnd, retriedEnd, clash];
    const live = createTracker();
    const liveResults = inputs.map((input) => live.apply(input));
    const bulk = createTracker();
    const bulkResults = bulk.load(inputs);
    expect(bulkResults.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected', 'applied', 'applied', 'rejected', 'applied', 'rejected']);
    expect(bulkResults).toEqual(liveResults);
    expect(bulk.conversations()).toEqual(live.conversations());
    expect(bulk.participant('c1', 'a1')).toMatchObject({ name: 'Bo', held: false, state: 'connected' });
  });
});

describe('a polluted Object.prototype', () => {
  it('an enumerable key on it reaches no stored event or snapshot, and its value is not frozen, live or bulk', () => {
    const polluted = { id: 'polluted' };
    Object.defineProperty(Object.prototype, 'vendorData', { value: polluted, enumerable: true, writable: true, configurable: true });
    try {
      const live = createTracker();
      expect(live.apply(addChatAgent('a1', 0, { name: 'Bo', attributes: { tier: 'gold' } })).status).toBe('applied');
      const bulk = createTracker();
      expect(bulk.load([addChatAgent('a1', 0, { name: 'Bo', attributes: { tier: 'gold' } })])[0]!.status).toBe('applied');
      for (const tracker of [live, bulk]) {
        expect(Object.hasOwn(tracker.history('c1')[0]!, 'vendorData')).toBe(false);
        expect(Object.hasOwn(tracker.participant('c1', 'a1')!, 'vendorData')).toBe(false);
      }
      expect(Object.isFrozen(polluted)).toBe(false);
    } finally {
      delete (Object.prototype as { vendorData?: unknown }).vendorData;
    }
  });
});
