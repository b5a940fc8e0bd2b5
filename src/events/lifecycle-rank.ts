import type { TrackerEventType } from './tracker-event.js';

/**
 * The spec's tie table (docs/event-log.md, "Order"): events with equal times are applied in the
 * causal order of the lifecycle, tier by tier (then in arrival order). A test reads the table in
 * the docs and compares it with this one.
 */
export const TIE_ORDER = [
  ['participant.added'],
  ['callback.scheduled', 'participant.alerting', 'participant.dialing', 'participant.contacting', 'participant.offering'],
  ['participant.connected'],
  ['participant.holdStarted', 'participant.holdEnded', 'participant.parked', 'participant.resumed', 'participant.updated'],
  ['participant.disconnected'],
  ['participant.acwStarted'],
  ['participant.wrapupApplied', 'participant.wrapupSkipped'],
  ['participant.acwEnded'],
] as const satisfies readonly (readonly TrackerEventType[])[];

/**
 * Each event type's rank: its tier in {@link TIE_ORDER}, from 1.
 *
 * @example
 * LIFECYCLE_RANK['participant.connected']; // 3
 */
export const LIFECYCLE_RANK = Object.fromEntries(
  TIE_ORDER.flatMap((tier, index) => tier.map((type) => [type, index + 1])),
) as Readonly<Record<TrackerEventType, number>>;

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
