import { describe, expect, it } from 'vitest';
import { DEFAULT_INITIAL_STATE, INITIAL_STATES, initialStateOf } from '../../../src/events/initial-state.js';
import { LIFECYCLES } from '../../../src/machines/compile-lifecycle.js';
import { PARTICIPANT_STATE_PHASES, lifecyclePhase } from '../../../src/machines/lifecycle-phase.js';

describe('lifecyclePhase', () => {
  const expected = {
    absent: undefined,
    scheduled: 'pre',
    alerting: 'pre',
    dialing: 'pre',
    contacting: 'pre',
    offering: 'pre',
    connected: 'connected',
    held: 'connected',
    parked: 'connected',
    disconnected: 'ended',
    wrappedUp: 'ended',
    afterCallWork: 'ended',
    afterCallWorkWrappedUp: 'ended',
    afterCallWorkEnded: 'ended',
  } as const;

  for (const media of ['chat', 'callback'] as const) {
    it(`${media}: each state's phase (before connection, connected, ended)`, () => {
      const lifecycle = LIFECYCLES[media];
      for (const state of lifecycle.states) expect(lifecyclePhase(lifecycle, state), state).toBe(expected[state as keyof typeof expected]);
    });
  }

  it('each Genesys state the machines show has one phase', () => {
    expect(Object.fromEntries([...PARTICIPANT_STATE_PHASES].sort())).toEqual({
      alerting: 'pre', contacting: 'pre', dialing: 'pre', offering: 'pre', scheduled: 'pre',
      connected: 'connected', parked: 'connected',
      disconnected: 'ended',
    });
  });
});

describe('CompiledLifecycle.shows', () => {
  it('a chat never shows parked or scheduled; a callback shows both', () => {
    for (const state of ['parked', 'scheduled']) {
      expect(LIFECYCLES.chat.shows(state)).toBe(false);
      expect(LIFECYCLES.callback.shows(state)).toBe(true);
    }
    for (const state of ['alerting', 'connected', 'disconnected', 'none']) {
      expect(LIFECYCLES.chat.shows(state)).toBe(true);
      expect(LIFECYCLES.callback.shows(state)).toBe(true);
    }
    expect(LIFECYCLES.chat.shows('held')).toBe(false);
    expect(LIFECYCLES.callback.shows('afterCallWork')).toBe(false);
  });
});

describe('initial states', () => {
  it('participant.added starts where it says, else alerting', () => {
    expect(DEFAULT_INITIAL_STATE).toBe('alerting');
    expect(initialStateOf({})).toBe('alerting');
    expect(initialStateOf({ state: undefined })).toBe('alerting');
    expect(initialStateOf({ state: 'dialing' })).toBe('dialing');
  });

  it('a callback may also start scheduled', () => {
    expect(INITIAL_STATES.chat).toEqual(['alerting', 'dialing', 'contacting', 'offering', 'connected']);
    expect(INITIAL_STATES.callback).toEqual(['alerting', 'dialing', 'contacting', 'offering', 'connected', 'scheduled']);
  });
});
