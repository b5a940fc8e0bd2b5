import type { MediaType } from '../model/enums.js';
import type { IngestFinding } from './findings.js';
import { mapMediaType, toIsoTime } from './map-values.js';
import type { ConversationObservation } from './observation.js';
import { readMediaParticipant } from './read-media-participant.js';
import { text, type Raw } from './raw-values.js';

const duration = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;

/** The detail events (`v2.detail.events.conversation.{id}.<event>`) that say something about a participant. */
export const PARTICIPANT_DETAIL_EVENTS = [
  'customer.start', 'customer.end', 'acd.start', 'acd.end', 'user.start', 'user.end', 'acw', 'wrapup', 'attributes',
] as const;
export type ParticipantDetailEvent = (typeof PARTICIPANT_DETAIL_EVENTS)[number];

/** A detail event read into an observation of its one participant, or why it could not be. */
export interface ReadDetailEvent {
  readonly observation: ConversationObservation | undefined;
  readonly findings: IngestFinding[];
  readonly reason?: string;
}

/** The purpose each family of detail events is about. */
const PURPOSES: Readonly<Record<string, string>> = { customer: 'customer', acd: 'acd', user: 'agent', acw: 'agent', wrapup: 'agent' };

/**
 * Reads one analytics detail event (`CustomerStartDetailEventTopicCustomerStartEvent`,
 * `UserEndDetailEventTopicUserEndEvent`, `AcwDetailEventTopicAfterCallWorkEvent`, …) as a partial
 * observation of its participant. `eventTime` (epoch ms) dates it; UPPER-case values are mapped
 * (`CONSULT_TRANSFER` → `transfer.consult`, `INBOUND` → `inbound`). What each event says:
 * - `customer.start` / `acd.start`: the leg started connected (a callback customer leg whose
 *   `callbackScheduledTime` lies ahead starts `scheduled`); `user.start`: the agent leg started alerting;
 * - `*.end`: disconnected at `eventTime` with its `disconnectType`; the connection is dated
 *   `eventTime − interactingDurationMs (− heldDurationMs)` (`acd.end`: `− connectedDurationMs`) and
 *   an agent's alert `alertingDurationMs` before that, so that a participant first seen at its
 *   end still gets its history;
 * - `acw`: after-call work ended at `eventTime`, started `wrapupDurationMs` before, with the wrap-up
 *   code; `wrapup`: the wrap-up code applied at `eventTime`;
 * - `attributes`: the participant's attributes (its media is the conversation's, `knownMedia`).
 *
 * @example
 * const { observation } = readDetailEvent('customer.end',
 *   { eventTime: 1649237504949, conversationId: 'c1', participantId: 'p1', mediaType: 'CHAT', disconnectType: 'CONSULT_TRANSFER' });
 * observation?.participants[0]?.disconnectType; // 'transfer.consult'
 */
export function readDetailEvent(
  event: ParticipantDetailEvent,
  body: Raw,
  topicConversationId?: string,
  knownMedia: (conversationId: string) => MediaType | undefined = () => undefined,
): ReadDetailEvent {
  const findings: IngestFinding[] = [];
  const conversationId = text(body.conversationId) ?? (topicConversationId === '{id}' ? undefined : topicConversationId);
  const participantId = text(body.participantId);
  const time = toIsoTime(body.eventTime);
  if (conversationId === undefined || participantId === undefined) {
    return { observation: undefined, findings, reason: 'the detail event names no conversationId or participantId' };
  }
  if (time === undefined) return { observation: undefined, findings, reason: 'the detail event has no eventTime' };
  const media = mapMediaType(body.mediaType) ?? knownMedia(conversationId);
  if (media === undefined) {
    const reason = body.mediaType === undefined
      ? 'the detail event has no mediaType and its conversation is not known'
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a foreign value, named as String() shows it
      : `mediaType ${String(body.mediaType)} is not tracked`;
    return { observation: undefined, findings, reason };
  }

  const at = Date.parse(time);
  const raw: Raw = { id: participantId, ...commonFields(body) };
  const [family, phase] = event.split('.') as [string, string | undefined];
  if (event !== 'attributes') raw.purpose = PURPOSES[family];
  if (phase === 'start') {
    raw.startTime = at;
    if (family === 'user') {
      raw.state = 'alerting';
      raw.startAlertingTime = at;
    } else if (media === 'callback' && family === 'customer' && (toIsoTime(body.callbackScheduledTime) ?? '') > time) {
      raw.state = 'scheduled';
    } else {
      raw.state = 'connected';
      raw.connectedTime = at;
    }
  } else if (phase === 'end') {
    raw.state = 'disconnected';
    raw.endTime = at;
    raw.disconnectType = body.disconnectType;
    const connected = duration(family === 'acd' ? body.connectedDurationMs : body.interactingDurationMs);
    const connectedAt = connected === undefined ? undefined : at - connected - (duration(body.heldDurationMs) ?? 0);
    if (connectedAt !== undefined) raw.connectedTime = connectedAt;
    const alerting = family === 'user' ? duration(body.alertingDurationMs) : undefined;
    if (alerting !== undefined) raw.startTime = raw.startAlertingTime = (connectedAt ?? at) - alerting;
  } else if (event === 'acw' || event === 'wrapup') {
    raw.state = 'disconnected';
    const spent = duration(body.wrapupDurationMs);
    if (event === 'acw') {
      raw.endAcwTime = at;
      if (spent !== undefined) raw.startAcwTime = at - spent;
    }
    if (text(body.wrapupCode) !== undefined) {
      raw.wrapup = {
        code: body.wrapupCode,
        ...(typeof body.wrapupNotes === 'string' ? { notes: body.wrapupNotes } : {}),
        ...(spent === undefined ? {} : { durationSeconds: spent / 1000 }),
        endTime: at,
      };
    }
  } else {
    raw.attributes = body.attributes;
  }
  const read = readMediaParticipant(raw, media, conversationId);
  findings.push(...read.findings);
  const participants = read.observation === undefined ? [] : [read.observation];
  return { observation: { conversationId, media, participants, asOf: time, lastingAsOf: time }, findings };
}

/** Fields every detail event may carry, in the MediaParticipant vocabulary. */
function commonFields(body: Raw): Raw {
  const raw: Raw = {};
  const ref = (id: unknown) => (text(id) === undefined ? undefined : { id });
  const entries: [string, unknown][] = [
    ['provider', body.provider], ['direction', body.direction], ['callbackUserName', body.callbackUserName],
    ['callbackNumbers', body.callbackNumbers], ['callbackScheduledTime', body.callbackScheduledTime],
    ['externalContact', ref(body.externalContactId)], ['externalOrganization', ref(body.externalOrganizationId)],
    ['queue', ref(body.queueId)], ['user', ref(body.userId)],
  ];
  for (const [field, value] of entries) if (value !== undefined && value !== null) raw[field] = value;
  return raw;
}
