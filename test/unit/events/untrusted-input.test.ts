import { describe, expect, it } from 'vitest';
import { EVENT_LIMITS } from '../../../src/events/plain-input.js';
import { parseEvent } from '../../../src/events/parse-event.js';

const base = { id: 'e1', time: '2026-11-21T10:00:00.000Z', conversationId: 'c1', participantId: 'p1' };
const callback = { ...base, type: 'participant.added', media: 'callback', purpose: 'customer' };

/** An input whose reading throws, at the place each case names. */
const boom = (): never => {
  throw new Error('boom');
};

describe('parseEvent: input that throws when read is rejected, never thrown', () => {
  it.each([
    ['a throwing getter on id', { ...callback, get id() { return boom(); } }, 'id', 'id could not be read: boom'],
    ['a throwing getter inside attributes', { ...callback, attributes: { get tier() { return boom(); } } }, 'attributes.tier', 'attributes.tier could not be read: boom'],
    ['a throwing getter inside queue', { ...callback, queue: { id: 'q', get name() { return boom(); } } }, 'queue.name', 'queue.name could not be read: boom'],
    ['a Proxy whose get trap throws', new Proxy(callback, { get: boom }), 'id', 'id could not be read: boom'],
    ['a Proxy whose ownKeys trap throws', new Proxy(callback, { ownKeys: boom }), '', 'the event could not be read: boom'],
    ['a Proxy inside queue whose getPrototypeOf trap throws', { ...callback, queue: new Proxy({}, { getPrototypeOf: boom }) }, 'queue', 'queue could not be read: boom'],
  ])('%s', (_name, input, field, message) => {
    expect(parseEvent(input)).toMatchObject({ ok: false, issues: [{ field, message }], message });
  });

  it('a revoked Proxy', () => {
    const { proxy, revoke } = Proxy.revocable({ ...callback }, {});
    revoke();
    const result = parseEvent(proxy);
    expect(result).toMatchObject({ ok: false, issues: [{ field: '' }] });
    if (!result.ok) expect(result.message).toMatch(/^the event could not be read: .*revoked/);
  });

  it('an error that itself throws when read', () => {
    const hostile = new Proxy({}, { get: boom, getPrototypeOf: boom });
    const input = { ...callback, get name() { throw hostile; } };
    expect(parseEvent(input)).toMatchObject({ ok: false, issues: [{ field: 'name', message: 'name could not be read: an error that cannot be read' }] });
  });

  it('reads each field once: what is stored is what was validated', () => {
    let reads = 0;
    const input = { ...callback, get name() { reads++; return reads === 1 ? 'Ann' : 42; } };
    expect(parseEvent(input)).toMatchObject({ ok: true, event: { name: 'Ann' } });
    expect(reads).toBe(1);
  });

  it('objects other than plain data (a Date, a typed array, a class instance) are refused, naming the field', () => {
    class Queue { id = 'q1'; }
    expect(parseEvent({ ...base, type: 'participant.connected', time: new Date() })).toMatchObject({
      ok: false, issues: [{ field: 'time', message: 'time is a Date; only JSON data is accepted (strings, numbers, booleans, null, arrays, plain objects)' }],
    });
    expect(parseEvent({ ...callback, extra: new Uint8Array(1e7) })).toMatchObject({ ok: false, issues: [{ field: 'extra', message: expect.stringMatching(/^extra is a Uint8Array;/) }] });
    expect(parseEvent({ ...callback, queue: new Queue() })).toMatchObject({ ok: false, issues: [{ field: 'queue', message: expect.stringMatching(/^queue is an object of a class;/) }] });
  });

  it('an object without a prototype is plain data', () => {
    const input = Object.assign(Object.create(null), callback);
    expect(parseEvent(input)).toMatchObject({ ok: true });
  });
});

describe('parseEvent: the work per event is bounded (EVENT_LIMITS)', () => {
  it('a sparse array of length 1e7 is refused at once, without walking it', () => {
    const started = performance.now();
    const result = parseEvent({ ...callback, callbackNumbers: new Array(1e7) });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result).toMatchObject({
      ok: false, id: 'e1',
      issues: [{ field: 'callbackNumbers', message: `callbackNumbers has 10000000 items; at most ${EVENT_LIMITS.maxArrayItems} are accepted` }],
    });
  });

  it('a 400k-item array line gives a one-sentence rejection', () => {
    const line = JSON.stringify({ ...callback, callbackNumbers: new Array(400_000).fill(1) });
    const result = parseEvent(JSON.parse(line));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toBe(`callbackNumbers has 400000 items; at most ${EVENT_LIMITS.maxArrayItems} are accepted`);
  });

  it('at most maxIssues issues are listed; the rest are counted', () => {
    const result = parseEvent({ ...callback, callbackNumbers: new Array(EVENT_LIMITS.maxArrayItems).fill(1) });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(EVENT_LIMITS.maxIssues);
      expect(result.message).toMatch(new RegExp(`; and ${EVENT_LIMITS.maxArrayItems - EVENT_LIMITS.maxIssues} more issues$`));
    }
  });

  it('an object with too many keys is refused', () => {
    const attributes = Object.fromEntries(Array.from({ length: EVENT_LIMITS.maxObjectKeys + 1 }, (_, i) => [`k${i}`, 'v']));
    expect(parseEvent({ ...callback, attributes })).toMatchObject({
      ok: false, issues: [{ field: 'attributes', message: `attributes has ${EVENT_LIMITS.maxObjectKeys + 1} keys; at most ${EVENT_LIMITS.maxObjectKeys} are accepted` }],
    });
  });

  it('a string too long is refused; so is a key too long, whose name is cut in the message', () => {
    const long = 'x'.repeat(EVENT_LIMITS.maxStringLength + 1);
    expect(parseEvent({ ...callback, name: long })).toMatchObject({
      ok: false, issues: [{ field: 'name', message: `name is ${long.length} characters long; at most ${EVENT_LIMITS.maxStringLength} are accepted` }],
    });
    const result = parseEvent({ ...callback, attributes: { [long]: 'v' } });
    expect(result).toMatchObject({ ok: false, issues: [{ field: 'attributes' }] });
    if (!result.ok) expect(result.message.length).toBeLessThan(200);
  });

  it('a field path made of long keys is cut in messages', () => {
    const key = 'k'.repeat(10_000);
    const result = parseEvent({ ...callback, attributes: { [key]: 1 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeLessThan(200);
  });

  it('nesting deeper than maxDepth is refused, in unknown fields too', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < EVENT_LIMITS.maxDepth + 5; i++) deep = { d: deep };
    const result = parseEvent({ ...callback, vendor: deep });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toMatch(new RegExp(`^vendor(\\.d)+ is nested more than ${EVENT_LIMITS.maxDepth} levels deep$`));
  });

  it('a cycle is refused by the depth limit', () => {
    const cyclic: Record<string, unknown> = { ...callback };
    cyclic.self = cyclic;
    expect(parseEvent(cyclic)).toMatchObject({ ok: false });
  });

  it('shared arrays cannot multiply the work: the event holds at most maxValues values', () => {
    const shared = new Array(EVENT_LIMITS.maxArrayItems).fill('x');
    const result = parseEvent({ ...callback, vendor: new Array(50).fill(shared) });
    expect(result).toMatchObject({
      ok: false, issues: [{ field: '', message: `the event holds more than ${EVENT_LIMITS.maxValues} values (objects, arrays, strings, numbers… at every depth)` }],
    });
  });

  it('an ordinary event well within the limits is accepted, unknown fields dropped', () => {
    const result = parseEvent({ ...callback, callbackNumbers: ['+13175550100'], attributes: { a: 'b' }, vendor: { nested: [1, 2, 3] } });
    expect(result).toMatchObject({ ok: true, event: { callbackNumbers: ['+13175550100'], attributes: { a: 'b' } } });
  });
});
