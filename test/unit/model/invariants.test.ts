import { describe, expect, it } from 'vitest';
import type { MediaType } from '../../../src/model/enums.js';
import { participantViolations, type InvariantViolation } from '../../../src/model/invariants.js';
import { invariantLabels } from '../../support/invariant-labels.js';
import { iso } from '../../support/walks.js';

const T0 = iso(0);
const T1 = iso(1_000);
const T2 = iso(2_000);
const T3 = iso(3_000);
const T4 = iso(4_000);
const T5 = iso(5_000);
const T6 = iso(6_000);
const T7 = iso(7_000);
const T8 = iso(8_000);

type Fields = Record<string, unknown>;

const violations = (participant: Fields, media: MediaType = 'callback'): InvariantViolation[] =>
  participantViolations(participant, media);

/** The invariants a participant breaks, sorted (the order they are found in is not the point). */
const broken = (participant: Fields, media: MediaType = 'callback'): string[] => invariantLabels(violations(participant, media)).sort();

const sorted = (labels: string[]) => [...labels].sort();

describe('participantViolations: a sound participant breaks nothing', () => {
  it('an empty participant', () => {
    expect(violations({}, 'chat')).toEqual([]);
    expect(violations({}, 'callback')).toEqual([]);
  });

  it('a callback that went through every stage, each time strictly after the one before', () => {
    const participant = {
      state: 'disconnected', startTime: T0, startAlertingTime: T1, connectedTime: T2, parkTime: T3, resumeTime: T4,
      endTime: T5, startAcwTime: T6, wrapup: { code: 'resolved', endTime: T7 }, endAcwTime: T8, held: false,
    };
    expect(violations(participant, 'callback')).toEqual([]);
  });

  it('the same callback with every time equal: each ordering allows equal times', () => {
    const participant = {
      state: 'disconnected', startTime: T0, startAlertingTime: T0, connectedTime: T0, parkTime: T0, resumeTime: T0,
      endTime: T0, startAcwTime: T0, wrapup: { code: 'resolved', endTime: T0 }, endAcwTime: T0,
    };
    expect(violations(participant, 'callback')).toEqual([]);
  });

  it('a held participant: connected, with startHoldTime (equal to connectedTime, or later)', () => {
    for (const startHoldTime of [T1, T2]) {
      const participant = { state: 'connected', startTime: T0, startAlertingTime: T1, connectedTime: T1, held: true, startHoldTime };
      expect(violations(participant, 'chat')).toEqual([]);
    }
  });

  it('a parked callback with its connection time', () => {
    expect(violations({ state: 'parked', connectedTime: T1, parkTime: T2 }, 'callback')).toEqual([]);
  });

  it('wrap-up applied alone, or skipped alone, or applied with wrapupSkipped false', () => {
    expect(violations({ state: 'disconnected', endTime: T1, wrapup: { code: 'x', endTime: T1 } })).toEqual([]);
    expect(violations({ state: 'disconnected', endTime: T1, wrapupSkipped: true })).toEqual([]);
    expect(violations({ state: 'disconnected', endTime: T1, wrapup: { code: 'x' }, wrapupSkipped: false })).toEqual([]);
  });

  it('a wrap-up without an end time is not ordered against anything', () => {
    expect(violations({ startTime: T2, state: 'disconnected', endTime: T2, startAcwTime: T2, endAcwTime: T2, wrapup: { code: 'x' } })).toEqual([]);
  });
});

describe('participantViolations: each time ordering fires when broken, and alone', () => {
  const cases: { rule: string; participant: Fields; also?: string[] }[] = [
    { rule: 'startTime ≤ startAlertingTime', participant: { startTime: T1, startAlertingTime: T0 } },
    { rule: 'startTime ≤ connectedTime', participant: { startTime: T1, connectedTime: T0 } },
    { rule: 'startAlertingTime ≤ connectedTime', participant: { startAlertingTime: T1, connectedTime: T0 } },
    { rule: 'connectedTime ≤ endTime', participant: { state: 'disconnected', connectedTime: T1, endTime: T0 } },
    { rule: 'startTime ≤ endTime', participant: { state: 'disconnected', startTime: T1, endTime: T0 } },
    { rule: 'startAlertingTime ≤ endTime', participant: { state: 'disconnected', startAlertingTime: T1, endTime: T0 } },
    { rule: 'endTime ≤ startAcwTime', participant: { state: 'disconnected', endTime: T1, startAcwTime: T0 } },
    { rule: 'startAcwTime ≤ endAcwTime', participant: { state: 'disconnected', endTime: T0, startAcwTime: T2, endAcwTime: T1 } },
    { rule: 'connectedTime ≤ parkTime', participant: { connectedTime: T1, parkTime: T0 } },
    { rule: 'parkTime ≤ resumeTime', participant: { connectedTime: T0, parkTime: T2, resumeTime: T1 } },
    { rule: 'connectedTime ≤ startHoldTime', participant: { state: 'connected', held: true, connectedTime: T1, startHoldTime: T0 } },
    {
      rule: 'startHoldTime ≤ endTime',
      participant: { state: 'connected', held: true, connectedTime: T0, startHoldTime: T2, endTime: T1 },
      also: ['state disconnected ⇔ endTime'],
    },
    { rule: 'startTime ≤ wrapup.endTime', participant: { startTime: T1, wrapup: { code: 'x', endTime: T0 } } },
    { rule: 'endTime ≤ wrapup.endTime', participant: { state: 'disconnected', endTime: T1, wrapup: { code: 'x', endTime: T0 } } },
    {
      rule: 'wrapup.endTime ≤ endAcwTime',
      participant: { state: 'disconnected', endTime: T0, startAcwTime: T0, endAcwTime: T1, wrapup: { code: 'x', endTime: T2 } },
    },
  ];

  for (const { rule, participant, also = [] } of cases) {
    it(`${rule}: fires one millisecond out of order, is quiet at equal times`, () => {
      expect(broken(participant)).toEqual(sorted([rule, ...also]));
      const [earlier, later] = rule.split(' ≤ ') as [string, string];
      const read = (p: Fields, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Fields | undefined)?.[k], p);
      const laterTime = read(participant, later) as string;
      // Move the earlier field to one millisecond after the later one: still broken.
      const justAfter = iso(Date.parse(laterTime) - Date.parse(T0) + 1);
      const write = (p: Fields, path: string, value: string): Fields => {
        const [head, tail] = path.split('.') as [string, string | undefined];
        return tail === undefined ? { ...p, [head]: value } : { ...p, [head]: { ...(p[head] as Fields), [tail]: value } };
      };
      expect(broken(write(participant, earlier, justAfter))).toContain(rule);
      expect(broken(write(participant, earlier, laterTime))).not.toContain(rule);
    });
  }

  it('the message names both fields and both times', () => {
    const [violation] = violations({ startTime: T1, connectedTime: T0 });
    for (const part of ['startTime', T1, 'connectedTime', T0]) expect(violation!.message).toContain(part);
  });
});

describe('participantViolations: each time needs the one before', () => {
  it('startAcwTime ⇒ endTime', () => {
    expect(broken({ startAcwTime: T0 })).toEqual(['startAcwTime ⇒ endTime']);
    expect(broken({ state: 'disconnected', endTime: T0, startAcwTime: T0 })).toEqual([]);
  });

  it('endAcwTime ⇒ startAcwTime', () => {
    expect(broken({ state: 'disconnected', endTime: T0, endAcwTime: T0 })).toEqual(['endAcwTime ⇒ startAcwTime']);
  });

  it('parkTime ⇒ connectedTime', () => {
    expect(broken({ parkTime: T0 }, 'callback')).toEqual(['parkTime ⇒ connectedTime']);
  });

  it('startHoldTime ⇒ connectedTime', () => {
    expect(broken({ held: true, startHoldTime: T0, state: 'connected' })).toEqual(sorted(['startHoldTime ⇒ connectedTime', 'state connected ⇒ connectedTime']));
    expect(broken({ held: true, startHoldTime: T0, state: 'connected', connectedTime: T0 })).toEqual([]);
  });

  it('the message names the field that is set and the one that is missing', () => {
    const [violation] = violations({ startAcwTime: T0 });
    expect(violation!.message).toContain('startAcwTime');
    expect(violation!.message).toContain('endTime');
  });
});

describe('participantViolations: state rules', () => {
  it('held ⇔ startHoldTime: held without startHoldTime fires', () => {
    const found = violations({ state: 'connected', connectedTime: T0, held: true });
    expect(invariantLabels(found)).toEqual(['held ⇔ startHoldTime']);
    expect(found[0]!.message).toContain('true');
    expect(found[0]!.message).toContain('absent');
  });

  it('held ⇔ startHoldTime: startHoldTime without held fires, whether held is false or absent', () => {
    for (const held of [false, undefined]) {
      const found = violations({ state: 'connected', connectedTime: T0, held, startHoldTime: T1 });
      expect(invariantLabels(found)).toEqual(['held ⇔ startHoldTime']);
      expect(found[0]!.message).toContain(T1);
      expect(found[0]!.message).toContain(String(held));
    }
  });

  it('held ⇔ startHoldTime: only held === true counts as held', () => {
    expect(broken({ state: 'connected', connectedTime: T0, held: 'yes', startHoldTime: T1 })).toEqual(['held ⇔ startHoldTime']);
    expect(broken({ state: 'connected', connectedTime: T0, held: false })).toEqual([]);
  });

  it('held ⇒ state connected', () => {
    for (const state of ['alerting', 'disconnected', 'parked']) {
      const participant = { state, connectedTime: T0, held: true, startHoldTime: T1, ...(state === 'disconnected' ? { endTime: T2 } : {}) };
      const found = violations(participant, 'callback');
      expect(invariantLabels(found)).toEqual(['held ⇒ state connected']);
      expect(found[0]!.message).toContain(state);
    }
  });

  it('state disconnected ⇔ endTime: disconnected without endTime, or endTime in another state', () => {
    const without = violations({ state: 'disconnected' });
    expect(invariantLabels(without)).toEqual(['state disconnected ⇔ endTime']);
    expect(without[0]!.message).toContain('absent');
    const early = violations({ state: 'alerting', endTime: T1 });
    expect(invariantLabels(early)).toEqual(['state disconnected ⇔ endTime']);
    expect(early[0]!.message).toContain('alerting');
    expect(early[0]!.message).toContain(T1);
    expect(broken({ endTime: T1 })).toEqual(['state disconnected ⇔ endTime']);
  });

  it('connected and parked need connectedTime; other states do not', () => {
    const connected = violations({ state: 'connected' });
    expect(invariantLabels(connected)).toEqual(['state connected ⇒ connectedTime']);
    expect(connected[0]!.message).toContain('connected');
    expect(broken({ state: 'parked' }, 'callback')).toEqual(['state parked ⇒ connectedTime']);
    for (const state of ['alerting', 'dialing', 'contacting', 'offering', 'scheduled']) expect(broken({ state })).toEqual([]);
  });

  it('parked ⇒ callback: a chat participant can be neither parked nor have a parkTime', () => {
    const parked = violations({ state: 'parked', connectedTime: T0 }, 'chat');
    expect(invariantLabels(parked)).toEqual(['parked ⇒ callback']);
    expect(parked[0]!.message).toContain('chat');
    expect(broken({ state: 'connected', connectedTime: T0, parkTime: T1 }, 'chat')).toEqual(['parked ⇒ callback']);
    expect(broken({ state: 'parked', connectedTime: T0, parkTime: T1 }, 'callback')).toEqual([]);
    expect(broken({ state: 'connected', connectedTime: T0 }, 'chat')).toEqual([]);
  });

  it('wrapup ⊕ wrapupSkipped: wrap-up both applied and skipped fires', () => {
    const both = violations({ state: 'disconnected', endTime: T0, wrapup: { code: 'x', endTime: T1 }, wrapupSkipped: true });
    expect(invariantLabels(both)).toEqual(['wrapup ⊕ wrapupSkipped']);
    expect(both[0]!.message).not.toBe('');
  });

  it('several broken rules are all reported', () => {
    expect(broken({ state: 'disconnected', startTime: T2, connectedTime: T1, wrapupSkipped: true, wrapup: { code: 'x' } }, 'chat')).toEqual(
      sorted(['startTime ≤ connectedTime', 'state disconnected ⇔ endTime', 'wrapup ⊕ wrapupSkipped']),
    );
  });
});

describe('participantViolations: each violation carries its rule as data and the label derived from it', () => {
  it('the label of every violation is its rule written out', () => {
    const participants: [Fields, MediaType][] = [
      [{ startTime: T1, connectedTime: T0 }, 'chat'],
      [{ startAcwTime: T0 }, 'chat'],
      [{ state: 'connected', connectedTime: T0, held: true }, 'chat'],
      [{ state: 'disconnected', endTime: T0, wrapup: { code: 'x' }, wrapupSkipped: true }, 'chat'],
      [{ state: 'parked', connectedTime: T0 }, 'chat'],
      [{ state: 'alerting', held: true, startHoldTime: T1, connectedTime: T0 }, 'chat'],
    ];
    const found = participants.flatMap(([p, media]) => violations(p, media));
    expect(found.map((v) => (v as { rule?: string }).rule)).toEqual(['ordered', 'implies', 'equivalent', 'exclusive', 'implies', 'implies']);
    for (const v of found) expect(v.invariant).toBe(invariantLabels([v])[0]);
    expect(found.map((v) => v.invariant)).toEqual([
      'startTime ≤ connectedTime', 'startAcwTime ⇒ endTime', 'held ⇔ startHoldTime', 'wrapup ⊕ wrapupSkipped', 'parked ⇒ callback', 'held ⇒ state connected',
    ]);
  });
});
