import { z } from 'zod';
import { issueText } from '../events/issue-text.js';
import { callbackStaticFields, chatStaticFields, sharedStaticFields } from '../events/schemas.js';
import { readAttributes } from '../model/attributes.js';
import type { MediaType } from '../model/enums.js';
import type { ErrorInfo } from '../model/error-info.js';
import type { Wrapup } from '../model/wrapup.js';
import { canonicalStatic } from './canonical-static.js';
import { finding, type IngestFinding } from './findings.js';
import { idProblem } from './id-problem.js';
import { mapDirection, mapDisconnectType, mapState, toIsoTime } from './map-values.js';
import { TIME_FIELDS, type ObservedTimes, type ParticipantObservation } from './observation.js';
import { isObject, text, type Raw } from './raw-values.js';

/** The static fields of each media, as the v1 log takes them (plus `flaggedReason`, which only `participant.updated` carries). */
const STATIC_SHAPES = {
  chat: { ...sharedStaticFields, ...chatStaticFields, flaggedReason: z.string().optional() },
  callback: { ...sharedStaticFields, ...callbackStaticFields, flaggedReason: z.string().optional() },
};

/** The schemas, compiled ahead of time by zod (a generated fast path; the runtime parser words the issues). */
const STATICS = {
  chat: z.compile(z.object(STATIC_SHAPES.chat)),
  callback: z.compile(z.object(STATIC_SHAPES.callback)),
};

const STATIC_NAMES: Record<MediaType, readonly string[]> = {
  chat: Object.keys(STATIC_SHAPES.chat),
  callback: Object.keys(STATIC_SHAPES.callback),
};

/** A participant read from a payload, and what was found on the way. */
export interface ReadParticipant {
  readonly observation: ParticipantObservation | undefined;
  readonly findings: IngestFinding[];
}

/**
 * Reads one participant in the flat `ChatMediaParticipant` / `CallbackMediaParticipant` shape
 * (REST, topic models, or a nested participant once flattened) into an observation: times made
 * canonical (epoch ms accepted), `disconnectType` and `direction` mapped to the REST spelling,
 * static fields validated. A value that cannot be used is left out and reported; the rest of
 * the participant is kept. `renamed` names payload fields that fed a model field of another name.
 *
 * @example
 * const { observation } = readMediaParticipant({ id: 'p1', purpose: 'agent', state: 'connected',
 *   connectedTime: '2022-03-08T15:49:04.274Z' }, 'chat', 'c1');
 * observation?.times.connectedTime; // '2022-03-08T15:49:04.274Z'
 */
export function readMediaParticipant(
  raw: Raw,
  media: MediaType,
  conversationId: string,
  renamed: Partial<Record<string, string>> = {},
): ReadParticipant {
  const findings: IngestFinding[] = [];
  const participantId = text(raw.id);
  if (participantId === undefined) {
    findings.push(finding('not-recorded', `a ${media} participant of conversation ${conversationId} ${idProblem(raw.id)}; it was left out`, ['id'], conversationId));
    return { observation: undefined, findings };
  }
  const note = (kind: 'not-recorded' | 'unknown-value', message: string, field: string) =>
    findings.push(finding(kind, `participant ${participantId}: ${message}`, [field], conversationId, participantId));
  const named = (field: string) => renamed[field] ?? field;

  const times: ObservedTimes = {};
  for (const field of TIME_FIELDS) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    const time = toIsoTime(value);
    if (time === undefined) note('not-recorded', `${named(field)} ${JSON.stringify(value)} is not a time with a zone; left out`, field);
    else times[field] = time;
  }

  const observation: ParticipantObservation = {
    participantId,
    media,
    times,
    statics: readStatics(raw, media, note),
    renamed,
  };
  const purpose = text(raw.purpose);
  if (purpose !== undefined) observation.purpose = purpose;
  const state = mapState(raw.state);
  if (state !== undefined) observation.state = state;
  const initialState = mapState(raw.initialState);
  if (initialState !== undefined) observation.initialState = initialState;
  if (typeof raw.held === 'boolean') observation.held = raw.held;
  const disconnectType = mapDisconnectType(raw.disconnectType);
  if (disconnectType !== undefined) observation.disconnectType = disconnectType;
  const errorInfo = readErrorInfo(raw.errorInfo);
  if (errorInfo !== undefined) observation.errorInfo = errorInfo;
  const wrapup = readWrapup(raw.wrapup, (message) => note('not-recorded', message, 'wrapup'));
  if (wrapup !== undefined) observation.wrapup = wrapup;
  if (typeof raw.wrapupSkipped === 'boolean') observation.wrapupSkipped = raw.wrapupSkipped;
  const afterCallWork = isObject(raw.afterCallWork) ? text(raw.afterCallWork.state) : undefined;
  if (afterCallWork !== undefined) observation.afterCallWork = afterCallWork;
  return { observation, findings };
}

function readErrorInfo(value: unknown): ErrorInfo | undefined {
  if (!isObject(value)) return undefined;
  const info: ErrorInfo = {};
  if (typeof value.message === 'string') info.message = value.message;
  if (typeof value.code === 'string') info.code = value.code;
  return Object.keys(info).length > 0 ? info : undefined;
}

function readWrapup(value: unknown, report: (message: string) => void): Wrapup | undefined {
  if (!isObject(value)) return undefined;
  const wrapup: Wrapup = {};
  if (typeof value.code === 'string') wrapup.code = value.code;
  if (typeof value.name === 'string') wrapup.name = value.name;
  if (typeof value.notes === 'string') wrapup.notes = value.notes;
  if (Array.isArray(value.tags) && value.tags.every((tag) => typeof tag === 'string')) wrapup.tags = value.tags;
  if (typeof value.durationSeconds === 'number' && value.durationSeconds >= 0) wrapup.durationSeconds = value.durationSeconds;
  if (typeof value.provisional === 'boolean') wrapup.provisional = value.provisional;
  if (value.endTime !== undefined && value.endTime !== null) {
    const endTime = toIsoTime(value.endTime);
    if (endTime === undefined) report(`wrapup.endTime ${JSON.stringify(value.endTime)} is not a time with a zone; left out`);
    else wrapup.endTime = endTime;
  }
  return Object.keys(wrapup).length > 0 ? wrapup : undefined;
}

/**
 * Attributes as a null-prototype object of string values, so that keys such as `__proto__`
 * or `constructor` stay plain data; values that are not strings are reported and left out.
 */
function attributesOf(value: unknown, report: (message: string) => void): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  return readAttributes(value, (key) => report(`attribute ${JSON.stringify(key)} is not a string; left out`));
}

/**
 * The static fields of `raw` in the v1 log's form, canonical (entity references without
 * `selfUri`, empty values left out); a field the log cannot take is reported and left out.
 */
function readStatics(
  raw: Raw,
  media: MediaType,
  note: (kind: 'not-recorded', message: string, field: string) => void,
): Record<string, unknown> {
  const input: Raw = {};
  for (const name of STATIC_NAMES[media]) {
    const value = raw[name];
    if (value !== undefined && value !== null) input[name] = value;
  }
  if (input.direction !== undefined) input.direction = mapDirection(input.direction);
  if (input.callbackScheduledTime !== undefined) input.callbackScheduledTime = toIsoTime(input.callbackScheduledTime) ?? input.callbackScheduledTime;
  if (input.attributes !== undefined) {
    input.attributes = attributesOf(input.attributes, (message) => note('not-recorded', message, 'attributes'));
  }
  for (;;) {
    const result = STATICS[media].safeParse(input);
    if (result.success) return canonicalStatics(result.data);
    let removed = false;
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (!Object.hasOwn(input, field)) continue;
      note('not-recorded', `${issue.path.map(String).join('.')} ${issueText(issue)}; left out`, field);
      delete input[field];
      removed = true;
    }
    if (!removed) return {};
  }
}

/** The static fields as recorded (see `canonicalStatic`; attributes as read), those that say nothing left out. */
function canonicalStatics(value: Raw): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = key === 'attributes' ? value[key] : canonicalStatic(value[key]);
    if (item !== undefined && !(key === 'attributes' && Object.keys(item as object).length === 0)) out[key] = item;
  }
  return out;
}
