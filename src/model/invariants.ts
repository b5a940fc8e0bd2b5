import type { MediaType } from './enums.js';
import type { CallbackOnlyFields, ChatOnlyFields, MediaParticipantBase } from './media-participant.js';

/**
 * The rule a broken invariant belongs to, as data: which fields or facts it relates and how.
 * - `ordered`: `earlier ≤ later` (two times, when both are present);
 * - `implies`: `condition ⇒ consequence`;
 * - `equivalent`: `left ⇔ right`;
 * - `exclusive`: `left ⊕ right` (never both).
 */
export type InvariantRule =
  | { readonly rule: 'ordered'; readonly earlier: string; readonly later: string }
  | { readonly rule: 'implies'; readonly condition: string; readonly consequence: string }
  | { readonly rule: 'equivalent'; readonly left: string; readonly right: string }
  | { readonly rule: 'exclusive'; readonly left: string; readonly right: string };

/**
 * A broken invariant: its rule as data, the rule's label (`startTime ≤ connectedTime`,
 * `held ⇔ startHoldTime`), and a message that names the fields and their values.
 */
export type InvariantViolation = InvariantRule & {
  /** The rule in one label, derived from it by {@link invariantLabel}. */
  readonly invariant: string;
  readonly message: string;
};

/**
 * The label of a rule: `earlier ≤ later`, `condition ⇒ consequence`, `left ⇔ right`, `left ⊕ right`.
 *
 * @example
 * invariantLabel({ rule: 'ordered', earlier: 'startTime', later: 'endTime' }); // 'startTime ≤ endTime'
 */
export function invariantLabel(rule: InvariantRule): string {
  switch (rule.rule) {
    case 'ordered': return `${rule.earlier} ≤ ${rule.later}`;
    case 'implies': return `${rule.condition} ⇒ ${rule.consequence}`;
    case 'equivalent': return `${rule.left} ⇔ ${rule.right}`;
    case 'exclusive': return `${rule.left} ⊕ ${rule.right}`;
  }
}

/** A participant of either media (both `ChatMediaParticipant` and `CallbackMediaParticipant` fit). */
type AnyParticipant = MediaParticipantBase & ChatOnlyFields & CallbackOnlyFields;

const broken = (rule: InvariantRule, message: string): InvariantViolation => ({ ...rule, invariant: invariantLabel(rule), message });

/** Checks `earlier ≤ later` (field names and values) for two canonical ISO times when both are present. */
function ordered(earlier: string, x: unknown, later: string, y: unknown, out: InvariantViolation[]): void {
  if (typeof x === 'string' && typeof y === 'string' && x > y) {
    out.push(broken({ rule: 'ordered', earlier, later }, `${earlier} (${x}) is after ${later} (${y})`));
  }
}

/** Checks that `needs` is present whenever `field` is. */
function requires(field: string, value: unknown, needs: string, needed: unknown, out: InvariantViolation[]): void {
  if (value !== undefined && needed === undefined) {
    out.push(broken({ rule: 'implies', condition: field, consequence: needs }, `${field} is set but ${needs} is not`));
  }
}

/**
 * The timestamp invariants every participant snapshot keeps. Times are canonical ISO-8601 UTC
 * strings, whose string order is time order. Returns the broken ones (none for a sound snapshot).
 *
 * - `startTime ≤ startAlertingTime ≤ connectedTime ≤ endTime`;
 * - `held` ⇔ `startHoldTime` present, and then `state` is connected and `connectedTime ≤ startHoldTime ≤ endTime`;
 * - `state` disconnected ⇔ `endTime` present; connected/parked ⇒ `connectedTime`;
 * - `endTime ≤ startAcwTime ≤ endAcwTime` (each one needs the one before);
 * - `connectedTime ≤ parkTime`, `parkTime ≤ resumeTime`; only a callback is parked or has `parkTime`;
 * - `startTime ≤ endTime ≤ wrapup.endTime`, and `wrapup.endTime ≤ endAcwTime`;
 * - `wrapup` and `wrapupSkipped` exclude each other.
 *
 * @example
 * participantViolations({ startTime: '2026-11-21T10:00:01.000Z', connectedTime: '2026-11-21T10:00:00.000Z' }, 'chat');
 * // [{ rule: 'ordered', earlier: 'startTime', later: 'connectedTime', invariant: 'startTime ≤ connectedTime', message: … }]
 */
export function participantViolations(participant: AnyParticipant, media: MediaType): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  collectViolations(participant, media, out);
  return out;
}

/**
 * {@link participantViolations} pushed onto `out`, which the caller gives and empties: what runs
 * after every applied event, without a new list each time (each field is read once).
 *
 * @example
 * collectViolations(participant, 'chat', scratch); if (scratch.length > 0) … scratch.length = 0;
 */
export function collectViolations(participant: AnyParticipant, media: MediaType, out: InvariantViolation[]): void {
  const {
    startTime, startAlertingTime, connectedTime, endTime, startHoldTime, startAcwTime, endAcwTime,
    parkTime, resumeTime, state, wrapup, wrapupSkipped,
  } = participant;
  ordered('startTime', startTime, 'startAlertingTime', startAlertingTime, out);
  ordered('startTime', startTime, 'connectedTime', connectedTime, out);
  ordered('startAlertingTime', startAlertingTime, 'connectedTime', connectedTime, out);
  ordered('connectedTime', connectedTime, 'endTime', endTime, out);
  ordered('startTime', startTime, 'endTime', endTime, out);
  ordered('startAlertingTime', startAlertingTime, 'endTime', endTime, out);
  ordered('endTime', endTime, 'startAcwTime', startAcwTime, out);
  ordered('startAcwTime', startAcwTime, 'endAcwTime', endAcwTime, out);
  requires('startAcwTime', startAcwTime, 'endTime', endTime, out);
  requires('endAcwTime', endAcwTime, 'startAcwTime', startAcwTime, out);
  ordered('connectedTime', connectedTime, 'parkTime', parkTime, out);
  ordered('parkTime', parkTime, 'resumeTime', resumeTime, out);
  requires('parkTime', parkTime, 'connectedTime', connectedTime, out);

  const held = participant.held === true;
  if (held !== (startHoldTime !== undefined)) {
    out.push(broken({ rule: 'equivalent', left: 'held', right: 'startHoldTime' },
      `held is ${String(participant.held)} but startHoldTime is ${startHoldTime ?? 'absent'}`));
  }
  if (held && state !== 'connected') {
    out.push(broken({ rule: 'implies', condition: 'held', consequence: 'state connected' }, `held while state is ${String(state)}`));
  }
  ordered('connectedTime', connectedTime, 'startHoldTime', startHoldTime, out);
  ordered('startHoldTime', startHoldTime, 'endTime', endTime, out);
  requires('startHoldTime', startHoldTime, 'connectedTime', connectedTime, out);

  if ((state === 'disconnected') !== (endTime !== undefined)) {
    out.push(broken({ rule: 'equivalent', left: 'state disconnected', right: 'endTime' },
      `state is ${String(state)} and endTime is ${endTime ?? 'absent'}`));
  }
  if ((state === 'connected' || state === 'parked') && connectedTime === undefined) {
    out.push(broken({ rule: 'implies', condition: `state ${state}`, consequence: 'connectedTime' }, `state is ${state} but connectedTime is absent`));
  }
  if (media !== 'callback' && (state === 'parked' || parkTime !== undefined)) {
    out.push(broken({ rule: 'implies', condition: 'parked', consequence: 'callback' }, `a ${media} participant cannot be parked`));
  }

  const wrapupEnd = wrapup?.endTime;
  if (wrapupEnd !== undefined) {
    ordered('startTime', startTime, 'wrapup.endTime', wrapupEnd, out);
    ordered('endTime', endTime, 'wrapup.endTime', wrapupEnd, out);
    ordered('wrapup.endTime', wrapupEnd, 'endAcwTime', endAcwTime, out);
  }
  if (wrapup !== undefined && wrapupSkipped === true) {
    out.push(broken({ rule: 'exclusive', left: 'wrapup', right: 'wrapupSkipped' }, 'wrap-up is both applied and skipped'));
  }
}
