import { describe, expect, it } from 'vitest';
import { ceilingFold } from '../../../bench/ceiling.js';
import { generateLog } from '../../../bench/generate-log.js';
import { createNaiveTracker } from '../../../bench/naive.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';

/** Conversations as plain JSON with sorted keys, so that builds that set fields in another order compare equal. */
const canonical = (conversations: Iterable<unknown>) =>
  JSON.parse(JSON.stringify([...conversations], (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value));

describe('bench rows do the same work as the tracker', () => {
  const { events } = generateLog({ minEvents: 3_000, seed: 3 });
  const tracker = createTracker();
  tracker.load(events);
  const expected = canonical(tracker.conversations());

  it('the naive build ends with the same snapshots', () => {
    const naive = createNaiveTracker();
    expect(events.map((e) => naive.apply(e)).filter((s) => s !== 'applied')).toEqual([]);
    expect(canonical(naive.store().values())).toEqual(expected);
  });

  it('the naive build rejects what the tracker rejects', () => {
    const naive = createNaiveTracker();
    const added = { ...events.find((e) => e.type === 'participant.added')!, state: 'alerting' } as (typeof events)[number];
    expect(naive.apply(added)).toBe('applied');
    expect(naive.apply(added)).toBe('duplicate');
    expect(naive.apply({ ...added, id: 'again' })).toBe('rejected');
    expect(naive.apply({ ...added, id: 'held', type: 'participant.holdStarted' })).toBe('rejected');
    expect(naive.apply({ id: 'x' })).toBe('rejected');
  });

  it('the ceiling ends with the same participants', () => {
    expect(canonical(ceilingFold(events).values())).toEqual(expected);
  });
});
