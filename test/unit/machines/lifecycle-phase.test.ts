import { describe, expect, it } from 'vitest';
import { INITIAL_STATES } from '../../../src/events/initial-state.js';
import { ABSENT, LIFECYCLES, lifecycleEventKey } from '../../../src/machines/compile-lifecycle.js';
import { PARTICIPANT_STATE_PHASES, lifecyclePhase } from '../../../src/machines/lifecycle-phase.js';
import { MEDIA_TYPES } from '../../../src/model/enums.js';

describe('lifecycle facts read off the machines', () => {
  it('the phase of every lifecycle state', () => {
    const phases = (media: 'chat' | 'callback') =>
      Object.fromEntries(LIFECYCLES[media].states.map((state) => [state, lifecyclePhase(LIFECYCLES[media], state)]));
    const shared = {
      absent: undefined, alerting: 'pre', dialing: 'pre', contacting: 'pre', offering: 'pre',
      connected: 'connected', held: 'connected',
      disconnected: 'ended', wrappedUp: 'ended', afterCallWork: 'ended', afterCallWorkWrappedUp: 'ended', afterCallWorkEnded: 'ended',
    };
    expect(phases('chat')).toEqual(shared);
    expect(phases('callback')).toEqual({ ...shared, scheduled: 'pre', parked: 'connected' });
  });

  it('the phase each Genesys state shows', () => {
    expect(Object.fromEntries(PARTICIPANT_STATE_PHASES)).toEqual({
      scheduled: 'pre', alerting: 'pre', dialing: 'pre', contacting: 'pre', offering: 'pre',
      connected: 'connected', parked: 'connected', disconnected: 'ended',
    });
  });

  it('only a callback shows parked', () => {
    expect(LIFECYCLES.chat.shows('parked')).toBe(false);
    expect(LIFECYCLES.callback.shows('parked')).toBe(true);
    expect(LIFECYCLES.chat.shows('connected')).toBe(true);
  });

  it('participant.added starts a participant in exactly the initial states of its media, alerting by default', () => {
    expect(INITIAL_STATES).toEqual({
      chat: ['alerting', 'dialing', 'contacting', 'offering', 'connected'],
      callback: ['alerting', 'dialing', 'contacting', 'offering', 'connected', 'scheduled'],
    });
    for (const media of MEDIA_TYPES) {
      const lifecycle = LIFECYCLES[media];
      expect(lifecycle.accepted(ABSENT)).toEqual(INITIAL_STATES[media].map((state) => `participant.added:${state}`));
      for (const state of INITIAL_STATES[media]) expect(lifecycle.next(ABSENT, `participant.added:${state}`)).toBe(state);
      expect(lifecycle.next(ABSENT, lifecycleEventKey({ type: 'participant.added' }))).toBe('alerting');
    }
  });
});
