import { describe, expect, it } from 'vitest';
import { createGenesysIngest, ingestEventId, ingestGenesys } from '../../../src/ingest/index.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { ingestAndReplay, sample, sampleText } from './samples.js';

type Raw = Record<string, unknown>;

/** 2026-11-21T10:00:00Z plus `seconds`. */
const T = (seconds: number) => new Date(Date.UTC(2026, 10, 21, 10, 0, 0) + seconds * 1000).toISOString();

const notification = (media: 'chats' | 'callbacks', id: string, ...participants: Raw[]) => ({
  topicName: `v2.users.u1.conversations.${media}`, version: '2', eventBody: { id, participants }, metadata: { CorrelationId: 'x' },
});
const chat = (...participants: Raw[]) => notification('chats', 'c1', ...participants);
const customer = (extra: Raw = {}): Raw => ({ id: 'cust', purpose: 'customer', state: 'connected', startTime: T(0), connectedTime: T(0), held: false, ...extra });
const agent = (extra: Raw): Raw => ({ id: 'agent', purpose: 'agent', startTime: T(1), held: false, user: { id: 'u1' }, ...extra });

const types = (events: readonly { type: string; participantId: string }[], participantId = 'agent') =>
  events.filter((e) => e.participantId === participantId).map((e) => e.type);

describe('snapshot differ: only what is new becomes events', () => {
  it('an identical snapshot adds nothing', () => {
    const ingest = createGenesysIngest();
    const payload = sample('chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts');
    expect(ingest.push(payload).events.length).toBe(11);
    expect(ingest.push(structuredClone(payload)).events).toEqual([]);
    expect(ingest.flush().events).toEqual([]);
    expect(ingest.report().recognised).toEqual({ ChatConversation: 2 });
  });

  it('participants no payload has dated the start of wait for one that does, or for flush', () => {
    const ingest = createGenesysIngest();
    const notification = sample('chat-notification-users-conversations-chats-agent-disconnect-acw');
    expect(ingest.push(notification).events).toEqual([]);
    expect(ingest.push(structuredClone(notification)).events).toEqual([]);
    expect(ingest.awaiting()).toEqual(['1c1a063b-45bf-4719-9127-7bca923118c1']);
    const flushed = ingest.flush();
    expect(flushed.events.length).toBe(10);
    expect(flushed.findings.filter((f) => f.kind === 'time-chosen' && f.fields[0] === 'startTime')).toHaveLength(5);
    expect(ingest.awaiting()).toEqual([]);
    expect(ingest.flush().events).toEqual([]);
    expect(ingest.report().events).toBe(10);
  });

  it('re-ingesting the same payloads gives the same event ids: a reader sees duplicates, never conflicts', () => {
    const payloads = ['chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts', 'chat-notification-users-conversations-chats-agent-disconnect-acw'].map(sample);
    const first = ingestAndReplay(...payloads).events;
    const second = ingestAndReplay(...payloads.map((p) => structuredClone(p))).events;
    expect(second).toEqual(first);
    const results = createTracker().load([...first, ...second]);
    expect(results.slice(first.length).every((r) => r.status === 'duplicate')).toBe(true);
    expect(first[0]!.id).toBe(ingestEventId(first[0]!.conversationId, first[0]!.participantId, first[0]!.type, first[0]!.time));
  });

  it('a change that recurs at the same instant (A → B → A → B) gets a new event id, so a reader applies it', () => {
    const ingest = createGenesysIngest();
    const [ann, bea] = [chat(customer({ name: 'Ann' })), chat(customer({ name: 'Bea' }))];
    const events = [ann, bea, ann, bea].flatMap((payload) => [...ingest.push(payload).events]);
    const updates = events.filter((e) => e.type === 'participant.updated');
    expect(updates.map((e) => (e as { name?: string }).name)).toEqual(['Bea', 'Ann', 'Bea']);
    expect(new Set(updates.map((e) => e.id)).size).toBe(3);
    const tracker = createTracker();
    expect(tracker.load(events).map((r) => r.status)).not.toContain('duplicate');
    expect(tracker.participant('c1', 'cust')?.name).toBe('Bea');
  });

  it('snapshots in order: each adds the steps it shows, participant.added first', () => {
    const ingest = createGenesysIngest();
    const s1 = ingest.push(chat(customer(), agent({ state: 'alerting' })));
    expect(types(s1.events, 'cust')).toEqual(['participant.added']);
    expect(types(s1.events)).toEqual(['participant.added']);
    const s2 = ingest.push(chat(customer(), agent({ state: 'connected', connectedTime: T(20), wrapupRequired: true })));
    expect(types(s2.events)).toEqual(['participant.connected', 'participant.updated']);
    const s3 = ingest.push(chat(customer(), agent({ state: 'disconnected', connectedTime: T(20), endTime: T(90), disconnectType: 'client', startAcwTime: T(90), wrapupRequired: true })));
    expect(types(s3.events)).toEqual(['participant.disconnected', 'participant.acwStarted']);
    expect(s3.events.map((e) => e.time)).toEqual([T(90), T(90)]);
  });
});

describe('an older snapshot arriving late never rolls state back', () => {
  const s1 = chat(customer(), agent({ state: 'alerting', wrapupRequired: false }));
  const s2 = chat(customer(), agent({ state: 'connected', connectedTime: T(20), wrapupRequired: true }));
  const s3 = chat(customer(), agent({ state: 'disconnected', connectedTime: T(20), endTime: T(90), disconnectType: 'client', wrapupRequired: true }));

  it('alerting and connected snapshots after the disconnected one add nothing', () => {
    const { results, tracker, applied } = ingestAndReplay(s1, s3, s2, s1);
    expect(results[2]!.events).toEqual([]);
    expect(results[3]!.events).toEqual([]);
    expect(applied.every((r) => r.status === 'applied')).toBe(true);
    expect(tracker.participant('c1', 'agent')).toMatchObject({
      state: 'disconnected', connectedTime: T(20), endTime: T(90), disconnectType: 'client', wrapupRequired: true,
    });
  });

  it('a hold is not ended by a late snapshot received before it, but is by a later one', () => {
    const connected = chat(customer(), agent({ state: 'connected', connectedTime: T(20) }));
    const held = chat(customer(), agent({ state: 'connected', connectedTime: T(20), held: true, startHoldTime: T(40) }));
    const later = chat(customer({ state: 'disconnected', endTime: T(70), disconnectType: 'peer' }), agent({ state: 'connected', connectedTime: T(20), held: false }));
    const ingest = createGenesysIngest();
    ingest.push(connected, undefined, T(21));
    expect(types(ingest.push(held, undefined, T(41)).events)).toEqual(['participant.holdStarted']);
    expect(ingest.push(connected, undefined, T(21)).events).toEqual([]);
    const ended = ingest.push(later, undefined, T(69)).events;
    expect(ended.map((e) => [e.participantId, e.type, e.time])).toEqual([
      ['agent', 'participant.holdEnded', T(70)],
      ['cust', 'participant.disconnected', T(70)],
    ]);
  });

  const restChat = 'chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts';
  const restAgent = 'd36875ce-1bb6-4ad7-8ff9-5af8e727bd88';
  const restConversation = '1c1a063b-45bf-4719-9127-7bca923118c1';
  /** The REST sample with its connected agent on hold since `startHoldTime`. */
  const onHold = (startHoldTime: string) => {
    const payload = sample(restChat);
    const leg = (payload.participants as Raw[]).find((p) => p.id === restAgent)!;
    Object.assign(leg, { held: true, startHoldTime });
    return payload;
  };

  it('the hold ends when the same conversation arrives unheld: Genesys drops startHoldTime and never dates the end', () => {
    const hold = '2022-03-08T15:49:30.000Z';
    const { results, tracker, applied } = ingestAndReplay(onHold(hold), sample(restChat));
    expect(results[1]!.events.map((e) => [e.participantId, e.type, e.time])).toEqual([[restAgent, 'participant.holdEnded', hold]]);
    expect(results[1]!.findings).toContainEqual(expect.objectContaining({ kind: 'time-chosen', participantId: restAgent, fields: ['hold end'] }));
    expect(applied.every((r) => r.status === 'applied')).toBe(true);
    expect(tracker.participant(restConversation, restAgent)).toMatchObject({ state: 'connected', held: false });
    expect(tracker.participant(restConversation, restAgent)?.startHoldTime).toBeUndefined();
  });

  it('with receipt times, the end of the hold is dated when the unheld payload arrived', () => {
    const ingest = createGenesysIngest();
    expect(types(ingest.push(onHold('2022-03-08T15:49:30.000Z'), 1, '2022-03-08T15:49:31.000Z').events, restAgent)).toContain('participant.holdStarted');
    const ended = ingest.push(sample(restChat), 2, '2022-03-08T15:50:02.500Z');
    expect(ended.events.map((e) => [e.type, e.time])).toEqual([['participant.holdEnded', '2022-03-08T15:50:02.500Z']]);
    const late = createGenesysIngest();
    late.push(sample(restChat), 1, '2022-03-08T15:49:10.000Z');
    late.push(onHold('2022-03-08T15:49:30.000Z'), 2, '2022-03-08T15:49:31.000Z');
    expect(late.push(sample(restChat), 3, '2022-03-08T15:49:10.000Z').events).toEqual([]);
  });

  it('a held snapshot older than one that showed the participant unheld records the hold as over', () => {
    const held = chat(customer(), agent({ state: 'connected', connectedTime: T(20), held: true, startHoldTime: T(40) }));
    const later = chat(customer({ state: 'disconnected', endTime: T(70), disconnectType: 'peer' }), agent({ state: 'connected', connectedTime: T(20), held: false }));
    const { results, tracker, applied } = ingestAndReplay(later, held);
    expect(results[1]!.events.map((e) => [e.type, e.time])).toEqual([['participant.holdStarted', T(40)], ['participant.holdEnded', T(70)]]);
    expect(applied.every((r) => r.status === 'applied')).toBe(true);
    expect(tracker.participant('c1', 'agent')).toMatchObject({ state: 'connected', held: false });
  });
});

describe('arrival order changes nothing', () => {
  /** The conversations replayed from `ingest genesys` of the texts one after the other (as `cat a b | … ingest genesys -`). */
  async function replayedFrom(...texts: string[]) {
    const events: unknown[] = [];
    for await (const event of ingestGenesys(texts.join('\n'))) events.push(event);
    const tracker = createTracker();
    const results = tracker.load(events);
    return { conversations: tracker.conversations(), rejected: results.filter((r) => r.status === 'rejected') };
  }

  it('a users-topic notification (no startTime) and the REST conversation give the same state in either order', async () => {
    const notification = sampleText('chat-notification-users-conversations-chats-agent-disconnect-acw');
    const rest = sampleText('chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts');
    const restFirst = await replayedFrom(rest, notification);
    const notificationFirst = await replayedFrom(notification, rest);
    expect(notificationFirst).toEqual(restFirst);
    expect(restFirst.rejected).toEqual([]);
    const agent = restFirst.conversations[0]!.participants.find((p) => p.id === 'a47f27c1-3091-4bfe-a59d-d963df268043');
    expect(agent).toMatchObject({ startTime: '2022-03-08T15:47:47.597Z', endTime: '2022-03-08T15:48:17.797Z' });
  });
});

describe('times: from the participant itself, else chosen, never breaking the order', () => {
  it('a participant first seen already disconnected gets its history from its own timestamps', () => {
    const payload = sample('chat-rest-list-conversations-nested-chats');
    const { events } = ingestAndReplay(payload);
    const timedOut = events.filter((e) => e.participantId === 'a47f27c1-3091-4bfe-a59d-d963df268043');
    expect(timedOut.map((e) => [e.type, e.time, 'state' in e ? e.state : undefined])).toEqual([
      ['participant.added', '2022-03-08T15:47:47.597Z', 'offering'],
      ['participant.alerting', '2022-03-08T15:47:47.620Z', undefined],
      ['participant.disconnected', '2022-03-08T15:48:17.797Z', undefined],
    ]);
    const acw = sample('chat-notification-users-conversations-chats-agent-disconnect-acw');
    const agentEvents = ingestAndReplay(acw).events.filter((e) => e.participantId === 'd36875ce-1bb6-4ad7-8ff9-5af8e727bd88');
    expect(agentEvents.map((e) => [e.type, e.time])).toEqual([
      ['participant.added', '2022-03-08T15:49:04.274Z'],
      ['participant.disconnected', '2022-03-08T15:50:29.611Z'],
      ['participant.acwStarted', '2022-03-08T15:50:29.611Z'],
    ]);
  });

  it('a step the state proves without its time is dated by the next step, else the payload\'s latest time, and reported', () => {
    const { results, tracker } = ingestAndReplay(chat(
      customer({ connectedTime: T(5) }),
      agent({ state: 'connected', startTime: T(1) }),
      { id: 'a2', purpose: 'agent', state: 'disconnected', startTime: T(2), startAcwTime: T(30), held: false },
    ));
    expect(tracker.participant('c1', 'agent')).toMatchObject({ state: 'connected', connectedTime: T(30) });
    expect(tracker.participant('c1', 'a2')).toMatchObject({ state: 'disconnected', endTime: T(30), startAcwTime: T(30) });
    const chosen = results[0]!.findings.filter((f) => f.kind === 'time-chosen').map((f) => f.message);
    expect(chosen).toContain(`participant agent: connectedTime has no time in the payload; dated ${T(30)} (the latest time the payload carries)`);
    expect(chosen).toContain(`participant a2: endTime has no time in the payload; dated ${T(30)} (the time of its next step)`);
  });

  it('a participant without startTime waits; flush adds it at its earliest own time, and one nothing dates is not recorded', () => {
    const ingest = createGenesysIngest();
    expect(ingest.push(notification('chats', 'c9', { id: 'x', purpose: 'customer', state: 'alerting' })).events).toEqual([]);
    expect(ingest.push(notification('chats', 'c9', { id: 'x', purpose: 'customer', state: 'connected', connectedTime: T(3) })).events).toEqual([]);
    expect(ingest.push(notification('chats', 'c8', { id: 'y', purpose: 'customer', state: 'alerting' })).events).toEqual([]);
    expect(ingest.awaiting()).toEqual(['c9', 'c8']);
    const flushed = ingest.flush();
    expect(flushed.events.map((e) => [e.participantId, e.type, e.time])).toEqual([['x', 'participant.added', T(3)], ['x', 'participant.connected', T(3)]]);
    expect(flushed.findings).toContainEqual(expect.objectContaining({ kind: 'time-chosen', participantId: 'x', fields: ['startTime'] }));
    expect(flushed.findings).toContainEqual(expect.objectContaining({ kind: 'not-recorded', participantId: 'y', fields: ['startTime'] }));
  });

  it('a stated time before the participant\'s previous event is moved up to it and reported', () => {
    const ingest = createGenesysIngest();
    ingest.push(chat(customer({ endTime: T(50), state: 'disconnected', disconnectType: 'peer' }), agent({ state: 'alerting', startTime: T(50) })));
    const result = ingest.push(chat(customer({ endTime: T(50), state: 'disconnected', disconnectType: 'peer' }), agent({ state: 'connected', startTime: T(50), connectedTime: T(20) })));
    expect(result.events.map((e) => [e.type, e.time])).toEqual([['participant.connected', T(50)]]);
    expect(result.findings).toContainEqual(expect.objectContaining({
      kind: 'time-moved', message: `participant agent: connectedTime ${T(20)} is before its previous event at ${T(50)}; recorded at ${T(50)}`,
    }));
  });

  it('a late detail event changes nothing that its earlier-dated history already holds', () => {
    const start = sample('chat-eventbridge-detail-customer-start');
    const end = sample('chat-eventbridge-detail-customer-end');
    const endFirst = ingestAndReplay(end, start);
    const startFirst = ingestAndReplay(start, end);
    for (const run of [endFirst, startFirst]) expect(run.applied.every((r) => r.status === 'applied')).toBe(true);
    const pick = (p: Raw | undefined) => ({ state: p?.state, connectedTime: p?.connectedTime, endTime: p?.endTime, startTime: p?.startTime });
    const id = ['2f7bf00a-0fc2-4d6a-9b56-92238191433e', '9fb2ca78-8389-4758-b76a-9b0300de1fce'] as const;
    expect(pick(endFirst.tracker.participant(...id) as Raw)).toEqual(pick(startFirst.tracker.participant(...id) as Raw));
    expect(endFirst.results[0]!.events).toEqual([]);
    expect(endFirst.events.map((e) => e.id).sort()).toEqual(startFirst.events.map((e) => e.id).sort());
  });
});

describe('callbacks: scheduling and parking', () => {
  const callback = (extra: Raw): Raw => ({ id: 'cb', purpose: 'customer', held: false, callbackNumbers: ['+15550100000'], ...extra });

  it('a new callbackScheduledTime before connection is callback.scheduled; after it, participant.updated', () => {
    const ingest = createGenesysIngest();
    ingest.push(notification('callbacks', 'k1', callback({ state: 'scheduled', startTime: T(0), callbackScheduledTime: T(600) })));
    const moved = ingest.push(notification('callbacks', 'k1', callback({ state: 'scheduled', startTime: T(0), callbackScheduledTime: T(900) })));
    expect(moved.events.map((e) => e.type)).toEqual(['callback.scheduled']);
    ingest.push(notification('callbacks', 'k1', callback({ state: 'connected', startTime: T(0), connectedTime: T(901), callbackScheduledTime: T(900) })));
    const after = ingest.push(notification('callbacks', 'k1', callback({ state: 'connected', startTime: T(0), connectedTime: T(901), callbackScheduledTime: T(1200) })));
    expect(after.events.map((e) => e.type)).toEqual(['participant.updated']);
  });

  it('parkTime on a connected callback is parked then resumed; parking a chat is reported, not recorded', () => {
    const { tracker, applied } = ingestAndReplay(notification('callbacks', 'k2', callback({
      state: 'connected', startTime: T(0), connectedTime: T(10), parkTime: T(20), resumeTime: T(60),
    })));
    expect(applied.every((r) => r.status === 'applied')).toBe(true);
    expect(tracker.participant('k2', 'cb')).toMatchObject({ state: 'connected', parkTime: T(20), resumeTime: T(60) });
    const parkedChat = createGenesysIngest().push(chat(customer({ parkTime: T(20) })));
    expect(parkedChat.findings).toContainEqual(expect.objectContaining({ kind: 'inconsistent', fields: ['parkTime'] }));
    expect(parkedChat.events.map((e) => e.type)).toEqual(['participant.added']);
  });
});

describe('wrap-up and after-call work', () => {
  it('wrapup, startAcwTime and endAcwTime replay as the payload states them', () => {
    const wrapup = { code: 'wc-1', name: 'Resolved', notes: 'done', durationSeconds: 30, endTime: T(120) };
    const { tracker, applied } = ingestAndReplay(chat(customer(), agent({
      state: 'disconnected', startTime: T(1), connectedTime: T(5), endTime: T(90), disconnectType: 'client',
      startAcwTime: T(90), endAcwTime: T(125), wrapup,
    })));
    expect(applied.every((r) => r.status === 'applied')).toBe(true);
    expect(tracker.participant('c1', 'agent')).toMatchObject({ startAcwTime: T(90), endAcwTime: T(125), wrapup });
  });

  it('wrapupSkipped becomes participant.wrapupSkipped, dated by the end of after-call work', () => {
    const { tracker, events } = ingestAndReplay(chat(customer(), agent({
      state: 'disconnected', startTime: T(5), connectedTime: T(5), endTime: T(90), disconnectType: 'client', startAcwTime: T(90), endAcwTime: T(100), wrapupSkipped: true,
    })));
    expect(types(events)).toEqual(['participant.added', 'participant.disconnected', 'participant.acwStarted', 'participant.wrapupSkipped', 'participant.acwEnded']);
    expect(events.find((e) => e.type === 'participant.wrapupSkipped')?.time).toBe(T(100));
    expect(tracker.participant('c1', 'agent')).toMatchObject({ wrapupSkipped: true, endAcwTime: T(100) });
  });

  it('afterCallWork.state complete without a time ends after-call work at the payload\'s latest time', () => {
    const payload = sample('callback-notification-users-conversations-agent-disconnect-acw-pending');
    const last = ((payload.eventBody as Raw).participants as Raw[])[4]!;
    const callbackLeg = (last.callbacks as Raw[])[0]!;
    callbackLeg.afterCallWork = { state: 'complete', startTime: '2022-07-04T20:08:25.397Z' };
    const { tracker } = ingestAndReplay(payload);
    expect(tracker.participant('ffff-ffff-ffff-ffff', '5151853c-ca28-48da-bdcd-f15c46f0712e')).toMatchObject({
      startAcwTime: '2022-07-04T20:08:25.397Z', endAcwTime: '2022-07-04T20:08:25.397Z',
    });
  });
});

describe('nested participants', () => {
  it('a participant with several communications of the media: the last one is read, and that is reported', () => {
    const payload = sample('chat-rest-list-conversations-nested-chats');
    const conversation = (payload.entities as Raw[])[0]!;
    const first = (conversation.participants as Raw[])[0]!;
    first.chats = [{ state: 'disconnected', id: 'old', disconnectType: 'transfer', disconnectedTime: '2022-03-08T15:47:47.420Z' }, ...(first.chats as Raw[])];
    const { results, tracker } = ingestAndReplay(payload);
    expect(results[0]!.findings).toContainEqual(expect.objectContaining({ kind: 'not-recorded', fields: ['chats'], participantId: first.id }));
    expect(tracker.participant('1c1a063b-45bf-4719-9127-7bca923118c1', first.id as string)?.state).toBe('connected');
  });

  it('a payload of the other media about a known conversation is not recorded', () => {
    const ingest = createGenesysIngest();
    ingest.push(chat(customer()));
    const result = ingest.push(notification('callbacks', 'c1', { id: 'cb', purpose: 'customer', state: 'connected', connectedTime: T(1) }));
    expect(result.events).toEqual([]);
    expect(result.findings[0]).toMatchObject({ kind: 'not-recorded', fields: ['media'] });
  });
});
