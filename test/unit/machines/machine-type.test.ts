import { describe, expect, expectTypeOf, it } from 'vitest';
import { createActor, transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import {
  callbackParticipantMachine, chatParticipantMachine, type LifecycleMeta, type LifecycleState, type ParticipantMachine,
} from '../../../src/machines/participant-lifecycle.js';

const envelope = { id: 'e', time: '2026-11-21T10:00:00.000Z', conversationId: 'c', participantId: 'p' };

describe('the public machine type', () => {
  it('is a plain XState machine: actors, transition() and xstate/graph work on it, values are LifecycleStates', () => {
    const actor = createActor(chatParticipantMachine).start();
    actor.send({ ...envelope, type: 'participant.added', media: 'chat', purpose: 'agent', state: 'connected' });
    actor.send({ ...envelope, type: 'participant.holdStarted' });
    const value = actor.getSnapshot().value;
    expectTypeOf(value).toEqualTypeOf<LifecycleState>();
    expect(value).toBe('held');
    actor.stop();

    const [parked] = transition(callbackParticipantMachine, callbackParticipantMachine.resolveState({ value: 'connected', context: {} }),
      { ...envelope, type: 'participant.parked' });
    expect(parked.value).toBe('parked');
    expect((callbackParticipantMachine.root.states.parked?.meta as LifecycleMeta).participantState).toBe('parked');

    const events: TrackerEvent[] = [
      { ...envelope, type: 'participant.added', media: 'chat', purpose: 'agent' },
      { ...envelope, type: 'participant.connected' },
    ];
    const paths = getShortestPaths(chatParticipantMachine, { events, serializeState: (s) => JSON.stringify(s.value) });
    expect(paths.map((p) => p.state.value).sort()).toEqual(['absent', 'alerting', 'connected']);
  });

  it('names its events and states, not inferred config types', () => {
    expectTypeOf(chatParticipantMachine).toEqualTypeOf<ParticipantMachine>();
    expectTypeOf<Parameters<ParticipantMachine['transition']>[1]>().toEqualTypeOf<TrackerEvent>();
  });
});
