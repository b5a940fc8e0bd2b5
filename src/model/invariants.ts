import type { MediaType } from './enums.js';
import type { CallbackOnlyFields, ChatOnlyFields, MediaParticipantBase } from './media-participant.js';

/** A broken invariant: which one, in words that name the fields and their values. */
export interface InvariantViolation {
  readonly invariant: string;
  readonly message: string;
}

/** A participant of either media (both `ChatMediaParticipant` and `CallbackMediaParticipant` fit). */
type AnyParticipant = MediaParticipantBase & ChatOnlyFields & CallbackOnlyFields;
type Times = Partial<Record<string, unknown>> & AnyParticipant;

/** Checks `a ≤ b` for two canonical ISO times when both are present. */
function ordered(p: Times, a: string, b: string, out: InvariantViolation[]): void {
  const x = p[a];
  const y = p[b];
  if (typeof x === 'string' && typeof y === 'string' && x > y) {
    out.push({ invariant: `${a} ≤ ${b}`, message: `${a} (${x}) is after ${b} (${y})` });
  }
}

function requires(p: Times, field: string, needs: string, out: InvariantViolation[]): void {
  if (p[field] !== undefined && p[needs] === undefined) {
    out.push({ invariant: `${field} ⇒ ${needs}`, message: `${field} is set but ${needs} is not` });
  }
}

/**
 * The timestamp invariants every participant snapshot keeps. Times are canonical ISO-8601 UTC
 * strings, whose string order is time order. Returns the broken ones (none for a sound snapshot).
 *
 * - `startTime ≤ startAlertingTime ≤ connectedTime ≤ endTime`;
 * - `held` ⇔ `startHoldTime` present, and then `state` is connected and `connectedTime ≤ startHoldTime`;
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
  const p = participant as Times;
  const out: InvariantViolation[] = [];
  ordered(p, 'startTime', 'startAlertingTime', out);
  ordered(p, 'startTime', 'connectedTime', out);
  ordered(p, 'startAlertingTime', 'connectedTime', out);
  ordered(p, 'connectedTime', 'endTime', out);
  ordered(p, 'startTime', 'endTime', out);
  ordered(p, 'startAlertingTime', 'endTime', out);
  ordered(p, 'endTime', 'startAcwTime', out);
  ordered(p, 'startAcwTime', 'endAcwTime', out);
  requires(p, 'startAcwTime', 'endTime', out);
  requires(p, 'endAcwTime', 'startAcwTime', out);
  ordered(p, 'connectedTime', 'parkTime', out);
  ordered(p, 'parkTime', 'resumeTime', out);
  requires(p, 'parkTime', 'connectedTime', out);

  const held = p.held === true;
  if (held !== (p.startHoldTime !== undefined)) {
    out.push({ invariant: 'held ⇔ startHoldTime', message: `held is ${String(p.held)} but startHoldTime is ${p.startHoldTime ?? 'absent'}` });
  }
  if (held && p.state !== 'connected') {
    out.push({ invariant: 'held ⇒ state connected', message: `held while state is ${String(p.state)}` });
  }
  ordered(p, 'connectedTime', 'startHoldTime', out);
  if (p.startHoldTime !== undefined) requires(p, 'startHoldTime', 'connectedTime', out);

  if ((p.state === 'disconnected') !== (p.endTime !== undefined)) {
    out.push({ invariant: 'state disconnected ⇔ endTime', message: `state is ${String(p.state)} and endTime is ${p.endTime ?? 'absent'}` });
  }
  if ((p.state === 'connected' || p.state === 'parked') && p.connectedTime === undefined) {
    out.push({ invariant: `state ${p.state} ⇒ connectedTime`, message: `state is ${p.state} but connectedTime is absent` });
  }
  if (media !== 'callback' && (p.state === 'parked' || p.parkTime !== undefined)) {
    out.push({ invariant: 'parked ⇒ callback', message: `a ${media} participant cannot be parked` });
  }

  const wrapupEnd = p.wrapup?.endTime;
  if (wrapupEnd !== undefined) {
    const wrapup = { startTime: p.startTime, endTime: p.endTime, 'wrapup.endTime': wrapupEnd, endAcwTime: p.endAcwTime };
    ordered(wrapup as Times, 'startTime', 'wrapup.endTime', out);
    ordered(wrapup as Times, 'endTime', 'wrapup.endTime', out);
    ordered(wrapup as Times, 'wrapup.endTime', 'endAcwTime', out);
  }
  if (p.wrapup !== undefined && p.wrapupSkipped === true) {
    out.push({ invariant: 'wrapup ⊕ wrapupSkipped', message: 'wrap-up is both applied and skipped' });
  }
  return out;
}
