import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../../src/errors/invalid-option-error.js';
import type { MediaParticipant } from '../../../src/model/media-participant.js';
import { simulate } from '../../../src/sim/index.js';
import { participantsOf, replaySimulation, serialize } from './replay-simulation.js';

const ms = (iso: string | undefined) => Date.parse(iso!);
const byConversation = (participants: ReturnType<typeof participantsOf>) => {
  const map = new Map<string, ReturnType<typeof participantsOf>>();
  for (const p of participants) map.set(p.conversationId, [...(map.get(p.conversationId) ?? []), p]);
  return [...map.values()];
};

/** Most concurrent agent legs of one user, over [startTime, end of ACW or disconnect]. */
function peakConcurrency(legs: MediaParticipant[]): number {
  const edges = legs.flatMap((p) => [[ms(p.startTime), 1], [ms(p.endAcwTime ?? p.endTime), -1]] as const);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, delta] of edges) peak = Math.max(peak, (now += delta));
  return peak;
}

/** Whether two legs' [startTime, end of ACW or disconnect] intervals share more than an instant. */
const overlaps = (a: MediaParticipant, b: MediaParticipant) =>
  ms(a.startTime) < ms(b.endAcwTime ?? b.endTime) && ms(b.startTime) < ms(a.endAcwTime ?? a.endTime);

describe('simulate', () => {
  it('a default run replays with zero rejections and keeps every invariant', () => {
    const { events, rejections, violations } = replaySimulation({ seed: 1 });
    expect(events.length).toBeGreaterThan(1_000);
    expect(rejections).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('the same seed and options give the same bytes; another seed other bytes', () => {
    const options = { seed: 9, duration: '20m', media: 'mixed', holdProbability: 0.5 } as const;
    const first = serialize(simulate(options));
    expect(serialize(simulate(options))).toBe(first);
    expect(serialize(simulate({ ...options, seed: 10 }))).not.toBe(first);
  });

  it('writes events in time order and runs every conversation to its end', () => {
    const { events, tracker } = replaySimulation({ seed: 2, duration: '30m' });
    const times = events.map((e) => e.time);
    expect(times).toEqual([...times].sort());
    for (const p of participantsOf(tracker)) {
      expect(p.state, `${p.purpose} ${p.id}`).toBe('disconnected');
      if (p.startAcwTime !== undefined) expect(p.endAcwTime).toBeDefined();
    }
  });

  it('keeps the customers when only the staffing changes (common random numbers)', () => {
    const customers = (agents: number) =>
      [...simulate({ seed: 4, duration: '30m', agents })]
        .filter((e) => e.type === 'participant.added' && e.purpose === 'customer')
        .map((e) => `${e.time} ${(e as { name?: string }).name}`);
    expect(customers(5)).toEqual(customers(30));
  });

  it('shapes a chat like Genesys: the ACD leg transfers at the answer, the agent wraps up after disconnecting', () => {
    const { tracker } = replaySimulation({ seed: 3, media: 'chat', duration: '20m', answerProbability: 1, patience: 'none' });
    for (const legs of byConversation(participantsOf(tracker))) {
      const [customer, acd, ...agents] = legs;
      expect(customer).toMatchObject({ purpose: 'customer', provider: 'PureCloud Webchat v2', direction: 'inbound' });
      expect(customer!.connectedTime).toBe(customer!.startTime);
      expect(customer!.attributes?.['context.firstName']).toBeTruthy();
      expect(acd).toMatchObject({ purpose: 'acd', disconnectType: 'transfer', queue: { name: 'Support' } });
      expect(agents).toHaveLength(1);
      const agent = agents[0]!;
      expect(agent).toMatchObject({
        purpose: 'agent', wrapupRequired: true, wrapupPrompt: 'timeout', wrapupTimeoutMs: 120_000, alertingTimeoutMs: 30_000,
      });
      expect(agent.user?.id).toBeTruthy();
      expect(agent.connectedTime).toBe(acd!.endTime);
      expect(agent.startAcwTime).toBe(agent.endTime);
      expect(['client', 'peer']).toContain(agent.disconnectType);
      expect(agent.wrapup !== undefined || agent.wrapupSkipped === true).toBe(true);
      expect(customer!.disconnectType).toBe(agent.disconnectType === 'client' ? 'peer' : customer!.disconnectType);
    }
  });

  it('an agent who does not answer times out (system, ~30.1 s, never connected) and the next agent gets a new leg', () => {
    const { tracker } = replaySimulation({ seed: 5, media: 'chat', duration: '30m', answerProbability: 0.5, patience: 'none', agents: 20 });
    const conversations = byConversation(participantsOf(tracker));
    const timedOut = conversations.flatMap((legs) => legs.filter((p) => p.purpose === 'agent' && p.disconnectType === 'system'));
    expect(timedOut.length).toBeGreaterThan(10);
    for (const leg of timedOut) {
      expect(leg.connectedTime).toBeUndefined();
      expect(leg.startAcwTime).toBeUndefined();
      expect(ms(leg.endTime) - ms(leg.startTime)).toBeGreaterThanOrEqual(30_100);
      expect(ms(leg.endTime) - ms(leg.startTime)).toBeLessThanOrEqual(30_250);
    }
    for (const legs of conversations) {
      const agents = legs.filter((p) => p.purpose === 'agent');
      expect(agents.filter((p) => p.connectedTime !== undefined)).toHaveLength(1);
      expect(agents.at(-1)!.connectedTime).toBeDefined();
      for (let i = 1; i < agents.length; i++) expect(ms(agents[i]!.startTime)).toBeGreaterThan(ms(agents[i - 1]!.endTime));
    }
  });

  it('a customer whose patience runs out abandons: the customer and the ACD leg disconnect, and no agent connects', () => {
    const { tracker } = replaySimulation({ seed: 6, media: 'chat', duration: '30m', agents: 2, patience: '30s', arrivalsPerHour: 120 });
    const abandoned = byConversation(participantsOf(tracker)).filter((legs) => legs[1]!.disconnectType === 'peer');
    expect(abandoned.length).toBeGreaterThan(5);
    for (const [customer, acd, ...agents] of abandoned) {
      expect(customer!.disconnectType).toBe('endpoint');
      expect(acd!.endTime).toBe(customer!.endTime);
      for (const agent of agents) expect(agent.connectedTime).toBeUndefined();
    }
  });

  it('schedules callbacks on quarter hours, moves some, and routes them about a second after their time', () => {
    const { events, tracker } = replaySimulation({
      seed: 7, media: 'callback', duration: '1h', arrivalsPerHour: 30,
      queues: [{ name: 'Callbacks', callbacks: { scheduledShare: 1, rescheduleProbability: 0.5 } }],
    });
    const moved = events.filter((e) => e.type === 'callback.scheduled');
    expect(moved.length).toBeGreaterThan(0);
    for (const legs of byConversation(participantsOf(tracker))) {
      const [customer, acd, ...agents] = legs;
      expect(customer).toMatchObject({ purpose: 'customer', direction: 'outbound', provider: 'PureCloud Callback', skipEnabled: true, timeoutSeconds: 0 });
      const scheduled = ms(customer!.callbackScheduledTime);
      expect(scheduled % 900_000).toBe(0);
      expect(acd!.callbackScheduledTime).toBe(customer!.callbackScheduledTime);
      const routed = ms(customer!.connectedTime) - scheduled;
      expect(routed).toBeGreaterThanOrEqual(500);
      expect(routed).toBeLessThanOrEqual(1_500);
      expect(agents.every((a) => a.callbackNumbers?.[0] === customer!.callbackNumbers?.[0])).toBe(true);
      expect(agents.at(-1)!.callbackScheduledTime).toBe(customer!.callbackScheduledTime);
    }
  });

  it('parks callbacks and resumes them at their resumeTime', () => {
    const { events, tracker } = replaySimulation({
      seed: 8, media: 'callback', duration: '1h', arrivalsPerHour: 40,
      queues: [{ name: 'Callbacks', callbacks: { scheduledShare: 0, parkProbability: 1, parkTime: '2m', skipProbability: 0 } }],
    });
    const parked = participantsOf(tracker).filter((p) => p.purpose === 'agent' && p.connectedTime !== undefined);
    expect(parked.length).toBeGreaterThan(10);
    for (const agent of parked) {
      expect(agent.parkTime).toBeDefined();
      const resumed = events.find((e) => e.type === 'participant.resumed' && e.participantId === agent.id);
      expect(resumed?.time).toBe(agent.resumeTime);
    }
  });

  it('lets agents skip a callback before it is auto-dialed (timeoutSeconds)', () => {
    const { tracker } = replaySimulation({
      seed: 9, media: 'callback', duration: '1h', arrivalsPerHour: 40,
      queues: [{ name: 'Callbacks', callbacks: { scheduledShare: 0, skipProbability: 1, autoDialTimeout: '10s' } }],
    });
    const agents = participantsOf(tracker).filter((p) => p.purpose === 'agent' && p.connectedTime !== undefined);
    expect(agents.length).toBeGreaterThan(10);
    for (const agent of agents) {
      expect(agent).toMatchObject({ timeoutSeconds: 10, skipEnabled: true, disconnectType: 'client' });
      expect(ms(agent.endTime) - ms(agent.connectedTime)).toBeLessThan(10_000);
    }
  });

  it('times out time-boxed wrap-up with ININ-WRAP-UP-TIMEOUT, lets optional wrap-up be skipped, and writes no ACW with --acw 0', () => {
    const timeout = replaySimulation({
      seed: 10, media: 'chat', duration: '30m', acw: '60s', queues: [{ name: 'Support', wrapupPrompt: 'timeout', wrapupTimeout: '30s' }],
    });
    const timedOut = participantsOf(timeout.tracker).filter((p) => p.wrapup?.code === 'ININ-WRAP-UP-TIMEOUT');
    expect(timedOut.length).toBeGreaterThan(5);
    for (const p of timedOut) expect(ms(p.wrapup!.endTime) - ms(p.startAcwTime)).toBe(30_000);

    const optional = replaySimulation({ seed: 10, media: 'chat', duration: '30m', queues: [{ name: 'Support', wrapupPrompt: 'optional' }] });
    expect(participantsOf(optional.tracker).some((p) => p.wrapupSkipped === true)).toBe(true);
    expect(participantsOf(optional.tracker).filter((p) => p.purpose === 'agent').every((p) => p.wrapupRequired === false)).toBe(true);

    const none = replaySimulation({ seed: 10, duration: '30m', acw: 0 });
    expect(none.events.some((e) => e.type.startsWith('participant.acw') || e.type.startsWith('participant.wrapup'))).toBe(false);
  });

  it('gives an agent at most chatCapacity chats at once, and a callback the agent whole', () => {
    const { tracker } = replaySimulation({ seed: 11, duration: '1h', agents: 4, chatCapacity: 3, arrivalsPerHour: 150, patience: 'none' });
    const legs = participantsOf(tracker).filter((p) => p.purpose === 'agent' && p.endTime !== undefined);
    const users = new Map<string, typeof legs>();
    for (const leg of legs) users.set(leg.user!.id!, [...(users.get(leg.user!.id!) ?? []), leg]);
    const media = new Map(tracker.conversations().map((c) => [c.id, c.media]));
    let busiest = 0;
    for (const userLegs of users.values()) {
      const chats = userLegs.filter((l) => media.get(l.conversationId) === 'chat');
      busiest = Math.max(busiest, peakConcurrency(chats));
      expect(peakConcurrency(chats)).toBeLessThanOrEqual(3);
      const callbacks = userLegs.filter((l) => media.get(l.conversationId) === 'callback');
      for (const callback of callbacks) {
        const others = userLegs.filter((l) => l !== callback && overlaps(l, callback));
        expect(others).toEqual([]);
      }
    }
    expect(busiest).toBe(3);
    expect(legs.some((l) => media.get(l.conversationId) === 'callback')).toBe(true);
  });

  it('routes a queue only to the groups that serve it', () => {
    const { tracker } = replaySimulation({
      seed: 12, duration: '30m',
      queues: [{ name: 'Sales', arrivalsPerHour: 60 }, { name: 'Billing', arrivalsPerHour: 60 }],
      agentGroups: [{ name: 'Sales team', agents: 4, queues: ['Sales'] }, { name: 'Billing team', agents: 4, queues: ['Billing'] }],
    });
    const agents = participantsOf(tracker).filter((p) => p.purpose === 'agent');
    expect(agents.length).toBeGreaterThan(20);
    for (const agent of agents) expect(agent.team?.name).toBe(`${agent.queue?.name} team`);
  });

  it('writes nothing when nobody arrives', () => {
    expect([...simulate({ arrivalsPerHour: 0 })]).toEqual([]);
  });

  it('throws InvalidOptionError for bad options, before any event', () => {
    expect(() => simulate({ agents: 0 })).toThrow(InvalidOptionError);
    expect(() => simulate({ agents: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => simulate({ agents: 0 })).toThrow('agents: must be ≥ 1');
  });
});
