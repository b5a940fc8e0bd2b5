import fc from 'fast-check';
import { transition } from 'xstate';
import { LIFECYCLE_RANK } from '../../src/events/lifecycle-rank.js';
import type { TrackerEvent } from '../../src/events/tracker-event.js';
import { PARTICIPANT_MACHINES } from '../../src/machines/participant-lifecycle.js';
import type { MediaType } from '../../src/model/enums.js';

const BASE = Date.parse('2026-11-21T10:00:00.000Z');
export const iso = (ms: number): string => new Date(BASE + ms).toISOString();

/** A probe event of every kind a machine may be asked about (the representative of each lookup key). */
export function candidateEvents(media: MediaType): Record<string, unknown>[] {
  const added = ['alerting', 'dialing', 'contacting', 'offering', 'connected', ...(media === 'callback' ? ['scheduled'] : [])];
  return [
    ...added.map((state) => ({ type: 'participant.added', media, purpose: 'agent', state })),
    ...Object.keys(LIFECYCLE_RANK).filter((t) => t !== 'participant.added').map((type) => ({ type })),
  ];
}

/** Fills in the fields an event type needs, at `ms`. */
export function materialize(
  probe: Record<string, unknown>, ids: { conversationId: string; participantId: string; id: string }, ms: number, extra: number,
): TrackerEvent {
  const event: Record<string, unknown> = { ...probe, ...ids, time: iso(ms) };
  switch (probe.type) {
    case 'participant.added':
      event.purpose = ['customer', 'acd', 'agent'][extra % 3];
      event.queue = { id: `q${extra % 2}`, name: `Queue ${extra % 2}` };
      if (probe.media === 'chat') event.roomId = `room-${ids.conversationId}`;
      else event.callbackNumbers = ['+13175550100'];
      break;
    case 'participant.disconnected':
      event.disconnectType = ['client', 'peer', 'system', 'transfer'][extra % 4];
      break;
    case 'participant.parked':
      if (extra % 2 === 0) event.resumeTime = iso(ms + 1000 + extra);
      break;
    case 'participant.wrapupApplied':
      event.wrapup = { code: `wc-${extra % 3}`, durationSeconds: extra % 60 };
      break;
    case 'participant.updated':
      event.attributes = { [`k${extra % 3}`]: `v${extra}` };
      break;
    case 'callback.scheduled':
      event.callbackScheduledTime = iso(ms + 60_000 * (1 + (extra % 5)));
      break;
  }
  return event as TrackerEvent;
}

/**
 * Walks a participant machine with XState itself: at each step, the events the machine can take
 * in its current state, one chosen by `choices`. Times are running sums of `gaps`.
 */
export function walkMachine(
  media: MediaType, choices: readonly number[], gaps: readonly number[], start: number,
  ids: { conversationId: string; participantId: string },
): TrackerEvent[] {
  const machine = PARTICIPANT_MACHINES[media];
  let snapshot = machine.resolveState({ value: 'absent', context: {} });
  const events: TrackerEvent[] = [];
  let ms = start;
  for (let step = 0; step < choices.length; step++) {
    const choice = choices[step]!;
    const probes = candidateEvents(media).filter((probe) => snapshot.can(probe as TrackerEvent));
    if (probes.length === 0) break;
    const probe = probes[choice % probes.length]!;
    ms += step === 0 ? 0 : gaps[step % gaps.length]!;
    const event = materialize(probe, { ...ids, id: `${ids.conversationId}/${ids.participantId}/${step}` }, ms, choice);
    snapshot = transition(machine, snapshot, event)[0];
    events.push(event);
  }
  return events;
}

/** Stable sort into the spec's application order (time, lifecycle rank, arrival). */
export function timeOrder(events: readonly TrackerEvent[]): TrackerEvent[] {
  return [...events].sort((a, b) => (a.time === b.time ? LIFECYCLE_RANK[a.type] - LIFECYCLE_RANK[b.type] : a.time < b.time ? -1 : 1));
}

/** A log of several conversations, each with several participants walked from their machine. */
export const arbitraryLog = fc
  .array(
    fc.record({
      media: fc.constantFrom<MediaType>('chat', 'callback'),
      start: fc.integer({ min: 0, max: 60_000 }),
      legs: fc.array(
        fc.record({
          offset: fc.integer({ min: 0, max: 30_000 }),
          choices: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 14 }),
          gaps: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 14 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((conversations) =>
    timeOrder(
      conversations.flatMap((c, ci) =>
        c.legs.flatMap((leg, pi) =>
          walkMachine(c.media, leg.choices, leg.gaps, c.start + leg.offset, { conversationId: `c${ci}`, participantId: `p${pi}` }),
        ),
      ),
    ),
  );

/**
 * Shuffles a log's arrival order with `keys`, keeping the relative order of events the spec
 * orders by arrival (same conversation, time and rank), and repeats some events as duplicates
 * (each copy after its original).
 */
export function shuffleArrival(events: readonly TrackerEvent[], keys: readonly number[], duplicates: readonly number[]): TrackerEvent[] {
  const tie = (e: TrackerEvent) => `${e.conversationId}|${e.time}|${LIFECYCLE_RANK[e.type]}`;
  const positions = events.map((_, i) => ({ i, key: keys[i % keys.length]! + i / 1e6 }));
  positions.sort((a, b) => a.key - b.key);
  // Re-assign the tie groups' members to their slots in original order.
  const slotsByTie = new Map<string, number[]>();
  positions.forEach((p, slot) => {
    const t = tie(events[p.i]!);
    slotsByTie.set(t, [...(slotsByTie.get(t) ?? []), slot]);
  });
  const arrival: TrackerEvent[] = new Array(events.length);
  const membersByTie = new Map<string, TrackerEvent[]>();
  for (const e of events) membersByTie.set(tie(e), [...(membersByTie.get(tie(e)) ?? []), e]);
  for (const [t, slots] of slotsByTie) {
    const members = membersByTie.get(t)!;
    slots.forEach((slot, k) => (arrival[slot] = members[k]!));
  }
  for (const d of duplicates) {
    if (events.length === 0) break;
    // A copy arrives after its original, so it never jumps a tie.
    const original = events[d % events.length]!;
    const after = arrival.indexOf(original) + 1;
    arrival.splice(after + (d % (arrival.length - after + 1)), 0, { ...original });
  }
  return arrival;
}

/** How an event that the walks would never produce is made (see {@link arbitraryMixedLog}). */
export type WildKind =
  /** Any event type, for a walked participant, at a time taken from the log: often not allowed there. */
  | 'any'
  /** A park whose resumeTime is before it: breaks `parkTime ≤ resumeTime` when the callback is connected. */
  | 'backwards-park'
  /** `participant.updated` with a field of the other media. */
  | 'foreign-field'
  /** An event for a participant that was never added. */
  | 'unknown-participant'
  /** A participant of the other media joining the conversation. */
  | 'other-media';

export const WILD_KINDS: readonly WildKind[] = ['any', 'backwards-park', 'foreign-field', 'unknown-participant', 'other-media'];

/** One event of `kind` for the participant of `target`, at `ms` (milliseconds after the base time). */
export function wildEvent(log: readonly TrackerEvent[], target: TrackerEvent, kind: WildKind, ms: number, extra: number, id: string): TrackerEvent {
  const added = log.find((e) => e.conversationId === target.conversationId && e.type === 'participant.added') as { media: MediaType } | undefined;
  const media: MediaType = added?.media ?? 'chat';
  const ids = { conversationId: target.conversationId, participantId: target.participantId, id };
  switch (kind) {
    case 'any': {
      const probes = candidateEvents(media);
      return materialize(probes[extra % probes.length]!, ids, ms, extra);
    }
    case 'backwards-park':
      return { ...ids, type: 'participant.parked', time: iso(ms), resumeTime: iso(ms - 1 - (extra % 5000)) };
    case 'foreign-field':
      return { ...ids, type: 'participant.updated', time: iso(ms), ...(media === 'chat' ? { skipEnabled: true } : { roomId: 'room' }) };
    case 'unknown-participant':
      return { ...ids, participantId: 'ghost', type: 'participant.connected', time: iso(ms) };
    case 'other-media':
      return materialize(
        { type: 'participant.added', media: media === 'chat' ? 'callback' : 'chat', purpose: 'agent', state: 'alerting' },
        { ...ids, participantId: 'intruder' }, ms, extra,
      );
  }
}

/** An event of `log` that connects a callback participant. */
function isCallbackConnection(log: readonly TrackerEvent[], event: TrackerEvent): boolean {
  if (event.type === 'participant.added') return event.media === 'callback' && event.state === 'connected';
  if (event.type !== 'participant.connected') return false;
  return log.some((e) => e.conversationId === event.conversationId && e.type === 'participant.added' && e.media === 'callback');
}

/**
 * A log of walked lifecycles with events mixed in that the lifecycle or the invariants refuse
 * where they fall (see {@link WildKind}), each at the time of a walked event or up to a second
 * before it, in the spec's application order. The tracker rejects most of them, and some make
 * walked events after them rejected: properties over this log drive rejections.
 */
export const arbitraryMixedLog = fc
  .tuple(
    arbitraryLog,
    fc.array(
      fc.record({
        target: fc.nat(),
        at: fc.nat(),
        before: fc.constantFrom(0, 0, 1, 500, 1000),
        kind: fc.constantFrom(...WILD_KINDS),
        extra: fc.nat({ max: 1000 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  )
  .map(([log, wild]) =>
    timeOrder([
      ...log,
      ...wild.map((w, k) => {
        // A backwards park goes just after a callback's connection (when the log has one), where a park is allowed.
        const connections = w.kind === 'backwards-park' ? log.filter((e) => isCallbackConnection(log, e)) : [];
        if (connections.length > 0) {
          const target = connections[w.target % connections.length]!;
          const ms = Date.parse(target.time) - BASE + w.before;
          return wildEvent(log, target, w.kind, ms, w.extra, `${target.conversationId}/wild/${k}`);
        }
        const target = log[w.target % log.length]!;
        const ms = Math.max(0, Date.parse(log[w.at % log.length]!.time) - BASE - w.before);
        return wildEvent(log, target, w.kind, ms, w.extra, `${target.conversationId}/wild/${k}`);
      }),
    ]),
  );
