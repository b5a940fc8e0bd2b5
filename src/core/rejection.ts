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
