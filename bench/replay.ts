import { createReadStream, statSync } from 'node:fs';
import { replayLog } from '../src/replay/replay-log.js';
import { benchLogFile } from './core.js';
import { measureJob } from './job-row.js';
import type { BenchRow } from './measure.js';

const fileNote = (file: string) => `the bench log on disk, ${(statSync(file).size / 2 ** 20).toFixed(0)} MB of JSONL`;

/**
 * The floor: a minimal `JSON.parse` + `Map` fold of the same file (split lines, parse, keep the
 * last time of each event type per participant). Anything real costs at least this.
 */
export const replayFloorRow: BenchRow = {
  row: 'replay-floor',
  label: 'disk → JSON.parse + Map fold (floor)',
  run: () =>
    measureJob('replay-floor', replayFloorRow.label, async (probe) => {
      const file = benchLogFile();
      const start = performance.now();
      const conversations = new Map<string, Map<string, Record<string, string>>>();
      let lines = 0;
      let carry = '';
      for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
        const text = carry + (chunk as string);
        let from = 0;
        for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
          const event = JSON.parse(text.slice(from, nl)) as { conversationId: string; participantId: string; type: string; time: string };
          let conversation = conversations.get(event.conversationId);
          if (conversation === undefined) conversations.set(event.conversationId, (conversation = new Map<string, Record<string, string>>()));
          const participant = conversation.get(event.participantId) ?? {};
          participant[event.type] = event.time;
          conversation.set(event.participantId, participant);
          lines++;
          from = nl + 1;
        }
        carry = text.slice(from);
        probe.sample();
      }
      const seconds = (performance.now() - start) / 1000;
      let participants = 0;
      for (const c of conversations.values()) participants += c.size;
      return { items: lines, seconds, participants, note: fileNote(file) };
    }),
};

/** Ours, end to end: `replayLog(file)` to the final snapshots (validation, dedupe, order, machines, reducers, invariants). */
export const replayRow: BenchRow = {
  row: 'replay',
  label: 'disk → replayLog → final snapshots',
  run: () =>
    measureJob('replay', replayRow.label, async (probe) => {
      const file = benchLogFile();
      const start = performance.now();
      const replay = await replayLog(file, { onProgress: () => probe.sample() });
      const snapshots = replay.snapshots();
      const seconds = (performance.now() - start) / 1000;
      const participants = snapshots.reduce((sum, c) => sum + c.participants.length, 0);
      return { items: replay.summary.linesRead, seconds, participants, rejected: replay.summary.rejected, note: fileNote(file) };
    }),
};

/** The replay rows, floor first. */
export const REPLAY_ROWS: readonly BenchRow[] = [replayFloorRow, replayRow];
