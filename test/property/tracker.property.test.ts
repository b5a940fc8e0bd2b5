import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { transition } from 'xstate';
import type { TrackerEvent } from '../../src/events/tracker-event.js';
import { LIFECYCLES, lifecycleEventKey } from '../../src/machines/compile-lifecycle.js';
import { PARTICIPANT_MACHINES } from '../../src/machines/participant-lifecycle.js';
import type { MediaType } from '../../src/model/enums.js';
import { participantViolations } from '../../src/model/invariants.js';
import { createTracker, type Tracker } from '../../src/tracker/create-tracker.js';
import { arbitraryLog, arbitraryMixedLog, candidateEvents, iso, materialize, shuffleArrival, timeOrder, wildEvent } from '../support/walks.js';

function violationsOf(tracker: Tracker): string[] {
  return tracker.conversations().flatMap((c) =>
    c.participants.flatMap((p) => participantViolations(p, c.media).map((v) => `${c.id}/${p.id}: ${v.message}`)),
  );
}

/** Runs per property; the mutation-testing config asks for fewer (PROPERTY_NUM_RUNS), as each mutant runs them again. */
const params = { numRuns: Number(process.env.PROPERTY_NUM_RUNS ?? 150) };

/** Conversations by id (their listing order is first-arrival order, which a shuffle changes). */
const byId = (tracker: Tracker) => [...tracker.conversations()].sort((a, b) => (a.id < b.id ? -1 : 1));

/** The standing rejections as event id, reason and message, by event id (arrival numbers differ between arrival orders). */
const rejectionsById = (tracker: Tracker) =>
  tracker.rejections().map((r) => `${r.event.id}: ${r.reason}: ${r.message}`).sort();

describe('tracker properties', () => {
  test.prop([arbitraryLog], params)(
    'lifecycles walked from the machines are all applied and keep every timestamp invariant after every event',
    (log) => {
      const tracker = createTracker();
      for (const event of log) {
        expect(tracker.apply(event)).toMatchObject({ status: 'applied' });
        expect(violationsOf(tracker)).toEqual([]);
      }
    },
  );

  test.prop([arbitraryMixedLog], params)(
    'with refused events mixed in, every event is applied or rejected, each rejection stands, and every timestamp invariant holds after every event',
    (log) => {
      const tracker = createTracker();
      let rejected = 0;
      for (const event of log) {
        const result = tracker.apply(event);
        expect(['applied', 'rejected']).toContain(result.status);
        if (result.status === 'rejected') rejected++;
        expect(violationsOf(tracker)).toEqual([]);
      }
      // Events arrive in time order: nothing is overturned, so what was rejected stands.
      expect(tracker.rejections()).toHaveLength(rejected);
    },
  );

  test.prop([arbitraryMixedLog, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }), fc.array(fc.nat(), { maxLength: 10 })], params)(
    'any arrival order, with duplicates and refused events, gives the same snapshots and rejections as time order, live and bulk',
    (log, keys, duplicates) => {
      const inOrder = createTracker();
      inOrder.load(log);
      const arrival = shuffleArrival(log, keys, duplicates);
      const live = createTracker();
      const statuses = arrival.map((event) => live.apply(event).status);
      expect(byId(live)).toEqual(byId(inOrder));
      expect(rejectionsById(live)).toEqual(rejectionsById(inOrder));
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(duplicates.length > 0 && log.length > 0 ? duplicates.length : 0);
      const bulk = createTracker();
      bulk.load(arrival);
      expect(byId(bulk)).toEqual(byId(inOrder));
      expect(rejectionsById(bulk)).toEqual(rejectionsById(inOrder));
    },
  );

  test.prop([arbitraryMixedLog, fc.array(fc.nat({ max: 20 }), { maxLength: 8 })], params)(
    'batch folding equals event-by-event folding (snapshots and every result, rejections included), whatever the batch boundaries',
    (log, cuts) => {
      const oneByOne = createTracker();
      const results = log.map((event) => oneByOne.apply(event));
      const batched = createTracker();
      let rest = log;
      const batchResults = [];
      for (const cut of cuts) {
        batchResults.push(...batched.load(rest.slice(0, cut)));
        rest = rest.slice(cut);
      }
      batchResults.push(...batched.load(rest));
      expect(batched.conversations()).toEqual(oneByOne.conversations());
      expect(batchResults).toEqual(results);
      expect(batched.rejections()).toEqual(oneByOne.rejections());
    },
  );

  test.prop(
    [arbitraryMixedLog, fc.nat(), fc.nat(), fc.integer({ min: -5000, max: 5000 }), fc.constantFrom('illegal-at-end', 'foreign-field', 'unknown-participant')],
    params,
  )(
    'an event the tracker must reject (illegal in the final state, a foreign field, an unknown participant) is rejected and leaves every snapshot unchanged',
    (log, pick, typePick, shift, kind) => {
      const tracker = createTracker();
      tracker.load(log);
      const before = tracker.conversations();
      const standing = tracker.rejections();
      const target = log[pick % log.length]!;
      const lastMs = Date.parse(log[log.length - 1]!.time) - Date.parse(iso(0));
      let candidate: TrackerEvent;
      let reason: string;
      const conversation = tracker.conversation(target.conversationId);
      const participant = conversation?.participants.find((p) => p.id === target.participantId);
      if (kind === 'illegal-at-end' && conversation !== undefined && participant !== undefined) {
        // After every event: an event type the participant's machine refuses in its final state.
        const media = conversation.media;
        const lifecycle = LIFECYCLES[media];
        const state = tracker.history(target.conversationId)
          .filter((e) => e.participantId === target.participantId)
          .reduce((s, e) => lifecycle.next(s, lifecycleEventKey(e))!, 'absent');
        const refused = candidateEvents(media).filter((p) => p.type !== 'participant.added' && lifecycle.next(state, p.type as string) === undefined);
        // Strictly after the last event: at its time, a lower-ranked event would go before it.
        candidate = materialize(refused[typePick % refused.length]!, { conversationId: target.conversationId, participantId: target.participantId, id: 'probe' }, lastMs + 1 + Math.abs(shift), typePick);
        reason = 'illegal-transition';
      } else if (kind === 'foreign-field' && participant !== undefined) {
        // After every event: before the participant's addition it would be an unknown participant instead.
        candidate = wildEvent(log, target, 'foreign-field', lastMs + 1 + Math.abs(shift), typePick, 'probe');
        reason = 'field-not-allowed';
      } else {
        candidate = wildEvent(log, target, 'unknown-participant', Math.max(0, lastMs + shift), typePick, 'probe');
        reason = 'unknown-participant';
      }
      const result = tracker.apply(candidate);
      expect(result).toMatchObject({ status: 'rejected', reason });
      expect(tracker.conversations()).toEqual(before);
      expect(tracker.rejections()).toEqual([...standing, expect.objectContaining({ event: expect.objectContaining({ id: 'probe' }) })]);
    },
  );

  test.prop([fc.constantFrom<MediaType>('chat', 'callback'), fc.array(fc.nat(), { minLength: 1, maxLength: 30 })], params)(
    'the compiled hot path agrees with XState transition() on every generated walk, legal steps or not',
    (media, picks) => {
      const machine = PARTICIPANT_MACHINES[media];
      const lifecycle = LIFECYCLES[media];
      let snapshot = machine.resolveState({ value: 'absent', context: {} });
      let state = 'absent';
      const probes = candidateEvents(media);
      picks.forEach((pick, step) => {
        const event = materialize(probes[pick % probes.length]!, { conversationId: 'c', participantId: 'p', id: `e${step}` }, step * 1000, pick);
        const fast = lifecycle.next(state, lifecycleEventKey(event));
        const legal = snapshot.can(event);
        expect(fast !== undefined).toBe(legal);
        if (legal) {
          snapshot = transition(machine, snapshot, event)[0];
          expect(fast).toBe(String(snapshot.value));
          state = fast!;
        }
      });
    },
  );

  test.prop([arbitraryLog, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }), fc.array(fc.nat(), { minLength: 1, maxLength: 10 })], params)(
    'events first sent wrong (rejected) and re-sent corrected under the same id give the corrected log\'s state, live and bulk alike',
    (log, keys, picks) => {
      const clean = createTracker();
      clean.load(log);
      const corrected = shuffleArrival(log, keys, []);
      // Each picked event is first sent as a connect of a participant that never exists: it stands rejected until corrected.
      const wrong = (event: TrackerEvent) => ({ ...event, type: 'participant.connected', participantId: 'nobody' }) as TrackerEvent;
      const arrival = corrected.flatMap((event, i) =>
        picks.some((pick) => pick % corrected.length === i) ? [wrong(event), event] : [event],
      );
      const live = createTracker();
      const liveResults = arrival.map((event) => live.apply(event));
      const bulk = createTracker();
      bulk.load(arrival);
      expect(byId(live)).toEqual(byId(clean));
      expect(byId(bulk)).toEqual(byId(clean));
      expect(live.rejections()).toEqual([]);
      expect(bulk.rejections()).toEqual([]);
      expect(liveResults.filter((r) => r.status !== 'duplicate' && r.replaced !== undefined)).toHaveLength(arrival.length - log.length);
    },
  );

  test.prop([arbitraryMixedLog, fc.nat()], params)(
    'at(t) equals folding only the events up to t, refused events included',
    (log, pick) => {
      const tracker = createTracker();
      tracker.load(log);
      const t = log[pick % log.length]!.time;
      const prefix = createTracker();
      prefix.load(timeOrder(log).filter((e) => e.time <= t));
      expect(tracker.at(t).conversations()).toEqual(prefix.conversations());
    },
  );
});
