import { describe, expect, it } from 'vitest';
import type { ConnectorStatus } from '../../../src/connector/connector-status.js';
import { connectionSummary } from '../../../web/src/connection-summary.js';

const status = (over: Partial<ConnectorStatus> = {}): ConnectorStatus => ({
  state: 'connected', detail: null,
  channels: [{ id: 'ch1', topics: 2, state: 'connected', connectedSince: '2026-12-01T10:00:00.000Z', heartbeatMs: 30_000 }],
  notifications: 10, unreadable: 0, events: 20, lastMessageAt: null,
  gaps: { count: 0, totalMs: 0, last: null },
  backfills: { count: 1, conversations: 3, events: 9, last: null },
  ...over,
});

describe('connectionSummary', () => {
  it('says channels connected, the heartbeat, gaps and backfills in one line', () => {
    expect(connectionSummary(status())).toBe('1 of 1 channel connected, heartbeat 0:30 · no gaps · 1 backfill (3 conversations)');
  });

  it('gives the time gaps lost and the last one\'s cause', () => {
    const text = connectionSummary(status({
      channels: [
        { id: 'ch1', topics: 1000, state: 'connected', connectedSince: null, heartbeatMs: null },
        { id: null, topics: 400, state: 'reconnecting', connectedSince: null, heartbeatMs: null },
      ],
      gaps: { count: 2, totalMs: 75_000, last: { from: 'a', to: 'b', ms: 12_000, reason: 'the socket closed (1006)' } },
      backfills: { count: 3, conversations: 1, events: 4, last: null },
    }));
    expect(text).toBe('1 of 2 channels connected · 2 gaps (1:15 lost; last: the socket closed (1006)) · 3 backfills (1 conversation)');
  });
});
