import type { TrackerEvent } from '../events/tracker-event.js';
import { ABSENT, LIFECYCLES, lifecycleEventKey, type CompiledLifecycle, type LifecycleState } from '../machines/compile-lifecycle.js';
import { lifecyclePhase } from '../machines/lifecycle-phase.js';

/** A closed span of time, canonical ISO strings. */
export interface Span {
  readonly start: string;
  readonly end: string;
}

/**
 * What a participant's snapshot forgets: when it was routed, and every hold and every park, not
 * only the current one.
 */
export interface ParticipantActivity {
  /**
   * When the participant was routed: its start, or, when it was added `scheduled`, the first
   * change to a state other than `disconnected`. `undefined` while scheduled, and for good when
   * it disconnected while scheduled.
   */
  routedTime: string | undefined;
  readonly holds: Span[];
  readonly parks: Span[];
}

/** One participant's walk through its machine: its state, and since when. */
interface Walk {
  readonly lifecycle: CompiledLifecycle;
  state: LifecycleState;
  since: string;
}

const ms = (iso: string) => Date.parse(iso);

/** Total length of spans, in milliseconds. */
export const spanMs = (spans: readonly Span[]): number => spans.reduce((sum, s) => sum + ms(s.end) - ms(s.start), 0);

/**
 * Folds a conversation's applied events through the participants' machines into each one's
 * routing time and completed holds and parks: a hold is the time spent in the machine's `held`
 * state, a park the time in `parked`, whichever event leaves them (so a disconnect closes an open
 * one). Genesys clears `startHoldTime` on unhold, so hold time has to be accumulated from the
 * events; a callback's snapshot does not keep when it left `scheduled`.
 *
 * @example
 * participantActivity(tracker.history('c1')).get('agent-1')?.holds; // [{ start, end }, …]
 */
export function participantActivity(history: readonly TrackerEvent[]): Map<string, ParticipantActivity> {
  const activity = new Map<string, ParticipantActivity>();
  const walks = new Map<string, Walk>();
  for (const event of history) {
    const id = event.participantId;
    let walk = walks.get(id);
    if (walk === undefined) {
      if (event.type !== 'participant.added') continue;
      walk = { lifecycle: LIFECYCLES[event.media], state: ABSENT, since: event.time };
      walks.set(id, walk);
    }
    const next = walk.lifecycle.next(walk.state, lifecycleEventKey(event));
    if (next === undefined || next === walk.state) continue;
    let a = activity.get(id);
    if (a === undefined) activity.set(id, (a = { routedTime: undefined, holds: [], parks: [] }));
    if (walk.state === 'held') a.holds.push({ start: walk.since, end: event.time });
    if (walk.state === 'parked') a.parks.push({ start: walk.since, end: event.time });
    if (next !== 'scheduled' && lifecyclePhase(walk.lifecycle, next) !== 'ended') a.routedTime ??= event.time;
    walk.state = next;
    walk.since = event.time;
  }
  return activity;
}
