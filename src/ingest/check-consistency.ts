import { LIFECYCLES } from '../machines/compile-lifecycle.js';
import { PARTICIPANT_STATE_PHASES, type LifecyclePhase } from '../machines/lifecycle-phase.js';
import { DISCONNECT_TYPES } from '../model/enums.js';
import { participantViolations } from '../model/invariants.js';
import { finding, type IngestFinding } from './findings.js';
import { TIME_FIELDS, type ObservedTimes, type ParticipantObservation } from './observation.js';

/** Genesys says `terminated` for a leg that has ended; no machine state shows it. */
const TERMINATED = 'terminated';

/**
 * The phase of the lifecycle a participant `state` names (as the machines show it; `terminated`
 * is ended), or `undefined` for states that are no step of the chat/callback lifecycle (`none`,
 * `converting`, `uploading`, `transmitting`, values Genesys adds later).
 *
 * @example
 * phaseOfState('terminated'); // 'ended'
 * phaseOfState('transmitting'); // undefined
 */
export function phaseOfState(state: string | undefined): LifecyclePhase | undefined {
  if (state === TERMINATED) return 'ended';
  return state === undefined ? undefined : PARTICIPANT_STATE_PHASES.get(state);
}

const KNOWN_DISCONNECT_TYPES = new Set<string>(DISCONNECT_TYPES);

/** A participant observation once checked: what contradicts what, and the observation without the contradicted values. */
export interface CheckedParticipant {
  readonly observation: ParticipantObservation;
  readonly findings: IngestFinding[];
}

/**
 * Checks one participant of a payload against itself:
 * - its `state` against the values only a later phase has: a participant whose state is
 *   `connected` (or alerting…) yet carries `disconnectType`, `endTime`/`disconnectedTime`,
 *   after-call work times or `afterCallWork`; an alerting one with a `connectedTime`; a hold
 *   while not connected. The `state` decides: the values that contradict it are set aside
 *   (not recorded) and named in the finding;
 * - `held` against `startHoldTime`; parking on a chat participant;
 * - the order of its times (`connectedTime` after `endTime`…): reported, the times kept;
 * - enum values no Genesys model lists (`unknown-value`): kept where the log can hold them.
 *
 * @example
 * const { findings } = checkParticipant({ participantId: 'p1', media: 'callback', state: 'connected',
 *   disconnectType: 'client', times: { connectedTime: '…', endTime: '…' }, statics: {}, renamed: {} }, 'c1');
 * findings[0]?.message; // 'participant p1: state is connected yet disconnectType (client), endTime (…) are present; …'
 */
export function checkParticipant(input: ParticipantObservation, conversationId: string): CheckedParticipant {
  const observation: ParticipantObservation = { ...input, times: { ...input.times } };
  const findings: IngestFinding[] = [];
  const { participantId } = observation;
  const add = (kind: 'inconsistent' | 'unknown-value', message: string, fields: string[]) =>
    findings.push(finding(kind, `participant ${participantId}: ${message}`, fields, conversationId, participantId));
  const shown = (field: string, value: unknown) => {
    const source = observation.renamed[field];
    return `${field} (${source ? `${source} ` : ''}${typeof value === 'string' ? value : JSON.stringify(value)})`;
  };

  if (!LIFECYCLES[observation.media].shows('parked')) {
    const parking = (['parkTime', 'resumeTime'] as const).filter((f) => observation.times[f] !== undefined);
    if (observation.state === 'parked' || parking.length > 0) {
      add('inconsistent', `a ${observation.media} participant cannot be parked, yet ${observation.state === 'parked' ? 'its state is parked' : `${parking.join(' and ')} ${parking.length > 1 ? 'are' : 'is'} present`}; not recorded`,
        [...(observation.state === 'parked' ? ['state'] : []), ...parking]);
      if (observation.state === 'parked') delete observation.state;
      for (const field of parking) delete observation.times[field];
    }
  }

  const phase = phaseOfState(observation.state);
  if (observation.state !== undefined && phase === undefined && observation.state !== 'none') {
    add('unknown-value', `state ${JSON.stringify(observation.state)} is no step of the ${observation.media} lifecycle; its times decide how far it got`, ['state']);
  }
  if (observation.disconnectType !== undefined && !KNOWN_DISCONNECT_TYPES.has(observation.disconnectType)) {
    add('unknown-value', `disconnectType ${JSON.stringify(observation.disconnectType)} is in no Genesys model; kept as sent`, ['disconnectType']);
  }

  if (phase === 'pre' || phase === 'connected') {
    const later: [string, unknown][] = [
      ['disconnectType', observation.disconnectType], ['errorInfo', observation.errorInfo],
      ['endTime', observation.times.endTime], ['startAcwTime', observation.times.startAcwTime],
      ['endAcwTime', observation.times.endAcwTime], ['afterCallWork', observation.afterCallWork],
    ];
    if (phase === 'pre') {
      later.unshift(['connectedTime', observation.times.connectedTime], ['startHoldTime', observation.times.startHoldTime],
        ['parkTime', observation.times.parkTime]);
      if (observation.held === true) later.unshift(['held', true]);
    }
    const present = later.filter(([, value]) => value !== undefined);
    if (present.length > 0) {
      add('inconsistent', `state is ${observation.state} yet ${present.map(([f, v]) => shown(f, v)).join(', ')} ${present.length > 1 ? 'are' : 'is'} present; the state is taken and ${present.length > 1 ? 'these were' : 'this was'} not recorded`,
        present.map(([field]) => field));
      for (const [field] of present) setAside(observation, field);
    }
  } else if (phase === 'ended' && observation.held === true) {
    add('inconsistent', `state is ${observation.state} yet held is true; the hold was not recorded`, ['held']);
    setAside(observation, 'held');
  }
  if (observation.held === false && observation.times.startHoldTime !== undefined) {
    add('inconsistent', `held is false yet ${shown('startHoldTime', observation.times.startHoldTime)} is present; not recorded`, ['startHoldTime']);
    delete observation.times.startHoldTime;
  }

  // Times out of order: the snapshot invariants' ordering checks, run on the payload's own times.
  const times = { ...observation.times, ...(observation.wrapup === undefined ? {} : { wrapup: observation.wrapup }) };
  for (const violation of participantViolations(times, observation.media)) {
    if (violation.rule === 'ordered') add('inconsistent', violation.message, [violation.earlier, violation.later]);
  }
  return { observation, findings };
}

const TIME_NAMES: ReadonlySet<string> = new Set(TIME_FIELDS);

/** Removes one value (a time, `held`, or a lifecycle field) from an observation. */
function setAside(observation: ParticipantObservation, field: string): void {
  if (field === 'held') {
    delete observation.held;
    delete observation.times.startHoldTime;
  } else if (TIME_NAMES.has(field)) {
    delete observation.times[field as keyof ObservedTimes];
  } else {
    delete observation[field as 'disconnectType' | 'errorInfo' | 'afterCallWork'];
  }
}
