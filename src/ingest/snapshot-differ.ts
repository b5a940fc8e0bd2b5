import { compareEventOrder } from '../events/lifecycle-rank.js';
import { parseEvent } from '../events/parse-event.js';
import type { TrackerEvent, TrackerEventType } from '../events/tracker-event.js';
import type { MediaType } from '../model/enums.js';
import { ABSENT, LIFECYCLES, lifecycleEventKey } from '../machines/compile-lifecycle.js';
import type { ParticipantDraft } from '../reducers/participant-draft.js';
import { applyToConversation, type WorkingConversation } from '../core/conversation-step.js';
import { copyUpdate } from '../core/participant-update.js';
import { stageOf, type Stage } from './check-consistency.js';
import { ingestEventId } from './event-id.js';
import { finding, type IngestFinding } from './findings.js';
import type { ConversationObservation, ParticipantObservation } from './observation.js';

/** What is known about one participant beyond its folded snapshot. */
interface KnownParticipant {
  /** Its position in the working conversation. */
  readonly index: number;
  readonly addedTime: string;
  /** The time of its latest lifecycle event: later events are never dated before it. */
  lastTime: string;
  /** The latest `asOf` of the payloads that described it. */
  asOf: string | undefined;
  /** The time of its latest hold event (start or end). */
  holdTime: string | undefined;
  /** The latest `asOf` of the payloads that showed it connected and not held. */
  unheldAsOf: string | undefined;
  /** The static fields as recorded so far (`attributes` merged). */
  readonly statics: Map<string, unknown>;
}

/** What is known about one conversation: its participants folded exactly as a reader folds the events. */
interface KnownConversation {
  readonly work: WorkingConversation;
  readonly participants: Map<string, KnownParticipant>;
  /** The latest `asOf` of the payloads that described it. */
  latest: string | undefined;
  /** The ids of the events emitted for it: a change that recurs at the same instant needs a new one. */
  readonly emitted: Set<string>;
}

/** The events an observation adds, in the order a reader applies them, and what was found. */
export interface DiffResult {
  readonly events: TrackerEvent[];
  readonly findings: IngestFinding[];
}

/** Turns observations into v1 events by comparing each with what is already known. */
export interface SnapshotDiffer {
  /** The events `observation` adds to what is known (none for a snapshot already seen). */
  diff(observation: ConversationObservation): DiffResult;
  /** The media of a known conversation. */
  media(conversationId: string): MediaType | undefined;
  /** How many conversations and participants are known. */
  stats(): { conversations: number; participants: number };
}

/** Lifecycle facts, read off the compiled machines rather than restated here. */
const beforeConnection = (media: MediaType, state: string): boolean => LIFECYCLES[media].next(state, 'participant.connected') !== undefined;
const ended = (media: MediaType, state: string): boolean => state !== ABSENT && LIFECYCLES[media].participantState(state) === 'disconnected';
const canJoinIn = (media: MediaType, state: string): boolean =>
  LIFECYCLES[media].next(ABSENT, lifecycleEventKey({ type: 'participant.added', state })) !== undefined;
const STATE_EVENTS: ReadonlyMap<string, TrackerEventType> = new Map([
  ['alerting', 'participant.alerting'], ['dialing', 'participant.dialing'], ['contacting', 'participant.contacting'], ['offering', 'participant.offering'],
]);

const earliest = (...times: (string | undefined)[]): string | undefined => {
  let first: string | undefined;
  for (const time of times) if (time !== undefined && (first === undefined || time < first)) first = time;
  return first;
};
const later = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined ? b : b === undefined || a > b ? a : b);

/** The stage a participant's times prove when its `state` says nothing usable. */
function stageFromTimes(observation: ParticipantObservation): Stage | undefined {
  const { times } = observation;
  if (times.endTime ?? times.startAcwTime ?? times.endAcwTime ?? observation.wrapup?.endTime) return 'ended';
  return times.connectedTime === undefined ? undefined : 'connected';
}

/**
 * The state a participant first seen joins in: its `initialState` when the times allow it,
 * else `connected` when it connected the moment it started, else its current state before
 * connection, else `alerting` (the log's default). An alert that starts after the participant
 * does (REST `startAlertingTime` > `startTime`) makes the participant join `offering`, so that
 * the alert keeps its own time.
 */
function initialStateOf(observation: ParticipantObservation, start: string, stage: Stage | undefined): string {
  const allowed = (state: string) => canJoinIn(observation.media, state);
  const { connectedTime, startAlertingTime } = observation.times;
  let state = observation.initialState !== undefined && allowed(observation.initialState) ? observation.initialState : undefined;
  if (state === 'connected' && connectedTime !== undefined && connectedTime !== start) state = undefined;
  if (state === undefined) {
    if (connectedTime === start && startAlertingTime === undefined) state = 'connected';
    else if (stage === 'pre' && observation.state !== undefined && allowed(observation.state)) state = observation.state;
    else state = 'alerting';
  }
  return state === 'alerting' && startAlertingTime !== undefined && startAlertingTime > start ? 'offering' : state;
}

/** Whether `next` says nothing that `known` does not already say (objects: key by key; an empty object says nothing). */
function covers(known: unknown, next: unknown): boolean {
  if (known === next) return true;
  if (typeof next !== 'object' || next === null) return false;
  if (Array.isArray(next)) return Array.isArray(known) && known.length === next.length && next.every((item, i) => covers(known[i], item) && covers(item, known[i]));
  const keys = Object.keys(next);
  if (keys.length === 0) return true;
  if (typeof known !== 'object' || known === null || Array.isArray(known)) return false;
  return keys.every((key) => covers((known as Record<string, unknown>)[key], (next as Record<string, unknown>)[key]));
}

/**
 * Creates the differ that turns participant snapshots into v1 events. Each observation is
 * compared with what is known about its conversation, and only what is new becomes an event:
 *
 * - **Identical snapshot**: nothing is new, nothing is emitted.
 * - **Never back**: the lifecycle only moves forward (a late snapshot showing an agent still
 *   alerting changes nothing once it connected). Changes a payload cannot date (static fields,
 *   the end of a hold, a change of state before connection) are taken only from a payload
 *   whose `asOf` (latest time it carries) is not older than the newest that described the
 *   participant; two payloads with the same times cannot be told apart and are taken in
 *   arrival order.
 * - **History from own timestamps**: a participant first seen far into its life gets every
 *   step its payload dates (added at `startTime`, alerting, connected, hold, disconnected,
 *   after-call work, wrap-up), each at its own time.
 *
 * Times, where the payload has none for a change it proves:
 * - `participant.added`: `startTime`; else the participant's earliest own time; else the
 *   payload's `asOf`; else the conversation's latest known time; a participant with none of
 *   these waits for a payload that dates it;
 * - a step the state proves but whose time is absent (connected without `connectedTime`,
 *   disconnected without `endTime`, after-call work without `startAcwTime`, wrap-up without
 *   `endTime`): the earliest own time of a later step, else the payload's `asOf`;
 * - the end of a hold (no payload dates it), a change of state before connection,
 *   `wrapupSkipped`, `participant.resumed`: the payload's `asOf`;
 * - `callback.scheduled`: the payload's `asOf`; `participant.updated`: the same, never before
 *   the participant was added (it sets static fields only, so where it falls among the
 *   participant's other events changes nothing).
 * A participant's lifecycle events are never dated before its previous one (a stated time
 * that is earlier is moved up to it and reported), so they replay in the order they were
 * derived. Every event is checked by folding it exactly as a reader will (same lifecycle
 * tables, reducers and invariants): an event the reader would reject is reported instead of
 * emitted.
 *
 * @example
 * const differ = createSnapshotDiffer();
 * differ.diff(observation).events;  // participant.added, participant.connected, …
 * differ.diff(observation).events;  // [] (identical snapshot)
 */
export function createSnapshotDiffer(): SnapshotDiffer {
  const conversations = new Map<string, KnownConversation>();
  let participantCount = 0;

  function diff(observation: ConversationObservation): DiffResult {
    const events: TrackerEvent[] = [];
    const findings: IngestFinding[] = [];
    const { conversationId, media, asOf } = observation;
    let conversation = conversations.get(conversationId);
    if (conversation?.work.media !== undefined && conversation.work.media !== media) {
      findings.push(finding('not-recorded',
        `conversation ${conversationId} is a ${conversation.work.media} conversation; this ${media} payload about it was not recorded`, ['media'], conversationId));
      return { events, findings };
    }
    if (conversation === undefined) {
      conversation = { work: { id: conversationId, media: undefined, participants: [], lifecycles: [] }, participants: new Map(), latest: undefined, emitted: new Set() };
      conversations.set(conversationId, conversation);
    }
    for (const participant of observation.participants) merge(conversation, participant, asOf, events, findings);
    conversation.latest = later(conversation.latest, asOf);
    events.sort(compareEventOrder);
    return { events, findings };
  }

  function merge(
    conversation: KnownConversation,
    observation: ParticipantObservation,
    asOf: string | undefined,
    events: TrackerEvent[],
    findings: IngestFinding[],
  ): void {
    const { work } = conversation;
    const conversationId = work.id;
    const { participantId, media, times } = observation;
    const note = (kind: 'not-recorded' | 'time-chosen' | 'time-moved', message: string, fields: string[]) =>
      findings.push(finding(kind, `participant ${participantId}: ${message}`, fields, conversationId, participantId));
    const stage = stageOf(observation.state) ?? stageFromTimes(observation);
    let known = conversation.participants.get(participantId);

    /** Folds one event as a reader will; emits it when the reader would accept it. */
    const emit = (type: TrackerEventType, time: string, fields: Record<string, unknown> = {}, content?: string): boolean => {
      // A value that flips back (A → B → A) at one instant repeats an event: number the repeat,
      // or a reader would drop it as a duplicate.
      let id = ingestEventId(conversationId, participantId, type, time, content);
      for (let repeat = 2; conversation.emitted.has(id); repeat++) id = ingestEventId(conversationId, participantId, type, time, `${content ?? ''}\u0000${repeat}`);
      const raw = { id, type, time, conversationId, participantId, ...fields };
      const parsed = parseEvent(raw);
      if (!parsed.ok) {
        note('not-recorded', `${type} at ${time} was not recorded: ${parsed.message}`, parsed.issues.map((i) => i.field));
        return false;
      }
      const rejection = applyToConversation(work, parsed.event, copyUpdate);
      if (rejection !== undefined) {
        note('not-recorded', `${type} at ${time} was not recorded: ${rejection.message}`, rejection.field === undefined ? [] : [rejection.field]);
        return false;
      }
      events.push(parsed.event);
      conversation.emitted.add(id);
      if (known !== undefined && type !== 'participant.updated') known.lastTime = time;
      return true;
    };

    if (known === undefined) {
      if (observation.purpose === undefined) {
        note('not-recorded', 'no purpose given; the participant is added once a payload gives one', ['purpose']);
        return;
      }
      const own = earliest(times.startAlertingTime, times.connectedTime, times.startHoldTime, times.parkTime, times.endTime,
        times.startAcwTime, times.endAcwTime, observation.wrapup?.endTime);
      const start = times.startTime ?? own ?? asOf ?? conversation.latest;
      if (start === undefined) {
        note('not-recorded', 'nothing in the payload dates it; the participant is added once a payload does', ['startTime']);
        return;
      }
      if (times.startTime === undefined) {
        note('time-chosen', `no startTime; participant.added dated ${start} (${own !== undefined ? 'its earliest own time' : 'the latest time the payload carries'})`, ['startTime']);
      }
      const { flaggedReason, ...statics } = observation.statics;
      const state = initialStateOf(observation, start, stage);
      if (!emit('participant.added', start, { media, purpose: observation.purpose, state, ...statics })) return;
      known = { index: work.participants.length - 1, addedTime: start, lastTime: start, asOf: undefined, holdTime: undefined, unheldAsOf: undefined, statics: new Map(Object.entries(statics)) };
      conversation.participants.set(participantId, known);
      participantCount++;
      if (flaggedReason !== undefined) updateStatics(known, { flaggedReason }, later(asOf, start)!, emit);
    }
    const self = known;
    const newer = self.asOf === undefined || (asOf !== undefined && asOf >= self.asOf);
    const draft = (): ParticipantDraft => work.participants[self.index]!;
    const lifecycle = () => work.lifecycles[self.index]!;

    /**
     * The time of a step: `stated` when given, else the earliest of `next` (later steps' own
     * times), else the payload's `asOf`; never before the participant's previous event.
     */
    const at = (what: string, stated: string | undefined, next: (string | undefined)[] = []): string => {
      let time = stated;
      if (time === undefined) {
        const following = earliest(...next);
        time = following ?? asOf ?? self.lastTime;
        note('time-chosen', `${what} has no time in the payload; dated ${time < self.lastTime ? self.lastTime : time} (${
          following !== undefined ? 'the time of its next step' : asOf !== undefined ? 'the latest time the payload carries' : 'its previous event'})`, [what]);
      } else if (time < self.lastTime) {
        note('time-moved', `${what} ${time} is before its previous event at ${self.lastTime}; recorded at ${self.lastTime}`, [what]);
      }
      return time < self.lastTime ? self.lastTime : time;
    };

    // Before connection: the alert, then any other change of state.
    if (times.startAlertingTime !== undefined && draft().startAlertingTime === undefined && beforeConnection(media, lifecycle())) {
      emit('participant.alerting', at('startAlertingTime', times.startAlertingTime));
    }
    const stateEvent = observation.state === undefined ? undefined : STATE_EVENTS.get(observation.state);
    if (stage === 'pre' && stateEvent !== undefined && newer && beforeConnection(media, lifecycle()) && lifecycle() !== observation.state) {
      emit(stateEvent, at(`state ${observation.state}`, undefined));
    }

    // Connection.
    if ((times.connectedTime !== undefined || stage === 'connected') && beforeConnection(media, lifecycle())) {
      emit('participant.connected', at('connectedTime', times.connectedTime, [times.startHoldTime, times.parkTime, times.endTime, times.startAcwTime]));
    }

    // Parking (callbacks): parkTime "does not reset on resume".
    if (media === 'callback') {
      const parkTime = times.parkTime;
      if (lifecycle() === 'connected' && (parkTime !== undefined ? parkTime > (draft().parkTime ?? '') : observation.state === 'parked' && newer)) {
        emit('participant.parked', at('parkTime', parkTime), times.resumeTime === undefined ? {} : { resumeTime: times.resumeTime });
      }
      if (observation.state === 'connected' && lifecycle() === 'parked' && newer) emit('participant.resumed', at('resume', undefined));
    }

    // Hold: only a payload whose state is connected speaks about it. A dated hold start that
    // is new is recorded even from an older payload; when a newer payload already showed the
    // participant connected and not held, that hold is over, and ends at that payload's time.
    if (observation.state === 'connected' && (lifecycle() === 'connected' || lifecycle() === 'held')) {
      const holdStart = times.startHoldTime;
      if (observation.held === true && (holdStart !== undefined ? holdStart > (self.holdTime ?? '') : !draft().held && newer)) {
        const time = at('startHoldTime', holdStart);
        if ((!draft().held || emit('participant.holdEnded', time)) && emit('participant.holdStarted', time)) {
          self.holdTime = time;
          if (self.unheldAsOf !== undefined && self.unheldAsOf > time) {
            note('time-chosen', `the hold from ${time} is over in a newer payload; its end is dated ${self.unheldAsOf} (that payload's latest time)`, ['hold end']);
            if (emit('participant.holdEnded', self.unheldAsOf)) self.holdTime = self.unheldAsOf;
          }
        }
      } else if (observation.held === false && draft().held && newer) {
        const time = at('hold end', undefined);
        if (emit('participant.holdEnded', time)) self.holdTime = time;
      }
      if (observation.held === false && asOf !== undefined) self.unheldAsOf = later(self.unheldAsOf, asOf);
    }

    // Disconnection, after-call work, wrap-up.
    if (stage === 'ended' && !ended(media, lifecycle())) {
      emit('participant.disconnected', at('endTime', times.endTime, [times.startAcwTime, observation.wrapup?.endTime, times.endAcwTime]), {
        ...(observation.disconnectType === undefined ? {} : { disconnectType: observation.disconnectType }),
        ...(observation.errorInfo === undefined ? {} : { errorInfo: observation.errorInfo }),
      });
    }
    const acw = observation.afterCallWork;
    if (ended(media, lifecycle())) {
      const acwStarted = times.startAcwTime !== undefined || times.endAcwTime !== undefined || acw === 'pending' || acw === 'complete';
      if (acwStarted && draft().startAcwTime === undefined) {
        emit('participant.acwStarted', at('startAcwTime', times.startAcwTime, [observation.wrapup?.endTime, times.endAcwTime]));
      }
      const done = draft().wrapup !== undefined || draft().wrapupSkipped === true;
      if (observation.wrapup !== undefined && !done) {
        const { endTime, ...wrapup } = observation.wrapup;
        if (wrapup.code === undefined || wrapup.code === '') note('not-recorded', 'a wrapup without a code cannot be recorded', ['wrapup.code']);
        else emit('participant.wrapupApplied', at('wrapup.endTime', endTime, [times.endAcwTime]), { wrapup });
      } else if (observation.wrapupSkipped === true && !done) {
        emit('participant.wrapupSkipped', at('wrapupSkipped', undefined, [times.endAcwTime]));
      }
      if ((times.endAcwTime !== undefined || acw === 'complete') && draft().startAcwTime !== undefined && draft().endAcwTime === undefined) {
        emit('participant.acwEnded', at('endAcwTime', times.endAcwTime));
      }
    }

    // Static fields.
    if (newer) {
      const changed: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(observation.statics)) {
        if (field === 'attributes') {
          const before = self.statics.get('attributes') as Record<string, string> | undefined;
          const added: Record<string, string> = Object.create(null);
          for (const [key, item] of Object.entries(value as Record<string, string>)) if (before?.[key] !== item) added[key] = item;
          if (Object.keys(added).length > 0) changed.attributes = added;
        } else if (!covers(self.statics.get(field), value)) {
          changed[field] = value;
        }
      }
      const scheduled = changed.callbackScheduledTime;
      if (scheduled !== undefined && beforeConnection(media, lifecycle())) {
        const time = later(asOf, self.lastTime)!;
        if (emit('callback.scheduled', time, { callbackScheduledTime: scheduled }, String(scheduled))) self.statics.set('callbackScheduledTime', scheduled);
        delete changed.callbackScheduledTime;
      }
      if (Object.keys(changed).length > 0) updateStatics(self, changed, later(asOf, self.addedTime)!, emit);
    }
    self.asOf = later(self.asOf, asOf);
  }

  return {
    diff,
    media: (conversationId) => conversations.get(conversationId)?.work.media,
    stats: () => ({ conversations: conversations.size, participants: participantCount }),
  };
}

/** Emits `participant.updated` with `changed` and records the new values (`attributes` merged). */
function updateStatics(
  known: KnownParticipant,
  changed: Record<string, unknown>,
  time: string,
  emit: (type: TrackerEventType, time: string, fields: Record<string, unknown>, content: string) => boolean,
): void {
  if (!emit('participant.updated', time, changed, JSON.stringify(changed))) return;
  for (const [field, value] of Object.entries(changed)) {
    known.statics.set(field, field === 'attributes'
      ? Object.assign(Object.create(null) as Record<string, string>, known.statics.get('attributes'), value)
      : value);
  }
}
