import { setup } from 'xstate';
import type { TrackerEvent } from '../events/tracker-event.js';
import type { MediaType } from '../model/enums.js';

/** The Genesys `state` a lifecycle state shows in the participant snapshot. */
export interface LifecycleMeta {
  readonly participantState: string;
}

const meta = (participantState: string) => ({ meta: { participantState } satisfies LifecycleMeta });

/** Transitions of the states before connection (`self` is the state they belong to). */
const preConnection = (self: string, callback: boolean) => ({
  'participant.alerting': 'alerting',
  'participant.dialing': 'dialing',
  'participant.contacting': 'contacting',
  'participant.offering': 'offering',
  'participant.connected': 'connected',
  'participant.disconnected': 'disconnected',
  'participant.updated': self,
  ...(callback ? { 'callback.scheduled': self } : {}),
});

const added = (target: string) => ({ guard: { type: 'initialStateIs' as const, params: { state: target } }, target });

/**
 * Builds the lifecycle of one participant leg. The chat lifecycle is the shared core; the
 * callback lifecycle adds `scheduled` (before routing), `parked` ⇄ `connected` and
 * `callback.scheduled`. Machines carry no context and no effects: time comes only from events,
 * so they compile to a lookup table (see `compileLifecycle`).
 */
function participantLifecycle<M extends MediaType>(media: M) {
  const callback = media === 'callback';
  return setup({
    types: { events: {} as TrackerEvent },
    guards: {
      initialStateIs: ({ event }, params: { state: string }) =>
        event.type === 'participant.added' && (event.state ?? 'alerting') === params.state,
    },
  }).createMachine({
    id: `${media}Participant`,
    initial: 'absent',
    states: {
      absent: {
        on: {
          'participant.added': [
            added('alerting'), added('dialing'), added('contacting'), added('offering'), added('connected'),
            ...(callback ? [added('scheduled')] : []),
          ],
        },
        ...meta('none'),
      },
      ...(callback ? { scheduled: { on: preConnection('scheduled', callback), ...meta('scheduled') } } : {}),
      alerting: { on: preConnection('alerting', callback), ...meta('alerting') },
      dialing: { on: preConnection('dialing', callback), ...meta('dialing') },
      contacting: { on: preConnection('contacting', callback), ...meta('contacting') },
      offering: { on: preConnection('offering', callback), ...meta('offering') },
      connected: {
        on: {
          'participant.holdStarted': 'held',
          'participant.disconnected': 'disconnected',
          'participant.updated': 'connected',
          ...(callback ? { 'participant.parked': 'parked' } : {}),
        },
        ...meta('connected'),
      },
      held: {
        on: {
          'participant.holdEnded': 'connected',
          'participant.disconnected': 'disconnected',
          'participant.updated': 'held',
        },
        ...meta('connected'),
      },
      ...(callback
        ? {
            parked: {
              on: {
                'participant.resumed': 'connected',
                'participant.disconnected': 'disconnected',
                'participant.updated': 'parked',
              },
              ...meta('parked'),
            },
          }
        : {}),
      disconnected: {
        on: {
          'participant.acwStarted': 'afterCallWork',
          'participant.wrapupApplied': 'wrappedUp',
          'participant.wrapupSkipped': 'wrappedUp',
          'participant.updated': 'disconnected',
        },
        ...meta('disconnected'),
      },
      wrappedUp: { on: { 'participant.updated': 'wrappedUp' }, ...meta('disconnected') },
      afterCallWork: {
        on: {
          'participant.wrapupApplied': 'afterCallWorkWrappedUp',
          'participant.wrapupSkipped': 'afterCallWorkWrappedUp',
          'participant.acwEnded': 'afterCallWorkEnded',
          'participant.updated': 'afterCallWork',
        },
        ...meta('disconnected'),
      },
      afterCallWorkWrappedUp: {
        on: { 'participant.acwEnded': 'afterCallWorkEnded', 'participant.updated': 'afterCallWorkWrappedUp' },
        ...meta('disconnected'),
      },
      afterCallWorkEnded: { on: { 'participant.updated': 'afterCallWorkEnded' }, ...meta('disconnected') },
    },
  });
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
export const chatParticipantMachine = participantLifecycle('chat');

/**
 * The callback participant lifecycle: the chat lifecycle plus `scheduled`, `callback.scheduled`
 * and parked → resumed.
 *
 * @example
 * callbackParticipantMachine.resolveState({ value: 'parked' }).can({ type: 'participant.resumed', … }); // true
 */
export const callbackParticipantMachine = participantLifecycle('callback');

/** The machine of each media. */
export const PARTICIPANT_MACHINES = {
  chat: chatParticipantMachine,
  callback: callbackParticipantMachine,
} as const;

export type ParticipantMachine = (typeof PARTICIPANT_MACHINES)[MediaType];
