import type { MediaType } from './enums.js';
import type { CallbackOnlyFields, ChatOnlyFields, MediaParticipantBase } from './media-participant.js';

/** A broken invariant: which one, in words that name the fields and their values. */
export interface InvariantViolation {
  readonly invariant: string;
  readonly message: string;
}

/** A participant of either media (both `ChatMediaParticipant` and `CallbackMediaParticipant` fit). */
type AnyParticipant = MediaParticipantBase & ChatOnlyFields & CallbackOnlyFields;

/** Checks `a ≤ b` (field names and values) for two canonical ISO times when both are present. */
function ordered(a: string, x: unknown, b: string, y: unknown, out: InvariantViolation[]): void {
  if (typeof x === 'string' && typeof y === 'string' && x > y) {
    out.push({ invariant: `${a} ≤ ${b}`, message: `${a} (${x}) is after ${b} (${y})` });
  }
}

function requires(field: string, value: unknown, needs: string, needed: unknown, out: InvariantViolation[]): void {
  if (value !== undefined && needed === undefined) {
    out.push({ invariant: `${field} ⇒ ${needs}`, message: `${field} is set but ${needs} is not` });
  }
}

/**
 * The timestamp invariants every participant snapshot keeps. Times are canonical ISO-8601 UTC
 * strings, whose string order is time order. Returns the broken ones (none for a sound snapshot).
 * Each field is read once: this runs after every applied event.
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
 * // [{ invariant: 'startTime ≤ connectedTime', … }]
 */
export function participantViolations(participant: AnyParticipant, media: MediaType): InvariantViolation[] {
  const {
    startTime, startAlertingTime, connectedTime, endTime, startHoldTime, startAcwTime, endAcwTime,
    parkTime, resumeTime, state, wrapup, wrapupSkipped,
  } = participant;
  const out: InvariantViolation[] = [];
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
    out.push({ invariant: 'held ⇔ startHoldTime', message: `held is ${String(participant.held)} but startHoldTime is ${startHoldTime ?? 'absent'}` });
  }
  if (held && state !== 'connected') {
    out.push({ invariant: 'held ⇒ state connected', message: `held while state is ${String(state)}` });
  }
  ordered('connectedTime', connectedTime, 'startHoldTime', startHoldTime, out);
  ordered('startHoldTime', startHoldTime, 'endTime', endTime, out);
  if (startHoldTime !== undefined) requires('startHoldTime', startHoldTime, 'connectedTime', connectedTime, out);

  if ((state === 'disconnected') !== (endTime !== undefined)) {
    out.push({ invariant: 'state disconnected ⇔ endTime', message: `state is ${String(state)} and endTime is ${endTime ?? 'absent'}` });
  }
  if ((state === 'connected' || state === 'parked') && connectedTime === undefined) {
    out.push({ invariant: `state ${state} ⇒ connectedTime`, message: `state is ${state} but connectedTime is absent` });
  }
  if (media !== 'callback' && (state === 'parked' || parkTime !== undefined)) {
    out.push({ invariant: 'parked ⇒ callback', message: `a ${media} participant cannot be parked` });
  }

  const wrapupEnd = wrapup?.endTime;
  if (wrapupEnd !== undefined) {
    ordered('startTime', startTime, 'wrapup.endTime', wrapupEnd, out);
    ordered('endTime', endTime, 'wrapup.endTime', wrapupEnd, out);
    ordered('wrapup.endTime', wrapupEnd, 'endAcwTime', endAcwTime, out);
  }
  if (wrapup !== undefined && wrapupSkipped === true) {
    out.push({ invariant: 'wrapup ⊕ wrapupSkipped', message: 'wrap-up is both applied and skipped' });
  }
  return out;
}
