import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { compareEventOrder } from '../../../src/events/lifecycle-rank.js';
import { createGenesysIngest, formatIngestReport, ingestGenesys, type PayloadResult } from '../../../src/ingest/index.js';
import { sample } from './samples.js';

const line = (name: string) => JSON.stringify(sample(name));
const NEWER = 'chat-notification-users-conversations-chats-agent-disconnect-acw';
const OLDER = 'chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts';

async function collect(run: AsyncIterable<TrackerEvent>): Promise<TrackerEvent[]> {
  const events: TrackerEvent[] = [];
  for await (const event of run) events.push(event);
  return events;
}

describe('ingestGenesys over a stream', () => {
  it('order time (default) hands out every event in time order; arrival hands out each payload\'s events as read', async () => {
    const text = `${line('chat-rest-list-chat-conversations')}\n${line(NEWER)}\n`;
    const byTime = await collect(ingestGenesys(text));
    const byArrival = await collect(ingestGenesys(text, { order: 'arrival' }));
    expect([...byTime].sort(compareEventOrder)).toEqual(byTime);
    expect(byArrival).not.toEqual(byTime);
    expect([...byArrival].sort(compareEventOrder)).toEqual(byTime);
  });

  it('each payload\'s result goes to onPayload with its line; input that is not JSON is in the report with its line', async () => {
    const seen: PayloadResult[] = [];
    const run = ingestGenesys(`{"topicName":"channel.metadata","eventBody":{}}\nthis is not json\n${line(NEWER)}\n`, { onPayload: (r) => seen.push(r) });
    await collect(run);
    expect(seen.map((r) => [r.payload, r.kind, r.outcome])).toEqual([[1, 'channel.metadata', 'skipped'], [2, 'v2.users.{id}.conversations.chats', 'ingested']]);
    expect(run.report().unreadable).toEqual([{ line: 2, message: 'not JSON: "this is not json"' }]);
    expect(formatIngestReport(run.report())).toContain('unreadable: line 2: not JSON: "this is not json"');
  });

  it('a session carried across inputs knows what earlier inputs said', async () => {
    const ingest = createGenesysIngest();
    const first = await collect(ingestGenesys(line(OLDER), { ingest }));
    const again = await collect(ingestGenesys(line(OLDER), { ingest }));
    const newer = await collect(ingestGenesys(line(NEWER), { ingest }));
    expect(first.length).toBe(11);
    expect(again).toEqual([]);
    expect(newer.map((e) => e.type)).toEqual(['participant.disconnected', 'participant.acwStarted']);
    expect(ingest.report()).toMatchObject({ payloads: 3, conversations: 1, participants: 5, events: 13 });
  });
});
