import type { TrackerEventType } from './tracker-event.js';

/**
 * The spec's tie rule: events with equal times are applied in the causal order of the
 * lifecycle, rank by rank (then in arrival order).
 */
export const LIFECYCLE_RANK: Readonly<Record<TrackerEventType, number>> = {
  'participant.added': 1,
  'callback.scheduled': 2,
  'participant.alerting': 2,
  'participant.dialing': 2,
  'participant.contacting': 2,
  'participant.offering': 2,
  'participant.connected': 3,
  'participant.holdStarted': 4,
  'participant.holdEnded': 4,
  'participant.parked': 4,
  'participant.resumed': 4,
  'participant.updated': 4,
  'participant.disconnected': 5,
  'participant.acwStarted': 6,
  'participant.wrapupApplied': 7,
  'participant.wrapupSkipped': 7,
  'participant.acwEnded': 8,
};

/** Every v1 event type, in rank order. */
export const EVENT_TYPES = (Object.keys(LIFECYCLE_RANK) as TrackerEventType[]).sort(
  (a, b) => LIFECYCLE_RANK[a] - LIFECYCLE_RANK[b],
);

/**
 * Orders two events of one conversation: by time, then lifecycle rank. Equal results keep
 * arrival order (callers insert after equals).
 *
 * @example
 * compareEventOrder({ time: 't', type: 'participant.connected' }, { time: 't', type: 'participant.added' }); // > 0
 */
export function compareEventOrder(
  a: { time: string; type: TrackerEventType },
  b: { time: string; type: TrackerEventType },
): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  return LIFECYCLE_RANK[a.type] - LIFECYCLE_RANK[b.type];
}
