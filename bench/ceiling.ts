import type { TrackerEvent } from '../src/events/tracker-event.js';
import type { MediaType } from '../src/model/enums.js';
import type { ParticipantDraft } from '../src/reducers/participant-draft.js';

/** A conversation of the ceiling fold: plain, mutable. */
export interface CeilingConversation {
  readonly id: string;
  readonly media: MediaType;
  readonly participants: ParticipantDraft[];
}

/** Envelope fields, which are not copied onto a participant. */
const ENVELOPE = new Set(['id', 'type', 'time', 'conversationId', 'participantId', 'media', 'state']);

/** Copies an event's own fields onto a participant (attributes merged). */
function copyFields(participant: ParticipantDraft, event: TrackerEvent): void {
  const target = participant as Record<string, unknown>;
  const source = event as unknown as Record<string, unknown>;
  for (const key in source) {
    if (ENVELOPE.has(key)) continue;
    target[key] = key === 'attributes' ? { ...participant.attributes, ...(source[key] as object) } : source[key];
  }
}

/**
 * The ceiling: a hand-written mutable fold of trusted, time-ordered events. A switch on the
 * event type mutates plain participant objects kept in a Map; no validation, no dedupe, no
 * ordering, no lifecycle or invariant checks, no snapshots. It builds the same participant
 * fields as the tracker, so it says what the bare work costs.
 *
 * @example
 * const conversations = ceilingFold(events);
 * conversations.get('c1')?.participants[0]?.state; // 'connected'
 */
export function ceilingFold(events: readonly TrackerEvent[]): Map<string, CeilingConversation> {
  const conversations = new Map<string, CeilingConversation>();
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    let conversation = conversations.get(event.conversationId);
    if (event.type === 'participant.added') {
      if (conversation === undefined) {
        conversation = { id: event.conversationId, media: event.media, participants: [] };
        conversations.set(event.conversationId, conversation);
      }
      const state = event.state ?? 'alerting';
      const participant: ParticipantDraft = { id: event.participantId, startTime: event.time, held: false, state };
      if (state === 'alerting') participant.startAlertingTime = event.time;
      if (state === 'connected') participant.connectedTime = event.time;
      copyFields(participant, event);
      conversation.participants.push(participant);
      continue;
    }
    const participants = conversation!.participants;
    let participant = participants[0]!;
    for (let j = 1; participant.id !== event.participantId; j++) participant = participants[j]!;
    switch (event.type) {
      case 'participant.alerting':
        participant.state = 'alerting';
        participant.startAlertingTime ??= event.time;
        break;
      case 'participant.dialing':
      case 'participant.contacting':
      case 'participant.offering':
        participant.state = event.type.slice('participant.'.length);
        break;
      case 'participant.connected':
        participant.state = 'connected';
        participant.connectedTime ??= event.time;
        break;
      case 'participant.holdStarted':
        participant.held = true;
        participant.startHoldTime = event.time;
        break;
      case 'participant.holdEnded':
        participant.held = false;
        delete participant.startHoldTime;
        break;
      case 'participant.parked':
        participant.state = 'parked';
        participant.parkTime = event.time;
        if (event.resumeTime !== undefined) participant.resumeTime = event.resumeTime;
        else delete participant.resumeTime;
        break;
      case 'participant.resumed':
        participant.state = 'connected';
        break;
      case 'participant.disconnected':
        participant.state = 'disconnected';
        participant.endTime = event.time;
        if (event.disconnectType !== undefined) participant.disconnectType = event.disconnectType;
        if (event.errorInfo !== undefined) participant.errorInfo = event.errorInfo;
        participant.held = false;
        delete participant.startHoldTime;
        break;
      case 'participant.acwStarted':
        participant.startAcwTime = event.time;
        break;
      case 'participant.wrapupApplied':
        participant.wrapup = { ...event.wrapup, endTime: event.time };
        break;
      case 'participant.wrapupSkipped':
        participant.wrapupSkipped = true;
        break;
      case 'participant.acwEnded':
        participant.endAcwTime = event.time;
        break;
      case 'participant.updated':
        copyFields(participant, event);
        break;
      case 'callback.scheduled':
        participant.callbackScheduledTime = event.callbackScheduledTime;
        break;
    }
  }
  return conversations;
}
