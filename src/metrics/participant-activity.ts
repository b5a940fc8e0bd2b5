import type { TrackerEvent } from '../events/tracker-event.js';

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

const ms = (iso: string) => Date.parse(iso);

/** Total length of spans, in milliseconds. */
export const spanMs = (spans: readonly Span[]): number => spans.reduce((sum, s) => sum + ms(s.end) - ms(s.start), 0);

/**
 * Folds a conversation's applied events into each participant's routing time and completed holds
 * and parks (a disconnect closes an open one). Genesys clears `startHoldTime` on unhold, so hold
 * time has to be accumulated from the events; a callback's snapshot does not keep when it left
 * `scheduled`.
 *
 * @example
 * participantActivity(tracker.history('c1')).get('agent-1')?.holds; // [{ start, end }, …]
 */
export function participantActivity(history: readonly TrackerEvent[]): Map<string, ParticipantActivity> {
  const activity = new Map<string, ParticipantActivity>();
  const openHold = new Map<string, string>();
  const openPark = new Map<string, string>();
  const of = (id: string) => {
    let a = activity.get(id);
    if (a === undefined) activity.set(id, (a = { routedTime: undefined, holds: [], parks: [] }));
    return a;
  };
  const close = (open: Map<string, string>, spans: Span[], id: string, end: string) => {
    const start = open.get(id);
    if (start === undefined) return;
    spans.push({ start, end });
    open.delete(id);
  };
  for (const event of history) {
    const id = event.participantId;
    switch (event.type) {
      case 'participant.added':
        if (event.state !== 'scheduled') of(id).routedTime = event.time;
        break;
      case 'participant.alerting':
      case 'participant.dialing':
      case 'participant.contacting':
      case 'participant.offering':
      case 'participant.connected':
        of(id).routedTime ??= event.time;
        break;
      case 'participant.holdStarted':
        openHold.set(id, event.time);
        break;
      case 'participant.holdEnded':
        close(openHold, of(id).holds, id, event.time);
        break;
      case 'participant.parked':
        openPark.set(id, event.time);
        break;
      case 'participant.resumed':
        close(openPark, of(id).parks, id, event.time);
        break;
      case 'participant.disconnected':
        close(openHold, of(id).holds, id, event.time);
        close(openPark, of(id).parks, id, event.time);
        break;
      default:
        break;
    }
  }
  return activity;
}
