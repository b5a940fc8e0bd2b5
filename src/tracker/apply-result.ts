import type { TrackerEvent } from '../events/tracker-event.js';
import type { Rejection } from '../core/rejection.js';

export type { Rejection, RejectReason } from '../core/rejection.js';

/** What `apply` did with one event. */
export type ApplyResult =
  | {
      readonly status: 'applied';
      /** The event as stored: validated, normalized, frozen. */
      readonly event: TrackerEvent;
      /**
       * Live mode, a late event only: the events applied before it whose rejection it made
       * stand (a disconnect that turns out to precede a hold), by arrival number.
       */
      readonly overturned?: readonly StandingRejection[];
      /** A retry: the rejected event with this id that this one replaced (its rejection is final). */
      readonly replaced?: StandingRejection;
    }
  | { readonly status: 'duplicate'; readonly eventId: string }
  | ({
      readonly status: 'rejected';
      readonly eventId?: string;
      /** A retry: the rejected event with this id that this one replaced (its rejection is final). */
      readonly replaced?: StandingRejection;
    } & Rejection);

/** A rejection that stands in the tracker's current state, with the event's arrival number. */
export interface StandingRejection extends Rejection {
  /**
   * The event's arrival number: the tracker numbers every input it is given (`apply`, `stage`,
   * `load`, invalid inputs included) 0, 1, 2…; in `replayLog`'s tracker it is the line number,
   * and inputs given afterwards are numbered on from the last line.
   */
  readonly seq: number;
  readonly event: TrackerEvent;
}

/**
 * A result, naming the rejected event it replaced when it is a retry.
 *
 * @example
 * withReplaced({ status: 'applied', event }, replaced).replaced === replaced; // true
 */
export function withReplaced<R extends ApplyResult>(result: R, replaced: StandingRejection | undefined): R {
  return replaced === undefined ? result : { ...result, replaced };
}

/**
 * The result of a stored event rejected for `rejection` (of a standing rejection, only the
 * reason, message and field).
 *
 * @example
 * rejectedResult(event, { reason: 'illegal-transition', message: '…' }).status; // 'rejected'
 */
export function rejectedResult(event: TrackerEvent, { reason, message, field }: Rejection): Extract<ApplyResult, { status: 'rejected' }> {
  return field === undefined
    ? { status: 'rejected', eventId: event.id, reason, message }
    : { status: 'rejected', eventId: event.id, reason, message, field };
}
