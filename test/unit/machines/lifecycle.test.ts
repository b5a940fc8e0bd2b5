import { readFileSync } from 'node:fs';
import { transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { LIFECYCLES, lifecycleEventKey } from '../../../src/machines/compile-lifecycle.js';
import { lifecyclePage } from '../../../src/machines/lifecycle-diagram.js';
import { PARTICIPANT_MACHINES } from '../../../src/machines/participant-lifecycle.js';
import { candidateEvents } from '../../support/walks.js';

describe('compiled lifecycles', () => {
  for (const media of ['chat', 'callback'] as const) {
    it(`${media}: the table answers exactly what XState's transition() answers, for every state and event`, () => {
      const machine = PARTICIPANT_MACHINES[media];
      const lifecycle = LIFECYCLES[media];
      let checked = 0;
      for (const state of lifecycle.states) {
        const snapshot = machine.resolveState({ value: state, context: {} });
        for (const probe of candidateEvents(media)) {
          const event = { ...probe, id: 'x', time: '2026-11-21T10:00:00.000Z', conversationId: 'c', participantId: 'p' } as TrackerEvent;
          const expected = snapshot.can(event) ? String(transition(machine, snapshot, event)[0].value) : undefined;
          expect(lifecycle.next(state, lifecycleEventKey(event)), `${state} + ${lifecycleEventKey(event)}`).toBe(expected);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(200);
    });
  }

  it('a chat participant can never be parked; a connected callback can', () => {
    for (const state of LIFECYCLES.chat.states) expect(LIFECYCLES.chat.next(state, 'participant.parked')).toBeUndefined();
    expect(LIFECYCLES.callback.next('connected', 'participant.parked')).toBe('parked');
    expect(LIFECYCLES.callback.next('parked', 'participant.resumed')).toBe('connected');
  });

  it('holding needs a connection, and ends in connected', () => {
    expect(LIFECYCLES.chat.next('alerting', 'participant.holdStarted')).toBeUndefined();
    expect(LIFECYCLES.chat.next('connected', 'participant.holdStarted')).toBe('held');
    expect(LIFECYCLES.chat.participantState('held')).toBe('connected');
  });

  it('after-call work follows the disconnect and ends once', () => {
    expect(LIFECYCLES.chat.next('connected', 'participant.acwStarted')).toBeUndefined();
    expect(LIFECYCLES.chat.next('disconnected', 'participant.acwStarted')).toBe('afterCallWork');
    expect(LIFECYCLES.chat.next('afterCallWorkEnded', 'participant.acwEnded')).toBeUndefined();
    expect(LIFECYCLES.chat.participantState('afterCallWork')).toBe('disconnected');
  });

  it('scheduled is a callback state, left by routing', () => {
    expect(LIFECYCLES.chat.next('absent', 'participant.added:scheduled')).toBeUndefined();
    expect(LIFECYCLES.callback.next('absent', 'participant.added:scheduled')).toBe('scheduled');
    expect(LIFECYCLES.callback.next('scheduled', 'callback.scheduled')).toBe('scheduled');
    expect(LIFECYCLES.callback.next('connected', 'callback.scheduled')).toBeUndefined();
  });

  for (const media of ['chat', 'callback'] as const) {
    it(`docs/${media}-participant-lifecycle.md is generated from the current machine (npm run docs:diagrams)`, () => {
      const onDisk = readFileSync(new URL(`../../../docs/${media}-participant-lifecycle.md`, import.meta.url), 'utf8');
      expect(onDisk).toBe(lifecyclePage(LIFECYCLES[media]));
    });
  }
});
