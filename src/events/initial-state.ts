import type { MediaType } from '../model/enums.js';

/**
 * The states `participant.added` may start a participant in, per media: the schema accepts
 * these, the machines have a transition from `absent` into each, and the compiled tables are
 * probed with them. A callback may also start `scheduled`.
 */
export const INITIAL_STATES = {
  chat: ['alerting', 'dialing', 'contacting', 'offering', 'connected'],
  callback: ['alerting', 'dialing', 'contacting', 'offering', 'connected', 'scheduled'],
} as const satisfies Readonly<Record<MediaType, readonly string[]>>;

/** A state `participant.added` may start a participant of either media in. */
export type InitialState = (typeof INITIAL_STATES)[MediaType][number];

/** The state of a `participant.added` that names none. */
export const DEFAULT_INITIAL_STATE = 'alerting' satisfies InitialState;

/**
 * The state a `participant.added` starts its participant in: the one it names, else `alerting`.
 *
 * @example
 * initialStateOf({ state: 'dialing' }); // 'dialing'
 * initialStateOf({});                   // 'alerting'
 */
export function initialStateOf(event: { readonly state?: InitialState | undefined }): InitialState {
  return event.state ?? DEFAULT_INITIAL_STATE;
}
