import { describe, expect, it } from 'vitest';
import { createGenesysIngest } from '../../../src/ingest/index.js';
import { ingestAndReplay } from './samples.js';

const payload = (participants: Record<string, unknown>[]) => ({
  topicName: 'v2.users.u1.conversations.callbacks', eventBody: { id: 'k1', participants },
});

describe('unknown enum values are kept, never a crash', () => {
  it('unknown disconnectType, purpose, direction and wrapupPrompt are kept as sent', () => {
    const { tracker, results, applied } = ingestAndReplay(payload([{
      id: 'p1', purpose: 'supervisor', direction: 'sideways', wrapupPrompt: 'telepathic', state: 'disconnected',
      connectedTime: '2026-11-21T10:00:00.000Z', endTime: '2026-11-21T10:01:00.000Z', disconnectType: 'quantum.tunnel', held: false,
    }]));
    expect(applied.every((r) => r.status === 'applied')).toBe(true);
    expect(tracker.participant('k1', 'p1')).toMatchObject({
      purpose: 'supervisor', direction: 'sideways', wrapupPrompt: 'telepathic', disconnectType: 'quantum.tunnel',
    });
    expect(results[0]!.findings).toContainEqual(expect.objectContaining({
      kind: 'unknown-value', fields: ['disconnectType'], message: 'participant p1: disconnectType "quantum.tunnel" is in no Genesys model; kept as sent',
    }));
  });

  it('a state that is no lifecycle step (transmitting, a new value) is reported; the times decide how far the participant got', () => {
    const { tracker, results } = ingestAndReplay(payload([
      { id: 'p1', purpose: 'agent', state: 'transmitting', initialState: 'warping', connectedTime: '2026-11-21T10:00:00.000Z', held: false },
      { id: 'p2', purpose: 'agent', state: 'HYPERSPACE', startTime: '2026-11-21T10:00:00.000Z', endTime: '2026-11-21T10:00:30.000Z' },
    ]));
    expect(tracker.participant('k1', 'p1')).toMatchObject({ state: 'connected', connectedTime: '2026-11-21T10:00:00.000Z' });
    expect(tracker.participant('k1', 'p2')).toMatchObject({ state: 'disconnected', endTime: '2026-11-21T10:00:30.000Z' });
    expect(results[0]!.findings.filter((f) => f.kind === 'unknown-value').map((f) => f.message)).toEqual([
      'participant p1: state "transmitting" is no step of the callback lifecycle; its times decide how far it got',
      'participant p2: state "HYPERSPACE" is no step of the callback lifecycle; its times decide how far it got',
    ]);
  });

  it('fields of the wrong type are left out and reported; the rest of the participant is kept', () => {
    const result = createGenesysIngest().push(payload([{
      id: 'p1', purpose: 'customer', state: 'connected', connectedTime: 'yesterday', startTime: '2026-11-21T10:00:00.000Z',
      callbackNumbers: 'not a list', timeoutSeconds: -3, name: 'Ann', held: false,
    }]));
    expect(result.findings.filter((f) => f.kind === 'not-recorded').map((f) => f.fields[0])).toEqual(['connectedTime', 'callbackNumbers', 'timeoutSeconds']);
    expect(result.events[0]).toMatchObject({ type: 'participant.added', name: 'Ann' });
    expect(result.events[0]).not.toHaveProperty('callbackNumbers');
  });
});

describe('attribute keys such as __proto__ and constructor stay plain data', () => {
  it('never reach a prototype, and replay as own keys', () => {
    const text = `{"topicName":"v2.users.u1.conversations.chats","eventBody":{"id":"c1","participants":[
      {"id":"p1","purpose":"customer","state":"connected","startTime":"2026-11-21T10:00:00.000Z","connectedTime":"2026-11-21T10:00:00.000Z",
       "__proto__":{"polluted":"participant"},
       "attributes":{"__proto__":"x","constructor":"y","toString":"z","nested":{"polluted":"value"}}}]}}`;
    const { tracker, results } = ingestAndReplay(JSON.parse(text));
    const attributes = tracker.participant('c1', 'p1')?.attributes as Record<string, string>;
    expect(Object.keys(attributes).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe('x');
    expect(attributes.constructor).toBe('y');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(results[0]!.findings).toContainEqual(expect.objectContaining({ kind: 'not-recorded', message: 'participant p1: attribute "nested" is not a string; left out' }));

    const update = JSON.parse(text.replace('"x"', '"x2"'));
    const ingest = createGenesysIngest();
    ingest.push(JSON.parse(text));
    const changed = ingest.push(update).events[0] as { type: string; attributes?: Record<string, string> };
    expect(changed.type).toBe('participant.updated');
    expect(Object.getOwnPropertyDescriptor(changed.attributes, '__proto__')?.value).toBe('x2');
    expect(Object.getPrototypeOf(changed.attributes)).toBeNull();
  });
});

describe('names that are Object.prototype keys are plain data everywhere', () => {
  it('topics, states, purposes and disconnect types named constructor, __proto__ or toString', () => {
    const ingest = createGenesysIngest();
    expect(ingest.push({ topicName: 'v2.users.u1.conversations.constructor', eventBody: { id: 'c1', participants: [] } }))
      .toMatchObject({ outcome: 'skipped', kind: 'v2.users.{id}.conversations.constructor', reason: 'constructor are not tracked' });
    expect(ingest.push({ topicName: 'v2.detail.events.conversation.c1.toString', eventBody: {} })).toMatchObject({ outcome: 'skipped' });
    const result = ingest.push(payload([
      { id: 'p1', purpose: 'constructor', state: 'constructor', disconnectType: '__proto__', startTime: '2026-11-21T10:00:00.000Z', endTime: '2026-11-21T10:00:01.000Z' },
      { id: 'p2', purpose: 'agent', state: 'toString', initialState: '__proto__', startTime: '2026-11-21T10:00:00.000Z' },
    ]));
    expect(result.events.map((e) => e.type)).toEqual(['participant.added', 'participant.added', 'participant.disconnected']);
    expect(result.events[2]).toMatchObject({ disconnectType: '__proto__' });
  });
});

describe('report counts keyed by payload text', () => {
  it('a topic named __proto__ is counted like any other', () => {
    const ingest = createGenesysIngest();
    ingest.push({ topicName: '__proto__', eventBody: {} });
    ingest.push({ topicName: '__proto__', eventBody: {} });
    expect(Object.entries(ingest.report().skipped)).toEqual([['__proto__', 2]]);
    expect(Object.prototype).not.toHaveProperty('2');
  });
});
