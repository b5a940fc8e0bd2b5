import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/metrics/compute-metrics.js';
import { replayLog } from '../../../src/replay/replay-log.js';
import { testService, jsonl, type TestService } from '../../support/service.js';

const LOG = 'examples/contact-center.jsonl';
const lines = readFileSync(LOG, 'utf8');
const AT = '2026-11-21T10:05:00.000Z';

describe('serve API over a log posted to /api/events', () => {
  let t: TestService;
  let posted: { lines: number; applied: number; duplicates: number; rejected: number; results: { line: number; status: string }[] };
  beforeAll(async () => {
    t = await testService();
    const response = await t.api('/api/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines });
    expect(response.status).toBe(200);
    posted = (await response.json()) as typeof posted;
  });
  afterAll(() => t.stop());

  it('POST /api/events answers one result per line, with the counts validate gives', async () => {
    const { summary } = await replayLog(LOG);
    expect(posted).toMatchObject({ lines: summary.linesRead, applied: summary.applied, duplicates: summary.duplicates, rejected: summary.rejected });
    expect(posted.results.map((r) => r.line)).toEqual(Array.from({ length: summary.linesRead }, (_, i) => i + 1));
  });

  it('a second POST of the same lines is all duplicates', async () => {
    const again = (await (await t.api('/api/events', { method: 'POST', body: lines })).json()) as typeof posted;
    expect(again).toMatchObject({ applied: 0, duplicates: posted.applied + posted.duplicates });
  });

  it('GET /api/conversations equals the snapshots replay prints, now and ?at=', async () => {
    const now = await replayLog(LOG);
    expect(await (await t.api('/api/conversations')).json()).toEqual(now.snapshots());
    const past = await replayLog(LOG, { at: AT });
    expect(await (await t.api(`/api/conversations?at=${AT}`)).json()).toEqual(past.snapshots());
  });

  it('?active=true gives only the conversations under way', async () => {
    const { tracker } = await replayLog(LOG);
    const ids = (body: unknown) => (body as { id: string }[]).map((c) => c.id).sort();
    expect(ids(await (await t.api('/api/conversations?active=true')).json())).toEqual(ids(tracker.active()));
    expect(ids(await (await t.api(`/api/conversations?active=true&at=${AT}`)).json())).toEqual(ids(tracker.at(AT).active()));
  });

  it('pages: limit and offset, with a Link to the next page', async () => {
    const all = (await (await t.api('/api/conversations')).json()) as unknown[];
    const first = await t.api('/api/conversations?limit=1');
    expect(await first.json()).toEqual(all.slice(0, 1));
    expect(first.headers.get('link')).toBe('</api/conversations?limit=1&offset=1>; rel="next"');
    const last = await t.api(`/api/conversations?limit=1&offset=${all.length - 1}`);
    expect(await last.json()).toEqual(all.slice(-1));
    expect(last.headers.get('link')).toBeNull();
  });

  it('GET /api/conversations/:id and its history; an unknown id is a 404 that names it', async () => {
    const { tracker } = await replayLog(LOG);
    const [first] = tracker.conversations();
    expect(await (await t.api(`/api/conversations/${first!.id}`)).json()).toEqual(first);
    expect(await (await t.api(`/api/conversations/${first!.id}/history`)).json()).toEqual(tracker.history(first!.id));
    const missing = await t.api('/api/conversations/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not-found', message: 'no conversation "nope"' });
    expect((await t.api('/api/conversations/nope/history')).status).toBe(404);
  });

  it('GET /api/metrics equals computeMetrics from the start of the day: live, ?at=, ?interval= and ?sla=', async () => {
    const { tracker } = await replayLog(LOG);
    const latest = tracker.latestTime()!;
    const day = `${latest.slice(0, 10)}T00:00:00.000Z`;
    expect(await (await t.api('/api/metrics')).json()).toEqual(computeMetrics(tracker, { at: latest, from: day }));
    expect(await (await t.api(`/api/metrics?at=${AT}`)).json()).toEqual(computeMetrics(tracker, { at: AT, from: day }));
    expect(await (await t.api('/api/metrics?interval=15m&sla=10s')).json())
      .toEqual(computeMetrics(tracker, { at: latest, from: day, intervalMs: 15 * 60_000, serviceLevelMs: 10_000 }));
    expect(await (await t.api(`/api/metrics?from=${AT}`)).json()).toEqual(computeMetrics(tracker, { at: latest, from: AT }));
  });

  it('a bad query is a 400 that says what is wrong, never a stack', async () => {
    for (const [path, text] of [
      ['/api/conversations?at=yesterday', 'yesterday'],
      ['/api/metrics?at=2026-02-30T10:00:00Z', '2026-02-30'],
      ['/api/metrics?interval=0s', 'interval'],
      ['/api/conversations?limit=0', 'limit'],
      ['/api/conversations?color=red', 'color'],
    ] as const) {
      const response = await t.api(path);
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { error: string; message: string };
      expect(body.message, path).toContain(text);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/);
    }
  });

  it('an unknown route is a JSON 404', async () => {
    const response = await t.api('/api/nothing');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not-found', message: 'no route GET /api/nothing' });
  });

  it('GET /openapi.json documents every route', async () => {
    const document = (await (await t.api('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/conversations', '/api/conversations/{id}', '/api/conversations/{id}/history', '/api/events', '/api/metrics', '/api/stream', '/healthz',
    ]);
  });

  it('GET /healthz: ready, the latest event, and each source', async () => {
    const health = (await (await t.api('/healthz')).json()) as { ready: boolean; lastEventTime: string; sources: { name: string; state: string; events: number }[] };
    const { tracker } = await replayLog(LOG);
    expect(health).toMatchObject({ ready: true, lastEventTime: tracker.latestTime() });
    expect(health.sources).toEqual([expect.objectContaining({ name: 'http', state: 'running', events: 2 * posted.lines })]);
  });
});

describe('POST /api/events: bad input costs only itself', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await testService({ bodyLimitBytes: 4096 });
  });
  afterAll(() => t.stop());

  const event = (n: number, extra: Record<string, unknown> = {}) => ({
    id: `x${n}`, type: 'participant.added', time: new Date(Date.UTC(2026, 10, 21, 9, 0, n)).toISOString(), conversationId: `c${n}`,
    participantId: 'p1', media: 'chat', purpose: 'customer', ...extra,
  });

  it('each bad line is rejected with its line number and reason; the good ones are applied', async () => {
    const body = `${JSON.stringify(event(1))}\nnot json\n${JSON.stringify({ ...event(2), time: 'later' })}\n\n${JSON.stringify(event(3))}\n`;
    const answer = (await (await t.api('/api/events', { method: 'POST', body })).json()) as { results: unknown[] };
    expect(answer).toMatchObject({ lines: 4, applied: 2, duplicates: 0, rejected: 2 });
    expect(answer.results).toEqual([
      { line: 1, status: 'applied', eventId: 'x1' },
      { line: 2, status: 'rejected', reason: 'not-json', message: expect.any(String) },
      { line: 3, status: 'rejected', eventId: 'x2', reason: 'invalid-event', field: 'time', message: expect.any(String) },
      { line: 5, status: 'applied', eventId: 'x3' },
    ]);
  });

  it('a JSON array body is read element by element', async () => {
    const answer = await (await t.api('/api/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([event(4), event(5)]) })).json();
    expect(answer).toMatchObject({ lines: 2, applied: 2 });
  });

  it('untrusted keys never reach a prototype', async () => {
    const body = `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},${JSON.stringify(event(6)).slice(1)}\n`;
    await t.api('/api/events', { method: 'POST', body });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a body declared over the limit is refused at once (413), nothing applied', async () => {
    const response = await t.api('/api/events', { method: 'POST', body: 'x'.repeat(5000) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'body-too-large' });
  });

  it('a streamed body that passes the limit: 413, and the lines before it stay applied', async () => {
    const events = Array.from({ length: 60 }, (_, i) => event(100 + i));
    const chunks = jsonl(events);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(chunks));
        controller.close();
      },
    });
    const response = await t.api('/api/events', { method: 'POST', body, duplex: 'half' });
    expect(response.status).toBe(413);
    const answer = (await response.json()) as { applied: number; results: { status: string; eventId: string }[] };
    expect(answer.applied).toBeGreaterThan(0);
    expect(answer.applied).toBeLessThan(60);
    const applied = answer.results.filter((r) => r.status === 'applied');
    expect(applied).toHaveLength(answer.applied);
    for (const { eventId } of applied) {
      const id = `c${eventId.slice(1)}`;
      expect((await t.api(`/api/conversations/${id}`)).status).toBe(200);
    }
  });
});

describe('live metrics follow every applied event', () => {
  it('a late hold inside a leg that already ended changes the hold time the live report gives', async () => {
    const t = await testService();
    try {
      const at = (s: number) => new Date(Date.UTC(2026, 10, 21, 9, 0, s)).toISOString();
      const agent = { conversationId: 'c1', participantId: 'a1' };
      const post = (events: unknown[]) => t.api('/api/events', { method: 'POST', body: jsonl(events) });
      await post([
        { id: 'e1', type: 'participant.added', time: at(0), ...agent, media: 'chat', purpose: 'agent', queue: { id: 'q1', name: 'Q' } },
        { id: 'e2', type: 'participant.connected', time: at(5), ...agent },
        { id: 'e3', type: 'participant.disconnected', time: at(60), ...agent },
      ]);
      const before = (await (await t.api('/api/metrics')).json()) as { overall: { total: { holds: number } } };
      expect(before.overall.total.holds).toBe(0);
      await post([
        { id: 'e4', type: 'participant.holdStarted', time: at(10), ...agent },
        { id: 'e5', type: 'participant.holdEnded', time: at(20), ...agent },
      ]);
      const after = (await (await t.api('/api/metrics')).json()) as { overall: { total: { holds: number; averageHoldMs: number } } };
      expect(after.overall.total).toMatchObject({ holds: 1, averageHoldMs: 10_000 });
    } finally {
      await t.stop();
    }
  });
});
