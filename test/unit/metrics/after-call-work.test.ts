import { describe, expect, it } from 'vitest';
import { conversationLog, metricsOf } from './clock-log.js';

const support = { id: 'q-support', name: 'Support' };
const chat = { media: 'chat' };

describe('after-call work needs a connected agent leg', () => {
  // agent-1 declines the alert and still gets an ACW span; agent-2 answers and does ACW.
  const events = conversationLog('c1', [
    ['10:00:00', 'participant.added', 'customer', { ...chat, purpose: 'customer', state: 'connected' }],
    ['10:00:00', 'participant.added', 'acd', { ...chat, purpose: 'acd', state: 'connected', queue: support }],
    ['10:00:10', 'participant.added', 'agent-1', { ...chat, purpose: 'agent', queue: support }],
    ['10:00:20', 'participant.disconnected', 'agent-1', { disconnectType: 'client' }],
    ['10:00:20', 'participant.acwStarted', 'agent-1'],
    ['10:00:50', 'participant.acwEnded', 'agent-1'],
    ['10:01:00', 'participant.added', 'agent-2', { ...chat, purpose: 'agent', queue: support }],
    ['10:01:10', 'participant.connected', 'agent-2'],
    ['10:01:10', 'participant.disconnected', 'acd', { disconnectType: 'transfer' }],
    ['10:03:10', 'participant.disconnected', 'agent-2', { disconnectType: 'client' }],
    ['10:03:10', 'participant.acwStarted', 'agent-2'],
    ['10:03:50', 'participant.acwEnded', 'agent-2'],
  ]);

  it('counts only the ACW of the agent leg that connected', () => {
    // agent-2: talk = 10:03:10 − 10:01:10 = 120 s, ACW = 10:03:50 − 10:03:10 = 40 s, handle = 160 s
    // agent-1 never connected: no talk, ACW or handle; a decline (`client`) is not Not Responding
    // speed of answer = 10:01:10 − 10:00:00 = 70 s
    expect(metricsOf(events).overall.total).toMatchObject({
      answered: 1, averageSpeedOfAnswerMs: 70_000, notResponding: 0,
      averageTalkMs: 120_000, averageAcwMs: 40_000, handled: 1, averageHandleMs: 160_000,
    });
  });

  it('observes in after-call work only an agent leg that connected', () => {
    expect(metricsOf(events, { at: '10:00:30' }).overall.observations).toMatchObject({ afterCallWork: 0, waiting: 1 });
    expect(metricsOf(events, { at: '10:03:30' }).overall.observations).toMatchObject({ afterCallWork: 1 });
  });
});
