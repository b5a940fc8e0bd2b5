import { describe, expect, it } from 'vitest';
import { getInitialSnapshot, transition } from 'xstate';
import { DEFAULT_INITIAL_STATE, initialStateOf } from '../../../src/events/initial-state.js';
import { EVENT_TYPES } from '../../../src/events/lifecycle-rank.js';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { ABSENT, LIFECYCLES, compileLifecycle, lifecycleEventKey } from '../../../src/machines/compile-lifecycle.js';
import { PARTICIPANT_MACHINES, callbackParticipantMachine, chatParticipantMachine } from '../../../src/machines/participant-lifecycle.js';
import type { MediaType } from '../../../src/model/enums.js';

/*
 * The lifecycle rules written out by hand, state by state and event by event: the machines must
 * say exactly this, both through XState's own `transition` and through the compiled table. A
 * change to a rule fails here first.
 */

type Row = Record<string, string>;

const INITIAL: Record<MediaType, readonly string[]> = {
  chat: ['alerting', 'dialing', 'contacting', 'offering', 'connected'],
  callback: ['alerting', 'dialing', 'contacting', 'offering', 'connected', 'scheduled'],
};

/** Every lookup key: each event type, and `participant.added` once per initial state of either media. */
const ALL_KEYS = [
  ...INITIAL.callback.map((s) => `participant.added:${s}`),
  ...EVENT_TYPES.filter((t) => t !== 'participant.added'),
];

/** The states before connection: routing may move between them, connect or disconnect the participant. */
function preConnection(self: string, media: MediaType): Row {
  return {
    'participant.alerting': 'alerting',
    'participant.dialing': 'dialing',
    'participant.contacting': 'contacting',
    'participant.offering': 'offering',
    'participant.connected': 'connected',
    'participant.disconnected': 'disconnected',
    'participant.updated': self,
    ...(media === 'callback' ? { 'callback.scheduled': self } : {}),
  };
}

function expectedTable(media: MediaType): Record<string, Row> {
  const callback = media === 'callback';
  return {
    absent: Object.fromEntries(INITIAL[media].map((s) => [`participant.added:${s}`, s])),
    ...(callback ? { scheduled: preConnection('scheduled', media) } : {}),
    alerting: preConnection('alerting', media),
    dialing: preConnection('dialing', media),
    contacting: preConnection('contacting', media),
    offering: preConnection('offering', media),
    connected: {
      'participant.holdStarted': 'held',
      'participant.disconnected': 'disconnected',
      'participant.updated': 'connected',
      ...(callback ? { 'participant.parked': 'parked' } : {}),
    },
    held: { 'participant.holdEnded': 'connected', 'participant.disconnected': 'disconnected', 'participant.updated': 'held' },
    ...(callback
      ? { parked: { 'participant.resumed': 'connected', 'participant.disconnected': 'disconnected', 'participant.updated': 'parked' } }
      : {}),
    disconnected: {
      'participant.acwStarted': 'afterCallWork',
      'participant.wrapupApplied': 'wrappedUp',
      'participant.wrapupSkipped': 'wrappedUp',
      'participant.updated': 'disconnected',
    },
    wrappedUp: { 'participant.updated': 'wrappedUp' },
    afterCallWork: {
      'participant.wrapupApplied': 'afterCallWorkWrappedUp',
      'participant.wrapupSkipped': 'afterCallWorkWrappedUp',
      'participant.acwEnded': 'afterCallWorkEnded',
      'participant.updated': 'afterCallWork',
    },
    afterCallWorkWrappedUp: { 'participant.acwEnded': 'afterCallWorkEnded', 'participant.updated': 'afterCallWorkWrappedUp' },
    afterCallWorkEnded: { 'participant.updated': 'afterCallWorkEnded' },
  };
}

/** The Genesys `state` each lifecycle state shows. */
const SHOWN: Record<string, string> = {
  absent: 'none',
  scheduled: 'scheduled',
  alerting: 'alerting',
  dialing: 'dialing',
  contacting: 'contacting',
  offering: 'offering',
  connected: 'connected',
  held: 'connected',
  parked: 'parked',
  disconnected: 'disconnected',
  wrappedUp: 'disconnected',
  afterCallWork: 'disconnected',
  afterCallWorkWrappedUp: 'disconnected',
  afterCallWorkEnded: 'disconnected',
};

const envelope = { id: 'e', time: '2026-11-21T10:00:00.000Z', conversationId: 'c', participantId: 'p' };

/** An event for a lookup key. */
function eventFor(key: string, media: MediaType): TrackerEvent {
  if (key.startsWith('participant.added:')) {
    return { ...envelope, type: 'participant.added', media, purpose: 'agent', state: key.split(':')[1] } as TrackerEvent;
  }
  return { ...envelope, type: key } as TrackerEvent;
}

for (const media of ['chat', 'callback'] as const) {
  describe(`${media} participant lifecycle, state by state`, () => {
    const expected = expectedTable(media);
    const machine = PARTICIPANT_MACHINES[media];
    const lifecycle = LIFECYCLES[media];

    it('has exactly these states, absent first, and starts absent', () => {
      expect(getInitialSnapshot(machine).value).toBe(ABSENT);
      expect(lifecycle.states[0]).toBe(ABSENT);
      expect([...lifecycle.states].sort()).toEqual(Object.keys(expected).sort());
      expect(Object.keys(machine.root.states).sort()).toEqual(Object.keys(expected).sort());
    });

    for (const state of Object.keys(expected)) {
      it(`${state}: XState's transition() takes exactly the listed events, to the listed states`, () => {
        const snapshot = machine.resolveState({ value: state, context: {} });
        for (const key of ALL_KEYS) {
          const event = eventFor(key, media);
          const to = expected[state]![key];
          expect(snapshot.can(event), `${state} + ${key}`).toBe(to !== undefined);
          if (to !== undefined) expect(String(transition(machine, snapshot, event)[0].value), `${state} + ${key}`).toBe(to);
        }
      });

      it(`${state}: the compiled table says the same, and shows Genesys state ${SHOWN[state]}`, () => {
        for (const key of ALL_KEYS) expect(lifecycle.next(state, key), `${state} + ${key}`).toBe(expected[state]![key]);
        expect([...lifecycle.accepted(state)].sort()).toEqual(Object.keys(expected[state]!).sort());
        expect(lifecycle.participantState(state)).toBe(SHOWN[state]);
      });
    }

    it('an unknown state accepts nothing and is shown as itself', () => {
      expect(lifecycle.next('nowhere', 'participant.updated')).toBeUndefined();
      expect(lifecycle.accepted('nowhere')).toEqual([]);
      expect(lifecycle.participantState('nowhere')).toBe('nowhere');
      expect(lifecycle.media).toBe(media);
    });

    it('participant.added without a state starts the participant alerting (XState and the lookup key agree)', () => {
      const event = { ...envelope, type: 'participant.added', media, purpose: 'agent' } as TrackerEvent;
      const absent = machine.resolveState({ value: 'absent', context: {} });
      expect(absent.can(event)).toBe(true);
      expect(String(transition(machine, absent, event)[0].value)).toBe('alerting');
      expect(lifecycleEventKey(event)).toBe('participant.added:alerting');
      expect(lifecycle.next(ABSENT, lifecycleEventKey(event))).toBe('alerting');
    });

    it('participant.added asks for an initial state through the guard only on participant.added', () => {
      const absent = machine.resolveState({ value: 'absent', context: {} });
      for (const key of ALL_KEYS.filter((k) => !k.startsWith('participant.added'))) {
        expect(absent.can(eventFor(key, media)), key).toBe(false);
      }
    });
  });
}

describe('lifecycleEventKey', () => {
  it('is the type, and for participant.added the requested state too', () => {
    expect(lifecycleEventKey({ type: 'participant.connected' })).toBe('participant.connected');
    expect(lifecycleEventKey({ type: 'participant.connected', state: 'dialing' })).toBe('participant.connected');
    expect(lifecycleEventKey({ type: 'participant.added', state: 'dialing' })).toBe('participant.added:dialing');
    expect(lifecycleEventKey({ type: 'participant.added' })).toBe('participant.added:alerting');
  });
});

describe('compileLifecycle', () => {
  it('compiles a machine to the same table LIFECYCLES holds', () => {
    const chat = compileLifecycle(chatParticipantMachine, 'chat');
    const callback = compileLifecycle(callbackParticipantMachine, 'callback');
    for (const [compiled, media] of [[chat, 'chat'], [callback, 'callback']] as const) {
      expect(compiled.media).toBe(media);
      expect(compiled.states).toEqual(LIFECYCLES[media].states);
      for (const state of compiled.states) {
        expect(compiled.accepted(state)).toEqual(LIFECYCLES[media].accepted(state));
        for (const key of ALL_KEYS) expect(compiled.next(state, key)).toBe(LIFECYCLES[media].next(state, key));
      }
    }
  });

  it('the machines are keyed by media', () => {
    expect(PARTICIPANT_MACHINES.chat).toBe(chatParticipantMachine);
    expect(PARTICIPANT_MACHINES.callback).toBe(callbackParticipantMachine);
    expect(chatParticipantMachine.id).toBe('chatParticipant');
    expect(callbackParticipantMachine.id).toBe('callbackParticipant');
  });
});

describe('what each lifecycle shows, and where participant.added starts', () => {
  it('shows: a chat never shows parked or scheduled; both show the shared states; lifecycle state names are not shown', () => {
    for (const state of ['parked', 'scheduled']) {
      expect(LIFECYCLES.chat.shows(state)).toBe(false);
      expect(LIFECYCLES.callback.shows(state)).toBe(true);
    }
    for (const state of ['none', 'alerting', 'dialing', 'contacting', 'offering', 'connected', 'disconnected']) {
      expect(LIFECYCLES.chat.shows(state)).toBe(true);
      expect(LIFECYCLES.callback.shows(state)).toBe(true);
    }
    expect(LIFECYCLES.chat.shows('held')).toBe(false);
    expect(LIFECYCLES.callback.shows('afterCallWork')).toBe(false);
  });

  it('initialStateOf: the state participant.added names, else alerting', () => {
    expect(DEFAULT_INITIAL_STATE).toBe('alerting');
    expect(initialStateOf({})).toBe('alerting');
    expect(initialStateOf({ state: undefined })).toBe('alerting');
    expect(initialStateOf({ state: 'dialing' })).toBe('dialing');
    expect(initialStateOf({ state: 'scheduled' })).toBe('scheduled');
  });
});
