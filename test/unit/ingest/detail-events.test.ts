import { describe, expect, it } from 'vitest';
import { createGenesysIngest } from '../../../src/ingest/index.js';
import { ingestAndReplay } from './samples.js';

const BASE = Date.parse('2026-11-21T10:00:00.000Z');
const at = (seconds: number) => BASE + seconds * 1000;
const iso = (seconds: number) => new Date(at(seconds)).toISOString();

/** A detail event in the notification envelope. */
const detail = (event: string, body: Record<string, unknown>) => ({
  topicName: `v2.detail.events.conversation.c1.${event}`,
  version: '2',
  eventBody: { conversationId: 'c1', mediaType: 'CALLBACK', direction: 'OUTBOUND', provider: 'PureCloud Callback', ...body },
  metadata: { CorrelationId: 'x' },
});

describe('detail events: UPPER-case values, epoch ms, one participant each', () => {
  it('an agent leg from user.start to acw replays as alerting, connected, disconnected, after-call work and wrap-up', () => {
    const { tracker, applied, results } = ingestAndReplay(
      detail('user.start', { participantId: 'a1', eventTime: at(0), userId: 'u1', queueId: 'q1' }),
      detail('user.end', {
        participantId: 'a1', eventTime: at(100), userId: 'u1', disconnectType: 'CONSULT_TRANSFER',
        alertingDurationMs: 5_000, interactingDurationMs: 80_000, heldDurationMs: 10_000,
      }),
      detail('acw', { participantId: 'a1', eventTime: at(130), userId: 'u1', wrapupCode: 'wc-1', wrapupNotes: 'called back', wrapupDurationMs: 30_000 }),
    );
    expect(applied.every((r) => r.status === 'applied')).toBe(true);
    expect(results.map((r) => r.kind)).toEqual([
      'v2.detail.events.conversation.{id}.user.start', 'v2.detail.events.conversation.{id}.user.end', 'v2.detail.events.conversation.{id}.acw',
    ]);
    expect(tracker.participant('c1', 'a1')).toMatchObject({
      purpose: 'agent', state: 'disconnected', direction: 'outbound', user: { id: 'u1' }, queue: { id: 'q1' },
      startTime: iso(0), startAlertingTime: iso(0), connectedTime: iso(10), endTime: iso(100), disconnectType: 'transfer.consult',
      startAcwTime: iso(100), endAcwTime: iso(130), wrapup: { code: 'wc-1', notes: 'called back', durationSeconds: 30, endTime: iso(130) },
    });
  });

  it('a callback customer leg whose scheduled time lies ahead starts scheduled; acd legs start connected', () => {
    const { tracker } = ingestAndReplay(
      detail('customer.start', { participantId: 'cust', eventTime: at(0), callbackNumbers: ['+15550100000'], callbackScheduledTime: at(600) }),
      detail('acd.start', { participantId: 'acd', eventTime: at(1), queueId: 'q1' }),
      detail('acd.end', { participantId: 'acd', eventTime: at(650), disconnectType: 'TRANSFER', connectedDurationMs: 649_000 }),
    );
    expect(tracker.participant('c1', 'cust')).toMatchObject({ state: 'scheduled', callbackScheduledTime: iso(600), callbackNumbers: ['+15550100000'] });
    expect(tracker.participant('c1', 'acd')).toMatchObject({ state: 'disconnected', connectedTime: iso(1), endTime: iso(650), disconnectType: 'transfer' });
  });

  it('attributes update a known participant; a wrapup event applies its code', () => {
    const ingest = createGenesysIngest();
    ingest.push(detail('user.start', { participantId: 'a1', eventTime: at(0) }));
    ingest.push(detail('user.end', { participantId: 'a1', eventTime: at(60), disconnectType: 'CLIENT', interactingDurationMs: 50_000 }));
    const attributes = ingest.push({ topicName: 'v2.detail.events.conversation.c1.attributes', eventBody: { conversationId: 'c1', participantId: 'a1', eventTime: at(61), attributes: { tier: 'gold' } } });
    expect(attributes.events).toMatchObject([{ type: 'participant.updated', attributes: { tier: 'gold' } }]);
    const wrapup = ingest.push(detail('wrapup', { participantId: 'a1', eventTime: at(90), wrapupCode: 'wc-2' }));
    expect(wrapup.events).toMatchObject([{ type: 'participant.wrapupApplied', time: iso(90), wrapup: { code: 'wc-2' } }]);
  });

  it('detail events about other media, other topics, or an unknown conversation\'s attributes are skipped with a reason', () => {
    const ingest = createGenesysIngest();
    expect(ingest.push(detail('customer.start', { participantId: 'p', eventTime: at(0), mediaType: 'VOICE' }))).toMatchObject({ outcome: 'skipped', reason: 'mediaType VOICE is not tracked' });
    expect(ingest.push(detail('flow.start', { participantId: 'p', eventTime: at(0) }))).toMatchObject({ outcome: 'skipped', reason: 'detail event about no participant state' });
    expect(ingest.push({ topicName: 'v2.detail.events.conversation.c9.attributes', eventBody: { conversationId: 'c9', participantId: 'p', eventTime: at(0), attributes: {} } }))
      .toMatchObject({ outcome: 'skipped', reason: 'the detail event has no mediaType and its conversation is not known' });
    expect(ingest.push(detail('user.end', { participantId: 'p' }))).toMatchObject({ outcome: 'skipped', reason: 'the detail event has no eventTime' });
    expect(ingest.report().skipped).toEqual({
      'v2.detail.events.conversation.{id}.customer.start': 1,
      'v2.detail.events.conversation.{id}.flow.start': 1,
      'v2.detail.events.conversation.{id}.attributes': 1,
      'v2.detail.events.conversation.{id}.user.end': 1,
    });
  });
});
