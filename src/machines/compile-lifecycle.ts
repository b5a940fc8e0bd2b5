import { transition } from 'xstate';
import { INITIAL_STATES, initialStateOf, type InitialState } from '../events/initial-state.js';
import { EVENT_TYPES } from '../events/lifecycle-rank.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import type { MediaType } from '../model/enums.js';
import { PARTICIPANT_MACHINES, type LifecycleState, type ParticipantMachine } from './participant-lifecycle.js';

export type { LifecycleState } from './participant-lifecycle.js';

/** The state before `participant.added`. */
export const ABSENT = 'absent' satisfies LifecycleState;

/** The key of `participant.added` in each initial state, made once: a fold asks for one per added participant. */
const ADDED_KEYS: ReadonlyMap<string, string> = new Map(
  [...INITIAL_STATES.chat, ...INITIAL_STATES.callback].map((state) => [state, addedKey(state)]),
);

function addedKey(state: string): string {
  return `participant.added:${state}`;
}

/**
 * The key under which an event is looked up: its type, and for `participant.added` its
 * requested initial state too (the machine's guard reads it).
 *
 * @example
 * lifecycleEventKey({ type: 'participant.added', state: 'dialing', … }); // 'participant.added:dialing'
 */
export function lifecycleEventKey(event: Pick<TrackerEvent, 'type'> & { state?: InitialState | undefined }): string {
  if (event.type !== 'participant.added') return event.type;
  const state = initialStateOf(event);
  return ADDED_KEYS.get(state) ?? addedKey(state);
}

/** One representative event per lookup key, to ask the machine about. */
function representativeEvents(media: MediaType): TrackerEvent[] {
  const envelope = { id: 'probe', time: '1970-01-01T00:00:00.000Z', conversationId: 'probe', participantId: 'probe' };
  const events: unknown[] = [];
  for (const type of EVENT_TYPES) {
    if (type === 'participant.added') {
      for (const state of INITIAL_STATES[media]) events.push({ ...envelope, type, media, purpose: 'agent', state });
    } else {
      events.push({ ...envelope, type });
    }
  }
  return events as TrackerEvent[];
}

/**
 * A participant machine compiled into a lookup table: (lifecycle state × event key) → next
 * lifecycle state. The table is built once, at load, by asking XState itself
 * (`snapshot.can` and `transition`), so the machine stays the one source of truth while the hot
 * path costs one property read.
 */
export interface CompiledLifecycle {
  readonly media: MediaType;
  /** Every lifecycle state, `absent` first. */
  readonly states: readonly LifecycleState[];
  /** The next state, or `undefined` when the machine does not allow the event in `state` (or has no such state). */
  next(state: string, eventKey: string): LifecycleState | undefined;
  /** The Genesys participant `state` shown in a lifecycle state. */
  participantState(state: string): string;
  /** The event keys the machine accepts in `state` (none for a state it does not have). */
  accepted(state: string): readonly string[];
  /** Whether some state of this lifecycle shows the Genesys `participantState` (a chat is never `parked`). */
  shows(participantState: string): boolean;
}

/**
 * Compiles one participant machine (see {@link CompiledLifecycle}).
 *
 * @example
 * const chat = compileLifecycle(chatParticipantMachine, 'chat');
 * chat.next('connected', 'participant.holdStarted'); // 'held'
 * chat.next('connected', 'participant.parked');      // undefined: a chat cannot be parked
 * chat.shows('parked');                              // false
 */
export function compileLifecycle(machine: ParticipantMachine, media: MediaType): CompiledLifecycle {
  const states = Object.keys(machine.root.states) as LifecycleState[];
  const table = Object.create(null) as Record<string, Record<string, LifecycleState>>;
  const shown = Object.create(null) as Record<string, string>;
  for (const state of states) {
    const row = Object.create(null) as Record<string, LifecycleState>;
    const snapshot = machine.resolveState({ value: state, context: {} });
    for (const event of representativeEvents(media)) {
      if (!snapshot.can(event)) continue;
      const [next] = transition(machine, snapshot, event);
      row[lifecycleEventKey(event)] = next.value;
    }
    table[state] = row;
    shown[state] = machine.root.states[state]?.meta?.participantState ?? state;
  }
  return {
    media,
    states,
    next: (state, eventKey) => table[state]?.[eventKey],
    participantState: (state) => shown[state] ?? state,
    accepted: (state) => Object.keys(table[state] ?? {}),
    shows: (participantState) => Object.values(shown).includes(participantState),
  };
}

/** The compiled lifecycle of each media, built once at load. */
export const LIFECYCLES: Readonly<Record<MediaType, CompiledLifecycle>> = {
  chat: compileLifecycle(PARTICIPANT_MACHINES.chat, 'chat'),
  callback: compileLifecycle(PARTICIPANT_MACHINES.callback, 'callback'),
};
