import { describe, expect, it } from 'vitest';
import { InvalidInstantError } from '../../../src/errors/invalid-instant-error.js';
import { compareEventOrder, EVENT_TYPES, LIFECYCLE_RANK } from '../../../src/events/lifecycle-rank.js';
import { normalizeTime, requireInstant, timeProblem, toCanonicalTime } from '../../../src/events/time.js';

function restoreZone(saved: string | undefined): void {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
}

/**
 * Whether this process can change its time zone by setting `TZ`: a child process (vitest's
 * default pool) can, a worker thread (the pool Stryker's vitest runner uses) cannot.
 */
const zoneCanChange = ((): boolean => {
  const saved = process.env.TZ;
  process.env.TZ = 'Asia/Kolkata';
  const changed = new Date(2026, 10, 21).getTimezoneOffset() === -330;
  restoreZone(saved);
  return changed;
})();

describe('normalizeTime: the calendar at its edges', () => {
  it.each([
    ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31T23:59:59.999Z'],
    ['2026-01-31T00:00:00Z', '2026-01-31T00:00:00.000Z'],
    ['2026-12-31T00:00:00Z', '2026-12-31T00:00:00.000Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['2000-02-29T00:00:00.000Z', '2000-02-29T00:00:00.000Z'],
    ['2026-11-21T23:59:59Z', '2026-11-21T23:59:59.000Z'],
    ['2026-11-21T10:00:00,25Z', '2026-11-21T10:00:00.250Z'],
    ['2026-11-21t10:00:00z', '2026-11-21T10:00:00.000Z'],
    ['2026-11-21T10:00:00+00:00', '2026-11-21T10:00:00.000Z'],
    ['2026-11-21T10:00:00-23:59', '2026-11-22T09:59:00.000Z'],
    ['2026-11-21T10:00:00+23:59', '2026-11-20T10:01:00.000Z'],
    ['2026-11-21T10:00:00.999999999+01:00', '2026-11-21T09:00:00.999Z'],
  ])('accepts %s as %s', (input, expected) => expect(normalizeTime(input)).toBe(expected));

  it.each([
    ['1900-02-29T00:00:00Z', 'has day 29; February 1900 has days 01–28'],
    ['2100-02-29T00:00:00.000Z', 'has day 29; February 2100 has days 01–28'],
    ['2026-02-29T00:00:00Z', 'has day 29; February 2026 has days 01–28'],
    ['2026-00-10T00:00:00Z', 'has month 00; months run 01–12'],
    ['2026-12-32T00:00:00Z', 'has day 32; December 2026 has days 01–31'],
    ['2026-01-32T00:00:00.000Z', 'has day 32; January 2026 has days 01–31'],
    ['2026-06-31T00:00:00Z', 'has day 31; June 2026 has days 01–30'],
    ['2026-11-21T10:00:60.000Z', 'is a leap second (second 60), which is not supported'],
    ['2026-11-21T10:00:00-24:00', 'has offset -24:00; offsets run from -23:59 to +23:59'],
    ['2026-11-21T10:00:00+01:60', 'has offset +01:60; offsets run from -23:59 to +23:59'],
    ['2026-11-21T10:00:00+0160', 'has offset +0160; offsets run from -23:59 to +23:59'],
    ['2026-11-21T10:60:00.000Z', 'has minute 60; minutes run 00–59'],
    ['2026-11-21T10:00:99.000Z', 'has second 99; seconds run 00–59'],
  ])('refuses %s: %s', (input, why) => {
    expect(normalizeTime(input)).toBeUndefined();
    expect(timeProblem(input)).toBe(`"${input}" ${why}`);
  });

  it('accepts what it can name, and timeProblem says nothing of it', () => {
    for (const text of ['2026-11-21T10:00:00Z', '2026-11-21T10:00:00.000Z', '2026-11-21T11:00+01']) {
      expect(normalizeTime(text)).toBeDefined();
      expect(timeProblem(text)).toBeUndefined();
    }
  });

  it('a refused text is quoted up to 40 characters', () => {
    const text = `not a time ${'x'.repeat(60)}`;
    expect(timeProblem(text)).toBe(`"${text.slice(0, 40)}" is not an ISO-8601 time with a zone (e.g. 2026-11-21T10:00:00.000Z)`);
  });

  it.skipIf(!zoneCanChange)("does not depend on the machine's time zone", () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
    try {
      expect(new Date(2026, 10, 21).getTimezoneOffset()).toBe(-330); // the zone is in force
      expect(normalizeTime('2026-11-21T10:00:00Z')).toBe('2026-11-21T10:00:00.000Z');
      expect(normalizeTime('2026-11-21T10:00z')).toBe('2026-11-21T10:00:00.000Z');
      expect(normalizeTime('2026-11-21T11:00:00.5+01')).toBe('2026-11-21T10:00:00.500Z');
    } finally {
      restoreZone(saved);
    }
  });

  it('refuses text around a valid time (the pattern is anchored)', () => {
    for (const text of [' 2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z ', 'x2026-11-21T10:00:00.000Z', '2026-11-21T10:00:00.000Zx']) {
      expect(normalizeTime(text)).toBeUndefined();
    }
  });
});

describe('toCanonicalTime and requireInstant', () => {
  it('epoch milliseconds, a Date and an ISO string with a zone are instants', () => {
    expect(toCanonicalTime(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(toCanonicalTime(8.64e15)).toBe('+275760-09-13T00:00:00.000Z');
    expect(toCanonicalTime(-8.64e15)).toBe('-271821-04-20T00:00:00.000Z');
    expect(toCanonicalTime(new Date(1000))).toBe('1970-01-01T00:00:01.000Z');
    expect(toCanonicalTime('2026-11-21T11:00:00+01:00')).toBe('2026-11-21T10:00:00.000Z');
    expect(requireInstant(new Date('2026-11-21T10:00:00Z'))).toBe('2026-11-21T10:00:00.000Z');
  });

  it('anything else is an InvalidInstantError that says why', () => {
    expect(toCanonicalTime(8.64e15 + 1)).toBeUndefined();
    expect(toCanonicalTime(Number.NaN)).toBeUndefined();
    expect(toCanonicalTime(new Date(Number.NaN))).toBeUndefined();
    expect(() => requireInstant(8.64e15 + 1)).toThrow(new InvalidInstantError('8640000000000001 is not an instant: epoch milliseconds run from -8640000000000000 to 8640000000000000'));
    expect(() => requireInstant(-Infinity)).toThrow(InvalidInstantError);
    expect(() => requireInstant(new Date(Number.NaN))).toThrow(new InvalidInstantError('an invalid Date is not an instant'));
    const other = 'is not an instant: give an ISO-8601 time with a zone, a Date or epoch milliseconds';
    expect(() => requireInstant(null)).toThrow(new InvalidInstantError(`null ${other}`));
    expect(() => requireInstant(undefined)).toThrow(new InvalidInstantError(`undefined ${other}`));
    expect(() => requireInstant({})).toThrow(new InvalidInstantError(`an object ${other}`));
    expect(() => requireInstant(true)).toThrow(new InvalidInstantError(`a boolean ${other}`));
    expect(() => requireInstant(10n)).toThrow(new InvalidInstantError(`a bigint ${other}`));
    expect(() => requireInstant('2026-02-30T00:00:00Z')).toThrow(new InvalidInstantError('"2026-02-30T00:00:00Z" has day 30; February 2026 has days 01–28'));
  });

  it('a Date-like object is not a Date', () => {
    const fake = { getTime: () => 0 };
    expect(toCanonicalTime(fake as unknown as Date)).toBeUndefined();
  });
});

describe('compareEventOrder and the tie table', () => {
  const at = (time: string, type: keyof typeof LIFECYCLE_RANK) => ({ time, type });

  it('orders by time first, whatever the ranks', () => {
    expect(compareEventOrder(at('2026-11-21T10:00:00.000Z', 'participant.acwEnded'), at('2026-11-21T10:00:00.001Z', 'participant.added'))).toBe(-1);
    expect(compareEventOrder(at('2026-11-21T10:00:00.001Z', 'participant.added'), at('2026-11-21T10:00:00.000Z', 'participant.acwEnded'))).toBe(1);
  });

  it('at equal times, by lifecycle rank; equal ranks compare equal', () => {
    const t = '2026-11-21T10:00:00.000Z';
    expect(compareEventOrder(at(t, 'participant.added'), at(t, 'participant.connected'))).toBeLessThan(0);
    expect(compareEventOrder(at(t, 'participant.disconnected'), at(t, 'participant.connected'))).toBeGreaterThan(0);
    expect(compareEventOrder(at(t, 'participant.holdStarted'), at(t, 'participant.updated'))).toBe(0);
    expect(compareEventOrder(at(t, 'participant.wrapupApplied'), at(t, 'participant.wrapupSkipped'))).toBe(0);
  });

  it('the rank follows the lifecycle: added, routing, connection, mid-call, disconnect, after-call work, wrap-up, its end', () => {
    const groups = [
      ['participant.added'],
      ['callback.scheduled', 'participant.alerting', 'participant.dialing', 'participant.contacting', 'participant.offering'],
      ['participant.connected'],
      ['participant.holdStarted', 'participant.holdEnded', 'participant.parked', 'participant.resumed', 'participant.updated'],
      ['participant.disconnected'],
      ['participant.acwStarted'],
      ['participant.wrapupApplied', 'participant.wrapupSkipped'],
      ['participant.acwEnded'],
    ] as const;
    groups.forEach((group, g) => {
      for (const type of group) {
        for (const other of group) expect(LIFECYCLE_RANK[type]).toBe(LIFECYCLE_RANK[other]);
        if (g > 0) expect(LIFECYCLE_RANK[type]).toBeGreaterThan(LIFECYCLE_RANK[groups[g - 1]![0]]);
      }
    });
    expect(new Set(EVENT_TYPES)).toEqual(new Set(groups.flat()));
    expect(EVENT_TYPES).toHaveLength(groups.flat().length);
    for (let i = 1; i < EVENT_TYPES.length; i++) expect(LIFECYCLE_RANK[EVENT_TYPES[i - 1]!]).toBeLessThanOrEqual(LIFECYCLE_RANK[EVENT_TYPES[i]!]);
  });
});
