import type { TrackerEvent } from '../events/tracker-event.js';

/** Why an event was not applied. */
export type RejectReason =
  /** Not a valid v1 event: not an object, a missing or mistyped field, a time without a zone. */
  | 'invalid-event'
  /** The id is taken: an event with other content stands applied under it. */
  | 'conflicting-duplicate'
  /** No `participant.added` for this participant (yet). */
  | 'unknown-participant'
  /** A second `participant.added` for the same participant. */
  | 'participant-exists'
  /** A participant whose media differs from its conversation's. */
  | 'media-mismatch'
  /** A field of the other media (e.g. `roomId` on a callback). */
  | 'field-not-allowed'
  /** The participant's lifecycle does not allow the event in its current state. */
  | 'illegal-transition'
  /** The event would break a timestamp invariant (e.g. `resumeTime` before `parkTime`). */
  | 'invariant-violation';

/** A rejection: a reason code, a sentence that says what and why, and the field when one is at fault. */
export interface Rejection {
  readonly reason: RejectReason;
  readonly message: string;
  readonly field?: string;
}

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
