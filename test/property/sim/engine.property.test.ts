import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Agenda } from '../../../src/sim/agenda.js';
import { erlangA, erlangC } from '../../../src/sim/index.js';
import { isoTimeFormatter } from '../../../src/sim/iso-time.js';

/** A stable load: 1–40 agents at 10–95 % occupancy, AHT 30 s–15 min. */
const stableLoad = fc
  .record({ agents: fc.integer({ min: 1, max: 40 }), occupancy: fc.double({ min: 0.1, max: 0.95, noNaN: true }), ahtS: fc.integer({ min: 30, max: 900 }) })
  .map(({ agents, occupancy, ahtS }) => ({ agents, ahtMs: ahtS * 1000, arrivalsPerHour: (occupancy * agents * 3600) / ahtS }));

describe('engine and formula properties', () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 })])(
    'any schedule: the agenda runs actions in time order, ties in scheduling order',
    (times) => {
      const agenda = new Agenda();
      const ran: number[] = [];
      times.forEach((time, index) => agenda.schedule(time, () => ran.push(index)));
      while (agenda.runNext());
      const expected = times.map((time, index) => ({ time, index })).sort((a, b) => a.time - b.time || a.index - b.index);
      expect(ran).toEqual(expected.map((e) => e.index));
    },
  );

  test.prop([fc.array(fc.integer({ min: 0, max: Date.UTC(8999, 11, 31) }), { minLength: 1, maxLength: 50 })])(
    'any epoch milliseconds: the ISO formatter equals Date#toISOString',
    (instants) => {
      const format = isoTimeFormatter();
      for (const ms of instants.sort((a, b) => a - b)) expect(format(ms)).toBe(new Date(ms).toISOString());
    },
  );

  test.prop([stableLoad])('any stable load: Erlang A with a very long patience is Erlang C', (load) => {
    const c = erlangC(load);
    const a = erlangA({ ...load, patienceMs: load.ahtMs * 1e7 });
    expect(a.probabilityOfWait).toBeCloseTo(c.probabilityOfWait, 3);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 3);
  });

  test.prop([stableLoad, fc.integer({ min: 10, max: 1_800 }), fc.double({ min: 1.1, max: 10, noNaN: true })])(
    'any load: more patience means fewer abandons and more waiting, with every probability in [0, 1]',
    (load, patienceS, factor) => {
      const impatient = erlangA({ ...load, patienceMs: patienceS * 1000 });
      const patient = erlangA({ ...load, patienceMs: patienceS * 1000 * factor });
      expect(patient.probabilityOfAbandon).toBeLessThanOrEqual(impatient.probabilityOfAbandon + 1e-12);
      expect(patient.probabilityOfWait).toBeGreaterThanOrEqual(impatient.probabilityOfWait - 1e-12);
      for (const r of [impatient, patient]) {
        for (const p of [r.probabilityOfWait, r.probabilityOfAbandon, r.serviceLevel, r.occupancy]) {
          expect(p).toBeGreaterThanOrEqual(-1e-12);
          expect(p).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(r.probabilityOfAbandon).toBeLessThanOrEqual(r.probabilityOfWait + 1e-12);
      }
    },
  );
});
