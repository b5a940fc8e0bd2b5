import { applyToConversation } from '../core/conversation-step.js';
import { copyUpdate } from '../core/participant-update.js';
import { DEFAULT_INITIAL_STATE, INITIAL_STATES } from '../events/initial-state.js';
import { parseEvent } from '../events/parse-event.js';
import type { TrackerEventType } from '../events/tracker-event.js';
import { LIFECYCLES, type CompiledLifecycle, type LifecycleState } from '../machines/compile-lifecycle.js';
import { lifecyclePhase, type LifecyclePhase } from '../machines/lifecycle-phase.js';
import { mergeAttributes, type Attributes } from '../model/attributes.js';
import type { ParticipantDraft } from '../reducers/participant-draft.js';
import { canonicalJson } from './canonical-json.js';
import { phaseOfState } from './check-consistency.js';
import { ingestEventId } from './event-id.js';
import { finding } from './findings.js';
import type { KnownConversation, KnownParticipant } from './known-conversation.js';
import type { ObservedTimes, ParticipantObservation, PayloadDating } from './observation.js';
import { earliest, later } from './optional-times.js';
import type { DiffResult } from './snapshot-differ.js';

/**
 * Merges one participant of a payload into what is known about its conversation, and emits the
 * events that tell what is new (see `createSnapshotDiffer` for the rules). The steps run in the
 * order of the lifecycle: {@link ParticipantMerge.join | join}, then
 * {@link ParticipantMerge.route | route}, {@link ParticipantMerge.connect | connect},
 * {@link ParticipantMerge.park | park}, {@link ParticipantMerge.hold | hold},
 * {@link ParticipantMerge.end | end} and {@link ParticipantMerge.updateStatics | updateStatics}.
 *
 * @example
 * mergeParticipant(conversation, observation, { asOf: '2026-11-21T10:00:05.000Z', lastingAsOf: '2026-11-21T10:00:05.000Z' }, { events, findings });
 */
export function mergeParticipant(
  conversation: KnownConversation,
  observation: ParticipantObservation,
  dating: PayloadDating,
  out: DiffResult,
  start?: JoiningStart,
): void {
  const { asOf } = dating;
  const merge = new ParticipantMerge(conversation, observation, dating, out);
  const known = merge.join(start);
  if (known === undefined) return;
  merge.route(known);
  merge.connect(known);
  merge.park(known);
  merge.hold(known);
  merge.end(known);
  if (merge.isNewer(known)) merge.updateStatics(known);
  known.asOf = later(known.asOf, asOf);
}

/** The state a scheduled callback's legs start in. */
const SCHEDULED = 'scheduled';

/** When a participant not known yet joins: its `startTime`, or a time `chosen` (how, in words) when no payload states one. */
export interface JoiningStart {
  readonly time: string;
  readonly chosen?: string;
}

/** The phase a participant's times prove when its `state` says nothing usable. */
function phaseFromTimes(observation: ParticipantObservation): LifecyclePhase | undefined {
  const { times } = observation;
  if (times.endTime ?? times.startAcwTime ?? times.endAcwTime ?? observation.wrapup?.endTime) return 'ended';
  return times.connectedTime === undefined ? undefined : 'connected';
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
 * The routing event (`participant.alerting`, `…dialing`, `…contacting`, `…offering`) that moves a
 * participant from `from` into the state before connection that shows `target`, as the machine
 * has it; `undefined` when it is there already or no such event leads there.
 */
function routingEventInto(lifecycle: CompiledLifecycle, from: LifecycleState, target: string): TrackerEventType | undefined {
  return lifecycle.accepted(from).find((key) => {
    const to = lifecycle.next(from, key)!;
    return to !== from && lifecyclePhase(lifecycle, to) === 'pre' && lifecycle.participantState(to) === target;
  }) as TrackerEventType | undefined;
}

/** One participant observation being merged: what it says, what is known, and where events and findings go. */
class ParticipantMerge {
  private readonly lifecycle: CompiledLifecycle;
  private readonly times: ObservedTimes;
  /** How far the payload says the participant got: from its `state`, else from its times. */
  private readonly observedPhase: LifecyclePhase | undefined;
  private known: KnownParticipant | undefined;
  private readonly asOf: string | undefined;

  constructor(
    private readonly conversation: KnownConversation,
    private readonly observation: ParticipantObservation,
    private readonly dating: PayloadDating,
    private readonly out: DiffResult,
  ) {
    this.asOf = dating.asOf;
    this.lifecycle = LIFECYCLES[observation.media];
    this.times = observation.times;
    this.observedPhase = phaseOfState(observation.state) ?? phaseFromTimes(observation);
    this.known = conversation.participants.get(observation.participantId);
  }

  /** Whether this payload is not older than the newest that described `known`: only then may it change what it cannot date. */
  isNewer(known: KnownParticipant): boolean {
    return known.asOf === undefined || (this.asOf !== undefined && this.asOf >= known.asOf);
  }

  /**
   * The participant as known; a participant seen for the first time is added at `joining`
   * (see `releaseWaiting`). `undefined` while it cannot be added: no purpose, or nothing dates it.
   */
  join(joining: JoiningStart | undefined): KnownParticipant | undefined {
    if (this.known !== undefined) return this.known;
    const { observation } = this;
    if (observation.purpose === undefined) {
      this.note('not-recorded', 'no purpose given; the participant is added once a payload gives one', ['purpose']);
      return undefined;
    }
    if (joining === undefined) {
      this.note('not-recorded', 'nothing in its payloads dates it; the participant is added once a payload does', ['startTime']);
      return undefined;
    }
    const start = joining.time;
    if (joining.chosen !== undefined) this.note('time-chosen', `no startTime in any payload; participant.added dated ${start} (${joining.chosen})`, ['startTime']);
    const { flaggedReason, ...statics } = observation.statics;
    const fields = { media: observation.media, purpose: observation.purpose, state: this.joiningState(start), ...statics };
    if (!this.emit('participant.added', start, fields)) return undefined;
    const known: KnownParticipant = {
      index: this.conversation.work.participants.length - 1, addedTime: start, lastTime: start,
      asOf: undefined, holdTime: undefined, heldAsOf: undefined, unheld: undefined, statics: new Map(Object.entries(statics)),
    };
    this.conversation.participants.set(observation.participantId, known);
    this.known = known;
    if (flaggedReason !== undefined) this.emitUpdate(known, { flaggedReason }, later(this.asOf, start)!);
    return known;
  }

  /** Before connection: the alert at its own time, then a change of routing state the payload shows. */
  route(known: KnownParticipant): void {
    const { times, observation } = this;
    if (times.startAlertingTime !== undefined && this.participant(known).startAlertingTime === undefined && this.phase(known) === 'pre') {
      this.emit('participant.alerting', this.time(known, 'startAlertingTime', times.startAlertingTime));
    }
    if (this.observedPhase !== 'pre' || observation.state === undefined || !this.isNewer(known)) return;
    const routing = routingEventInto(this.lifecycle, this.state(known), observation.state);
    if (routing !== undefined) this.emit(routing, this.time(known, `state ${observation.state}`, undefined));
  }

  /** Connection: a `connectedTime`, or a state that is connected or beyond it. */
  connect(known: KnownParticipant): void {
    const { times } = this;
    if ((times.connectedTime !== undefined || this.observedPhase === 'connected') && this.phase(known) === 'pre') {
      this.emit('participant.connected', this.time(known, 'connectedTime', times.connectedTime, [times.startHoldTime, times.parkTime, times.endTime, times.startAcwTime]));
    }
  }

  /** Parking, where the lifecycle has it: a newer `parkTime` (it "does not reset on resume") or state parked; then a resume. */
  park(known: KnownParticipant): void {
    const { times, observation } = this;
    if (this.accepts(known, 'participant.parked')) {
      const parkTime = times.parkTime;
      const parked = parkTime !== undefined ? parkTime > (this.participant(known).parkTime ?? '') : observation.state === 'parked' && this.isNewer(known);
      if (parked) {
        this.emit('participant.parked', this.time(known, 'parkTime', parkTime), times.resumeTime === undefined ? {} : { resumeTime: times.resumeTime });
      }
    }
    if (observation.state === 'connected' && this.accepts(known, 'participant.resumed') && this.isNewer(known)) {
      this.emit('participant.resumed', this.time(known, 'resume', undefined));
    }
  }

  /**
   * Hold: only a payload whose state is connected speaks about it. A dated hold start that is
   * new is recorded even from an older payload. Genesys clears `startHoldTime` on unhold and
   * never dates the end, so payloads are compared apart from holds' starts (`lastingAsOf`): a
   * payload showing the participant unheld that is not older than the payloads that showed the
   * hold shows it over, whichever arrived first, and the end is dated by that payload.
   */
  hold(known: KnownParticipant): void {
    const { times, observation } = this;
    if (observation.state !== 'connected') return;
    if (!this.accepts(known, 'participant.holdStarted') && !this.accepts(known, 'participant.holdEnded')) return;
    const holdStart = times.startHoldTime;
    const held = this.participant(known).held === true;
    if (observation.held === true) {
      const newHold = holdStart !== undefined ? holdStart > (known.holdTime ?? '') : !held && this.isNewer(known);
      if (newHold) this.startHold(known, this.time(known, 'startHoldTime', holdStart));
      else if (held) known.heldAsOf = later(known.heldAsOf, this.dating.lastingAsOf);
    } else if (observation.held === false) {
      if (held && (this.dating.lastingAsOf ?? '') >= (known.heldAsOf ?? '')) this.endHold(known, this.dating);
      if ((this.dating.lastingAsOf ?? '') >= (known.unheld?.lastingAsOf ?? '')) known.unheld = this.dating;
    }
  }

  /** Disconnection, then after-call work and wrap-up. */
  end(known: KnownParticipant): void {
    const { times, observation } = this;
    if (this.observedPhase === 'ended' && this.phase(known) !== 'ended') {
      this.emit('participant.disconnected', this.time(known, 'endTime', times.endTime, [times.startAcwTime, observation.wrapup?.endTime, times.endAcwTime]), {
        ...(observation.disconnectType === undefined ? {} : { disconnectType: observation.disconnectType }),
        ...(observation.errorInfo === undefined ? {} : { errorInfo: observation.errorInfo }),
      });
    }
    if (this.phase(known) !== 'ended') return;
    const acw = observation.afterCallWork;
    const acwStarted = times.startAcwTime !== undefined || times.endAcwTime !== undefined || acw === 'pending' || acw === 'complete';
    if (acwStarted && this.participant(known).startAcwTime === undefined) {
      this.emit('participant.acwStarted', this.time(known, 'startAcwTime', times.startAcwTime, [observation.wrapup?.endTime, times.endAcwTime]));
    }
    this.wrapUp(known);
    const acwEnded = times.endAcwTime !== undefined || acw === 'complete';
    if (acwEnded && this.participant(known).startAcwTime !== undefined && this.participant(known).endAcwTime === undefined) {
      this.emit('participant.acwEnded', this.time(known, 'endAcwTime', times.endAcwTime));
    }
  }

  /** Static fields the payload changes: `callback.scheduled` for a scheduled time before connection, `participant.updated` for the rest. */
  updateStatics(known: KnownParticipant): void {
    const changed: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(this.observation.statics)) {
      if (field === 'attributes') {
        const before = known.statics.get('attributes') as Record<string, string> | undefined;
        const added = mergeAttributes();
        for (const [key, item] of Object.entries(value as Record<string, string>)) if (before?.[key] !== item) added[key] = item;
        if (Object.keys(added).length > 0) changed.attributes = added;
      } else if (!covers(known.statics.get(field), value)) {
        changed[field] = value;
      }
    }
    const scheduled = changed.callbackScheduledTime as string | undefined;
    if (scheduled !== undefined && this.phase(known) === 'pre') {
      const time = later(this.asOf, known.lastTime)!;
      if (this.emit('callback.scheduled', time, { callbackScheduledTime: scheduled }, scheduled)) known.statics.set('callbackScheduledTime', scheduled);
      delete changed.callbackScheduledTime;
    }
    if (Object.keys(changed).length > 0) this.emitUpdate(known, changed, later(this.asOf, known.addedTime)!);
  }

  /**
   * The state a participant first seen joins in: its `initialState` when the times allow it,
   * else `connected` when it connected the moment it started, else its current state before
   * connection, else `scheduled` for a callback leg other than an agent's with a
   * `callbackScheduledTime` (as Genesys starts the customer and ACD legs of a scheduled
   * callback; flat payloads carry no `initialState`), else `alerting` (the log's default). An
   * alert that starts after the participant does (REST `startAlertingTime` > `startTime`) makes
   * the participant join `offering`, so that the alert keeps its own time.
   */
  private joiningState(start: string): string {
    const { observation } = this;
    const initial: readonly string[] = INITIAL_STATES[observation.media];
    const { connectedTime, startAlertingTime } = observation.times;
    let state = observation.initialState !== undefined && initial.includes(observation.initialState) ? observation.initialState : undefined;
    if (state === 'connected' && connectedTime !== undefined && connectedTime !== start) state = undefined;
    if (state === undefined) {
      if (connectedTime === start && startAlertingTime === undefined) state = 'connected';
      else if (this.observedPhase === 'pre' && observation.state !== undefined && initial.includes(observation.state)) state = observation.state;
      else if (this.isScheduledCallbackLeg() && initial.includes(SCHEDULED)) state = SCHEDULED;
      else state = DEFAULT_INITIAL_STATE;
    }
    return state === 'alerting' && startAlertingTime !== undefined && startAlertingTime > start ? 'offering' : state;
  }

  /** Whether the participant is the customer's or the ACD's leg of a callback with a scheduled time. */
  private isScheduledCallbackLeg(): boolean {
    const { observation } = this;
    return observation.media === 'callback' && observation.purpose !== 'agent' && observation.statics.callbackScheduledTime !== undefined;
  }

  /**
   * A new hold at `time`; a hold still open ends there first. A payload already seen that
   * showed the participant unheld and is not older than this one ends it at once.
   */
  private startHold(known: KnownParticipant, time: string): void {
    if (this.participant(known).held && !this.emit('participant.holdEnded', time)) return;
    if (!this.emit('participant.holdStarted', time)) return;
    known.holdTime = time;
    known.heldAsOf = this.dating.lastingAsOf;
    if (known.unheld !== undefined && (known.unheld.lastingAsOf ?? '') >= (known.heldAsOf ?? '')) this.endHold(known, known.unheld);
  }

  /**
   * The end of the current hold, shown by the payload dated `by`: no payload dates it, so it is
   * that payload's `asOf` (its receipt time when known), never before the hold started.
   */
  private endHold(known: KnownParticipant, by: PayloadDating): void {
    const start = known.holdTime!;
    const chosen = later(by.asOf, start)!;
    const time = later(chosen, known.lastTime)!;
    const source = chosen === by.asOf ? 'the time of the payload that shows it over' : 'its start: the payload that shows it over is not later';
    this.note('time-chosen', `the end of the hold from ${start} has no time in any payload; dated ${time} (${source})`, ['hold end']);
    if (this.emit('participant.holdEnded', time)) known.holdTime = time;
  }

  /** A wrap-up (which needs a code) or its skipping, once. */
  private wrapUp(known: KnownParticipant): void {
    const { observation, times } = this;
    const draft = this.participant(known);
    if (draft.wrapup !== undefined || draft.wrapupSkipped === true) return;
    if (observation.wrapup !== undefined) {
      const { endTime, ...wrapup } = observation.wrapup;
      if (wrapup.code === undefined || wrapup.code === '') this.note('not-recorded', 'a wrapup without a code cannot be recorded', ['wrapup.code']);
      else this.emit('participant.wrapupApplied', this.time(known, 'wrapup.endTime', endTime, [times.endAcwTime]), { wrapup });
    } else if (observation.wrapupSkipped === true) {
      this.emit('participant.wrapupSkipped', this.time(known, 'wrapupSkipped', undefined, [times.endAcwTime]));
    }
  }

  /** Emits `participant.updated` with `changed` and records the new values (`attributes` merged). */
  private emitUpdate(known: KnownParticipant, changed: Record<string, unknown>, time: string): void {
    if (!this.emit('participant.updated', time, changed, canonicalJson(changed))) return;
    for (const [field, value] of Object.entries(changed)) {
      known.statics.set(field, field === 'attributes' ? mergeAttributes(known.statics.get('attributes') as Attributes | undefined, value as Attributes) : value);
    }
  }

  /**
   * The time of a step: `stated` when given, else the earliest of `next` (later steps' own
   * times), else the payload's `asOf`; never before the participant's previous event. A chosen
   * or moved time is reported.
   */
  private time(known: KnownParticipant, what: string, stated: string | undefined, next: (string | undefined)[] = []): string {
    const previous = known.lastTime;
    if (stated !== undefined) {
      if (stated < previous) this.note('time-moved', `${what} ${stated} is before its previous event at ${previous}; recorded at ${previous}`, [what]);
      return stated < previous ? previous : stated;
    }
    const following = earliest(...next);
    const time = following ?? this.asOf ?? previous;
    const source = following !== undefined ? 'the time of its next step' : this.asOf !== undefined ? 'the latest time the payload carries' : 'its previous event';
    this.note('time-chosen', `${what} has no time in the payload; dated ${time < previous ? previous : time} (${source})`, [what]);
    return time < previous ? previous : time;
  }

  /**
   * Folds one event as a reader will, and emits it when the reader would accept it; an event
   * the reader would refuse is reported instead. A value that flips back (A → B → A) at one
   * instant repeats an event: the repeat is numbered, or a reader would drop it as a duplicate.
   */
  private emit(type: TrackerEventType, time: string, fields: Record<string, unknown> = {}, content?: string): boolean {
    const { conversation, observation: { participantId } } = this;
    const conversationId = conversation.work.id;
    let id = ingestEventId(conversationId, participantId, type, time, content);
    for (let repeat = 2; conversation.emitted.has(id); repeat++) id = ingestEventId(conversationId, participantId, type, time, `${content ?? ''}\u0000${repeat}`);
    const parsed = parseEvent({ id, type, time, conversationId, participantId, ...fields });
    if (!parsed.ok) {
      this.note('not-recorded', `${type} at ${time} was not recorded: ${parsed.message}`, parsed.issues.map((i) => i.field));
      return false;
    }
    const rejection = applyToConversation(conversation.work, parsed.event, copyUpdate);
    if (rejection !== undefined) {
      this.note('not-recorded', `${type} at ${time} was not recorded: ${rejection.message}`, rejection.field === undefined ? [] : [rejection.field]);
      return false;
    }
    this.out.events.push(parsed.event);
    conversation.emitted.add(id);
    if (this.known !== undefined && type !== 'participant.updated') this.known.lastTime = time;
    return true;
  }

  private note(kind: 'not-recorded' | 'time-chosen' | 'time-moved', message: string, fields: string[]): void {
    const { participantId } = this.observation;
    this.out.findings.push(finding(kind, `participant ${participantId}: ${message}`, fields, this.conversation.work.id, participantId));
  }

  /** The participant as folded so far. */
  private participant(known: KnownParticipant): ParticipantDraft {
    return this.conversation.work.participants[known.index]!;
  }

  /** The participant's lifecycle state as folded so far. */
  private state(known: KnownParticipant): LifecycleState {
    return this.conversation.work.lifecycles[known.index]!;
  }

  private phase(known: KnownParticipant): LifecyclePhase | undefined {
    return lifecyclePhase(this.lifecycle, this.state(known));
  }

  /** Whether the participant's machine accepts `type` in its current state. */
  private accepts(known: KnownParticipant, type: TrackerEventType): boolean {
    return this.lifecycle.next(this.state(known), type) !== undefined;
  }
}
