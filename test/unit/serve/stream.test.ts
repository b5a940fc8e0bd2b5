import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveMetrics } from '../../../src/metrics/live-metrics.js';
import { floorTime } from '../../../src/serve/floor-clock.js';
import { applyConversationDelta } from '../../../src/serve/conversation-delta.js';
import { FloorFeed, type FeedFrame } from '../../../src/serve/floor-feed.js';
import type { FloorFrame, Health } from '../../../src/serve/floor-frame.js';
import { StreamClient } from '../../../src/serve/stream-client.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { addChatAgent, ev } from '../../support/tracker-fixtures.js';
import { iso } from '../../support/walks.js';
import { jsonl, openStream, testService, type StreamReader, type TestService } from '../../support/service.js';

const frameOf = (data: string) => JSON.parse(data) as FloorFrame;
const ids = (frame: FloorFrame) => frame.conversations.map((c) => c.id).sort();

const added = (conversationId: string, n: number) => ({ ...addChatAgent('a1', n * 1000), id: `${conversationId}-add`, conversationId });

describe('GET /api/stream', () => {
  let t: TestService;
  const streams: StreamReader[] = [];
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await t.stop();
  });
  const open = async (headers: Record<string, string> = {}) => {
    const stream = await openStream(t.service.url, headers);
    streams.push(stream);
    return stream;
  };
  const post = (events: unknown[]) => t.api('/api/events', { method: 'POST', body: jsonl(events) });

  it('sends the whole floor on connect, then each change, coalesced, with metrics and health', async () => {
    t = await testService({ pushIntervalMs: 100 });
    await post([added('c1', 1)]);
    const stream = await open();
    const state = await stream.next();
    expect(state.event).toBe('state');
    expect(ids(frameOf(state.data))).toEqual(['c1']);
    expect(frameOf(state.data).health.ready).toBe(true);

    await post([added('c2', 2), ev('participant.connected', 'a1', 3000, { id: 'c2-connect', conversationId: 'c2' })]);
    const changes = await stream.next((m) => m.event === 'changes' && frameOf(m.data).conversations.length > 0);
    const frame = frameOf(changes.data);
    expect(ids(frame)).toEqual(['c2']);
    expect(frame.conversations[0]!.participants[0]).toMatchObject({ state: 'connected' });
    expect(frame.metrics.overall.observations.interacting).toBe(1);
    expect(frame.at).toBe(iso(3000));
  });

  it('a change sends the participants that changed; the others are { id } stubs that applyConversationDelta fills in', async () => {
    t = await testService({ pushIntervalMs: 50 });
    const customer = { ...addChatAgent('cust', 500), id: 'c1-cust', conversationId: 'c1', purpose: 'customer' };
    await post([customer, added('c1', 1)]);
    const stream = await open();
    const state = frameOf((await stream.next()).data);
    await post([ev('participant.connected', 'a1', 2000, { id: 'c1-con', conversationId: 'c1' })]);
    const delta = frameOf((await stream.next((m) => m.event === 'changes' && ids(frameOf(m.data)).includes('c1'))).data).conversations[0]!;
    expect(delta.participants).toEqual([{ id: 'cust' }, expect.objectContaining({ id: 'a1', state: 'connected' })]);
    const whole = applyConversationDelta(state.conversations[0], delta);
    expect(whole).toEqual(await (await t.api('/api/conversations/c1')).json());
  });

  it('a conversation that finishes is listed in finished', async () => {
    t = await testService({ pushIntervalMs: 50 });
    await post([added('c1', 1), ev('participant.connected', 'a1', 2000, { id: 'c1-con', conversationId: 'c1' })]);
    const stream = await open();
    await stream.next();
    await post([ev('participant.disconnected', 'a1', 3000, { id: 'c1-dis', conversationId: 'c1' })]);
    const changes = await stream.next((m) => m.event === 'changes' && frameOf(m.data).finished.length > 0);
    expect(frameOf(changes.data).finished).toEqual(['c1']);
    expect(frameOf(changes.data).conversations).toEqual([]);
    expect(await (await t.api('/api/conversations?active=true')).json()).toEqual([]);
  });

  it('Last-Event-ID resumes: only what was missed, merged into one frame; an unknown id gets the whole state', async () => {
    t = await testService({ pushIntervalMs: 50 });
    const first = await open();
    const state = await first.next();
    await post([added('c1', 1)]);
    const seen = await first.next((m) => m.event === 'changes' && ids(frameOf(m.data)).includes('c1'));
    first.close();
    const watcher = await open();
    await watcher.next();
    await post([added('c2', 2)]);
    await watcher.next((m) => ids(frameOf(m.data)).includes('c2'));
    await post([added('c3', 3)]);
    await watcher.next((m) => ids(frameOf(m.data)).includes('c3'));

    const resumed = await open({ 'last-event-id': seen.id });
    const missed = await resumed.next();
    expect(missed.event).toBe('changes');
    expect(ids(frameOf(missed.data))).toEqual(['c2', 'c3']);

    const fresh = await open({ 'last-event-id': `another-process.${state.id.split('.')[1]}` });
    const whole = await fresh.next();
    expect(whole.event).toBe('state');
    expect(ids(frameOf(whole.data))).toEqual(['c1', 'c2', 'c3']);
  });
});

describe('StreamClient: a slow client never holds up the others', () => {
  const health = (): Health => ({ ready: true, lastEventTime: null, lastEventAgeMs: null, lagMs: null, sources: [], clients: 0, memory: { rssBytes: 0, heapUsedBytes: 0 } });
  let feed: FloorFeed;
  afterEach(() => feed.close());

  /** A socket that takes what it is given, or one that never sends anything (a stalled client). */
  const socket = (stalled: boolean) => {
    const written: Buffer[] = [];
    const stream = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        written.push(chunk);
        if (!stalled) callback();
      },
    });
    return { stream, written };
  };

  it('a stalled client is let go after stallMs while a live one gets every change; the tracker is never held up', async () => {
    const tracker = createTracker();
    feed = new FloorFeed({ tracker, metrics: createLiveMetrics(tracker), clock: floorTime(), health, pushIntervalMs: 10 });
    const live = socket(false);
    const stalled = socket(true);
    const letGo: string[] = [];
    const liveClient = new StreamClient(feed, live.stream, undefined, () => letGo.push('live'));
    const stalledClient = new StreamClient(feed, stalled.stream, undefined, (why) => letGo.push(why), { stallMs: 200 });
    for (let i = 0; i < 40; i++) {
      tracker.apply(added(`c${i}`, i));
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(letGo).toEqual(['stalled for more than 200 ms']);
    const text = Buffer.concat(live.written).toString();
    expect(text).toContain('"c39"');
    // The stalled socket got the state and at most one frame past its high-water mark, never a queue of frames.
    expect(stalled.written.length).toBeLessThanOrEqual(2);
    liveClient.close();
    stalledClient.close();
  });

  it('with no client listening, the live metrics still take in each change (they would grow without bound)', async () => {
    const tracker = createTracker();
    const live = createLiveMetrics(tracker);
    let reports = 0;
    feed = new FloorFeed({ tracker, metrics: { changed: (id) => live.changed(id), report: (at) => (reports++, live.report(at)) }, clock: floorTime(), health, pushIntervalMs: 5 });
    tracker.apply(added('c1', 1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reports).toBe(1);
  });

  it('a client that fell behind gets what it missed in one frame', async () => {
    const tracker = createTracker();
    feed = new FloorFeed({ tracker, metrics: createLiveMetrics(tracker), clock: floorTime(), health, pushIntervalMs: 5 });
    const frames: FeedFrame[] = [];
    feed.listen((frame) => frames.push(frame));
    for (const [id, n] of [['c1', 1], ['c2', 2], ['c3', 3]] as const) {
      tracker.apply(added(id, n));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    expect(frames.map((f) => ids(f.frame))).toEqual([['c1'], ['c2'], ['c3']]);
    const missed = feed.since(frames[0]!.id)!;
    expect(missed.event).toBe('changes');
    expect(missed.seq).toBe(3);
    expect(ids(missed.frame)).toEqual(['c2', 'c3']);
    expect(feed.since(frames[2]!.id)).toBeUndefined();
    expect(feed.since('nonsense')!.event).toBe('state');
  });
});
