import { describe, expect, it } from 'vitest';
import type { IntervalMetrics } from '../../../src/metrics/interval-metrics.js';
import type { ConversationSnapshot } from '../../../src/model/conversation-snapshot.js';
import { agentsOnFloor } from '../../../web/src/agent-roster.js';
import { conversationStatus } from '../../../web/src/conversation-status.js';
import { intervalSeries } from '../../../web/src/interval-series.js';

const queue = { id: 'q-support', name: 'Support' };
const chat = (id: string, participants: object[]): ConversationSnapshot => ({ id, media: 'chat', participants });
const customer = { id: 'c', purpose: 'customer', state: 'connected', name: 'Ann', startTime: '2026-11-21T10:00:00.000Z' };
const waiting = { id: 'q', purpose: 'acd', state: 'connected', queue, startTime: '2026-11-21T10:00:00.100Z', connectedTime: '2026-11-21T10:00:00.100Z' };
const agent = (fields: object) => ({ id: 'a', purpose: 'agent', user: { id: 'u-bo', name: 'Bo' }, queue, ...fields });

describe('conversationStatus (the floor list)', () => {
  it('an agent holding, talking, parked or alerting decides it; else waiting in queue; else ACW; else scheduled', () => {
    expect(conversationStatus(chat('1', [customer, waiting]))).toEqual({ status: 'waiting', since: waiting.connectedTime });
    expect(conversationStatus(chat('2', [customer, waiting, agent({ state: 'alerting', startAlertingTime: '2026-11-21T10:00:20.000Z' })])))
      .toEqual({ status: 'alerting', since: '2026-11-21T10:00:20.000Z' });
    expect(conversationStatus(chat('3', [customer, agent({ state: 'connected', held: true, connectedTime: '2026-11-21T10:00:24.000Z', startHoldTime: '2026-11-21T10:03:00.000Z' })])))
      .toEqual({ status: 'held', since: '2026-11-21T10:03:00.000Z' });
    expect(conversationStatus(chat('4', [customer, agent({ state: 'disconnected', connectedTime: '2026-11-21T10:00:24.000Z', startAcwTime: '2026-11-21T10:09:30.000Z' })])))
      .toEqual({ status: 'acw', since: '2026-11-21T10:09:30.000Z' });
    expect(conversationStatus(chat('5', [{ ...customer, state: 'scheduled' }])).status).toBe('scheduled');
  });
});

describe('agentsOnFloor (the agent grid)', () => {
  it('lists each agent once with their interactions under way; a leg done (ACW ended) drops out', () => {
    const agents = agentsOnFloor([
      chat('1', [customer, agent({ state: 'connected', connectedTime: '2026-11-21T10:00:24.000Z' })]),
      chat('2', [customer, agent({ id: 'a2', state: 'alerting', startAlertingTime: '2026-11-21T10:05:00.000Z' })]),
      chat('3', [customer, agent({ id: 'a3', state: 'disconnected', connectedTime: '2026-11-21T10:00:24.000Z', startAcwTime: '2026-11-21T10:01:00.000Z', endAcwTime: '2026-11-21T10:02:00.000Z' })]),
    ]);
    expect(agents).toEqual([{
      key: 'u-bo', name: 'Bo', interactions: [
        { conversationId: '1', media: 'chat', queue: 'Support', state: { activity: 'connected', since: '2026-11-21T10:00:24.000Z' } },
        { conversationId: '2', media: 'chat', queue: 'Support', state: { activity: 'alerting', since: '2026-11-21T10:05:00.000Z' } },
      ],
    }]);
  });
});

describe('intervalSeries (the interval charts)', () => {
  it('runs from the first interval to the one the instant falls in, the intervals without activity at 0', () => {
    const interval = (start: string, offered: number, serviceLevel: number | null) => ({ start, offered, answered: offered, abandoned: 0, serviceLevel }) as IntervalMetrics;
    const series = intervalSeries([interval('2026-11-21T10:00:00.000Z', 3, 0.5), interval('2026-11-21T11:00:00.000Z', 1, null)], 30 * 60_000, '2026-11-21T11:40:00.000Z');
    expect(series.starts.map((s) => new Date(s * 1000).toISOString().slice(11, 16))).toEqual(['10:00', '10:30', '11:00', '11:30']);
    expect(series.offered).toEqual([3, 0, 1, 0]);
    expect(series.serviceLevel).toEqual([50, null, null, null]);
    expect(series.intervalSeconds).toBe(1800);
  });

  it('is empty before any event', () => {
    expect(intervalSeries([], 1_800_000, null).starts).toEqual([]);
  });
});
