import { normalizeTime, toCanonicalTime } from '../events/time.js';
import { PARTICIPANT_STATES, type MediaType } from '../model/enums.js';

/**
 * Values that differ by source, mapped to the spelling of the REST `*MediaParticipant` models.
 * Topic models say `endpoint.dnd` / `transfer.dnd`; detail events use UPPER_CASE names. A value
 * no table knows is kept as sent: Genesys adds values over time, and dropping one would lose data.
 */
const DISCONNECT_TYPES: Readonly<Record<string, string | undefined>> = {
  'endpoint.dnd': 'endpoint.donotdisturb',
  'transfer.dnd': 'transfer.donotdisturb',
  UNKNOWN: undefined,
  ENDPOINT: 'endpoint',
  CLIENT: 'client',
  SYSTEM: 'system',
  TRANSFER: 'transfer',
  ERROR: 'error',
  PEER: 'peer',
  OTHER: 'other',
  SPAM: 'spam',
  TIMEOUT: 'timeout',
  TRANSPORT_FAILURE: 'transport.failure',
  CONFERENCE_TRANSFER: 'transfer.conference',
  CONSULT_TRANSFER: 'transfer.consult',
  FORWARD_TRANSFER: 'transfer.forward',
  NO_ANSWER_TRANSFER: 'transfer.noanswer',
  NOT_AVAILABLE_TRANSFER: 'transfer.notavailable',
  UNCALLABLE: 'uncallable',
  DND_ENDPOINT: 'endpoint.donotdisturb',
  DND_TRANSFER: 'transfer.donotdisturb',
  INACTIVITY: 'inactivity',
  SESSION_EXPIRED: 'session.expired',
  TAKEOVER: 'takeover',
};

/**
 * A `disconnectType` in the REST model's spelling: `endpoint.dnd` → `endpoint.donotdisturb`,
 * `CONSULT_TRANSFER` → `transfer.consult`, `UNKNOWN` → `undefined` (no reason given). Values
 * not in the tables are kept as sent.
 *
 * @example
 * mapDisconnectType('CONSULT_TRANSFER'); // 'transfer.consult'
 * mapDisconnectType('transfer.dnd');     // 'transfer.donotdisturb'
 * mapDisconnectType('brand.new');        // 'brand.new'
 */
export function mapDisconnectType(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return Object.hasOwn(DISCONNECT_TYPES, value) ? DISCONNECT_TYPES[value] : value;
}

/**
 * A detail event's UPPER_CASE `direction` (or a model's lower-case one) in the REST spelling;
 * `UNKNOWN` gives `undefined`, other values are kept.
 *
 * @example
 * mapDirection('INBOUND'); // 'inbound'
 */
export function mapDirection(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '' || value === 'UNKNOWN') return undefined;
  return value === 'INBOUND' || value === 'OUTBOUND' ? value.toLowerCase() : value;
}

/** Lower-case participant states of the topic and REST models. */
const STATES: ReadonlySet<string> = new Set(PARTICIPANT_STATES);

/**
 * A participant or communication `state` in the models' lower-case spelling (`CONNECTED` →
 * `connected`); a value no model lists is kept as sent.
 *
 * @example
 * mapState('CONNECTED');    // 'connected'
 * mapState('teleporting');  // 'teleporting'
 */
export function mapState(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const lower = value.toLowerCase();
  return STATES.has(lower) ? lower : value;
}

/**
 * The tracked media of a detail event's `mediaType` (`CHAT`, `CALLBACK`), or `undefined` for
 * media this tracker does not follow (voice, email, messaging…).
 *
 * @example
 * mapMediaType('CALLBACK'); // 'callback'
 * mapMediaType('VOICE');    // undefined
 */
export function mapMediaType(value: unknown): MediaType | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return lower === 'chat' || lower === 'callback' ? lower : undefined;
}

/**
 * A Genesys time in canonical form (ISO-8601 UTC with milliseconds): ISO strings with a zone
 * (`2022-07-04T11:00:00Z`) and detail events' epoch milliseconds both map; anything else
 * (no zone, not a time) gives `undefined`.
 *
 * @example
 * toIsoTime(1649237504949);          // '2022-04-06T09:31:44.949Z'
 * toIsoTime('2022-07-04T11:00:00Z'); // '2022-07-04T11:00:00.000Z'
 */
export function toIsoTime(value: unknown): string | undefined {
  if (typeof value === 'number') return toCanonicalTime(value);
  return typeof value === 'string' ? normalizeTime(value) : undefined;
}
