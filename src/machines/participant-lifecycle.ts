import { setup, type EventObject, type MachineContext, type StateMachine, type StateSchema } from 'xstate';
import { INITIAL_STATES, initialStateOf, type InitialState } from '../events/initial-state.js';
import type { TrackerEvent, TrackerEventType } from '../events/tracker-event.js';
import type { MediaType } from '../model/enums.js';

/**
 * A state of a participant machine: `absent` before `participant.added`, then the states of the
 * lifecycle (the callback machine adds `scheduled` and `parked`). Several show the same Genesys
 * `state` (`held` shows connected; the after-call-work states show disconnected).
 */
export type LifecycleState =
  | 'absent' | 'scheduled' | 'alerting' | 'dialing' | 'contacting' | 'offering' | 'connected' | 'held' | 'parked'
  | 'disconnected' | 'wrappedUp' | 'afterCallWork' | 'afterCallWorkWrappedUp' | 'afterCallWorkEnded';

/** The Genesys `state` a lifecycle state shows in the participant snapshot. */
export interface LifecycleMeta {
  readonly participantState: string;
}

/** The guard of `participant.added`: the initial state the event asks for is `params.state`. */
type InitialStateGuard = { type: 'initialStateIs'; params: { state: InitialState } };

/** One state of the machine config: where each event it accepts leads, and what it shows. */
interface LifecycleStateConfig {
  readonly on: { readonly [T in TrackerEventType]?: LifecycleState | readonly { guard: InitialStateGuard; target: LifecycleState }[] };
  readonly meta: LifecycleMeta;
}

/** A state showing `participantState`, with its transitions. */
const state = (participantState: string, on: LifecycleStateConfig['on']): LifecycleStateConfig => ({ on, meta: { participantState } });

/** Transitions of the states before connection (`self` is the state they belong to). */
const preConnection = (self: LifecycleState, callback: boolean): LifecycleStateConfig['on'] => ({
  'participant.alerting': 'alerting',
  'participant.dialing': 'dialing',
  'participant.contacting': 'contacting',
  'participant.offering': 'offering',
  'participant.connected': 'connected',
  'participant.disconnected': 'disconnected',
  'participant.updated': self,
  ...(callback ? { 'callback.scheduled': self } : {}),
});

/** `participant.added` asking for `target` starts the participant there. */
const added = (target: InitialState) => ({ guard: { type: 'initialStateIs' as const, params: { state: target } }, target });

/**
 * The states of one participant leg. The chat lifecycle is the shared core; the callback
 * lifecycle adds `scheduled` (before routing), `parked` ⇄ `connected` and `callback.scheduled`.
 */
function lifecycleStates(media: MediaType): Partial<Record<LifecycleState, LifecycleStateConfig>> {
  const callback = media === 'callback';
  return {
    absent: state('none', { 'participant.added': INITIAL_STATES[media].map((initial) => added(initial)) }),
    ...(callback ? { scheduled: state('scheduled', preConnection('scheduled', callback)) } : {}),
    alerting: state('alerting', preConnection('alerting', callback)),
    dialing: state('dialing', preConnection('dialing', callback)),
    contacting: state('contacting', preConnection('contacting', callback)),
    offering: state('offering', preConnection('offering', callback)),
    connected: state('connected', {
      'participant.holdStarted': 'held',
      'participant.disconnected': 'disconnected',
      'participant.updated': 'connected',
      ...(callback ? { 'participant.parked': 'parked' } : {}),
    }),
    held: state('connected', {
      'participant.holdEnded': 'connected',
      'participant.disconnected': 'disconnected',
      'participant.updated': 'held',
    }),
    ...(callback
      ? {
          parked: state('parked', {
            'participant.resumed': 'connected',
            'participant.disconnected': 'disconnected',
            'participant.updated': 'parked',
          }),
        }
      : {}),
    disconnected: state('disconnected', {
      'participant.acwStarted': 'afterCallWork',
      'participant.wrapupApplied': 'wrappedUp',
      'participant.wrapupSkipped': 'wrappedUp',
      'participant.updated': 'disconnected',
    }),
    wrappedUp: state('disconnected', { 'participant.updated': 'wrappedUp' }),
    afterCallWork: state('disconnected', {
      'participant.wrapupApplied': 'afterCallWorkWrappedUp',
      'participant.wrapupSkipped': 'afterCallWorkWrappedUp',
      'participant.acwEnded': 'afterCallWorkEnded',
      'participant.updated': 'afterCallWork',
    }),
    afterCallWorkWrappedUp: state('disconnected', { 'participant.acwEnded': 'afterCallWorkEnded', 'participant.updated': 'afterCallWorkWrappedUp' }),
    afterCallWorkEnded: state('disconnected', { 'participant.updated': 'afterCallWorkEnded' }),
  };
}

/**
 * The public type of a participant machine: an XState v5 machine without context, whose events
 * are the v1 events and whose state values are {@link LifecycleState}s, each carrying
 * {@link LifecycleMeta}. Use it with XState's own functions (`transition`, `createActor`,
 * `xstate/graph`); the tracker itself reads the compiled table (`LIFECYCLES`).
 */
export type ParticipantMachine = StateMachine<
  MachineContext, TrackerEvent, {}, never, never, InitialStateGuard, never, LifecycleState, string,
  unknown, unknown, EventObject, LifecycleMeta, StateSchema
>;

/**
 * Builds the machine of one participant leg from {@link lifecycleStates}. Machines carry no
 * context and no effects: time comes only from events, so they compile to a lookup table (see
 * `compileLifecycle`).
 */
function participantLifecycle(media: MediaType): ParticipantMachine {
  const machine = setup({
    types: { events: {} as TrackerEvent, meta: {} as LifecycleMeta },
    guards: {
      initialStateIs: ({ event }, params: { state: InitialState }) =>
        event.type === 'participant.added' && initialStateOf(event) === params.state,
    },
  }).createMachine({ id: `${media}Participant`, initial: 'absent', states: lifecycleStates(media) });
  // XState infers no state value from a config built in parts; the states above are typed
  // LifecycleState, so the value is one of them.
  return machine as unknown as ParticipantMachine;
}

/**
 * The chat participant lifecycle: alerting/dialing/contacting/offering → connected ⇄ held →
 * disconnected → after-call work.
 *
 * @example
 * import { transition } from 'xstate';
 * const [next] = transition(chatParticipantMachine, chatParticipantMachine.resolveState({ value: 'connected' }),
 *   { type: 'participant.holdStarted', id: 'e1', time: '2026-11-21T10:00:00.000Z', conversationId: 'c', participantId: 'p' });
 * next.value; // 'held'
 */
export const chatParticipantMachine: ParticipantMachine = participantLifecycle('chat');

/**
 * The callback participant lifecycle: the chat lifecycle plus `scheduled`, `callback.scheduled`
 * and parked → resumed.
 *
 * @example
 * callbackParticipantMachine.resolveState({ value: 'parked' }).can({ type: 'participant.resumed', … }); // true
 */
export const callbackParticipantMachine: ParticipantMachine = participantLifecycle('callback');

/** The machine of each media. */
export const PARTICIPANT_MACHINES: Readonly<Record<MediaType, ParticipantMachine>> = {
  chat: chatParticipantMachine,
  callback: callbackParticipantMachine,
};
