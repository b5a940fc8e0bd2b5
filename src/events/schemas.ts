import { z } from 'zod';
import { readAttributes, type Attributes } from '../model/attributes.js';
import { DECLINED, type InPlaceTransform } from './schema-check.js';
import { INITIAL_STATES } from './initial-state.js';
import { normalizeTime, timeProblem } from './time.js';

/** A non-empty string (ids). */
const nonEmpty = z.string().min(1, { error: 'must be a non-empty string' });

/** An ISO-8601 time with a zone, normalized to UTC with milliseconds. */
export const isoTime = z.string().transform((text, ctx) => {
  const time = normalizeTime(text);
  if (time === undefined) {
    ctx.issues.push({ code: 'custom', input: text, message: timeProblem(text)! });
    return z.NEVER;
  }
  return time;
});

/**
 * Reads ad-hoc attributes: string keys to string values, into a null-prototype object; each
 * problem goes to `refuse` (with the key of a value that is not a string). `undefined` when the
 * value is not an object.
 */
function readAttributesOf(value: unknown, refuse: (message: string, key?: string, item?: unknown) => void): Attributes | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse('must be an object of string values');
    return undefined;
  }
  return readAttributes(value, (key, item) => refuse('must be a string', key, item));
}

/**
 * Ad-hoc attributes: string keys to string values, built into a null-prototype object so that
 * keys such as `__proto__` or `constructor` stay plain data.
 */
export const attributes = z.unknown().transform((value, ctx) => {
  const read = readAttributesOf(value, (message, key, item) =>
    ctx.issues.push(key === undefined ? { code: 'custom', input: value, message } : { code: 'custom', input: item, path: [key], message }));
  return read ?? z.NEVER;
});

/**
 * The two transforms above, done in place (see `compileSchemaCheck`): on what they accept they
 * give the same value; on anything else they refuse, and the schema's parser says why.
 */
export const IN_PLACE_TRANSFORMS: ReadonlyMap<z.ZodType, InPlaceTransform> = new Map<z.ZodType, InPlaceTransform>([
  [isoTime, (value) => {
    const time = typeof value === 'string' ? normalizeTime(value) : undefined;
    return time ?? DECLINED;
  }],
  [attributes, (value) => {
    let ok = true;
    const read = readAttributesOf(value, () => (ok = false));
    return ok && read !== undefined ? read : DECLINED;
  }],
]);

const count = z.number().int({ error: 'must be an integer' }).nonnegative({ error: 'must be ≥ 0' });
const entityRef = z.object({ id: z.string().optional(), name: z.string().optional(), selfUri: z.string().optional() });
const addressableRef = z.object({ id: z.string().optional(), selfUri: z.string().optional() });

const journeyContext = z.object({
  customer: z.object({ id: z.string(), idType: z.string() }),
  customerSession: z.object({ id: z.string(), type: z.string() }).optional(),
  triggeringAction: z
    .object({ id: z.string(), actionMap: z.object({ id: z.string(), version: z.number() }) })
    .optional(),
});

const conversationRoutingData = z.object({
  queue: addressableRef.optional(),
  language: addressableRef.optional(),
  priority: z.number().optional(),
  skills: z.array(addressableRef).optional(),
  scoredAgents: z.array(z.object({ agent: entityRef.optional(), score: z.number().optional() })).optional(),
  label: z.string().optional(),
});

const dialerPreview = z.object({
  id: z.string().optional(),
  contactId: z.string().optional(),
  contactListId: z.string().optional(),
  campaignId: z.string().optional(),
  phoneNumberColumns: z
    .array(z.object({
      columnName: z.string().optional(),
      type: z.string().optional(),
      callableTimeColumnName: z.string().optional(),
    }))
    .optional(),
  callbackAutoAnswer: z.boolean().optional(),
});

const voicemail = z.object({ id: z.string().optional(), uploadStatus: z.string().optional() });

/** Static fields both media share (allowed on `participant.added` and `participant.updated`). */
export const sharedStaticFields = {
  name: z.string().optional(),
  address: z.string().optional(),
  direction: z.string().optional(),
  user: entityRef.optional(),
  queue: entityRef.optional(),
  team: entityRef.optional(),
  script: entityRef.optional(),
  provider: z.string().optional(),
  externalContact: entityRef.optional(),
  externalContactInitialDivisionId: z.string().optional(),
  externalOrganization: entityRef.optional(),
  peer: z.string().optional(),
  attributes: attributes.optional(),
  mediaRoles: z.array(z.string()).optional(),
  journeyContext: journeyContext.optional(),
  conversationRoutingData: conversationRoutingData.optional(),
  alertingTimeoutMs: count.optional(),
  wrapupRequired: z.boolean().optional(),
  wrapupPrompt: z.string().optional(),
  wrapupTimeoutMs: count.optional(),
};

/** Static fields only a chat participant has. */
export const chatStaticFields = {
  roomId: z.string().optional(),
  avatarImageUrl: z.string().optional(),
};

/** Static fields only a callback participant has. */
export const callbackStaticFields = {
  callbackNumbers: z.array(z.string()).optional(),
  callbackUserName: z.string().optional(),
  callbackScheduledTime: isoTime.optional(),
  externalCampaign: z.boolean().optional(),
  skipEnabled: z.boolean().optional(),
  timeoutSeconds: count.optional(),
  automatedCallbackConfigId: z.string().optional(),
  outboundPreview: dialerPreview.optional(),
  voicemail: voicemail.optional(),
};

/** The names of the static fields that belong to one media only. */
export const CHAT_ONLY_FIELDS = Object.keys(chatStaticFields) as (keyof typeof chatStaticFields)[];
export const CALLBACK_ONLY_FIELDS = Object.keys(callbackStaticFields) as (keyof typeof callbackStaticFields)[];

/** Refuses each of `fields`, saying `why`. */
function forbidden<K extends string>(fields: readonly K[], why: string): Record<K, z.ZodOptional<z.ZodNever>> {
  const shape = {} as Record<K, z.ZodOptional<z.ZodNever>>;
  for (const field of fields) shape[field] = z.never({ error: why }).optional();
  return shape;
}

/** Fields every event carries. */
const envelope = {
  id: nonEmpty,
  time: isoTime,
  conversationId: nonEmpty,
  participantId: nonEmpty,
};


const chatAdded = z.object({
  ...envelope,
  type: z.literal('participant.added'),
  media: z.literal('chat'),
  purpose: nonEmpty,
  state: z.enum(INITIAL_STATES.chat).optional(),
  ...sharedStaticFields,
  ...chatStaticFields,
  ...forbidden(CALLBACK_ONLY_FIELDS, 'is a callback field; a chat participant cannot have it'),
});

const callbackAdded = z.object({
  ...envelope,
  type: z.literal('participant.added'),
  media: z.literal('callback'),
  purpose: nonEmpty,
  state: z.enum(INITIAL_STATES.callback).optional(),
  ...sharedStaticFields,
  ...callbackStaticFields,
  ...forbidden(CHAT_ONLY_FIELDS, 'is a chat field; a callback participant cannot have it'),
});

const LIFECYCLE_FIELDS = [
  'state', 'held', 'startTime', 'startAlertingTime', 'connectedTime', 'endTime', 'startHoldTime',
  'startAcwTime', 'endAcwTime', 'parkTime', 'resumeTime', 'disconnectType', 'wrapup', 'wrapupSkipped',
  'purpose', 'media',
] as const;

/** Builds the schema of an event type that carries only the envelope and `extra` fields. */
function simple<T extends string, S extends z.ZodRawShape = {}>(type: T, extra?: S) {
  return z.object({ ...envelope, type: z.literal(type), ...(extra ?? ({} as S)) });
}

const wrapup = z.object({
  code: nonEmpty,
  name: z.string().optional(),
  notes: z.string().optional(),
  tags: z.array(z.string()).optional(),
  durationSeconds: z.number().nonnegative({ error: 'must be ≥ 0' }).optional(),
  provisional: z.boolean().optional(),
});

/** The schema of every v1 event, discriminated by `type` (and `participant.added` by `media`). */
export const trackerEventSchema = z.discriminatedUnion('type', [
  z.discriminatedUnion('media', [chatAdded, callbackAdded]),
  simple('participant.alerting'),
  simple('participant.dialing'),
  simple('participant.contacting'),
  simple('participant.offering'),
  simple('participant.connected'),
  simple('participant.holdStarted'),
  simple('participant.holdEnded'),
  simple('participant.parked', { resumeTime: isoTime.optional() }),
  simple('participant.resumed'),
  simple('participant.disconnected', {
    disconnectType: z.string().optional(),
    errorInfo: z.object({ message: z.string().optional(), code: z.string().optional() }).optional(),
  }),
  simple('participant.acwStarted'),
  simple('participant.wrapupApplied', { wrapup }),
  simple('participant.wrapupSkipped'),
  simple('participant.acwEnded'),
  simple('participant.updated', {
    ...sharedStaticFields,
    ...chatStaticFields,
    ...callbackStaticFields,
    flaggedReason: z.string().optional(),
    ...forbidden(LIFECYCLE_FIELDS, 'is a lifecycle field; only lifecycle events change it'),
  }),
  simple('callback.scheduled', { callbackScheduledTime: isoTime }),
]);
