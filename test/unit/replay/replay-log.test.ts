import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InvalidInstantError } from '../../../src/errors/invalid-instant-error.js';
import { replayLog } from '../../../src/replay/replay-log.js';

const line = (o: object) => JSON.stringify(o);
const added = (id: string, pid: string, t = '2026-11-21T10:00:00.000Z', conversationId = 'c1') =>
  ({ id, type: 'participant.added', time: t, conversationId, participantId: pid, media: 'chat', purpose: 'agent' });
const connected = (id: string, pid: string, t: string) => ({ id, type: 'participant.connected', time: t, conversationId: 'c1', participantId: pid });

/** A log from text pieces, as chunks (so lines cross chunk boundaries). */
const chunks = (...pieces: (string | Buffer)[]) => Readable.from(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

describe('replayLog: every bad line is reported, every good line applied', () => {
  const good = [line(added('e1', 'a1')), line(connected('e2', 'a1', '2026-11-21T10:00:05.000Z'))];

  it.each([
    ['non-JSON', '{"id": nope}', 'not-json', /^not JSON: /],
    ['wrong field type', line({ ...added('x', 'a2'), alertingTimeoutMs: 'soon' }), 'invalid-event', /alertingTimeoutMs expected number/],
    ['unknown event type', line({ ...connected('x', 'a1', '2026-11-21T10:00:06Z'), type: 'participant.beamed' }), 'invalid-event', /^type must be one of/],
    ['time without zone', line(connected('x', 'a1', '2026-11-21T10:00:06')), 'invalid-event', /not an ISO-8601 time with a zone/],
    ['illegal transition', line({ ...connected('x', 'a1', '2026-11-21T10:00:06Z'), type: 'participant.acwEnded' }), 'illegal-transition', /not allowed for a chat participant in state connected/],
    ['second participant.added', line(added('x', 'a1', '2026-11-21T10:00:07Z')), 'participant-exists', /already added/],
    ['unknown participant', line(connected('x', 'ghost', '2026-11-21T10:00:06Z')), 'unknown-participant', /has not been added/],
    ['duplicate id with different content', line({ ...added('e1', 'a1'), name: 'other' }), 'conflicting-duplicate', /^event id e1 is taken by an applied event with different content$/],
    ['__proto__ as an attribute key with a non-string value', '{"id":"x","type":"participant.updated","time":"2026-11-21T10:00:06Z","conversationId":"c1","participantId":"a1","attributes":{"__proto__":{"x":1}}}', 'invalid-event', /attributes\.__proto__ must be a string/],
  ])('%s: reported with its line, event id and reason; the rest applied', async (_name, bad, reason, message) => {
    const result = await replayLog(chunks([good[0], bad, good[1]].join('\n') + '\n'));
    expect(result.rejections).toEqual([expect.objectContaining({ line: 2, reason, message: expect.stringMatching(message) })]);
    if (reason !== 'not-json') expect(result.rejections[0]!.eventId).toBe(JSON.parse(bad).id);
    expect(result.summary).toMatchObject({ linesRead: 3, applied: 2, duplicates: 0, rejected: 1 });
    expect(result.tracker.participant('c1', 'a1')).toMatchObject({ state: 'connected' });
  });

  it('a truncated last line is reported as such', async () => {
    const result = await replayLog(chunks(good.join('\n') + '\n{"id":"e3","type":"partic'));
    expect(result.rejections).toEqual([expect.objectContaining({ line: 3, reason: 'not-json', message: expect.stringMatching(/^truncated last line/) })]);
    expect(result.summary.applied).toBe(2);
  });

  it('a complete last line without a newline is applied', async () => {
    const result = await replayLog(chunks(good.join('\n')));
    expect(result.summary).toMatchObject({ linesRead: 2, applied: 2, rejected: 0 });
  });

  it('a huge line is capped, reported and skipped; lines across chunk boundaries are joined', async () => {
    const huge = `{"id":"big","pad":"${'x'.repeat(3000)}"}`;
    const text = [good[0], huge, good[1]].join('\n') + '\n';
    const pieces = text.match(/[\s\S]{1,700}/g)!;
    const result = await replayLog(chunks(...pieces), { maxLineBytes: 2048 });
    expect(result.rejections).toEqual([expect.objectContaining({ line: 2, reason: 'line-too-long', message: 'the line is longer than 2048 bytes; it was skipped' })]);
    expect(result.summary).toMatchObject({ applied: 2, rejected: 1 });
  });

  it('invalid UTF-8 is reported; valid multi-byte text split across chunks is kept', async () => {
    const named = Buffer.from(line({ ...added('e3', 'a3', '2026-11-21T10:00:01Z'), name: 'Zoë 😀' }) + '\n');
    const bad = Buffer.concat([Buffer.from('{"id":"bad","x":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    const result = await replayLog(chunks(good[0] + '\n', named.subarray(0, named.length - 8), named.subarray(named.length - 8), bad, good[1] + '\n'));
    expect(result.rejections).toEqual([expect.objectContaining({ line: 3, reason: 'invalid-utf8' })]);
    expect(result.tracker.participant('c1', 'a3')?.name).toBe('Zoë 😀');
    expect(result.summary.applied).toBe(3);
  });

  it('blank lines, CRLF and a byte-order mark are tolerated', async () => {
    const result = await replayLog(chunks('\ufeff' + good[0] + '\r\n\r\n   \n' + good[1] + '\r\n'));
    expect(result.summary).toMatchObject({ linesRead: 2, blankLines: 2, applied: 2, rejected: 0 });
    expect(result.rejections).toEqual([]);
  });

  it('exact duplicates are counted, not rejected', async () => {
    const result = await replayLog(chunks([good[0], good[0], good[1]].join('\n')));
    expect(result.summary).toMatchObject({ linesRead: 3, applied: 2, duplicates: 1, rejected: 0 });
  });

  it('a JSON array log is accepted; rejections give the element number', async () => {
    const result = await replayLog(chunks('[\n' + [good[0], '{"id":"x"}', good[1]].join(',\n') + '\n]'));
    expect(result.summary).toMatchObject({ linesRead: 3, applied: 2, rejected: 1 });
    expect(result.rejections[0]).toMatchObject({ line: 2, eventId: 'x', reason: 'invalid-event' });
  });

  it('lifecycle rejections follow event time, not arrival: a late connect makes an earlier-arrived hold legal', async () => {
    const hold = { id: 'h', type: 'participant.holdStarted', time: '2026-11-21T10:00:09.000Z', conversationId: 'c1', participantId: 'a1' };
    const result = await replayLog(chunks([good[0], line(hold), good[1]].join('\n')));
    expect(result.rejections).toEqual([]);
    expect(result.tracker.participant('c1', 'a1')).toMatchObject({ held: true });
  });

  it('the replayed tracker numbers standing rejections by line, and later inputs after the last line', async () => {
    const bad = { ...connected('x', 'a1', '2026-11-21T10:00:09Z'), type: 'participant.acwEnded' };
    const result = await replayLog(chunks([good[0], '', line(bad), good[1]].join('\n')));
    expect(result.rejections).toMatchObject([{ line: 3, eventId: 'x' }]);
    result.tracker.apply({ ...bad, id: 'y', time: '2026-11-21T10:00:10Z' });
    expect(result.tracker.rejections().map((r) => [r.seq, r.event.id])).toEqual([[3, 'x'], [5, 'y']]);
  });

  it('a rejected line re-sent corrected under the same id: the first is reported, the retry applied', async () => {
    const misrouted = connected('x', 'ghost', '2026-11-21T10:00:05Z');
    const result = await replayLog(chunks([good[0], line(misrouted), line({ ...misrouted, participantId: 'a1' })].join('\n')));
    expect(result.rejections).toEqual([expect.objectContaining({ line: 2, eventId: 'x', reason: 'unknown-participant' })]);
    expect(result.summary).toMatchObject({ linesRead: 3, applied: 2, duplicates: 0, rejected: 1 });
    expect(result.tracker.participant('c1', 'a1')).toMatchObject({ state: 'connected' });
  });

  it('strict stops at the first rejected line', async () => {
    const result = await replayLog(chunks([good[0], 'oops', good[1]].join('\n')), { strict: true });
    expect(result.summary).toMatchObject({ linesRead: 2, applied: 1, rejected: 1, stoppedEarly: true });
  });

  it('strict stops at a late line that makes an earlier line a rejection, and reports that earlier line', async () => {
    const hold = { id: 'h', type: 'participant.holdStarted', time: '2026-11-21T10:00:09.000Z', conversationId: 'c1', participantId: 'a1' };
    const disconnected = { id: 'd', type: 'participant.disconnected', time: '2026-11-21T10:00:07.000Z', conversationId: 'c1', participantId: 'a1' };
    const later = added('e9', 'a9', '2026-11-21T10:00:10Z');
    const result = await replayLog(chunks([good[0], good[1], line(hold), line(disconnected), line(later)].join('\n')), { strict: true });
    expect(result.rejections).toEqual([
      { line: 3, eventId: 'h', reason: 'illegal-transition', field: 'type', message: expect.stringMatching(/^participant.holdStarted is not allowed/) },
    ]);
    expect(result.summary).toMatchObject({ linesRead: 4, applied: 3, rejected: 1, stoppedEarly: true });
  });

  it('at: snapshots as of an instant leave out later conversations and participants', async () => {
    const later = line(added('e9', 'z9', '2026-11-21T11:00:00Z', 'c2'));
    const result = await replayLog(chunks([...good, later].join('\n')), { at: '2026-11-21T10:00:01Z' });
    expect(result.snapshots()).toEqual([{ id: 'c1', media: 'chat', participants: [expect.objectContaining({ id: 'a1', state: 'alerting' })] }]);
  });

  it('at: an instant that is not one is an InvalidInstantError before anything is read', async () => {
    let pulled = false;
    const source = (async function* () {
      pulled = true;
      yield Buffer.from(line(added('e1', 'a1')));
    })();
    await expect(replayLog(source, { at: '2026-11-21T10:20:35' })).rejects.toThrow(
      new InvalidInstantError('"2026-11-21T10:20:35" is not an ISO-8601 time with a zone (e.g. 2026-11-21T10:00:00.000Z)'),
    );
    await expect(replayLog(chunks(line(added('e1', 'a1'))), { at: 1e20 })).rejects.toThrow(InvalidInstantError);
    await expect(replayLog(chunks(line(added('e1', 'a1'))), { at: null as never })).rejects.toThrow(InvalidInstantError);
    expect(pulled).toBe(false);
  });

  it('keys such as __proto__ and constructor stay data', async () => {
    const text = [
      '{"id":"__proto__","type":"participant.added","time":"2026-11-21T10:00:00Z","conversationId":"constructor","participantId":"__proto__","media":"chat","purpose":"agent","attributes":{"__proto__":"p","constructor":"c"}}',
    ].join('\n');
    const result = await replayLog(chunks(text));
    expect(result.summary.applied).toBe(1);
    const p = result.tracker.participant('constructor', '__proto__')!;
    expect(p.id).toBe('__proto__');
    expect(result.tracker.conversations().map((c) => c.id)).toEqual(['constructor']);
    expect(Object.keys(p.attributes!)).toEqual(['__proto__', 'constructor']);
    // Both are the attribute values, own data properties: neither a prototype nor Object's constructor.
    expect(Object.getOwnPropertyDescriptor(p.attributes, '__proto__')?.value).toBe('p');
    expect(Object.getOwnPropertyDescriptor(p.attributes, 'constructor')?.value).toBe('c');
    expect(result.tracker.history('constructor').map((e) => e.id)).toEqual(['__proto__']);
    expect(Object.prototype).not.toHaveProperty('p');
  });
});

describe('readLog', () => {
  it('counts blank lines in whitespace-only leading chunks and numbers lines after them', async () => {
    const { readLog } = await import('../../../src/replay/read-log.js');
    const seen: number[] = [];
    const summary = await readLog(chunks('\n\n', '  \n', '{"a":1}\n', '{"b"'), (l) => void seen.push(l.line));
    expect(seen).toEqual([4, 5]);
    expect(summary).toMatchObject({ lines: 2, blankLines: 3 });
  });
});
