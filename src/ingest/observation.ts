import type { MediaType } from '../model/enums.js';
import type { ErrorInfo } from '../model/error-info.js';
import type { CallbackOnlyFields, MediaParticipantBase } from '../model/media-participant.js';
import type { Wrapup } from '../model/wrapup.js';
import { earliest } from './optional-times.js';

/** The lifecycle times a payload can state for a participant: time fields of the Genesys media-participant models. */
export const TIME_FIELDS = [
  'startTime', 'startAlertingTime', 'connectedTime', 'endTime', 'startHoldTime', 'startAcwTime',
  'endAcwTime', 'parkTime', 'resumeTime',
] as const satisfies readonly (keyof (MediaParticipantBase & CallbackOnlyFields))[];

/** The names of {@link ObservedTimes}. */
export type TimeField = (typeof TIME_FIELDS)[number];

/** The lifecycle times a payload states for a participant, canonical ISO-8601 UTC. */
export type ObservedTimes = { [F in TimeField]?: string };

/**
 * What one payload says about one participant, in the `ChatMediaParticipant` /
 * `CallbackMediaParticipant` vocabulary: values mapped to the REST spelling, times canonical,
 * static fields validated. Everything is optional: a detail event says little, a REST
 * conversation a lot. Absent means "not said", never "removed".
 */
export interface ParticipantObservation {
  readonly participantId: string;
  readonly media: MediaType;
  purpose?: string;
  /** The participant (or its communication's) `state`, lower-case; unknown values as sent. */
  state?: string;
  /** The communication's `initialState` (topic and nested models). */
  initialState?: string;
  held?: boolean;
  times: ObservedTimes;
  disconnectType?: string;
  errorInfo?: ErrorInfo;
  wrapup?: Wrapup;
  wrapupSkipped?: boolean;
  /** `afterCallWork.state` of the nested models (`pending`, `complete`, `skipped`…). */
  afterCallWork?: string;
  /**
   * The static fields of the v1 event log (`name`, `user`, `attributes`, `callbackNumbers`…,
   * and `flaggedReason`), already in the form `participant.added` / `participant.updated` take.
   */
  statics: Record<string, unknown>;
  /** Payload field names that differ from the model's (`endTime` came from `disconnectedTime`). */
  renamed: Partial<Record<string, string>>;
}

/** What one payload says about one conversation. */
export interface ConversationObservation {
  readonly conversationId: string;
  readonly media: MediaType;
  readonly participants: ParticipantObservation[];
  /**
   * The latest time the payload itself carries (over every participant's times, or a detail
   * event's `eventTime`): the payload describes the conversation as of this instant or later.
   * `undefined` when the payload carries no time at all.
   */
  readonly asOf: string | undefined;
  /**
   * The same without any `startHoldTime`, the one time Genesys clears (on unhold): what the
   * payload shows as of this instant apart from its holds. A payload showing a participant
   * unheld that is not older than this, for the payload that showed the hold, shows the hold over.
   */
  readonly lastingAsOf: string | undefined;
}

/**
 * How late a payload describes its conversation: `asOf` (the latest time it carries, or its
 * receipt time when later) and `lastingAsOf` (the same without holds' starts).
 */
export interface PayloadDating {
  readonly asOf: string | undefined;
  readonly lastingAsOf: string | undefined;
}

/** The times that stay in a participant once set, plus the current hold's start. */
const DATING_TIMES: readonly TimeField[] = TIME_FIELDS.filter((field) => field !== 'resumeTime');

/** The times that stay in a participant once set: every dating time but `startHoldTime`, which Genesys clears on unhold. */
export const LASTING_TIMES: readonly TimeField[] = DATING_TIMES.filter((field) => field !== 'startHoldTime');

/**
 * The latest time an observation carries among `fields` (its `resumeTime` and
 * `callbackScheduledTime` are plans, not facts, and never count).
 *
 * @example
 * latestTime({ times: { connectedTime: '2022-03-08T15:47:47.432Z' } } as ParticipantObservation);
 * // '2022-03-08T15:47:47.432Z'
 */
export function latestTime(observation: ParticipantObservation, fields: readonly TimeField[] = DATING_TIMES): string | undefined {
  let latest: string | undefined;
  for (const field of fields) {
    const time = observation.times[field];
    if (time !== undefined && (latest === undefined || time > latest)) latest = time;
  }
  const wrapupEnd = observation.wrapup?.endTime;
  if (wrapupEnd !== undefined && (latest === undefined || wrapupEnd > latest)) latest = wrapupEnd;
  return latest;
}

/**
 * The `asOf` of a conversation payload: the latest time any of its participants carries
 * (among `fields`: {@link LASTING_TIMES} gives its `lastingAsOf`).
 *
 * @example
 * payloadAsOf(observation.participants); // '2022-03-08T15:50:29.611Z'
 * payloadAsOf(observation.participants, LASTING_TIMES); // the same, holds' starts left out
 */
export function payloadAsOf(participants: readonly ParticipantObservation[], fields: readonly TimeField[] = DATING_TIMES): string | undefined {
  let asOf: string | undefined;
  for (const participant of participants) {
    const latest = latestTime(participant, fields);
    if (latest !== undefined && (asOf === undefined || latest > asOf)) asOf = latest;
  }
  return asOf;
}

/**
 * The earliest time an observation states for a step of its participant's own lifecycle
 * (alert, connection, hold, park, end, after-call work, wrap-up), leaving out `startTime`:
 * when the participant started at the latest.
 *
 * @example
 * earliestOwnTime({ times: { connectedTime: '2022-03-08T15:49:04.274Z', endTime: '2022-03-08T15:50:29.611Z' } } as ParticipantObservation);
 * // '2022-03-08T15:49:04.274Z'
 */
export function earliestOwnTime(observation: ParticipantObservation): string | undefined {
  const { times } = observation;
  return earliest(times.startAlertingTime, times.connectedTime, times.startHoldTime, times.parkTime, times.endTime,
    times.startAcwTime, times.endAcwTime, observation.wrapup?.endTime);
}
