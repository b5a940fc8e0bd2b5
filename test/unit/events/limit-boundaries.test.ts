import { describe, expect, it } from 'vitest';
import { EVENT_LIMITS } from '../../../src/events/plain-input.js';
import { parseEvent } from '../../../src/events/parse-event.js';

/**
 * Each limit of EVENT_LIMITS at its edge: an input exactly at the limit is accepted, one past it
 * is refused with a sentence naming the field. The limits are those docs/event-log.md ("Limits")
 * states.
 */

const base = { id: 'e1', time: '2026-11-21T10:00:00.000Z', conversationId: 'c1', participantId: 'p1' };
const callback = { ...base, type: 'participant.added', media: 'callback', purpose: 'customer' };

/** `levels` objects, each the only value of the one before: `{ d: { d: … {} } }`. */
function nestedObjects(levels: number): unknown {
  let value: unknown = {};
  for (let i = 1; i < levels; i++) value = { d: value };
  return value;
}

/** `levels` arrays, each the only item of the one before: `[[…[]]]`. */
function nestedArrays(levels: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
}

/** The callback event with unknown array fields added, `total` values in all (the event object and its seven strings are eight). */
function withValues(total: number): Record<string, unknown> {
  const event: Record<string, unknown> = { ...callback };
  for (let i = 0, left = total - 8; left > 0; i++) {
    const items = Math.min(left - 1, EVENT_LIMITS.maxArrayItems);
    event[`v${i}`] = new Array(items).fill(0);
    left -= items + 1;
  }
  return event;
}

/** An event holding a field whose reading throws `thrown`. */
const throwingName = (thrown: unknown) => ({
  ...callback,
  get name(): never {
    throw thrown;
  },
});

describe('EVENT_LIMITS at their edges', () => {
  it(`objects and arrays ${EVENT_LIMITS.maxDepth} levels below the event are accepted; one level more is refused`, () => {
    expect(parseEvent({ ...callback, vendor: nestedObjects(EVENT_LIMITS.maxDepth) })).toMatchObject({ ok: true });
    expect(parseEvent({ ...callback, vendor: nestedArrays(EVENT_LIMITS.maxDepth) })).toMatchObject({ ok: true });

    const objectPath = `vendor${'.d'.repeat(EVENT_LIMITS.maxDepth)}`;
    expect(parseEvent({ ...callback, vendor: nestedObjects(EVENT_LIMITS.maxDepth + 1) })).toMatchObject({
      ok: false, issues: [{ field: objectPath, message: `${objectPath} is nested more than ${EVENT_LIMITS.maxDepth} levels deep` }],
    });
    const arrayPath = `vendor${'.0'.repeat(EVENT_LIMITS.maxDepth)}`;
    expect(parseEvent({ ...callback, vendor: nestedArrays(EVENT_LIMITS.maxDepth + 1) })).toMatchObject({
      ok: false, issues: [{ field: arrayPath, message: `${arrayPath} is nested more than ${EVENT_LIMITS.maxDepth} levels deep` }],
    });
  });

  it(`an event of exactly ${EVENT_LIMITS.maxValues} values is accepted; one value more is refused as a whole`, () => {
    expect(parseEvent(withValues(EVENT_LIMITS.maxValues))).toMatchObject({ ok: true });
    const message = `the event holds more than ${EVENT_LIMITS.maxValues} values (objects, arrays, strings, numbers… at every depth)`;
    expect(parseEvent(withValues(EVENT_LIMITS.maxValues + 1))).toMatchObject({ ok: false, id: 'e1', issues: [{ field: '', message }], message });
  });

  it(`a string of exactly ${EVENT_LIMITS.maxStringLength} characters is accepted; one character more is refused`, () => {
    const atLimit = 'n'.repeat(EVENT_LIMITS.maxStringLength);
    expect(parseEvent({ ...callback, name: atLimit })).toMatchObject({ ok: true, event: { name: atLimit } });
    expect(parseEvent({ ...callback, name: `${atLimit}n` })).toMatchObject({
      ok: false, issues: [{ field: 'name', message: `name is ${EVENT_LIMITS.maxStringLength + 1} characters long; at most ${EVENT_LIMITS.maxStringLength} are accepted` }],
    });
  });

  it(`a key of exactly ${EVENT_LIMITS.maxStringLength} characters is accepted; one character more is refused, naming the object`, () => {
    const atLimit = 'k'.repeat(EVENT_LIMITS.maxStringLength);
    expect(parseEvent({ ...callback, attributes: { [atLimit]: 'v' } })).toMatchObject({ ok: true, event: { attributes: { [atLimit]: 'v' } } });
    const message = `attributes has a key ${EVENT_LIMITS.maxStringLength + 1} characters long; at most ${EVENT_LIMITS.maxStringLength} are accepted`;
    expect(parseEvent({ ...callback, attributes: { [`${atLimit}k`]: 'v' } })).toMatchObject({ ok: false, issues: [{ field: 'attributes', message }], message });
  });

  it(`an object of exactly ${EVENT_LIMITS.maxObjectKeys} keys is accepted; one key more is refused`, () => {
    const keys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']));
    expect(parseEvent({ ...callback, vendor: keys(EVENT_LIMITS.maxObjectKeys) })).toMatchObject({ ok: true });
    expect(parseEvent({ ...callback, vendor: keys(EVENT_LIMITS.maxObjectKeys + 1) })).toMatchObject({
      ok: false, issues: [{ field: 'vendor', message: `vendor has ${EVENT_LIMITS.maxObjectKeys + 1} keys; at most ${EVENT_LIMITS.maxObjectKeys} are accepted` }],
    });
  });

  it(`an array of exactly ${EVENT_LIMITS.maxArrayItems} items is accepted; one item more is refused`, () => {
    const numbers = (count: number) => Array.from({ length: count }, (_, i) => `+1317555${String(i).padStart(4, '0')}`);
    expect(parseEvent({ ...callback, callbackNumbers: numbers(EVENT_LIMITS.maxArrayItems) })).toMatchObject({ ok: true });
    expect(parseEvent({ ...callback, callbackNumbers: numbers(EVENT_LIMITS.maxArrayItems + 1) })).toMatchObject({
      ok: false, issues: [{ field: 'callbackNumbers', message: `callbackNumbers has ${EVENT_LIMITS.maxArrayItems + 1} items; at most ${EVENT_LIMITS.maxArrayItems} are accepted` }],
    });
  });

  it(`exactly ${EVENT_LIMITS.maxIssues} issues are all listed; past that, the rest are counted`, () => {
    const badNumbers = (count: number) => ({ ...callback, callbackNumbers: new Array(count).fill(1) });
    const issue = (i: number) => ({ field: `callbackNumbers.${i}`, message: `callbackNumbers.${i} expected string, received number` });
    const all = Array.from({ length: EVENT_LIMITS.maxIssues + 2 }, (_, i) => issue(i));

    const atLimit = all.slice(0, EVENT_LIMITS.maxIssues);
    expect(parseEvent(badNumbers(EVENT_LIMITS.maxIssues))).toEqual({ ok: false, id: 'e1', issues: atLimit, message: atLimit.map((i) => i.message).join('; ') });
    expect(parseEvent(badNumbers(EVENT_LIMITS.maxIssues + 2))).toEqual({
      ok: false, id: 'e1', issues: atLimit, message: `${atLimit.map((i) => i.message).join('; ')}; and 2 more issues`,
    });
  });
});

describe('parseEvent: what a message quotes is cut to a bounded length', () => {
  it('a key of up to 40 characters is shown whole in a field path; a longer one is cut with an ellipsis', () => {
    const key40 = 'k'.repeat(40);
    expect(parseEvent({ ...callback, attributes: { [key40]: 1 } })).toMatchObject({
      ok: false, issues: [{ field: `attributes.${key40}`, message: `attributes.${key40} must be a string` }],
    });
    expect(parseEvent({ ...callback, attributes: { [`${key40}k`]: 1 } })).toMatchObject({
      ok: false, issues: [{ field: `attributes.${key40}…`, message: `attributes.${key40}… must be a string` }],
    });
  });

  it('an error of up to 200 characters thrown while reading is quoted whole; a longer one is cut with an ellipsis', () => {
    const text200 = 'e'.repeat(200);
    expect(parseEvent(throwingName(new Error(text200)))).toMatchObject({
      ok: false, issues: [{ field: 'name', message: `name could not be read: ${text200}` }],
    });
    expect(parseEvent(throwingName(new Error(`${text200}e`)))).toMatchObject({
      ok: false, issues: [{ field: 'name', message: `name could not be read: ${text200}…` }],
    });
    expect(parseEvent(throwingName(`${text200}!`))).toMatchObject({
      ok: false, issues: [{ field: 'name', message: `name could not be read: ${text200}…` }],
    });
  });
});

describe('parseEvent: the id of a refused event names it only when it is a usable id', () => {
  it(`an id of up to ${EVENT_LIMITS.maxStringLength} characters is given back with the refusal`, () => {
    const id = 'i'.repeat(EVENT_LIMITS.maxStringLength);
    expect(parseEvent({ ...base, id, type: 'participant.teleported' })).toMatchObject({ ok: false, id });
  });

  it('an id too long, or not a string, is left out of the refusal', () => {
    const tooLong = parseEvent({ ...base, id: 'i'.repeat(EVENT_LIMITS.maxStringLength + 1), type: 'participant.connected' });
    expect(tooLong).toMatchObject({ ok: false, issues: [{ field: 'id' }] });
    expect(tooLong).not.toHaveProperty('id');

    for (const id of [['e1'], { length: 2 }, 7]) {
      const result = parseEvent({ ...base, id, type: 'participant.connected' });
      expect(result, JSON.stringify(id)).toMatchObject({ ok: false, issues: [{ field: 'id' }] });
      expect(result, JSON.stringify(id)).not.toHaveProperty('id');
    }
  });
});
