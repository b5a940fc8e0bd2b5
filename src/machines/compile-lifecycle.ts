import { transition } from 'xstate';
import { EVENT_TYPES } from '../events/lifecycle-rank.js';
import { initialCallbackState } from '../events/schemas.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import type { MediaType } from '../model/enums.js';
import { PARTICIPANT_MACHINES, type LifecycleMeta, type ParticipantMachine } from './participant-lifecycle.js';

/** A lifecycle state name of a participant machine (`alerting`, `held`, `afterCallWork`…). */
export type LifecycleState = string;

/** The state before `participant.added`. */
export const ABSENT: LifecycleState = 'absent';

/** Initial states `participant.added` may ask for, as the event schema lists them (a superset for chat). */
const INITIAL_STATES = initialCallbackState.options;

/**
 * The key under which an event is looked up: its type, and for `participant.added` its
 * requested initial state too (the machine's guard reads it).
 *
 * @example
 * lifecycleEventKey({ type: 'participant.added', state: 'dialing', … }); // 'participant.added:dialing'
 */
export function lifecycleEventKey(event: Pick<TrackerEvent, 'type'> & { state?: string }): string {
  return event.type === 'participant.added' ? `participant.added:${event.state ?? 'alerting'}` : event.type;
}

/** One representative event per lookup key, to ask the machine about. */
function representativeEvents(media: MediaType): TrackerEvent[] {
  const envelope = { id: 'probe', time: '1970-01-01T00:00:00.000Z', conversationId: 'probe', participantId: 'probe' };
  const events: unknown[] = [];
  for (const type of EVENT_TYPES) {
    if (type === 'participant.added') {
      for (const state of INITIAL_STATES) events.push({ ...envelope, type, media, purpose: 'agent', state });
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
  /** The next state, or `undefined` when the machine does not allow the event in `state`. */
  next(state: LifecycleState, eventKey: string): LifecycleState | undefined;
  /** The Genesys participant `state` shown in a lifecycle state. */
  participantState(state: LifecycleState): string;
  /** The event keys the machine accepts in `state`. */
  accepted(state: LifecycleState): readonly string[];
}

/**
 * Compiles one participant machine (see {@link CompiledLifecycle}).
 *
 * @example
 * const chat = compileLifecycle(chatParticipantMachine, 'chat');
 * chat.next('connected', 'participant.holdStarted'); // 'held'
 * chat.next('connected', 'participant.parked');      // undefined: a chat cannot be parked
 */
export function compileLifecycle(machine: ParticipantMachine, media: MediaType): CompiledLifecycle {
  const states = Object.keys(machine.root.states);
  const table: Record<string, Record<string, string>> = Object.create(null);
  const shown: Record<string, string> = Object.create(null);
  for (const state of states) {
    const row: Record<string, string> = Object.create(null);
    const snapshot = machine.resolveState({ value: state, context: {} });
    for (const event of representativeEvents(media)) {
      if (!snapshot.can(event)) continue;
      const [next] = transition(machine, snapshot, event);
      row[lifecycleEventKey(event)] = String(next.value);
    }
    table[state] = row;
    shown[state] = (machine.root.states[state]?.meta as LifecycleMeta | undefined)?.participantState ?? state;
  }
  return {
    media,
    states,
    next: (state, eventKey) => table[state]?.[eventKey],
    participantState: (state) => shown[state] ?? state,
    accepted: (state) => Object.keys(table[state] ?? {}),
  };
}

/** The compiled lifecycle of each media, built once at load. */
export const LIFECYCLES: Readonly<Record<MediaType, CompiledLifecycle>> = {
  chat: compileLifecycle(PARTICIPANT_MACHINES.chat, 'chat'),
  callback: compileLifecycle(PARTICIPANT_MACHINES.callback, 'callback'),
};
