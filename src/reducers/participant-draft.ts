import type { CallbackOnlyFields, ChatOnlyFields, MediaParticipantBase } from '../model/media-participant.js';

/**
 * What a reducer writes to: a participant of either media, mutable. Live mode hands reducers an
 * immer draft; bulk replay hands them a private plain object.
 */
export type ParticipantDraft = MediaParticipantBase & ChatOnlyFields & CallbackOnlyFields;

/** A draft mutator for one event type. */
export type Reducer<E> = (draft: ParticipantDraft, event: E) => void;
