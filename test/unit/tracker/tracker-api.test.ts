import { describe, expect, it } from 'vitest';
import { ArrivalNumberError } from '../../../src/errors/arrival-number-error.js';
import type { ConversationChange } from '../../../src/tracker/create-tracker.js';
import { createNumberedTracker, createTracker } from '../../../src/tracker/create-tracker.js';
import { sameEvent } from '../../../src/tracker/same-event.js';
import { addCallbackAgent, addChatAgent, ev, given } from '../../support/tracker-fixtures.js';
import { iso } from '../../support/walks.js';

describe('sameEvent: deep equality of plain data, regardless of key order', () => {
  it('equal data', () => {
    expect(sameEvent({ a: 1, b: [2, { c: 'x' }] }, { b: [2, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameEvent([], [])).toBe(true);
    expect(sameEvent(null, null)).toBe(true);
    expect(sameEvent('x', 'x')).toBe(true);
  });

  it('different data', () => {
    expect(sameEvent({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameEvent({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameEvent({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameEvent({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameEvent(['x'], { 0: 'x' })).toBe(false);
    expect(sameEvent({ 0: 'x' }, ['x'])).toBe(false);
    expect(sameEvent([1, 2], [2, 1])).toBe(false);
    expect(sameEvent({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(sameEvent({ a: null }, { a: {} })).toBe(false);
    expect(sameEvent({}, null)).toBe(false);
    expect(sameEvent(null, {})).toBe(false);
    expect(sameEvent(1, '1')).toBe(false);
    expect(sameEvent({ a: { b: 1 } }, { a: { b: 2 } })).toBe(false);
  });
});

describe('createTracker: results of invalid input', () => {
  it('an input with neither a usable id nor a field at fault gives neither', () => {
    const result = createTracker().apply(42);
    expect(result).toEqual({ status: 'rejected', reason: 'invalid-event', message: 'an event must be a JSON object, not number' });
  });

  it('an invalid event names its id and the field at fault', () => {
    const result = createTracker().apply({ ...addChatAgent('a1'), id: 'bad-1', time: 'yesterday' });
    expect(result).toMatchObject({ status: 'rejected', reason: 'invalid-event', eventId: 'bad-1', field: 'time' });
  });
});

describe('createNumberedTracker: arrival numbers given by the caller', () => {
  it('numbers must grow; the tracker numbers its own inputs on from the last one', () => {
    const numbered = createNumberedTracker();
    expect(numbered.apply(addChatAgent('a1', 0), 5)).toMatchObject({ status: 'applied' });
    expect(() => numbered.apply(addChatAgent('a2', 1), 4)).toThrow(new ArrivalNumberError('arrival number 4 must be an integer of at least 6'));
    expect(() => numbered.stage(addChatAgent('a2', 1), 5.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARRIVAL_NUMBER' }));
    expect(() => numbered.apply(addChatAgent('a2', 1), Number.MAX_SAFE_INTEGER + 1)).toThrow(ArrivalNumberError);
    numbered.stage(ev('participant.connected', 'ghost', 2), 6);
    numbered.tracker.apply(ev('participant.connected', 'ghost2', 3));
    numbered.tracker.settle();
    expect(numbered.tracker.rejections().map((r) => r.seq)).toEqual([6, 7]);
  });
});

describe('createTracker: reads', () => {
  it('at(): an event exactly at the instant counts; a conversation that starts after it is left out', () => {
    const tracker = createTracker();
    tracker.load([addChatAgent('a1', 1_000), { ...addChatAgent('b1', 5_000), conversationId: 'c2' }]);
    expect(tracker.at(iso(999)).conversations()).toEqual([]);
    expect(tracker.at(iso(1_000)).conversations().map((c) => c.id)).toEqual(['c1']);
    expect(tracker.at(iso(5_000)).conversations().map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(tracker.at(iso(5_000)).participant('c2', 'b1')).toMatchObject({ id: 'b1' });
    expect(tracker.at(iso(5_000)).participant('c2', 'nobody')).toBeUndefined();
    expect(tracker.at(iso(5_000)).conversation('c3')).toBeUndefined();
    expect(tracker.at(iso(5_000)).participant('c3', 'b1')).toBeUndefined();
  });

  it('history of an unknown conversation is empty; of a staged one, folded first', () => {
    const tracker = createTracker();
    expect(tracker.history('nowhere')).toEqual([]);
    const added = addChatAgent('a1', 0);
    const ghost = ev('participant.connected', 'ghost', 1);
    tracker.stage(added);
    tracker.stage(ghost);
    expect(tracker.history('c1').map((e) => e.id)).toEqual([added.id]);
    expect(tracker.rejections().map((r) => r.event.id)).toEqual([ghost.id]);
  });

  it('stats() counts conversations, participants and stored events (rejections included)', () => {
    const tracker = given(addChatAgent('a1', 0), addChatAgent('a2', 1));
    tracker.apply(ev('participant.connected', 'ghost', 2));
    tracker.stage({ ...addCallbackAgent('b1', 0), conversationId: 'c2' });
    expect(tracker.stats()).toEqual({ conversations: 2, participants: 3, events: 4 });
  });

  it('conversations() and conversation() fold what was staged', () => {
    const tracker = createTracker();
    tracker.stage(addChatAgent('a1', 0));
    tracker.stage({ ...addChatAgent('b1', 0), conversationId: 'c2' });
    expect(tracker.conversations().map((c) => c.id)).toEqual(['c1', 'c2']);
    tracker.stage(ev('participant.connected', 'a1', 5));
    expect(tracker.conversation('c1')?.participants[0]?.state).toBe('connected');
    expect(tracker.participant('c1', 'a1')?.connectedTime).toBe(iso(5));
    expect(tracker.conversation('nowhere')).toBeUndefined();
  });

  it('a conversation whose every event is rejected has no snapshot and is not listed', () => {
    const tracker = createTracker();
    tracker.apply(ev('participant.connected', 'ghost', 0));
    expect(tracker.conversations()).toEqual([]);
    expect(tracker.conversation('c1')).toBeUndefined();
    expect(tracker.stats()).toEqual({ conversations: 1, participants: 0, events: 1 });
  });
});

describe('createTracker: subscribers', () => {
  it('a subscriber added later is told the change from the snapshot before it, even if no one heard of that one', () => {
    const tracker = given(addChatAgent('a1', 0));
    const first = tracker.conversation('c1');
    const changes: ConversationChange[] = [];
    tracker.subscribe((change) => changes.push(change));
    tracker.apply(ev('participant.connected', 'a1', 5));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.previous).toBe(first);
    expect(changes[0]!.snapshot).toBe(tracker.conversation('c1'));
    expect(changes[0]!.conversationId).toBe('c1');
  });

  it('a subscriber that comes back is told the change from the state just before it, not from what it last heard', () => {
    const tracker = createTracker();
    const changes: ConversationChange[] = [];
    const unsubscribe = tracker.subscribe((change) => changes.push(change));
    tracker.apply(addChatAgent('a1', 0));
    unsubscribe();
    tracker.apply(ev('participant.connected', 'a1', 5));
    tracker.apply(ev('participant.holdStarted', 'a1', 10));
    tracker.subscribe((change) => changes.push(change));
    tracker.apply(ev('participant.holdEnded', 'a1', 15));
    expect(changes).toHaveLength(2);
    expect(changes[1]!.previous?.participants[0]).toMatchObject({ state: 'connected', held: true });
    expect(changes[1]!.snapshot.participants[0]).toMatchObject({ state: 'connected', held: false });
  });

  it('the first change of a conversation has no previous snapshot; unsubscribing stops the calls', () => {
    const tracker = createTracker();
    const changes: ConversationChange[] = [];
    const unsubscribe = tracker.subscribe((change) => changes.push(change));
    tracker.apply(addChatAgent('a1', 0));
    expect(changes.map((c) => c.previous)).toEqual([undefined]);
    unsubscribe();
    tracker.apply(ev('participant.connected', 'a1', 5));
    expect(changes).toHaveLength(1);
  });

  it('a rejected first event of a conversation notifies no one', () => {
    const tracker = createTracker();
    const changes: ConversationChange[] = [];
    tracker.subscribe((change) => changes.push(change));
    tracker.apply(ev('participant.connected', 'ghost', 0));
    tracker.stage(ev('participant.connected', 'ghost', 1));
    tracker.settle();
    expect(changes).toEqual([]);
  });
});

describe('createTracker: late events and what they overturn', () => {
  it('a late participant of the other media, before everyone, overturns the additions after it, listed by arrival number', () => {
    const later = addChatAgent('a1', 1_000);
    const earlier = addChatAgent('a2', 500);
    const tracker = createTracker();
    tracker.apply(later);
    tracker.apply(earlier);
    const result = tracker.apply(addCallbackAgent('b1', 0));
    expect(result.status).toBe('applied');
    const overturned = result.status === 'applied' ? result.overturned ?? [] : [];
    expect(overturned.map((r) => [r.event.id, r.seq, r.reason])).toEqual([[later.id, 0, 'media-mismatch'], [earlier.id, 1, 'media-mismatch']]);
    expect(tracker.conversation('c1')?.media).toBe('callback');
    expect(tracker.rejections().map((r) => r.seq)).toEqual([0, 1]);
  });

  it('a late event that overturns nothing lists nothing', () => {
    const tracker = given(addChatAgent('a1', 0), ev('participant.connected', 'a1', 2_000));
    const result = tracker.apply(ev('participant.updated', 'a1', 1_000, { name: 'late' }));
    expect(result).toEqual({ status: 'applied', event: expect.objectContaining({ name: 'late' }) });
    expect(result).not.toHaveProperty('overturned');
  });

  it('a rejection that stood before a late event is not listed as overturned by it', () => {
    const tracker = given(addChatAgent('a1', 0), ev('participant.connected', 'a1', 2_000));
    tracker.apply(ev('participant.acwEnded', 'a1', 3_000));
    const result = tracker.apply(ev('participant.updated', 'a1', 1_000, { name: 'late' }));
    expect(result).not.toHaveProperty('overturned');
    expect(tracker.rejections()).toHaveLength(1);
  });
});

describe('createTracker: unchanged participants keep their objects', () => {
  it('an event that changes nothing of a participant keeps its object', () => {
    const tracker = given(addChatAgent('a1', 0, { name: 'Ann' }), addChatAgent('a2', 0));
    const before = tracker.participant('c1', 'a1');
    tracker.apply(ev('participant.updated', 'a1', 5, { name: 'Ann' }));
    expect(tracker.participant('c1', 'a1')).toBe(before);
    tracker.apply(ev('participant.updated', 'a1', 6, { name: 'Bob' }));
    expect(tracker.participant('c1', 'a1')).not.toBe(before);
    expect(Object.isFrozen(tracker.participant('c1', 'a1'))).toBe(true);
  });

  it('a late event that changes nothing keeps the conversation snapshot itself', () => {
    const tracker = given(addChatAgent('a1', 0, { name: 'Ann' }), ev('participant.connected', 'a1', 2_000));
    const before = tracker.conversation('c1');
    tracker.apply(ev('participant.updated', 'a1', 1_000, { name: 'Ann' }));
    expect(tracker.conversation('c1')).toBe(before);
  });

  it('a late event that changes one participant keeps the other participant objects', () => {
    const tracker = given(addChatAgent('a1', 0), addChatAgent('a2', 0), ev('participant.connected', 'a1', 2_000));
    const [a1, a2] = tracker.conversation('c1')!.participants;
    tracker.apply(ev('participant.updated', 'a2', 1_000, { name: 'late' }));
    const [b1, b2] = tracker.conversation('c1')!.participants;
    expect(b1).toBe(a1);
    expect(b2).not.toBe(a2);
    expect(b2).toMatchObject({ name: 'late' });
  });
});

describe('createTracker: each read folds what was staged first', () => {
  it('rejections() alone', () => {
    const tracker = createTracker();
    tracker.stage(addChatAgent('a1', 0));
    const ghost = ev('participant.connected', 'ghost', 1);
    tracker.stage(ghost);
    expect(tracker.rejections().map((r) => [r.event.id, r.reason])).toEqual([[ghost.id, 'unknown-participant']]);
  });

  it('participant() alone, after a staged event that went in among folded ones', () => {
    const tracker = given(addChatAgent('a1', 0), ev('participant.connected', 'a1', 2_000));
    tracker.stage(ev('participant.updated', 'a1', 1_000, { name: 'staged' }));
    expect(tracker.participant('c1', 'a1')?.name).toBe('staged');
  });

  it('a live apply after staged events folds them first', () => {
    const tracker = createTracker();
    tracker.stage(addChatAgent('a1', 0));
    expect(tracker.apply(ev('participant.connected', 'a1', 1))).toMatchObject({ status: 'applied' });
    expect(tracker.participant('c1', 'a1')?.state).toBe('connected');
  });
});

describe('createTracker: a conversation left without events', () => {
  it('a retry that moves the only event of a conversation to another leaves the first one empty; at() and reads skip it', () => {
    const tracker = createTracker();
    const wrong = ev('participant.connected', 'a1', 0);
    expect(tracker.apply(wrong)).toMatchObject({ status: 'rejected' });
    const corrected = { ...addChatAgent('a1', 0), id: wrong.id, conversationId: 'c2' };
    expect(tracker.apply(corrected)).toMatchObject({ status: 'applied', replaced: { event: { id: wrong.id } } });
    expect(tracker.history('c1')).toEqual([]);
    expect(tracker.at(iso(10)).conversations().map((c) => c.id)).toEqual(['c2']);
    expect(tracker.conversations().map((c) => c.id)).toEqual(['c2']);
    expect(tracker.rejections()).toEqual([]);
  });
});

describe('createTracker: a rejected result names the field only when one is at fault', () => {
  it('live and bulk give the same exact results', () => {
    const added = addChatAgent('a1', 0);
    const again = addChatAgent('a1', 1);
    const ghost = ev('participant.connected', 'ghost', 2);
    const live = createTracker();
    const liveResults = [added, again, ghost].map((e) => live.apply(e));
    const bulkResults = createTracker().load([added, again, ghost]);
    for (const results of [liveResults, bulkResults]) {
      expect(results[1]).toEqual({ status: 'rejected', eventId: again.id, reason: 'participant-exists', message: 'participant a1 was already added' });
      expect(results[2]).toEqual({
        status: 'rejected', eventId: ghost.id, reason: 'unknown-participant', field: 'participantId',
        message: 'participant ghost has not been added to conversation c1',
      });
    }
  });
});

describe('createTracker: a late participant that goes before the others', () => {
  it('takes its place in application order; the others keep their objects, live and after a bulk settle', () => {
    const live = given(addChatAgent('a1', 1_000), addChatAgent('a2', 2_000));
    const [a1, a2] = live.conversation('c1')!.participants;
    live.apply(addChatAgent('a0', 0));
    expect(live.conversation('c1')!.participants.map((p) => p.id)).toEqual(['a0', 'a1', 'a2']);
    expect(live.participant('c1', 'a1')).toBe(a1);
    expect(live.participant('c1', 'a2')).toBe(a2);

    const bulk = createTracker();
    bulk.load([addChatAgent('a1', 1_000), addChatAgent('a2', 2_000)]);
    const [b1, b2] = bulk.conversation('c1')!.participants;
    bulk.stage(addChatAgent('a0', 0));
    bulk.settle();
    expect(bulk.conversation('c1')!.participants.map((p) => p.id)).toEqual(['a0', 'a1', 'a2']);
    expect(bulk.participant('c1', 'a1')).toBe(b1);
    expect(bulk.participant('c1', 'a2')).toBe(b2);
  });
});

describe('createTracker: results and reads carry only what they should', () => {
  it('an applied result that replaced nothing has no replaced key; a rejection without a field has no field key', () => {
    const tracker = createTracker();
    const added = addChatAgent('a1', 0);
    expect(Object.keys(tracker.apply(added)).sort()).toEqual(['event', 'status']);
    expect(Object.keys(tracker.apply(addChatAgent('a1', 1))).sort()).toEqual(['eventId', 'message', 'reason', 'status']);
    expect(Object.keys(createTracker().load([added])[0]!).sort()).toEqual(['event', 'status']);
  });

  it('history() hands out a copy: changing it changes nothing stored', () => {
    const tracker = given(addChatAgent('a1', 0), ev('participant.connected', 'a1', 1));
    const history = tracker.history('c1');
    history.pop();
    expect(tracker.history('c1')).toHaveLength(2);
  });

  it('load(): a retry of the first event staged in the same load makes that event final as rejected', () => {
    const wrong = ev('participant.connected', 'a1', 0);
    const corrected = { ...addChatAgent('a1', 0), id: wrong.id };
    const results = createTracker().load([wrong, corrected]);
    expect(results[0]).toMatchObject({ status: 'rejected', eventId: wrong.id, reason: 'unknown-participant' });
    expect(results[1]).toMatchObject({ status: 'applied', replaced: { event: { id: wrong.id } } });
  });

  it('a live retry after staged events: the applied staged events stay in history', () => {
    const tracker = createTracker();
    const added = addChatAgent('a1', 0);
    const wrong = ev('participant.connected', 'ghost', 1);
    const connected = ev('participant.connected', 'a1', 2);
    tracker.stage(added);
    tracker.stage(wrong);
    tracker.stage(connected);
    const corrected = { ...ev('participant.updated', 'a1', 3, { name: 'fixed' }), id: wrong.id };
    expect(tracker.apply(corrected)).toMatchObject({ status: 'applied', replaced: { event: { id: wrong.id } } });
    expect(tracker.history('c1').map((e) => e.id)).toEqual([added.id, connected.id, wrong.id]);
    expect(tracker.rejections()).toEqual([]);
    expect(tracker.participant('c1', 'a1')).toMatchObject({ state: 'connected', name: 'fixed' });
  });
});

describe('createTracker: bulk retries decide on the events staged so far, wherever they went in', () => {
  it('a staged late event that is illegal where it falls can be retried at once', () => {
    const tracker = createTracker();
    tracker.load([addChatAgent('a1', 0), ev('participant.connected', 'a1', 2_000)]);
    const illegal = ev('participant.holdStarted', 'a1', 1_000);
    expect(tracker.stage(illegal)).toMatchObject({ status: 'applied' });
    const retry = { ...ev('participant.updated', 'a1', 1_000, { name: 'retry' }), id: illegal.id };
    expect(tracker.stage(retry)).toMatchObject({ status: 'applied', replaced: { event: { id: illegal.id }, reason: 'illegal-transition' } });
    tracker.settle();
    expect(tracker.rejections()).toEqual([]);
    expect(tracker.participant('c1', 'a1')).toMatchObject({ state: 'connected', name: 'retry' });
  });
});
