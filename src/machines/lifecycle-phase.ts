import { ABSENT, LIFECYCLES, type CompiledLifecycle, type LifecycleState } from './compile-lifecycle.js';

/**
 * How far a participant got: before connection (`pre`: routing may still move it, and it can
 * connect), `connected` (connected, held or parked), or `ended` (disconnected, with or without
 * after-call work and wrap-up).
 */
export type LifecyclePhase = 'pre' | 'connected' | 'ended';

/**
 * The phase of a lifecycle state, read off the machine: a state that accepts
 * `participant.connected` is before connection, one that shows Genesys state `disconnected` has
 * ended, any other is connected. `undefined` for `absent` (not added yet).
 *
 * @example
 * lifecyclePhase(LIFECYCLES.callback, 'scheduled'); // 'pre'
 * lifecyclePhase(LIFECYCLES.chat, 'held');          // 'connected'
 * lifecyclePhase(LIFECYCLES.chat, 'afterCallWork'); // 'ended'
 */
export function lifecyclePhase(lifecycle: CompiledLifecycle, state: string): LifecyclePhase | undefined {
  if (state === ABSENT) return undefined;
  if (lifecycle.next(state, 'participant.connected') !== undefined) return 'pre';
  return lifecycle.participantState(state) === 'disconnected' ? 'ended' : 'connected';
}

/**
 * The phase each Genesys participant `state` the machines show belongs to, over both media
 * (`alerting` → pre, `parked` → connected, `disconnected` → ended).
 *
 * @example
 * PARTICIPANT_STATE_PHASES.get('scheduled'); // 'pre'
 */
export const PARTICIPANT_STATE_PHASES: ReadonlyMap<string, LifecyclePhase> = new Map(
  Object.values(LIFECYCLES).flatMap((lifecycle) =>
    lifecycle.states.flatMap((state: LifecycleState) => {
      const phase = lifecyclePhase(lifecycle, state);
      return phase === undefined ? [] : [[lifecycle.participantState(state), phase] as const];
    }),
  ),
);

/**
 * Whether a participant in `state` has finished: disconnected with no after-call work under way
 * (none started, or ended), as the machine says: an ended state that does not accept
 * `participant.acwEnded`. A conversation whose participants have all finished can leave memory.
 *
 * @example
 * lifecycleFinished(LIFECYCLES.chat, 'disconnected');  // true
 * lifecycleFinished(LIFECYCLES.chat, 'afterCallWork'); // false
 * lifecycleFinished(LIFECYCLES.chat, 'connected');     // false
 */
export function lifecycleFinished(lifecycle: CompiledLifecycle, state: string): boolean {
  return lifecyclePhase(lifecycle, state) === 'ended' && lifecycle.next(state, 'participant.acwEnded') === undefined;
}
