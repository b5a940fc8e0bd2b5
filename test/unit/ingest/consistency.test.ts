import { describe, expect, it } from 'vitest';
import { createGenesysIngest, ingestGenesys } from '../../../src/ingest/index.js';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { ingestAndReplay, sample, sampleText } from './samples.js';

type Raw = Record<string, unknown>;
const EDITED = 'callback-notification-users-conversations-agent-connected-likely-edited';

const oneLine = (name: string) => JSON.stringify(sample(name));

describe('the hand-edited callback sample: a clear report of what is inconsistent', () => {
  it('names the participant, its state and each contradicting value, and says what was not recorded', () => {
    const result = createGenesysIngest().push(sample(EDITED));
    const inconsistent = result.findings.filter((f) => f.kind === 'inconsistent');
    expect(inconsistent).toEqual([{
      kind: 'inconsistent',
      conversationId: 'ffff-ffff-ffff-ffff',
      participantId: '5151853c-ca28-48da-bdcd-f15c46f0712e',
      fields: ['disconnectType', 'endTime', 'startAcwTime', 'afterCallWork'],
      message: 'participant 5151853c-ca28-48da-bdcd-f15c46f0712e: state is connected yet disconnectType (client), '
        + 'endTime (disconnectedTime 2022-07-04T20:08:25.397Z), startAcwTime (2022-07-04T20:08:25.397Z), '
        + 'afterCallWork (pending) are present; the state is taken and these were not recorded',
    }]);
  });

  it('the rest of the payload is recorded: every other participant, and the consistent part of this one', () => {
    const edited = ingestAndReplay(sample(EDITED));
    const sound = ingestAndReplay(sample('callback-notification-users-conversations-agent-disconnect-acw-pending'));
    expect(edited.applied.every((r) => r.status === 'applied')).toBe(true);
    const others = (run: typeof edited) => run.tracker.conversations()[0]!.participants.filter((p) => p.id !== '5151853c-ca28-48da-bdcd-f15c46f0712e');
    expect(others(edited)).toEqual(others(sound));
    expect(edited.tracker.participant('ffff-ffff-ffff-ffff', '5151853c-ca28-48da-bdcd-f15c46f0712e')).toMatchObject({
      state: 'connected', connectedTime: '2022-07-04T20:07:20.528Z', wrapupRequired: true,
    });
  });

  it('in a batch, nothing else is lost: the other payloads give the same events with or without it', async () => {
    const names = ['chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts', 'chat-eventbridge-detail-customer-start', 'chat-rest-list-chat-conversations'];
    const collect = async (text: string) => {
      const run = ingestGenesys(text);
      const events: TrackerEvent[] = [];
      for await (const event of run) events.push(event);
      return { events, report: run.report() };
    };
    const without = await collect(names.map(oneLine).join('\n'));
    const withIt = await collect([oneLine(names[0]!), sampleText(EDITED), oneLine(names[1]!), oneLine(names[2]!)].join('\n'));
    expect(withIt.events.filter((e) => e.conversationId !== 'ffff-ffff-ffff-ffff')).toEqual(without.events);
    expect(withIt.report.inconsistencies).toHaveLength(1);
    expect(withIt.report.inconsistencies[0]).toMatchObject({ payload: 2, line: 2, participantId: '5151853c-ca28-48da-bdcd-f15c46f0712e' });
    expect(createTracker().load(withIt.events).every((r) => r.status === 'applied')).toBe(true);
  });

  it('the sound version arriving later completes the participant (disconnect and after-call work)', () => {
    const { tracker } = ingestAndReplay(sample(EDITED), sample('callback-notification-users-conversations-agent-disconnect-acw-pending'));
    expect(tracker.participant('ffff-ffff-ffff-ffff', '5151853c-ca28-48da-bdcd-f15c46f0712e')).toMatchObject({
      state: 'disconnected', endTime: '2022-07-04T20:08:25.397Z', disconnectType: 'client', startAcwTime: '2022-07-04T20:08:25.397Z',
    });
  });
});

describe('other contradictions', () => {
  const conversation = (participant: Raw) => ({ topicName: 'v2.users.u1.conversations.chats', eventBody: { id: 'c1', participants: [participant] } });

  it('an alerting participant with a connectedTime and a hold: the state is taken', () => {
    const result = createGenesysIngest().push(conversation({
      id: 'p1', purpose: 'agent', state: 'alerting', startTime: '2026-11-21T10:00:00.000Z', connectedTime: '2026-11-21T10:00:05.000Z', held: true, startHoldTime: '2026-11-21T10:00:07.000Z', endTime: '2026-11-21T10:00:01.000Z',
    }));
    expect(result.findings.filter((f) => f.kind === 'inconsistent').map((f) => f.fields)).toEqual([['held', 'connectedTime', 'startHoldTime', 'endTime']]);
    expect(result.events.map((e) => e.type)).toEqual(['participant.added']);
  });

  it('times out of order are reported; the participant still replays', () => {
    const result = ingestAndReplay(conversation({
      id: 'p1', purpose: 'agent', state: 'disconnected', startTime: '2026-11-21T10:00:00.000Z',
      connectedTime: '2026-11-21T10:00:09.000Z', endTime: '2026-11-21T10:00:05.000Z', held: false,
    }));
    expect(result.results[0]!.findings).toContainEqual(expect.objectContaining({
      kind: 'inconsistent', fields: ['connectedTime', 'endTime'],
      message: 'participant p1: connectedTime (2026-11-21T10:00:09.000Z) is after endTime (2026-11-21T10:00:05.000Z)',
    }));
    expect(result.applied.every((r) => r.status === 'applied')).toBe(true);
    expect(result.tracker.participant('c1', 'p1')).toMatchObject({ state: 'disconnected', endTime: '2026-11-21T10:00:09.000Z' });
  });

  it('held false with a startHoldTime, and a disconnected participant still held', () => {
    const result = createGenesysIngest().push({ topicName: 'v2.users.u1.conversations.chats', eventBody: { id: 'c1', participants: [
      { id: 'p1', purpose: 'agent', state: 'connected', connectedTime: '2026-11-21T10:00:00.000Z', held: false, startHoldTime: '2026-11-21T10:00:03.000Z' },
      { id: 'p2', purpose: 'agent', state: 'disconnected', endTime: '2026-11-21T10:00:04.000Z', held: true },
    ] } });
    expect(result.findings.filter((f) => f.kind === 'inconsistent').map((f) => [f.participantId, f.fields])).toEqual([
      ['p1', ['startHoldTime']], ['p2', ['held']],
    ]);
  });
});
