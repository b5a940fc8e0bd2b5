import type { CallbackMediaParticipant, ChatMediaParticipant } from './media-participant.js';

/** A chat conversation: its participants in the order they were added. */
export interface ChatConversationSnapshot {
  readonly id: string;
  readonly media: 'chat';
  readonly participants: readonly ChatMediaParticipant[];
}

/** A callback conversation: its participants in the order they were added. */
export interface CallbackConversationSnapshot {
  readonly id: string;
  readonly media: 'callback';
  readonly participants: readonly CallbackMediaParticipant[];
}

/** The snapshot output of the event log spec: `{ id, media, participants }`. */
export type ConversationSnapshot = ChatConversationSnapshot | CallbackConversationSnapshot;
