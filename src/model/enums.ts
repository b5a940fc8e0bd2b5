import type { OpenEnum } from './open-enum.js';

/** Participant `state` values of the REST media-participant models, plus `scheduled` (callbacks, topic models). */
export const PARTICIPANT_STATES = [
  'alerting', 'dialing', 'contacting', 'offering', 'connected', 'disconnected', 'terminated',
  'converting', 'uploading', 'transmitting', 'scheduled', 'parked', 'none',
] as const;
export type ParticipantState = OpenEnum<(typeof PARTICIPANT_STATES)[number]>;

/** Participant `purpose`: "Values can be: 'agent', 'user', 'customer', 'external', 'acd', 'ivr'". */
export const PARTICIPANT_PURPOSES = ['agent', 'user', 'customer', 'external', 'acd', 'ivr'] as const;
export type ParticipantPurpose = OpenEnum<(typeof PARTICIPANT_PURPOSES)[number]>;

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = OpenEnum<(typeof DIRECTIONS)[number]>;

/** `disconnectType` in the REST model's spelling (topic models say `endpoint.dnd` / `transfer.dnd`). */
export const DISCONNECT_TYPES = [
  'endpoint', 'endpoint.donotdisturb', 'client', 'system', 'timeout', 'transfer', 'transfer.conference',
  'transfer.consult', 'transfer.donotdisturb', 'transfer.forward', 'transfer.noanswer',
  'transfer.notavailable', 'transport.failure', 'error', 'peer', 'other', 'spam', 'uncallable',
  'inactivity', 'session.expired', 'takeover',
] as const;
export type DisconnectType = OpenEnum<(typeof DISCONNECT_TYPES)[number]>;

/** `wrapupPrompt` as the `Participant` model lists it. */
export const WRAPUP_PROMPTS = ['mandatory', 'optional', 'agentRequested', 'timeout', 'forcedTimeout'] as const;
export type WrapupPrompt = OpenEnum<(typeof WRAPUP_PROMPTS)[number]>;

export const FLAGGED_REASONS = ['general'] as const;
export type FlaggedReason = OpenEnum<(typeof FLAGGED_REASONS)[number]>;

/** `Voicemail.uploadStatus`. */
export const UPLOAD_STATUSES = ['pending', 'complete', 'failed', 'timeout', 'none'] as const;
export type UploadStatus = OpenEnum<(typeof UPLOAD_STATUSES)[number]>;

/** The two media this project tracks. */
export const MEDIA_TYPES = ['chat', 'callback'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];
