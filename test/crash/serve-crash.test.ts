/**
 * Crash test of `serve --data` (`npm run test:crash`, after a build): events are posted in
 * batches while the service is killed with SIGKILL at a random moment; after each restart on the
 * same directory, every event of every acknowledged batch is there, exactly once.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/index.js';
import type { TrackerEvent } from '../../src/events/tracker-event.js';
import { spawnServe, stopServe, type ServeProcess } from '../support/served.js';
import { scratchSpace } from '../support/temp-store.js';
import { jsonl } from '../support/service.js';

const { tempDir, cleanup } = scratchSpace();
const seed = process.env.CRASH_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.CRASH_SEED);
const KILLS = 5;
const BATCH = 200;

describe('serve: a kill -9 loses no acknowledged event', () => {
  it(`every acknowledged event survives ${KILLS} kills, once each (seed ${seed})`, async () => {
    const data = tempDir();
    const events = [...simulate({ seed: seed % 100_000, duration: '3h', arrivalsPerHour: 300, agents: 30 })];
    const batches: TrackerEvent[][] = [];
    for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
    const acknowledged = new Set<number>();
    let next = 0;
    let pick = seed;
    for (let kill = 0; kill < KILLS && next < batches.length; kill++) {
      const served: ServeProcess = await spawnServe(['--port', '0', '--data', data]);
      cleanup(() => served.child.kill('SIGKILL'));
      pick = (pick * 1_103_515_245 + 12_345) % 2 ** 31;
      const killAfterMs = 300 + (pick % 1_500);
      const killer = setTimeout(() => served.child.kill('SIGKILL'), killAfterMs);
      // Two posts in flight at a time, so the kill often lands during a commit.
      const post = async (): Promise<void> => {
        while (next < batches.length) {
          const index = next++;
          try {
            const response = await fetch(new URL('/api/events', served.url), { method: 'POST', body: jsonl(batches[index]!) });
            if (response.status === 200) {
              await response.json();
              acknowledged.add(index);
            }
          } catch {
            next = Math.min(next, index);
            return;
          }
        }
      };
      await Promise.all([post(), post()]);
      clearTimeout(killer);
      // Every batch went in before the kill was due: kill it now (the store must hold, whenever the kill comes).
      served.child.kill('SIGKILL');
      await served.exited(10_000);
      // The batches that were not acknowledged go again after the restart (duplicates where they got in).
      next = Math.min(next, ...[...Array(batches.length).keys()].filter((i) => !acknowledged.has(i)), batches.length);
    }

    const last = await spawnServe(['--port', '0', '--data', data]);
    cleanup(() => last.child.kill('SIGKILL'));
    const killedBatches = acknowledged.size;
    // What was never acknowledged goes in now, so that every conversation is whole.
    for (let index = 0; index < batches.length; index++) {
      if (acknowledged.has(index)) continue;
      const response = await fetch(new URL('/api/events', last.url), { method: 'POST', body: jsonl(batches[index]!) });
      expect(response.status).toBe(200);
      await response.json();
    }
    const byConversation = new Map<string, string[]>();
    for (const index of acknowledged) {
      for (const event of batches[index]!) byConversation.set(event.conversationId, [...(byConversation.get(event.conversationId) ?? []), event.id]);
    }
    expect(killedBatches).toBeGreaterThan(0);
    for (const [conversationId, ids] of byConversation) {
      const history = (await (await fetch(new URL(`/api/conversations/${conversationId}/history`, last.url))).json()) as { id: string }[];
      const stored = history.map((e) => e.id);
      expect(new Set(stored).size, conversationId).toBe(stored.length);
      expect(stored, conversationId).toEqual(expect.arrayContaining(ids));
    }
    expect(await stopServe(last)).toBe(130);
  });
});
