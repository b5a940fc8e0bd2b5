import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { MediaParticipant } from '../../../src/model/media-participant.js';
import { simulate, type SimulationOptions } from '../../../src/sim/index.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { participantsOf, replaySimulation, serialize } from '../../unit/sim/replay-simulation.js';

const seconds = (min: number, max: number) => fc.integer({ min, max }).map((s) => `${s}s`);
const probability = fc.double({ min: 0, max: 1, noNaN: true });
const QUEUE_NAMES = ['Sales', 'Billing', 'Support'] as const;

/** Settings a queue may set for itself. */
const queueSettings = fc.record(
  {
    arrivalsPerHour: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 3 })),
    media: fc.constantFrom('chat', 'callback', 'mixed'),
    aht: seconds(1, 600),
    handleTime: fc.constantFrom('exponential', 'lognormal', 'fixed'),
    patience: fc.oneof(fc.constant('none'), seconds(1, 900)),
    holdProbability: probability,
    acw: fc.oneof(fc.constant('0s'), seconds(1, 300)),
    alertingTimeout: seconds(5, 45),
    wrapupPrompt: fc.constantFrom('mandatory', 'optional', 'agentRequested', 'timeout', 'forcedTimeout'),
    wrapupTimeout: seconds(1, 180),
    callbacks: fc.record({
      scheduledShare: probability,
      rescheduleProbability: probability,
      skipEnabled: fc.boolean(),
      skipProbability: probability,
      autoDialTimeout: fc.oneof(fc.constant('0s'), seconds(1, 300)),
      parkProbability: probability,
      parkTime: seconds(1, 900),
    }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

/** Random seeds and options: one to three queues, one or two agent groups, every setting exercised. */
const arbitraryOptions: fc.Arbitrary<SimulationOptions> = fc
  .record({
    seed: fc.nat(),
    duration: fc.integer({ min: 5, max: 60 }).map((m) => `${m}m`),
    arrivalsPerHour: fc.integer({ min: 0, max: 150 }),
    agents: fc.integer({ min: 1, max: 10 }),
    media: fc.constantFrom('chat', 'callback', 'mixed'),
    callbackShare: probability,
    chatCapacity: fc.integer({ min: 1, max: 4 }),
    holdProbability: probability,
    answerProbability: fc.double({ min: 0.25, max: 1, noNaN: true }),
    alertTime: fc.oneof(fc.constant('0s'), seconds(1, 40)),
    patience: fc.oneof(fc.constant('none'), seconds(1, 900)),
    acw: fc.oneof(fc.constant('0s'), seconds(1, 120)),
    queueCount: fc.integer({ min: 0, max: 3 }),
    queues: fc.array(queueSettings, { minLength: 3, maxLength: 3 }),
    split: fc.boolean(),
  })
  .map(({ queueCount, queues, split, agents, ...top }): SimulationOptions => {
    if (queueCount === 0) return { ...top, agents };
    const names = QUEUE_NAMES.slice(0, queueCount);
    return {
      ...top,
      queues: names.map((name, i) => ({ name, ...queues[i] })),
      // The last group serves every queue, so that none is left without agents.
      agentGroups: split
        ? [{ name: 'Tier 1', agents, queues: [names[0]!] }, { name: 'Tier 2', agents: Math.max(1, agents >> 1) }]
        : [{ name: 'Everyone', agents }],
    };
  });

const params = { numRuns: 40 };

describe('simulator properties', () => {
  test.prop([arbitraryOptions], params)(
    'any seed and options: strict replay has zero rejections and every invariant holds',
    (options) => {
      const { events, rejections, violations } = replaySimulation(options);
      expect(rejections).toEqual([]);
      expect(violations).toEqual([]);
      const live = createTracker();
      for (const event of events) expect(live.apply(event).status, `${event.type} ${event.id}`).toBe('applied');
    },
  );

  test.prop([arbitraryOptions], params)(
    'any seed and options: events are in time order with unique ids, and every conversation ends with its ACW closed',
    (options) => {
      const { events, tracker } = replaySimulation(options);
      for (let i = 1; i < events.length; i++) expect(events[i]!.time >= events[i - 1]!.time).toBe(true);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      for (const p of participantsOf(tracker)) {
        expect(p.state).toBe('disconnected');
        expect(p.startAcwTime === undefined || p.endAcwTime !== undefined).toBe(true);
        if (p.purpose === 'agent' && p.connectedTime === undefined) expect(p.startAcwTime).toBeUndefined();
      }
    },
  );

  test.prop([arbitraryOptions], { numRuns: 15 })('any seed and options: the same seed gives the same bytes', (options) => {
    expect(serialize(simulate(options))).toBe(serialize(simulate(options)));
  });

  test.prop([arbitraryOptions], params)(
    'any seed and options: each conversation is answered at most once, by an agent leg that connects as its ACD leg transfers',
    (options) => {
      const { tracker } = replaySimulation(options);
      for (const conversation of tracker.conversations()) {
        const legs = conversation.participants as MediaParticipant[];
        const acd = legs.filter((p) => p.purpose === 'acd');
        const connected = legs.filter((p) => p.purpose === 'agent' && p.connectedTime !== undefined);
        expect(acd).toHaveLength(1);
        expect(connected.length).toBeLessThanOrEqual(1);
        if (connected.length === 1) {
          expect(acd[0]).toMatchObject({ disconnectType: 'transfer', endTime: connected[0]!.connectedTime });
        } else {
          expect(acd[0]!.disconnectType).toBe('peer');
        }
      }
    },
  );

  test.prop([arbitraryOptions], params)(
    'any seed and options: no agent holds more chats than its capacity, and a callback takes the agent whole',
    (options) => {
      const { tracker } = replaySimulation(options);
      const media = new Map(tracker.conversations().map((c) => [c.id, c.media]));
      const legs = participantsOf(tracker).filter((p) => p.purpose === 'agent');
      const capacityOf = (team: string | undefined) =>
        options.agentGroups?.find((g) => g.name === team)?.chatCapacity ?? options.chatCapacity!;
      const byUser = new Map<string, typeof legs>();
      for (const leg of legs) byUser.set(leg.user!.id!, [...(byUser.get(leg.user!.id!) ?? []), leg]);
      for (const userLegs of byUser.values()) {
        const edges = userLegs.flatMap((l) => {
          const weight = media.get(l.conversationId) === 'callback' ? 1_000 : 1;
          return [[Date.parse(l.startTime!), weight], [Date.parse(l.endAcwTime ?? l.endTime!), -weight]] as const;
        });
        edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        let load = 0;
        for (const [, delta] of edges) {
          load += delta;
          // A callback weighs 1000: alone it is 1000; with anything else it would exceed it.
          expect(load <= capacityOf(userLegs[0]!.team?.name) || load === 1_000).toBe(true);
        }
      }
    },
  );
});
