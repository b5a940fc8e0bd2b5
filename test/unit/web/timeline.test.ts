import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { conversationTimeline } from '../../../web/src/timeline.js';

const sample = readFileSync(new URL('../../../examples/contact-center.jsonl', import.meta.url), 'utf8')
  .trim().split('\n').map((line) => JSON.parse(line) as TrackerEvent);
const history = (conversationId: string) => sample.filter((e) => e.conversationId === conversationId);
const ms = (iso: string) => Date.parse(iso);

describe('conversationTimeline (the drill-down lanes)', () => {
  it('gives each participant one segment per state, in time order, and marks what changes no state', () => {
    const timeline = conversationTimeline(history('chat-1001'), undefined, ms('2026-11-21T12:00:00Z'));
    expect(timeline.participants.map((p) => [p.id, p.name, p.purpose])).toEqual([
      ['cust-1', 'Ann Customer', 'customer'], ['acd-1', 'Support', 'acd'], ['agent-1', 'Bo Agent', 'agent'],
    ]);
    const agent = timeline.participants[2]!;
    expect(agent.segments.map((s) => [s.state, new Date(s.startMs).toISOString().slice(11, 19), new Date(s.endMs).toISOString().slice(11, 19)])).toEqual([
      ['alerting', '10:00:20', '10:00:24'], ['connected', '10:00:24', '10:03:00'], ['held', '10:03:00', '10:04:10'],
      ['connected', '10:04:10', '10:09:30'], ['ACW', '10:09:30', '10:10:05'],
    ]);
    expect(agent.marks.map((m) => m.label)).toEqual(['wrap-up Resolved']);
    expect(timeline.participants[1]!.segments.map((s) => s.state)).toEqual(['in queue']);
    // Nothing open: the span ends at the last event, not at the instant asked for.
    expect(timeline.endMs).toBe(ms('2026-11-21T10:10:05Z'));
  });

  it('leaves out events after the instant; open segments run to it', () => {
    const at = ms('2026-11-21T10:03:30Z');
    const timeline = conversationTimeline(history('chat-1001'), undefined, at);
    const agent = timeline.participants[2]!;
    expect(agent.segments.at(-1)).toEqual({ state: 'held', startMs: ms('2026-11-21T10:03:00Z'), endMs: at, open: true });
    expect(timeline.endMs).toBe(at);
  });
});
