import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { ingestGenesys } from '../../../src/ingest/index.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';

type Raw = Record<string, unknown>;

/** A flat chat notification of conversation c1: a customer, and an agent connected since `connected`, held or not. */
const notification = (connected: string, hold?: string) => ({
  topicName: 'v2.users.u1.conversations.chats', version: '2', metadata: { CorrelationId: 'x' },
  eventBody: {
    id: 'c1',
    participants: [
      { id: 'cust', purpose: 'customer', state: 'connected', startTime: connected, connectedTime: connected, held: false },
      { id: 'agent', purpose: 'agent', state: 'connected', startTime: connected, connectedTime: connected, user: { id: 'u1' }, ...(hold === undefined ? { held: false } : { held: true, startHoldTime: hold }) },
    ] satisfies Raw[],
  },
});

const holdEnds = (events: readonly TrackerEvent[]) => events.filter((e) => e.type === 'participant.holdEnded');

describe('ingest genesys --follow: each payload stamped with its arrival', () => {
  it('ingestGenesys with receivedAt dates the end of a hold (which Genesys never dates) at the arrival of the unheld payload', async () => {
    const stamps = ['2026-11-21T10:00:41.000Z', '2026-11-21T10:01:30.000Z'];
    const input = [notification('2026-11-21T10:00:20.000Z', '2026-11-21T10:00:40.000Z'), notification('2026-11-21T10:00:20.000Z')].map((p) => `${JSON.stringify(p)}\n`);
    const events: TrackerEvent[] = [];
    for await (const event of ingestGenesys(input, { order: 'arrival', receivedAt: () => stamps.shift()! })) events.push(event);
    expect(holdEnds(events).map((e) => e.time)).toEqual(['2026-11-21T10:01:30.000Z']);
    expect(createTracker().load(events).every((r) => r.status === 'applied')).toBe(true);
    // Without receipt times (a file), the payloads' own times are all there is.
    const undated: TrackerEvent[] = [];
    for await (const event of ingestGenesys(input)) undated.push(event);
    expect(holdEnds(undated).map((e) => e.time)).toEqual(['2026-11-21T10:00:40.000Z']);
  });

  it('the CLI with --follow: a hold that ends while it runs is dated when the unheld payload arrived, not at the hold start', async () => {
    const bin = new URL('../../../dist/cli/main.js', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, 'ingest', 'genesys', '-', '--follow'], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (out += chunk));
      const printed = async (type: string) => {
        const deadline = Date.now() + 10_000;
        while (!out.includes(`"type":"${type}"`)) {
          if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${type} printed:\n${out}`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      const now = Date.now();
      const connected = new Date(now - 60_000).toISOString();
      const hold = new Date(now - 1_000).toISOString();
      child.stdin.write(`${JSON.stringify(notification(connected, hold))}\n`);
      await printed('participant.holdStarted');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const sent = Date.now();
      child.stdin.write(`${JSON.stringify(notification(connected))}\n`);
      await printed('participant.holdEnded');
      child.stdin.end();
      expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
      const events = out.trim().split('\n').map((line) => JSON.parse(line) as TrackerEvent);
      const [ended] = holdEnds(events);
      expect(Date.parse(ended!.time)).toBeGreaterThanOrEqual(sent);
      expect(Date.parse(ended!.time)).toBeLessThan(sent + 5_000);
      expect(createTracker().load(events).every((r) => r.status === 'applied')).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
