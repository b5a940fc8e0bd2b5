import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseEvent } from '../../src/events/parse-event.js';
import { InputProblem, readPlainInput } from '../../src/events/plain-input.js';
import { trackerEventSchema } from '../../src/events/schemas.js';

const envelope = { id: 'e1', time: '2026-11-21T10:00:00.000Z', conversationId: 'c1', participantId: 'p1' };

/** Valid events that between them carry every field of the schema. */
const BASES: readonly Record<string, unknown>[] = [
  {
    ...envelope, type: 'participant.added', media: 'chat', purpose: 'customer', state: 'connected', name: 'Ann', address: 'ann@example.com',
    direction: 'inbound', user: { id: 'u1', name: 'Bo', selfUri: '/u1' }, queue: { id: 'q1', name: 'Billing' }, team: { id: 't1' },
    script: { id: 's1' }, provider: 'PureCloud Webchat v2', externalContact: { id: 'x1' }, externalContactInitialDivisionId: 'd1',
    externalOrganization: { id: 'o1' }, peer: 'p0', attributes: { tier: 'gold', 'context.firstName': 'Ann' }, mediaRoles: ['full'],
    journeyContext: { customer: { id: 'cu1', idType: 'cookie' }, customerSession: { id: 'cs1', type: 'web' }, triggeringAction: { id: 'a1', actionMap: { id: 'm1', version: 2 } } },
    conversationRoutingData: { queue: { id: 'q1' }, language: { id: 'l1' }, priority: 5, skills: [{ id: 'sk1' }], scoredAgents: [{ agent: { id: 'u2' }, score: 3 }], label: 'vip' },
    alertingTimeoutMs: 30_000, wrapupRequired: true, wrapupPrompt: 'mandatory', wrapupTimeoutMs: 0, roomId: 'c1@conference', avatarImageUrl: 'https://example.com/a.png',
  },
  {
    ...envelope, type: 'participant.added', media: 'callback', purpose: 'customer', state: 'scheduled', callbackNumbers: ['+13175550100'],
    callbackUserName: 'Ann', callbackScheduledTime: '2026-11-21T12:00:00+01:00', externalCampaign: false, skipEnabled: true, timeoutSeconds: 60,
    automatedCallbackConfigId: 'cfg', outboundPreview: { id: 'op', contactId: 'ct', contactListId: 'cl', campaignId: 'ca', phoneNumberColumns: [{ columnName: 'cell', type: 'cell', callableTimeColumnName: 'tz' }], callbackAutoAnswer: false },
    voicemail: { id: 'vm', uploadStatus: 'complete' },
  },
  { ...envelope, type: 'participant.connected' },
  { ...envelope, type: 'participant.parked', resumeTime: '2026-11-21T10:05:00Z' },
  { ...envelope, type: 'participant.disconnected', disconnectType: 'client', errorInfo: { message: 'gone', code: 'x' } },
  { ...envelope, type: 'participant.wrapupApplied', wrapup: { code: 'w1', name: 'Sale', notes: 'ok', tags: ['a'], durationSeconds: 12.5, provisional: false } },
  { ...envelope, type: 'participant.updated', name: 'Ann B', attributes: { lang: 'de' }, flaggedReason: 'general', callbackNumbers: ['+1'] },
  { ...envelope, type: 'callback.scheduled', callbackScheduledTime: '2026-11-21T11:00:00.000Z' },
];

/** Field names to write: the schema's (top level and nested), names it refuses, unknown names and prototype names. */
const FIELDS = [
  'id', 'type', 'time', 'conversationId', 'participantId', 'media', 'purpose', 'state', 'name', 'queue', 'attributes', 'callbackNumbers',
  'callbackScheduledTime', 'resumeTime', 'wrapup', 'disconnectType', 'errorInfo', 'roomId', 'alertingTimeoutMs', 'wrapupRequired',
  'conversationRoutingData', 'journeyContext', 'held', 'startTime', 'vendor', '__proto__', 'constructor', 'toString',
];

/** Values that sit at the edges of the schema's checks. */
const edgeValue = fc.constantFrom<unknown>(
  undefined, null, '', 'x', 0, -0, -1, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, true, [], {}, ['a', 1],
  '2026-11-21T10:00:00Z', '2026-11-21T11:00:00+01:00', '2026-02-30T10:00:00Z', '2026-11-21T10:00:00', 'chat', 'callback', 'participant.connected',
  { id: 'q', extra: 1 }, { id: 1 }, { tier: 1 }, { code: '' }, { code: 'w', durationSeconds: -1 }, { customer: { id: 'c', idType: 't' } },
  { queue: { id: 'q' }, priority: '5' }, Object.assign(Object.create(null), { a: 'b' }),
);

/** Every path of a value's keys, nested ones and array items included. */
function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsOf((value as Record<string, unknown>)[key], path)];
  });
}

/** Values at the edges of the checks a value of this kind meets (numbers: finite, integer, ≥ 0; strings: non-empty, times…). */
function edgesOf(current: unknown): unknown[] {
  if (typeof current === 'number') return [Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5, -0, 2 ** 53, 0, '5'];
  if (typeof current === 'string') return ['', `${current}x`, '2026-11-21T11:00:00+01:00', '2026-11-21T10:00:00', '2026-02-30T10:00:00Z', 5, null];
  if (typeof current === 'boolean') return [!current, 0, 'true'];
  if (Array.isArray(current)) return [[], [1], ['a', null], {}];
  return [{}, [], null, { ...(current as object), extra: 1 }, 'x'];
}

/** A change to an event: a value written at a path (an existing one, or a new key beside one), or the path deleted. */
const change = (base: Record<string, unknown>) => {
  const paths = pathsOf(base);
  const atPath = (path: (string | number)[]) => {
    let current: unknown = base;
    for (const key of path) current = (current as Record<string | number, unknown>)[key];
    return fc.record({ path: fc.constant(path), value: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...edgesOf(current)) }, edgeValue, fc.jsonValue()), remove: fc.boolean() });
  };
  const beside = fc.record({
    path: fc.tuple(fc.constantFrom([], ...paths.map((p) => p.slice(0, -1))), fc.constantFrom(...FIELDS)).map(([at, key]) => [...at, key]),
    value: fc.oneof(edgeValue, fc.jsonValue()),
    remove: fc.boolean(),
  });
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...paths).chain(atPath) }, { weight: 1, arbitrary: beside });
};

/** A private copy of a generated value (its prototype kept): a later change may write into what an earlier one wrote, never into the generator's own constants. */
function ownCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(ownCopy);
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) Object.defineProperty(copy, key, { value: ownCopy(item), enumerable: true, writable: true, configurable: true });
  return copy;
}

function mutate(base: Record<string, unknown>, changes: readonly { path: readonly (string | number)[]; value: unknown; remove: boolean }[]): Record<string, unknown> {
  const event = structuredClone(base);
  for (const { path, value, remove } of changes) {
    let holder: unknown = event;
    for (const key of path.slice(0, -1)) holder = typeof holder === 'object' && holder !== null ? (holder as Record<string | number, unknown>)[key] : undefined;
    if (typeof holder !== 'object' || holder === null) continue;
    const key = path[path.length - 1]!;
    if (remove) delete (holder as Record<string | number, unknown>)[key];
    else Object.defineProperty(holder, key, { value: ownCopy(value), enumerable: true, writable: true, configurable: true });
  }
  return event;
}

describe('the accept path (the schema checked on the private copy)', () => {
  it('takes every valid event that has no key the schema strips: the event is the input itself (owned) or its copy, keys in their order', () => {
    for (const base of BASES) {
      const owned = structuredClone(base);
      const result = parseEvent(owned, true);
      expect(result.ok && result.event).toBe(owned);
      const copied = parseEvent(base);
      expect(copied.ok && Object.keys(copied.event)).toEqual(Object.keys(base));
    }
  });

  const mutated = fc.constantFrom(...BASES).chain((base) => fc.array(change(base), { maxLength: 3 }).map((changes) => mutate(base, changes)));
  test.prop([mutated], { numRuns: 3_000 })(
    'parseEvent accepts exactly what the schema accepts, with the event the schema gives (every field of every type, mutated)',
    (input) => {
      const copy = readPlainInput(input);
      const judged = InputProblem.isOne(copy) ? undefined : z.safeParse(trackerEventSchema, copy);
      const result = parseEvent(input);
      expect(result.ok).toBe(judged?.success ?? false);
      if (result.ok && judged?.success) {
        expect(result.event).toStrictEqual(judged.data);
        const attributes = (result.event as { attributes?: object }).attributes;
        if (attributes !== undefined) expect(Object.getPrototypeOf(attributes)).toBeNull();
      }
    },
  );

  test.prop([mutated], { numRuns: 1_000 })(
    'an owned input (what JSON.parse made) gives the same result as a copied one, and a valid one is the input itself',
    (input) => {
      const owned = JSON.parse(JSON.stringify(input)) as unknown;
      const copied = parseEvent(JSON.parse(JSON.stringify(input)));
      const result = parseEvent(owned, true);
      expect(result).toStrictEqual(copied);
      // Nothing stripped: the accept path took it.
      if (result.ok && pathsOf(owned).length === pathsOf(result.event).length) expect(result.event).toBe(owned);
    },
  );
});
