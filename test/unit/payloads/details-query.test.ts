import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../../src/errors/invalid-option-error.js';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { createGenesysArchive, detailsQueryResponse, parseInterval, type AnalyticsConversation } from '../../../src/payloads/index.js';
import { renderDay } from './rendered-day.js';

/** A record with one participant and one segment from `start` to `end` (open when absent). */
const record = (id: string, start: string, end?: string): AnalyticsConversation => ({
  conversationId: id,
  conversationStart: start,
  ...(end === undefined ? {} : { conversationEnd: end }),
  participants: [{ participantId: `${id}-p`, sessions: [{ mediaType: 'chat', sessionId: `${id}-s`, segments: [{ segmentStart: start, ...(end === undefined ? {} : { segmentEnd: end }), segmentType: 'interact' }] }] }],
});

describe('detailsQueryResponse: Genesys\' interval rule', () => {
  const records = [
    record('yesterday-still-open', '2026-11-20T23:50:00.000Z'),
    record('early-same-day-ended', '2026-11-21T07:00:00.000Z', '2026-11-21T07:30:00.000Z'),
    record('early-same-day-overlapping', '2026-11-21T07:50:00.000Z', '2026-11-21T08:10:00.000Z'),
    record('in-interval', '2026-11-21T08:30:00.000Z', '2026-11-21T08:40:00.000Z'),
    record('in-interval-open', '2026-11-21T08:59:59.999Z'),
    record('at-the-end', '2026-11-21T09:00:00.000Z', '2026-11-21T09:05:00.000Z'),
    record('ends-at-the-start', '2026-11-21T07:55:00.000Z', '2026-11-21T08:00:00.000Z'),
  ];
  const ids = (body: Parameters<typeof detailsQueryResponse>[1]) => detailsQueryResponse(records, body).conversations!.map((c) => c.conversationId);

  it('a conversation that started on a day the interval touches, and started, ended or was active in it [start, end)', () => {
    expect(ids({ interval: '2026-11-21T08:00:00Z/2026-11-21T09:00:00Z' })).toEqual([
      'early-same-day-overlapping', 'ends-at-the-start', 'in-interval', 'in-interval-open',
    ]);
    // The day before is not searched, even for a conversation still open in the interval.
    expect(ids({ interval: '2026-11-20T23:00:00Z/2026-11-21T09:00:00Z' })).toContain('yesterday-still-open');
    expect(ids({ interval: '2026-11-21T08:00:00+01:00/2026-11-21T08:00:00Z' })).toEqual(['early-same-day-ended', 'early-same-day-overlapping', 'ends-at-the-start']);
  });

  it('orders by conversationStart (asc by default, desc on request), then id; pages of 25 by default; totalHits before paging', () => {
    const many = Array.from({ length: 60 }, (_, i) => record(`c${String(i).padStart(2, '0')}`, `2026-11-21T08:${String(i).padStart(2, '0')}:00.000Z`, '2026-11-21T10:00:00.000Z'));
    const interval = '2026-11-21T08:00:00Z/2026-11-21T09:00:00Z';
    const first = detailsQueryResponse(many, { interval });
    expect(first.totalHits).toBe(60);
    expect(first.conversations!.map((c) => c.conversationId)).toEqual(many.slice(0, 25).map((c) => c.conversationId));
    const third = detailsQueryResponse(many, { interval, paging: { pageSize: 25, pageNumber: 3 } });
    expect(third.conversations!.map((c) => c.conversationId)).toEqual(many.slice(50).map((c) => c.conversationId));
    expect(detailsQueryResponse(many, { interval, paging: { pageSize: 25, pageNumber: 4 } })).toEqual({ totalHits: 60 });
    const desc = detailsQueryResponse(many, { interval, order: 'desc', paging: { pageSize: 2, pageNumber: 1 } });
    expect(desc.conversations!.map((c) => c.conversationId)).toEqual(['c59', 'c58']);
    const pages = [1, 2, 3, 4, 5, 6, 7].flatMap((pageNumber) => detailsQueryResponse(many, { interval, paging: { pageSize: 9, pageNumber } }).conversations ?? []);
    expect(pages.map((c) => c.conversationId)).toEqual(many.map((c) => c.conversationId));
    const ties = [record('b', '2026-11-21T08:00:00.000Z'), record('a', '2026-11-21T08:00:00.000Z')];
    expect(detailsQueryResponse(ties, { interval }).conversations!.map((c) => c.conversationId)).toEqual(['a', 'b']);
    expect(detailsQueryResponse(records, { interval, orderBy: 'segmentEnd' }).conversations!.map((c) => c.conversationId)).toEqual([
      'ends-at-the-start', 'early-same-day-overlapping', 'in-interval', 'in-interval-open',
    ]);
  });

  it('refuses what Genesys answers 400 to, naming it', () => {
    const bad: [unknown, RegExp][] = [
      [{}, /interval is required/],
      [{ interval: '2026-11-21T08:00:00Z' }, /not "start\/end"/],
      [{ interval: '2026-11-21T08:00:00/2026-11-21T09:00:00Z' }, /interval start/],
      [{ interval: '2026-11-21T09:00:00Z/2026-11-21T08:00:00Z' }, /not after its start/],
      [{ interval: '2026-11-21T08:00:00Z/2026-11-21T09:00:00Z', paging: { pageSize: 0, pageNumber: 1 } }, /paging.pageSize/],
      [{ interval: '2026-11-21T08:00:00Z/2026-11-21T09:00:00Z', paging: { pageSize: 5, pageNumber: 1.5 } }, /paging.pageNumber/],
      [{ interval: '2026-11-21T08:00:00Z/2026-11-21T09:00:00Z', order: 'up' }, /order must be/],
      [{ interval: '2026-11-21T08:00:00Z/2026-11-21T09:00:00Z', orderBy: 'queueId' }, /orderBy must be/],
      [{ interval: '2026-11-21T08:00:00Z/2026-11-21T09:00:00Z', segmentFilters: [{ type: 'and' }] }, /segmentFilters are not supported/],
    ];
    for (const [body, message] of bad) expect(() => detailsQueryResponse(records, body as never)).toThrow(message);
    expect(() => parseInterval(7)).toThrow(InvalidOptionError);
    expect(detailsQueryResponse(records, { interval: '2026-11-21T08:00:00Z/2026-11-21T09:00:00Z', segmentFilters: [] }).totalHits).toBe(4);
  });
});

describe('createGenesysArchive', () => {
  const day = renderDay();
  const { archive, replay } = day;

  it('a details query of the simulated hour holds every conversation, each equal to the archive\'s record, paged in conversationStart order', () => {
    const interval = '2026-11-21T08:00:00Z/2026-11-21T09:00:00Z';
    const all = archive.detailsQuery({ interval, paging: { pageSize: 1000, pageNumber: 1 } });
    expect(all.totalHits).toBe(replay.conversations().length);
    const starts = all.conversations!.map((c) => c.conversationStart);
    expect(starts).toEqual([...starts].sort());
    expect(all.conversations![0]).toEqual(archive.analytics(all.conversations![0]!.conversationId));
    const paged = [1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((pageNumber) => archive.detailsQuery({ interval, paging: { pageSize: 25, pageNumber } }).conversations ?? []);
    expect(paged).toEqual(all.conversations);
    // The next day is another day: nothing started on it.
    expect(archive.detailsQuery({ interval: '2026-11-22T00:00:00Z/2026-11-22T01:00:00Z' })).toEqual({ totalHits: 0 });
    // From 08:30 on: the ones still active then are included with those that started later.
    const later = archive.detailsQuery({ interval: '2026-11-21T08:30:00Z/2026-11-21T09:00:00Z', paging: { pageSize: 1000, pageNumber: 1 } });
    const startedLater = all.conversations!.filter((c) => c.conversationStart >= '2026-11-21T08:30:00.000Z').length;
    expect(later.totalHits).toBeGreaterThan(startedLater);
    expect(later.totalHits).toBeLessThan(all.totalHits);
  });

  it('conversation(media, id, at) is the REST body as of `at`; undefined before it began, for another media, for an unknown id', () => {
    const chat = replay.conversations().find((c) => c.media === 'chat')!;
    const start = chat.participants[0]!.startTime!;
    const end = replay.history(chat.id).at(-1)!.time;
    expect(archive.conversation('chat', chat.id)?.participants).toEqual(JSON.parse(JSON.stringify(archive.conversation('chat', chat.id, end)!.participants)));
    expect(archive.conversation('chat', chat.id, new Date(Date.parse(start) - 1))).toBeUndefined();
    expect(archive.conversation('callback', chat.id)).toBeUndefined();
    expect(archive.conversation('chat', 'nobody')).toBeUndefined();
    const early = archive.conversation('chat', chat.id, start)!;
    expect(early.participants.length).toBeLessThanOrEqual(chat.participants.length);
    expect(early.participants[0]).toMatchObject({ state: 'connected' });
    expect(early.participants[0]).not.toHaveProperty('endTime');
  });

  it('conversationsActiveAt lists the conversations under way', () => {
    const noon = archive.conversationsActiveAt('2026-11-21T08:30:00Z');
    expect(noon.length).toBeGreaterThan(0);
    expect(noon).toEqual(replay.at('2026-11-21T08:30:00Z').active().map((c) => c.id));
    expect(archive.conversationsActiveAt('2026-11-21T07:00:00Z')).toEqual([]);
    expect(archive.conversationsActiveAt('2026-11-22T07:00:00Z')).toEqual([]);
  });

  it('add places a late event in event-time order and refuses what the lifecycle does not allow', () => {
    const small = createGenesysArchive();
    const base = { conversationId: 'c1', participantId: 'p1' };
    expect(small.add({ ...base, id: 'e2', type: 'participant.connected', time: '2026-11-21T10:00:05.000Z' }).status).toBe('rejected');
    expect(small.add({ ...base, id: 'e1', type: 'participant.added', time: '2026-11-21T10:00:00.000Z', media: 'chat', purpose: 'agent' } satisfies Partial<TrackerEvent>).status).toBe('applied');
    expect(small.conversation('chat', 'c1')!.participants[0]).toMatchObject({ state: 'connected', connectedTime: '2026-11-21T10:00:05.000Z' });
  });
});
