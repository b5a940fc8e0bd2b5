import { initialStateOf } from '../events/initial-state.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { MediaParticipant } from '../model/media-participant.js';
import { derivedUuid } from './correlation-id.js';
import { conversationStart } from './conversation-start.js';

/** One segment of an analytics session (`AnalyticsConversationSegment`). */
export interface AnalyticsSegment {
  segmentStart: string;
  segmentEnd?: string;
  queueId?: string;
  wrapUpCode?: string;
  wrapUpNote?: string;
  wrapUpTags?: string[];
  disconnectType?: string;
  segmentType: string;
}

/** One session of an analytics participant (`AnalyticsSession`): here, the participant's one chat or callback communication. */
export interface AnalyticsSession {
  mediaType: 'chat' | 'callback';
  sessionId: string;
  direction?: string;
  peerId?: string;
  provider?: string;
  remote?: string;
  roomId?: string;
  callbackUserName?: string;
  callbackNumbers?: string[];
  callbackScheduledTime?: string;
  scriptId?: string;
  skipEnabled?: boolean;
  timeoutSeconds?: number;
  acwSkipped?: boolean;
  segments: AnalyticsSegment[];
}

/** One participant of an analytics record (`AnalyticsParticipantWithoutAttributes`). */
export interface AnalyticsParticipant {
  participantId: string;
  participantName?: string;
  userId?: string;
  purpose?: string;
  teamId?: string;
  externalContactId?: string;
  externalOrganizationId?: string;
  flaggedReason?: string;
  sessions: AnalyticsSession[];
}

/** An analytics conversation detail record (`AnalyticsConversationWithoutAttributes`), as `POST /api/v2/analytics/conversations/details/query` returns them. */
export interface AnalyticsConversation {
  conversationId: string;
  conversationStart: string;
  conversationEnd?: string;
  originatingDirection?: string;
  participants: AnalyticsParticipant[];
}

/**
 * The analytics `segmentType` of each participant state. A parked callback waits for its
 * `resumeTime` as a scheduled one waits for its `callbackScheduledTime`, and analytics has no
 * parked segment type: `scheduled` (an inference; no public sample shows a parked callback).
 */
const SEGMENT_TYPES: Readonly<Record<string, string>> = {
  alerting: 'alert', offering: 'alert', dialing: 'dialing', contacting: 'contacting', scheduled: 'scheduled',
  connected: 'interact', held: 'hold', parked: 'scheduled',
};

const ROUTING_EVENTS: Readonly<Record<string, string>> = {
  'participant.alerting': 'alerting', 'participant.offering': 'offering', 'participant.dialing': 'dialing', 'participant.contacting': 'contacting',
  'participant.connected': 'connected', 'participant.holdStarted': 'held', 'participant.holdEnded': 'connected',
  'participant.parked': 'parked', 'participant.resumed': 'connected',
};

/** The analytics session id of a participant's communication: the v1 log names no communication, so it is derived from the participant. */
export const sessionIdOf = (conversationId: string, participantId: string): string => derivedUuid(`session\u0000${conversationId}\u0000${participantId}`);

/** The segment fields in the order of the analytics samples. */
const SEGMENT_ORDER: readonly (keyof AnalyticsSegment)[] = [
  'segmentStart', 'segmentEnd', 'queueId', 'wrapUpCode', 'wrapUpNote', 'wrapUpTags', 'disconnectType', 'segmentType',
];

const inOrder = (segment: AnalyticsSegment): AnalyticsSegment =>
  Object.fromEntries(SEGMENT_ORDER.filter((key) => segment[key] !== undefined).map((key) => [key, segment[key]])) as unknown as AnalyticsSegment;

/**
 * The segments of one participant, from its events in application order: one segment per
 * state (`alert`, `dialing`, `contacting`, `scheduled`, `interact`, `hold`), each ending where
 * the next begins; the one that ends at the disconnection carries `disconnectType`; after-call
 * work is a `wrapup` segment with the wrap-up code and notes (and, as in the Genesys samples,
 * the participant's `disconnectType`); a wrap-up without after-call work is a `wrapup` segment
 * of no length. A segment under way has no `segmentEnd`. A state left at the instant it began
 * leaves no segment.
 */
function segmentsOf(events: readonly TrackerEvent[], queueId: string | undefined, disconnectType: string | undefined): { segments: AnalyticsSegment[]; acwSkipped: boolean } {
  const segments: AnalyticsSegment[] = [];
  const queue = queueId === undefined ? {} : { queueId };
  let open: AnalyticsSegment | undefined;
  let wrapup: AnalyticsSegment | undefined;
  let acwSkipped = false;
  const begin = (state: string, time: string) => {
    if (open !== undefined) {
      if (open.segmentStart === time) segments.splice(segments.indexOf(open), 1);
      else open.segmentEnd = time;
    }
    open = { segmentStart: time, ...queue, segmentType: SEGMENT_TYPES[state] ?? 'unknown' };
    segments.push(open);
  };
  const wrapupSegment = (time: string): AnalyticsSegment => {
    const segment: AnalyticsSegment = { segmentStart: time, ...queue, segmentType: 'wrapup' };
    if (disconnectType !== undefined) segment.disconnectType = disconnectType;
    segments.push(segment);
    return segment;
  };
  for (const event of events) {
    switch (event.type) {
      case 'participant.added':
        begin(initialStateOf(event), event.time);
        break;
      case 'participant.disconnected':
        if (open !== undefined) {
          open.segmentEnd = event.time;
          if (event.disconnectType !== undefined) open.disconnectType = event.disconnectType;
        }
        open = undefined;
        break;
      case 'participant.acwStarted':
        wrapup = wrapupSegment(event.time);
        break;
      case 'participant.wrapupApplied': {
        const segment = wrapup ?? wrapupSegment(event.time);
        if (wrapup === undefined) segment.segmentEnd = event.time;
        const { code, notes, tags } = event.wrapup;
        if (code !== undefined) segment.wrapUpCode = code;
        if (notes !== undefined) segment.wrapUpNote = notes;
        if (tags !== undefined) segment.wrapUpTags = [...tags];
        break;
      }
      case 'participant.wrapupSkipped':
        acwSkipped = true;
        break;
      case 'participant.acwEnded':
        if (wrapup !== undefined) wrapup.segmentEnd = event.time;
        wrapup = undefined;
        break;
      default: {
        const state = ROUTING_EVENTS[event.type];
        if (state !== undefined && open !== undefined) begin(state, event.time);
      }
    }
  }
  return { segments: segments.map(inOrder), acwSkipped };
}

/** The session fields of a participant's communication. */
function sessionFields(conversation: ConversationSnapshot, participant: MediaParticipant, peer: { sessionId: string; name?: string } | undefined) {
  const p = participant as MediaParticipant & Record<string, unknown>;
  const fields: Partial<AnalyticsSession> = {};
  if (participant.direction !== undefined) fields.direction = participant.direction;
  if (peer !== undefined) {
    fields.peerId = peer.sessionId;
  }
  if (participant.provider !== undefined) fields.provider = participant.provider;
  if (peer?.name !== undefined) fields.remote = peer.name;
  if (conversation.media === 'chat') {
    if (typeof p.roomId === 'string') fields.roomId = p.roomId;
  } else {
    if (typeof p.callbackUserName === 'string') fields.callbackUserName = p.callbackUserName;
    if (Array.isArray(p.callbackNumbers)) fields.callbackNumbers = [...p.callbackNumbers];
    if (typeof p.callbackScheduledTime === 'string') fields.callbackScheduledTime = p.callbackScheduledTime;
    if (participant.script?.id !== undefined) fields.scriptId = participant.script.id;
    if (typeof p.skipEnabled === 'boolean') fields.skipEnabled = p.skipEnabled;
    if (typeof p.timeoutSeconds === 'number') fields.timeoutSeconds = p.timeoutSeconds;
  }
  return fields;
}

/**
 * The analytics detail record of a conversation, as `POST /api/v2/analytics/conversations/details/query`
 * returns it and as the analytics samples show it: `conversationId`, `conversationStart` (the
 * earliest participant start), `conversationEnd` (once every participant is disconnected: the
 * last disconnection; after-call work may go on after it), `originatingDirection` (the
 * customer's direction), and per participant one session of the conversation's media with its
 * segments (see the segment rules below). `history` is the conversation's v1 events in
 * application order (`tracker.history(id)`): segments need every state change, not only the
 * last. Session ids are derived from the participant (the v1 log names no communication);
 * agents and ACD legs name the customer's session as `peerId` and the customer as `remote`.
 * Metrics (`tAlert`, `tHandle`…) are not rendered.
 *
 * Segments: one per state (`alert`, `dialing`, `contacting`, `scheduled`, `interact`, `hold`;
 * a parked callback shows as `scheduled` until it resumes), each ending where the next begins;
 * the one that ends at the disconnection carries `disconnectType`; after-call work is a
 * `wrapup` segment carrying `wrapUpCode`/`wrapUpNote`; a segment under way has no `segmentEnd`.
 *
 * @example
 * analyticsConversation(tracker.conversation('c1')!, tracker.history('c1'));
 * // { conversationId: 'c1', conversationStart: '…', participants: [{ participantId: '…', purpose: 'customer',
 * //   sessions: [{ mediaType: 'chat', sessionId: '…', segments: [{ segmentStart: '…', segmentType: 'interact', … }] }] }, …] }
 */
export function analyticsConversation(conversation: ConversationSnapshot, history: readonly TrackerEvent[]): AnalyticsConversation {
  const byParticipant = new Map<string, TrackerEvent[]>();
  for (const event of history) {
    let list = byParticipant.get(event.participantId);
    if (list === undefined) byParticipant.set(event.participantId, (list = []));
    list.push(event);
  }
  const participants = conversation.participants as readonly MediaParticipant[];
  const customer = participants.find((p) => p.purpose === 'customer');
  const customerPeer = customer?.id === undefined
    ? undefined
    : { sessionId: sessionIdOf(conversation.id, customer.id), ...(customer.name === undefined ? {} : { name: customer.name }) };

  const start = conversationStart(conversation);
  let end: string | undefined;
  let ended = participants.length > 0;
  const records: AnalyticsParticipant[] = [];
  for (const participant of participants) {
    const id = participant.id!;
    if (participant.endTime === undefined) ended = false;
    else if (end === undefined || participant.endTime > end) end = participant.endTime;
    const { segments, acwSkipped } = segmentsOf(byParticipant.get(id) ?? [], participant.queue?.id, participant.disconnectType);
    const peer = participant === customer ? undefined : customerPeer;
    const session: AnalyticsSession = {
      mediaType: conversation.media,
      sessionId: sessionIdOf(conversation.id, id),
      ...sessionFields(conversation, participant, peer),
      ...(acwSkipped ? { acwSkipped } : {}),
      segments,
    };
    records.push({
      participantId: id,
      ...(participant.name === undefined ? {} : { participantName: participant.name }),
      ...(participant.user?.id === undefined ? {} : { userId: participant.user.id }),
      ...(participant.purpose === undefined ? {} : { purpose: participant.purpose }),
      ...(participant.team?.id === undefined ? {} : { teamId: participant.team.id }),
      ...(participant.externalContact?.id === undefined ? {} : { externalContactId: participant.externalContact.id }),
      ...(participant.externalOrganization?.id === undefined ? {} : { externalOrganizationId: participant.externalOrganization.id }),
      ...(participant.flaggedReason === undefined ? {} : { flaggedReason: participant.flaggedReason }),
      sessions: [session],
    });
  }
  const direction = (customer ?? participants[0])?.direction;
  return {
    conversationId: conversation.id,
    conversationStart: start ?? '',
    ...(ended && end !== undefined ? { conversationEnd: end } : {}),
    ...(direction === undefined ? {} : { originatingDirection: direction }),
    participants: records,
  };
}
