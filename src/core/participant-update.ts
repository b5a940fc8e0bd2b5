import { Immer } from 'immer';
import type { TrackerEvent } from '../events/tracker-event.js';
import type { ParticipantDraft } from '../reducers/participant-draft.js';
import { compactCopy } from './compact-copy.js';
import { deepFreeze } from './deep-freeze.js';

/** What writes an event onto a participant's draft: its reducer, then the state the lifecycle gives. */
export type WriteParticipant = (draft: ParticipantDraft, event: TrackerEvent, state: string) => void;

/**
 * How a participant's object is rewritten when an event is applied to it: `write` gets a draft
 * and returns nothing; the strategy decides what the draft is and what comes back. (The event
 * and state are passed along rather than closed over: a fold on private objects makes no function per event.)
 * Three strategies, one per situation:
 *
 * | strategy | the current object | a rejected event | used by |
 * |---|---|---|---|
 * | {@link immerUpdate} | never written: a new frozen object shares what did not change | leaves no trace | live `apply()`, and catching up on staged events |
 * | {@link copyUpdate} | never written: a private shallow copy is | leaves no trace | rebuilding a fold without a rejected event; ingest's look-ahead |
 * | {@link inPlaceUpdate} | written directly | may leave fields behind: the fold rebuilds | a fold from scratch on private objects (bulk mode) |
 */
export type ParticipantUpdate = (
  current: ParticipantDraft | undefined,
  write: WriteParticipant,
  event: TrackerEvent,
  state: string,
) => ParticipantDraft;

/** Freezing is done by `deepFreeze`, in one pass, rather than by immer's per-property callbacks. */
const immer = new Immer({ autoFreeze: false });

/**
 * Live mode's update: the reducer runs inside immer's `produce`, with structural sharing, and
 * the result is frozen deeply. A new participant has nothing to share, so its reducer writes a
 * fresh object directly (what `produce` over `{}` gives, without a proxy per field write).
 *
 * @example
 * applyToConversation(work, event, immerUpdate); // work.participants[i] is a new frozen object
 */
export const immerUpdate: ParticipantUpdate = (current, write, event, state) => {
  if (current === undefined) {
    const created: ParticipantDraft = {};
    write(created, event, state);
    return deepFreeze(compactCopy(created));
  }
  const next = immer.produce<ParticipantDraft>(current, (draft) => void write(draft, event, state));
  // The tracker keeps the result: a compact copy holds every field inside the object, where
  // immer's copy keeps most in a separate array, and one a reducer deleted from (a hold's
  // startHoldTime) is a slow dictionary-mode object.
  return next === current ? current : deepFreeze(compactCopy(next));
};

/**
 * A shallow private copy, written and returned unfrozen: the current object is left as it was.
 *
 * @example
 * applyToConversation(work, event, copyUpdate); // work.participants[i] is a new, mutable copy
 */
export const copyUpdate: ParticipantUpdate = (current, write, event, state) => {
  const draft: ParticipantDraft = current === undefined ? {} : { ...current };
  write(draft, event, state);
  return draft;
};

/**
 * A fold's update when every participant object is its own, unfrozen and seen by no one else:
 * the reducer writes straight onto it, without a copy per event. A rejected event may then
 * have written fields, so the fold must rebuild the conversation when that happens.
 *
 * @example
 * applyToConversation(work, event, inPlaceUpdate); // work.participants[i] itself was written
 */
export const inPlaceUpdate: ParticipantUpdate = (current, write, event, state) => {
  const draft: ParticipantDraft = current ?? {};
  write(draft, event, state);
  return draft;
};
