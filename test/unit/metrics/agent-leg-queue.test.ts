import { describe, expect, it } from 'vitest';
import { conversationLog, metricsOf, queueNamed } from './clock-log.js';

const support = { id: 'q-support', name: 'Support' };
const sales = { id: 'q-sales', name: 'Sales' };
const chat = { media: 'chat' };

describe('an agent leg without its own queue belongs to the queue that routed it', () => {
  describe('after a queue-to-queue transfer of a waiting chat', () => {
    // Support transfers the chat to Sales before anyone answers; Sales routes it to two agent
    // legs without a `queue`: the first times out, the second answers, holds, ends, does ACW.
    const events = conversationLog('c1', [
      ['10:00:00', 'participant.added', 'customer', { ...chat, purpose: 'customer', state: 'connected' }],
      ['10:00:00', 'participant.added', 'acd-support', { ...chat, purpose: 'acd', state: 'connected', queue: support }],
      ['10:01:00', 'participant.disconnected', 'acd-support', { disconnectType: 'transfer' }],
      ['10:01:00', 'participant.added', 'acd-sales', { ...chat, purpose: 'acd', state: 'connected', queue: sales }],
      ['10:01:05', 'participant.added', 'agent-0', { ...chat, purpose: 'agent' }],
      ['10:01:15', 'participant.disconnected', 'agent-0', { disconnectType: 'system' }],
      ['10:01:20', 'participant.added', 'agent-1', { ...chat, purpose: 'agent' }],
      ['10:01:30', 'participant.connected', 'agent-1'],
      ['10:01:30', 'participant.disconnected', 'acd-sales', { disconnectType: 'transfer' }],
      ['10:03:00', 'participant.holdStarted', 'agent-1'],
      ['10:03:30', 'participant.holdEnded', 'agent-1'],
      ['10:05:00', 'participant.disconnected', 'agent-1', { disconnectType: 'client' }],
      ['10:05:00', 'participant.acwStarted', 'agent-1'],
      ['10:06:00', 'participant.acwEnded', 'agent-1'],
    ]);
    const report = metricsOf(events, { serviceLevelMs: 20_000 });

    it('Support: offered and flowed out unanswered, nothing else', () => {
      // flow-out wait = 10:01:00 − 10:00:00 = 60 s
      expect(queueNamed(report, 'Support').total).toMatchObject({
        offered: 1, answered: 0, abandoned: 0, flowOuts: 1, notResponding: 0,
        holds: 0, handled: 0, transfers: 0, averageTalkMs: null, averageHoldMs: null, averageAcwMs: null, averageHandleMs: null,
      });
    });

    it('Sales: the answer, the alert timeout, talk, hold, ACW and handle', () => {
      // speed of answer = 10:01:30 − 10:01:00 = 30 s (over the 20 s service level)
      // hold = 10:03:30 − 10:03:00 = 30 s
      // talk = (10:05:00 − 10:01:30) − 30 s hold = 210 s − 30 s = 180 s
      // ACW = 10:06:00 − 10:05:00 = 60 s; handle = 180 + 30 + 60 = 270 s
      expect(queueNamed(report, 'Sales').total).toMatchObject({
        offered: 1, answered: 1, abandoned: 0, flowOuts: 0, answeredWithinServiceLevel: 0, averageSpeedOfAnswerMs: 30_000,
        notResponding: 1, holds: 1, averageHoldMs: 30_000, averageTalkMs: 180_000, averageAcwMs: 60_000,
        handled: 1, averageHandleMs: 270_000,
      });
    });

    it('observes the alerting and interacting agent legs in Sales', () => {
      // 10:01:10: agent-0 alerting (10:01:05 → 10:01:15), the chat has been waiting in Sales since 10:01:00
      const alerting = metricsOf(events, { at: '10:01:10' });
      expect(queueNamed(alerting, 'Sales').observations).toMatchObject({ waiting: 1, oldestWaitingMs: 10_000, alerting: 1 });
      expect(queueNamed(alerting, 'Support').observations).toMatchObject({ waiting: 0, alerting: 0 });
      // 10:03:10: agent-1 connected and held
      const held = metricsOf(events, { at: '10:03:10' });
      expect(queueNamed(held, 'Sales').observations).toMatchObject({ interacting: 1, held: 1 });
      expect(queueNamed(held, 'Support').observations).toMatchObject({ interacting: 0, held: 0 });
    });
  });

  describe('after an agent transfers an answered chat to another queue', () => {
    // agent-1, routed by Support, answers, then transfers to Sales; agent-2, routed by Sales,
    // answers there. Neither agent leg has its own `queue`.
    const events = conversationLog('c2', [
      ['10:10:00', 'participant.added', 'customer', { ...chat, purpose: 'customer', state: 'connected' }],
      ['10:10:00', 'participant.added', 'acd-support', { ...chat, purpose: 'acd', state: 'connected', queue: support }],
      ['10:10:10', 'participant.added', 'agent-1', { ...chat, purpose: 'agent' }],
      ['10:10:20', 'participant.connected', 'agent-1'],
      ['10:10:20', 'participant.disconnected', 'acd-support', { disconnectType: 'transfer' }],
      ['10:12:00', 'participant.added', 'acd-sales', { ...chat, purpose: 'acd', state: 'connected', queue: sales }],
      ['10:12:00', 'participant.disconnected', 'agent-1', { disconnectType: 'transfer' }],
      ['10:12:15', 'participant.added', 'agent-2', { ...chat, purpose: 'agent' }],
      ['10:12:45', 'participant.connected', 'agent-2'],
      ['10:12:45', 'participant.disconnected', 'acd-sales', { disconnectType: 'transfer' }],
      ['10:15:00', 'participant.disconnected', 'agent-2', { disconnectType: 'client' }],
    ]);
    const report = metricsOf(events);

    it('Support keeps the first agent leg: answer, talk, handle and the transfer', () => {
      // speed of answer = 10:10:20 − 10:10:00 = 20 s
      // talk = handle (no ACW) = 10:12:00 − 10:10:20 = 100 s; it ended `transfer`
      expect(queueNamed(report, 'Support').total).toMatchObject({
        offered: 1, answered: 1, averageSpeedOfAnswerMs: 20_000, flowOuts: 0,
        averageTalkMs: 100_000, handled: 1, averageHandleMs: 100_000, transfers: 1,
      });
    });

    it('Sales gets the second agent leg: answer, talk and handle', () => {
      // speed of answer = 10:12:45 − 10:12:00 = 45 s
      // talk = handle (no ACW) = 10:15:00 − 10:12:45 = 135 s
      expect(queueNamed(report, 'Sales').total).toMatchObject({
        offered: 1, answered: 1, averageSpeedOfAnswerMs: 45_000, flowOuts: 0,
        averageTalkMs: 135_000, handled: 1, averageHandleMs: 135_000, transfers: 0,
      });
    });

    it('overall counts each agent leg once', () => {
      // talk = (100 + 135) / 2 = 117.5 s
      expect(report.overall.total).toMatchObject({ offered: 2, answered: 2, handled: 2, transfers: 1, averageTalkMs: 117_500 });
    });
  });
});
