import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { addCallbackAgent, addChatAgent, ev } from '../../support/tracker-fixtures.js';
import { iso } from '../../support/walks.js';

/** The same events through live mode (apply) and bulk mode (load), with the final results of each. */
function bothModes(events: readonly TrackerEvent[]) {
  const live = createTracker();
  const liveResults = events.map((event) => live.apply(event));
  const bulk = createTracker();
  const bulkResults = bulk.load(events);
  return [
    { mode: 'live', tracker: live, results: liveResults },
    { mode: 'bulk', tracker: bulk, results: bulkResults },
  ] as const;
}

describe('tie rule: events with equal time and rank keep their arrival order', () => {
  it('a late event equal to an applied one in time and rank goes after it', () => {
    const added = addChatAgent('a1', 0);
    const first = ev('participant.updated', 'a1', 5_000, { name: 'first' });
    const disconnected = ev('participant.disconnected', 'a1', 10_000, { disconnectType: 'client' });
    const second = ev('participant.updated', 'a1', 5_000, { name: 'second' });
    for (const { mode, tracker } of bothModes([added, first, disconnected, second])) {
      expect(tracker.history('c1').map((e) => e.id), mode).toEqual([added.id, first.id, second.id, disconnected.id]);
      expect(tracker.participant('c1', 'a1')?.name, mode).toBe('second');
    }
  });

  it('among several equal events, a late one goes after all of them', () => {
    const added = addChatAgent('a1', 0);
    const equal = [1, 2, 3, 4].map((n) => ev('participant.updated', 'a1', 5_000, { name: `n${n}` }));
    const after = ev('participant.updated', 'a1', 9_000, { address: 'later' });
    const late = ev('participant.updated', 'a1', 5_000, { name: 'late' });
    for (const { mode, tracker } of bothModes([added, ...equal, after, late])) {
      expect(tracker.history('c1').map((e) => e.id), mode).toEqual([added.id, ...equal.map((e) => e.id), late.id, after.id]);
      expect(tracker.participant('c1', 'a1')).toMatchObject({ name: 'late', address: 'later' });
    }
  });

  it('an event that arrives in order and ties with the last one goes at the end', () => {
    const added = addChatAgent('a1', 0);
    const first = ev('participant.updated', 'a1', 0, { name: 'first' });
    const second = ev('participant.updated', 'a1', 0, { name: 'second' });
    for (const { mode, tracker } of bothModes([added, first, second])) {
      expect(tracker.history('c1').map((e) => e.id), mode).toEqual([added.id, first.id, second.id]);
      expect(tracker.participant('c1', 'a1')?.name, mode).toBe('second');
    }
  });

  it('a late event of lower rank at the same time goes before the higher-ranked ones', () => {
    const added = addChatAgent('a1', 0);
    const disconnected = ev('participant.disconnected', 'a1', 5_000, { disconnectType: 'client' });
    const updated = ev('participant.updated', 'a1', 5_000, { name: 'before the end' });
    const connected = ev('participant.connected', 'a1', 5_000);
    for (const { mode, tracker } of bothModes([added, disconnected, updated, connected])) {
      expect(tracker.history('c1').map((e) => e.id), mode).toEqual([added.id, connected.id, updated.id, disconnected.id]);
      expect(tracker.rejections(), mode).toEqual([]);
      expect(tracker.participant('c1', 'a1'), mode).toMatchObject({ state: 'disconnected', connectedTime: iso(5_000), name: 'before the end' });
    }
  });
});

describe('an event that breaks an invariant is rolled back, whatever it wrote', () => {
  const added = addCallbackAgent('a1', 0);
  const connected = ev('participant.connected', 'a1', 1_000);
  // Writes parkTime and state parked, then breaks parkTime ≤ resumeTime.
  const badPark = ev('participant.parked', 'a1', 5_000, { resumeTime: iso(2_000) });
  const hold = ev('participant.holdStarted', 'a1', 6_000);

  it('the snapshot keeps no trace of the rejected park, live and bulk', () => {
    for (const { mode, tracker, results } of bothModes([added, connected, badPark, hold])) {
      expect(results.map((r) => r.status), mode).toEqual(['applied', 'applied', 'rejected', 'applied']);
      expect(results[2], mode).toMatchObject({ reason: 'invariant-violation', message: expect.stringContaining('resumeTime') });
      const participant = tracker.participant('c1', 'a1')!;
      expect(participant.state, mode).toBe('connected');
      expect(participant, mode).toMatchObject({ held: true, startHoldTime: iso(6_000), connectedTime: iso(1_000) });
      expect(participant, mode).not.toHaveProperty('parkTime');
      expect(participant, mode).not.toHaveProperty('resumeTime');
      expect(tracker.rejections().map((r) => [r.event.id, r.reason]), mode).toEqual([[badPark.id, 'invariant-violation']]);
      expect(tracker.history('c1').map((e) => e.id), mode).toEqual([added.id, connected.id, hold.id]);
    }
  });

  it('a fold from scratch (a late event) rolls it back too', () => {
    const late = ev('participant.updated', 'a1', 500, { name: 'late' });
    for (const { mode, tracker } of bothModes([added, connected, badPark, late])) {
      expect(tracker.participant('c1', 'a1'), mode).toMatchObject({ state: 'connected', name: 'late' });
      expect(tracker.participant('c1', 'a1'), mode).not.toHaveProperty('parkTime');
    }
  });

  it('two rejected parks in a row, then a good one: only the good one shows', () => {
    const secondBad = ev('participant.parked', 'a1', 5_500, { resumeTime: iso(3_000) });
    const good = ev('participant.parked', 'a1', 7_000, { resumeTime: iso(9_000) });
    for (const { mode, tracker, results } of bothModes([added, connected, badPark, secondBad, good])) {
      expect(results.map((r) => r.status), mode).toEqual(['applied', 'applied', 'rejected', 'rejected', 'applied']);
      // Each rejection names its own broken invariant only: nothing carries over from the check before.
      const second = results[3] as { message: string };
      expect(second.message, mode).toContain(`resumeTime (${iso(3_000)})`);
      expect(second.message, mode).not.toContain(iso(2_000));
      expect(tracker.participant('c1', 'a1'), mode).toMatchObject({ state: 'parked', parkTime: iso(7_000), resumeTime: iso(9_000) });
    }
  });

  it('other participants of the conversation keep what they had', () => {
    const other = addCallbackAgent('a2', 100);
    const otherConnected = ev('participant.connected', 'a2', 3_000);
    for (const { mode, tracker } of bothModes([added, other, connected, otherConnected, badPark])) {
      expect(tracker.participant('c1', 'a2'), mode).toMatchObject({ state: 'connected', connectedTime: iso(3_000) });
      expect(tracker.participant('c1', 'a1'), mode).toMatchObject({ state: 'connected' });
      expect(tracker.conversation('c1')?.participants.map((p) => p.id), mode).toEqual(['a1', 'a2']);
    }
  });

  it('at() folds the same way: the rejected park is not there at any instant', () => {
    const tracker = createTracker();
    tracker.load([added, connected, badPark, hold]);
    expect(tracker.at(iso(5_000)).participant('c1', 'a1')).toMatchObject({ state: 'connected' });
    expect(tracker.at(iso(5_000)).participant('c1', 'a1')).not.toHaveProperty('parkTime');
    expect(tracker.at(iso(6_000)).participant('c1', 'a1')).toMatchObject({ held: true });
  });
});
