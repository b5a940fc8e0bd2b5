import { CALLBACK_ONLY_FIELDS, CHAT_ONLY_FIELDS } from '../events/schemas.js';
import type { MediaType } from '../model/enums.js';
import { finding, type IngestFinding } from './findings.js';
import { idProblem } from './id-problem.js';
import { COMMUNICATION_ARRAYS, flattenParticipant, nestedMedia } from './flatten-participant.js';
import { LASTING_TIMES, payloadAsOf, type ConversationObservation, type ParticipantObservation } from './observation.js';
import { readMediaParticipant } from './read-media-participant.js';
import { isObject, type Raw } from './raw-values.js';

/** The participants of a conversation payload that are objects. */
function participantsOf(conversation: Raw): Raw[] {
  return Array.isArray(conversation.participants) ? conversation.participants.filter(isObject) : [];
}

/**
 * Whether a conversation payload has the nested shape (`Conversation`,
 * `ConversationEventTopicConversation`): participants carrying communication arrays
 * (`chats`, `callbacks`, `calls`…) rather than a `state` of their own.
 *
 * @example
 * isNestedConversation({ id: 'c1', participants: [{ id: 'p1', chats: [] }] }); // true
 */
export function isNestedConversation(conversation: Raw): boolean {
  return participantsOf(conversation).some((p) => COMMUNICATION_ARRAYS.some((name) => Array.isArray(p[name])));
}

/**
 * The media of a flat REST conversation (`ChatConversation` or `CallbackConversation`), which
 * says so nowhere explicitly: its `selfUri` (`/api/v2/conversations/chats/…`), else fields only
 * one media has (`roomId`; `callbackNumbers`…), else a `scheduled` state (callbacks only). `undefined` when
 * nothing tells.
 *
 * @example
 * flatConversationMedia({ id: 'c1', selfUri: '/api/v2/conversations/callbacks/c1', participants: [] }); // 'callback'
 */
export function flatConversationMedia(conversation: Raw): MediaType | undefined {
  const uri = typeof conversation.selfUri === 'string' ? conversation.selfUri : '';
  if (uri.includes('/conversations/chats')) return 'chat';
  if (uri.includes('/conversations/callbacks')) return 'callback';
  const participants = participantsOf(conversation);
  if (participants.some((p) => CHAT_ONLY_FIELDS.some((f) => p[f] !== undefined))) return 'chat';
  const scheduled = (p: Raw) => p.state === 'scheduled' || p.initialState === 'scheduled';
  if (participants.some((p) => CALLBACK_ONLY_FIELDS.some((f) => p[f] !== undefined) || scheduled(p))) return 'callback';
  return undefined;
}

/** A conversation payload read into an observation, or why it could not be. */
export interface ReadConversation {
  readonly observation: ConversationObservation | undefined;
  readonly findings: IngestFinding[];
  /** Why there is no observation (no id, a media not tracked, the media cannot be told). */
  readonly reason?: string;
}

/**
 * Reads a whole-conversation payload, flat (`ChatConversation`, `CallbackConversation`,
 * `…EventTopicChatConversation`…) or nested (`Conversation`, `ConversationEventTopicConversation`),
 * into one observation per tracked participant. `media` is the topic's media when the payload
 * came on a media topic (`…conversations.chats`). Conversation-level contradictions (an `id`
 * that is not the one its `selfUri` names) are reported.
 *
 * @example
 * const { observation } = readConversation(restChatConversation);
 * observation?.participants.length; // 5
 */
export function readConversation(conversation: Raw, media?: MediaType): ReadConversation {
  const findings: IngestFinding[] = [];
  const conversationId = typeof conversation.id === 'string' && conversation.id !== '' ? conversation.id : undefined;
  if (conversationId === undefined) return { observation: undefined, findings, reason: `the conversation ${idProblem(conversation.id)}` };
  checkSelfUri(conversation, conversationId, findings);

  const nested = isNestedConversation(conversation);
  const raws = participantsOf(conversation);
  let conversationMedia = media;
  if (conversationMedia === undefined) {
    if (nested) {
      for (const raw of raws) if ((conversationMedia = nestedMedia(raw)) !== undefined) break;
    } else {
      conversationMedia = flatConversationMedia(conversation);
    }
  }
  if (conversationMedia === undefined) {
    const reason = nested
      ? 'no participant has a chat or callback communication'
      : 'nothing in it tells a chat conversation from a callback one';
    return { observation: undefined, findings, reason };
  }

  const participants: ParticipantObservation[] = [];
  let untracked = 0;
  for (const raw of raws) {
    let read;
    if (nested) {
      const flat = flattenParticipant(raw, conversationMedia);
      if (flat === undefined) {
        untracked++;
        continue;
      }
      if (flat.communications > 1) {
        findings.push(finding('not-recorded', `participant ${String(raw.id)} has ${flat.communications} ${conversationMedia} communications; only the last is read`,
          [conversationMedia === 'chat' ? 'chats' : 'callbacks'], conversationId, typeof raw.id === 'string' ? raw.id : undefined));
      }
      read = readMediaParticipant(flat.participant, conversationMedia, conversationId, flat.renamed);
    } else {
      read = readMediaParticipant(raw, conversationMedia, conversationId);
    }
    findings.push(...read.findings);
    if (read.observation !== undefined) participants.push(read.observation);
  }
  if (untracked > 0) {
    findings.push(finding('not-recorded', `${untracked} participant(s) of ${conversationMedia} conversation ${conversationId} have no ${conversationMedia} communication; not tracked`,
      ['participants'], conversationId));
  }

  const observation = { conversationId, media: conversationMedia, participants, asOf: payloadAsOf(participants), lastingAsOf: payloadAsOf(participants, LASTING_TIMES) };
  return { observation, findings };
}

/** Reports a conversation whose `id` is not the one its `selfUri` ends with. */
function checkSelfUri(conversation: Raw, conversationId: string, findings: IngestFinding[]): void {
  if (typeof conversation.selfUri !== 'string') return;
  const named = /\/api\/v2\/conversations\/(?:chats\/|callbacks\/)?([^/?]+)$/.exec(conversation.selfUri)?.[1];
  if (named !== undefined && named !== conversationId) {
    findings.push(finding('inconsistent',
      `its selfUri ${conversation.selfUri} names conversation ${named}; the id ${conversationId} is used`,
      ['id', 'selfUri'], conversationId));
  }
}
