import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { recognizePayload } from '../../src/ingest/index.js';

// Runs the built CLI (`npm run build` first, as `npm test` does).
const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const DAY = ['--seed', '7', '--start', '2026-11-21T08:00:00Z', '--duration', '1h', '--media', 'mixed'];
const lines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('participant-tracker simulate --format genesys', () => {
  const genesys = cli(['simulate', ...DAY, '--format', 'genesys']);
  const v1 = cli(['simulate', ...DAY]);

  it('writes the queue notifications in time order, then each conversation\'s REST body, then one details query result; the same bytes every run', () => {
    expect(genesys).toMatchObject({ code: 0, err: '' });
    expect(cli(['simulate', ...DAY, '--format', 'genesys']).out).toBe(genesys.out);
    const payloads = lines(genesys.out);
    const kinds = payloads.map((p) => recognizePayload(p).kind);
    const firstRest = kinds.findIndex((k) => !k.startsWith('v2.routing.queues.'));
    expect(firstRest).toBeGreaterThan(500);
    expect(kinds.slice(0, firstRest).every((k) => /^v2\.routing\.queues\.\{id\}\.conversations\.(chats|callbacks)$/.test(k))).toBe(true);
    const conversations = new Set(lines(v1.out).map((e) => e.conversationId));
    expect(kinds.slice(firstRest, -1)).toHaveLength(conversations.size);
    expect(new Set(kinds.slice(firstRest, -1))).toEqual(new Set(['ChatConversation', 'CallbackConversation']));
    expect(kinds.at(-1)).toBe('AnalyticsConversationQueryResponse');
    const query = payloads.at(-1) as { totalHits: number; conversations: { conversationId: string }[] };
    expect(query.totalHits).toBe(conversations.size);
    expect(new Set(query.conversations.map((c) => c.conversationId))).toEqual(conversations);
    const bodies = payloads.slice(firstRest, -1).map((p) => p.id);
    expect(new Set(bodies)).toEqual(conversations);
  });

  it('ingest genesys reads all of it, and its log replays with no rejection to the v1 log\'s final snapshots (wrap-up names aside)', () => {
    const ingested = cli(['ingest', 'genesys', '-'], genesys.out);
    expect(ingested.code).toBe(0);
    expect(ingested.err).toContain('inconsistencies: 0');
    expect(ingested.err).toContain('skipped: AnalyticsConversationQueryResponse 1');
    const replayed = cli(['replay', '-'], ingested.out);
    expect(replayed.err).toMatch(/0 rejected/);
    const simulated = cli(['replay', '-'], v1.out);
    type Snapshot = { id: string; participants: Record<string, unknown>[] };
    const comparable = (text: string) => Object.fromEntries((lines(text) as unknown as Snapshot[]).map((c) => [c.id, c.participants.map((p) => {
      const { wrapup, queue, user, team, script, externalContact, conversationRoutingData: _routing, ...rest } = p as Record<string, { id?: string; name?: string } | undefined>;
      const { name: _name, ...wrapupRest } = (wrapup ?? {}) as Record<string, unknown>;
      return { ...rest, wrapup: wrapupRest, queue: queue?.id, user: user?.id, team: team?.id, script: script?.id, externalContact: externalContact?.id };
    })]));
    expect(comparable(replayed.out)).toEqual(comparable(simulated.out));
  });

  it('--format v1 (the default) writes the v1 log unchanged; another format is a usage error', () => {
    expect(cli(['simulate', ...DAY, '--format', 'v1']).out).toBe(v1.out);
    expect(lines(v1.out)[0]).toMatchObject({ type: 'participant.added' });
    const bad = cli(['simulate', ...DAY, '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('xml');
    expect(bad.out).toBe('');
  });

  it('--realtime paces the notifications and writes the same payloads', () => {
    const args = ['simulate', '--seed', '3', '--start', '2026-11-21T08:00:00Z', '--duration', '3m', '--format', 'genesys'];
    const paced = cli([...args, '--realtime=100000']);
    expect(paced.code).toBe(0);
    expect(paced.out).toBe(cli(args).out);
  });
});
