import { describe, expect, it } from 'vitest';
import { clock, conversationLog, metricsOf, queueNamed } from './clock-log.js';

const callbacks = { id: 'q-callbacks', name: 'Callbacks' };
const support = { id: 'q-support', name: 'Support' };
const callback = { media: 'callback', callbackScheduledTime: clock('11:00:00') };

/** A callback requested at 10:00:00 for 11:00:00: customer and ACD legs `scheduled`. */
const scheduledCallback = (conversationId: string, more: Parameters<typeof conversationLog>[1]) => conversationLog(conversationId, [
  ['10:00:00', 'participant.added', 'customer', { ...callback, purpose: 'customer', state: 'scheduled' }],
  ['10:00:00', 'participant.added', 'acd', { ...callback, purpose: 'acd', state: 'scheduled', queue: callbacks }],
  ...more,
]);

describe('a scheduled callback is offered when it is routed', () => {
  describe('cancelled or moved away while still scheduled', () => {
    const events = [
      // cancelled at 10:30:00, half an hour before its time
      ...scheduledCallback('cb-cancelled', [
        ['10:30:00', 'participant.disconnected', 'customer', { disconnectType: 'client' }],
        ['10:30:00', 'participant.disconnected', 'acd', { disconnectType: 'client' }],
      ]),
      // moved to another queue by a transfer at 10:40:00, before routing
      ...scheduledCallback('cb-moved', [
        ['10:40:00', 'participant.disconnected', 'acd', { disconnectType: 'transfer' }],
      ]),
    ];

    it('is never offered, abandoned nor a flow-out', () => {
      const report = metricsOf(events);
      expect(report.overall.total).toMatchObject({
        offered: 0, answered: 0, abandoned: 0, flowOuts: 0, serviceLevel: null, averageAbandonWaitMs: null,
      });
      expect(report.overall.intervals).toEqual([]);
      expect(report.overall.observations).toMatchObject({ scheduledCallbacks: 0, waiting: 0, oldestWaitingMs: null });
    });

    it('counts as a scheduled callback until then, never as waiting', () => {
      const report = metricsOf(events, { at: '10:15:00' });
      expect(queueNamed(report, 'Callbacks').observations).toMatchObject({ scheduledCallbacks: 2, waiting: 0, oldestWaitingMs: null });
      expect(report.overall.total.offered).toBe(0);
    });
  });

  describe('routed at 11:00:01 to an ACD leg that stays alerting, then cancelled', () => {
    const events = scheduledCallback('cb-routed', [
      ['11:00:01', 'participant.connected', 'customer'],
      ['11:00:01', 'participant.alerting', 'acd'],
      ['11:02:01', 'participant.disconnected', 'customer', { disconnectType: 'endpoint' }],
      ['11:02:01', 'participant.disconnected', 'acd', { disconnectType: 'peer' }],
    ]);

    it('is offered at its routing and abandoned with the wait since then', () => {
      const report = metricsOf(events);
      // abandon wait = 11:02:01 − 11:00:01 = 120 s (not the 2 h 2 min 1 s since 10:00:00)
      expect(queueNamed(report, 'Callbacks').total).toMatchObject({ offered: 1, abandoned: 1, flowOuts: 0, averageAbandonWaitMs: 120_000 });
      // offered in the 11:00 interval, where it was routed
      expect(report.overall.intervals).toMatchObject([{ start: clock('11:00:00'), offered: 1, abandoned: 1 }]);
    });

    it('waits from its routing; the ACD leg alerting is not an agent alerting', () => {
      // 11:00:31 − 11:00:01 = 30 s
      expect(metricsOf(events, { at: '11:00:31' }).overall.observations).toMatchObject({
        waiting: 1, oldestWaitingMs: 30_000, alerting: 0, scheduledCallbacks: 0,
      });
    });
  });
});

describe('a chat ACD leg that stays alerting is in queue from its start', () => {
  const events = conversationLog('c-alerting', [
    ['10:00:00', 'participant.added', 'customer', { media: 'chat', purpose: 'customer', state: 'connected' }],
    ['10:00:00', 'participant.added', 'acd', { media: 'chat', purpose: 'acd', state: 'alerting', queue: support }],
    ['10:01:10', 'participant.disconnected', 'customer', { disconnectType: 'endpoint' }],
    ['10:01:10', 'participant.disconnected', 'acd', { disconnectType: 'peer' }],
  ]);

  it('waits, not alerting', () => {
    // 10:00:40 − 10:00:00 = 40 s
    expect(metricsOf(events, { at: '10:00:40' }).overall.observations).toMatchObject({ waiting: 1, oldestWaitingMs: 40_000, alerting: 0 });
  });

  it('is offered at its start and abandoned when it ends unanswered', () => {
    // abandon wait = 10:01:10 − 10:00:00 = 70 s
    expect(metricsOf(events).overall.total).toMatchObject({ offered: 1, abandoned: 1, averageAbandonWaitMs: 70_000 });
  });
});
