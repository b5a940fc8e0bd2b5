import { canonicalJson } from './canonical-json.js';
import type { KnownConversation } from './known-conversation.js';
import { earliestOwnTime, type ParticipantObservation, type PayloadDating } from './observation.js';
import { earliest } from './optional-times.js';
import { mergeParticipant, type JoiningStart } from './participant-merge.js';
import type { DiffResult } from './snapshot-differ.js';

/** One observation of a participant that no payload has dated the start of yet, kept until one does. */
export interface WaitingObservation {
  readonly observation: ParticipantObservation;
  readonly dating: PayloadDating;
  /** The observation and its dating as canonical JSON: orders equal `asOf`s, and drops repeats. */
  readonly key: string;
}

const waiting = (observation: ParticipantObservation, dating: PayloadDating): WaitingObservation =>
  ({ observation, dating, key: canonicalJson({ observation, dating }) });

/**
 * Keeps an observation of a participant not yet added whose payload does not date its start
 * (no `startTime`: notification topics never carry one): nothing is emitted for it until
 * {@link releaseWaiting}. A repeat of an observation already kept is dropped.
 *
 * @example
 * holdBack(conversation, observation, { asOf: '2022-03-08T15:50:29.611Z', lastingAsOf: '2022-03-08T15:50:29.611Z' });
 * conversation.waiting.has(observation.participantId); // true
 */
export function holdBack(conversation: KnownConversation, observation: ParticipantObservation, dating: PayloadDating): void {
  const kept = waiting(observation, dating);
  const group = conversation.waiting.get(observation.participantId);
  if (group === undefined) conversation.waiting.set(observation.participantId, [kept]);
  else if (!group.some((other) => other.key === kept.key)) group.push(kept);
}

/**
 * Adds a participant from every observation kept of it, plus `dated` (the one whose payload
 * dates its start, when there is one), merged in the order of their payloads' `asOf` (equal
 * ones in the order of their canonical JSON, never of arrival), so that the same payloads in
 * any order give the same events. It joins at its `startTime`; without one (at the end of
 * input) at its earliest own time, else the earliest `asOf` of its payloads, else the latest
 * time known of its conversation, and the choice is reported. What one payload states and
 * another lacks, and which stays once set (`startAlertingTime`, `initialState`), is lent to
 * every observation, so that the first merged does not decide without it.
 *
 * @example
 * releaseWaiting(conversation, 'p1', { events, findings }, { observation: restObservation, dating });
 */
export function releaseWaiting(
  conversation: KnownConversation,
  participantId: string,
  out: DiffResult,
  dated?: { observation: ParticipantObservation; dating: PayloadDating },
): void {
  const group = [...(conversation.waiting.get(participantId) ?? [])];
  conversation.waiting.delete(participantId);
  if (dated !== undefined) group.push(waiting(dated.observation, dated.dating));
  group.sort((a, b) => compareText(a.dating.asOf ?? '', b.dating.asOf ?? '') || compareText(a.key, b.key));
  const start = joiningStart(group, conversation.latest);
  const startAlertingTime = earliest(...group.map((w) => w.observation.times.startAlertingTime));
  const initialState = group.find((w) => w.observation.initialState !== undefined)?.observation.initialState;
  for (const { observation, dating } of group) {
    const lent: ParticipantObservation = {
      ...observation,
      times: { ...observation.times, ...(startAlertingTime === undefined ? {} : { startAlertingTime: observation.times.startAlertingTime ?? startAlertingTime }) },
      ...(initialState === undefined ? {} : { initialState: observation.initialState ?? initialState }),
    };
    mergeParticipant(conversation, lent, dating, out, start);
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** When a group of observations says the participant started, and how that was chosen. */
function joiningStart(group: readonly WaitingObservation[], conversationLatest: string | undefined): JoiningStart | undefined {
  const startTime = earliest(...group.map((w) => w.observation.times.startTime));
  if (startTime !== undefined) return { time: startTime };
  const own = earliest(...group.map((w) => earliestOwnTime(w.observation)));
  if (own !== undefined) return { time: own, chosen: 'its earliest own time' };
  const asOf = earliest(...group.map((w) => w.dating.asOf));
  if (asOf !== undefined) return { time: asOf, chosen: 'the latest time its earliest payload carries' };
  return conversationLatest === undefined ? undefined : { time: conversationLatest, chosen: 'the latest time known of its conversation' };
}
