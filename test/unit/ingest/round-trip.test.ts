import { describe, expect, it } from 'vitest';
import { ingestAndReplay, sample } from './samples.js';

type Raw = Record<string, unknown>;

/** The participant values the round trip must give back (the issue's list). */
const SHARED_FIELDS = [
  'state', 'purpose', 'startTime', 'startAlertingTime', 'connectedTime', 'endTime', 'startHoldTime', 'held',
  'disconnectType', 'wrapup', 'wrapupSkipped', 'startAcwTime', 'endAcwTime',
] as const;
const CALLBACK_FIELDS = [
  'parkTime', 'resumeTime', 'callbackNumbers', 'callbackUserName', 'callbackScheduledTime', 'externalCampaign',
  'skipEnabled', 'timeoutSeconds', 'automatedCallbackConfigId', 'outboundPreview', 'voicemail',
] as const;
const TIMES = new Set(['startTime', 'startAlertingTime', 'connectedTime', 'endTime', 'startHoldTime', 'startAcwTime', 'endAcwTime', 'parkTime', 'resumeTime', 'callbackScheduledTime']);

const iso = (time: unknown) => new Date(time as string).toISOString();

/**
 * A sample participant's own values in the MediaParticipant vocabulary, read straight from the
 * payload: flat participants as they are; nested ones from the participant plus its one
 * chat/callback communication (`state`, `held`, `disconnectType`, `connectedTime`,
 * `disconnectedTime` as `endTime`, `afterCallWork.startTime` as `startAcwTime`, callback fields).
 */
function ownValues(participant: Raw, media: 'chat' | 'callback'): Raw {
  const communications = participant[media === 'chat' ? 'chats' : 'callbacks'] as Raw[] | undefined;
  let values: Raw = participant;
  if (communications !== undefined) {
    const c = communications[0]!;
    const acw = c.afterCallWork as Raw | undefined;
    values = {
      purpose: participant.purpose, startTime: participant.startTime, startAcwTime: participant.startAcwTime ?? acw?.startTime,
      endAcwTime: participant.endAcwTime ?? acw?.endTime, wrapup: participant.wrapup ?? c.wrapup,
      state: c.state, held: c.held, disconnectType: c.disconnectType, startHoldTime: c.startHoldTime,
      startAlertingTime: c.startAlertingTime, connectedTime: c.connectedTime ?? participant.connectedTime,
      endTime: c.disconnectedTime ?? participant.endTime, outboundPreview: c.dialerPreview,
      ...Object.fromEntries(CALLBACK_FIELDS.filter((f) => f !== 'outboundPreview').map((f) => [f, c[f]])),
    };
  }
  const fields = media === 'callback' ? [...SHARED_FIELDS, ...CALLBACK_FIELDS] : SHARED_FIELDS;
  const out: Raw = {};
  for (const field of fields) {
    const value = values[field];
    if (value !== undefined) out[field] = TIMES.has(field) ? iso(value) : value;
  }
  return out;
}

interface Case {
  readonly file: string;
  readonly media: 'chat' | 'callback';
  readonly participants: (payload: Raw) => Raw[];
  /** Values the payload contradicts itself on, which are reported and not recorded. */
  readonly setAside?: Readonly<Record<string, readonly string[]>>;
}

const flat = (payload: Raw) => payload.participants as Raw[];
const inEnvelope = (payload: Raw) => (payload.eventBody as Raw).participants as Raw[];
const firstEntity = (payload: Raw) => ((payload.entities as Raw[])[0]!).participants as Raw[];

const CASES: readonly Case[] = [
  { file: 'chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts', media: 'chat', participants: flat },
  { file: 'chat-rest-list-chat-conversations', media: 'chat', participants: firstEntity },
  { file: 'chat-rest-list-conversations-nested-chats', media: 'chat', participants: firstEntity },
  { file: 'chat-notification-users-conversations-chats-agent-disconnect-acw', media: 'chat', participants: inEnvelope },
  { file: 'callback-rest-get-conversation-scheduled-three-alert-timeouts', media: 'callback', participants: flat },
  { file: 'callback-notification-users-conversations-agent-disconnect-acw-pending', media: 'callback', participants: inEnvelope },
  {
    file: 'callback-notification-users-conversations-agent-connected-likely-edited', media: 'callback', participants: inEnvelope,
    setAside: { '5151853c-ca28-48da-bdcd-f15c46f0712e': ['endTime', 'disconnectType', 'startAcwTime'] },
  },
];

describe('round trip: ingest → replay gives back each conversation sample\'s own participant values', () => {
  for (const c of CASES) {
    const payload = sample(c.file);
    const own = c.participants(payload).map((p) => ({ id: p.id as string, values: ownValues(p, c.media) }));
    const all = c.media === 'callback' ? [...SHARED_FIELDS, ...CALLBACK_FIELDS] : [...SHARED_FIELDS];
    const lacks = all.filter((field) => own.every((p) => p.values[field] === undefined));
    const asideText = c.setAside ? `; ${Object.entries(c.setAside).map(([id, f]) => `${f.join(', ')} of ${id.slice(0, 8)} set aside as inconsistent`).join('; ')}` : '';

    it(`${c.file}: ${own.length} participants match; the sample lacks ${lacks.join(', ') || 'nothing'}${asideText}`, () => {
      const { tracker, applied } = ingestAndReplay(payload);
      expect(applied.filter((r) => r.status !== 'applied')).toEqual([]);
      const conversation = tracker.conversations()[0]!;
      expect(conversation.media).toBe(c.media);
      expect(conversation.participants.map((p) => p.id).sort()).toEqual(own.map((p) => p.id).sort());
      for (const { id, values } of own) {
        const replayed = tracker.participant(conversation.id, id) as Raw;
        const expected = { ...values };
        for (const field of c.setAside?.[id] ?? []) {
          delete expected[field];
          expect(replayed[field], `${id} ${field}`).toBeUndefined();
        }
        const actual = Object.fromEntries(Object.keys(expected).map((field) => [field, replayed[field]]));
        expect(actual, `participant ${id}`).toEqual(expected);
      }
    });
  }
});
