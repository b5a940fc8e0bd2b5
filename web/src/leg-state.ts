import type { MediaParticipant } from '../../src/model/media-participant.js';

/** What an agent leg is doing, as the agent grid and the floor list show it. */
export type LegActivity = 'alerting' | 'connected' | 'held' | 'parked' | 'acw';

/** An agent leg's activity and since when (ISO; absent when the snapshot does not say). */
export interface LegState {
  readonly activity: LegActivity;
  readonly since: string | undefined;
}

/** Short words for each activity. */
export const ACTIVITY_LABELS: Readonly<Record<LegActivity, string>> = {
  alerting: 'alerting', connected: 'connected', held: 'held', parked: 'parked', acw: 'ACW',
};

/**
 * What an agent leg is doing now and since when: in after-call work (connected once, ACW started
 * and not ended), held, parked, alerting (offered) or connected; `undefined` when it is done or
 * not yet offered.
 *
 * @example
 * legState({ purpose: 'agent', state: 'connected', connectedTime: '2026-11-21T10:00:24.500Z' });
 * // { activity: 'connected', since: '2026-11-21T10:00:24.500Z' }
 */
export function legState(leg: MediaParticipant): LegState | undefined {
  if (leg.connectedTime !== undefined && leg.startAcwTime !== undefined && leg.endAcwTime === undefined) {
    return { activity: 'acw', since: leg.startAcwTime };
  }
  if (leg.state === 'disconnected' || leg.state === 'terminated') return undefined;
  if (leg.held === true) return { activity: 'held', since: leg.startHoldTime };
  switch (leg.state) {
    case 'parked': return { activity: 'parked', since: leg.parkTime };
    case 'alerting':
    case 'offering': return { activity: 'alerting', since: leg.startAlertingTime ?? leg.startTime };
    case 'connected': return { activity: 'connected', since: leg.connectedTime ?? leg.startTime };
    default: return undefined;
  }
}
