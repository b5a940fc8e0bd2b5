import { createReadStream, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayLog } from '../src/replay/replay-log.js';
import { generateLog } from './generate-log.js';
import { collectGarbage, MemoryProbe, type BenchRow, type RowResult } from './measure.js';

/** Lines in the on-disk log of the replay rows. */
export const REPLAY_LINES = 1_000_000;

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', '.data');
const logPath = join(dataDir, `replay-${REPLAY_LINES}.jsonl`);

/**
 * The JSONL log both replay rows read, written once (deterministic: same seed, same bytes).
 *
 * @example
 * statSync(replayLogFile()).size; // ~230 MB
 */
export function replayLogFile(): string {
  if (existsSync(logPath)) return logPath;
  mkdirSync(dataDir, { recursive: true });
  const { events } = generateLog({ minEvents: REPLAY_LINES, seed: 7 });
  const text = events.slice(0, REPLAY_LINES).map((e) => JSON.stringify(e)).join('\n') + '\n';
  writeFileSync(`${logPath}.tmp`, text);
  renameSync(`${logPath}.tmp`, logPath);
  return logPath;
}

function result(row: string, label: string, lines: number, participants: number, rejected: number, seconds: number, probe: MemoryProbe, note: string): RowResult {
  collectGarbage();
  return {
    row, label, events: lines, participants, rejected, seconds, peakHeapBytes: probe.peakHeapBytes, peakRssBytes: probe.peakRssBytes,
    inputHeapBytes: 0, retainedHeapBytes: process.memoryUsage().heapUsed, note,
  };
}

/**
 * The floor: a minimal JSON.parse + Map fold of the same file (split lines, parse, keep the last
 * type per participant). Anything real costs at least this.
 */
export const replayFloorRow: BenchRow = {
  row: 'replay-floor',
  label: 'disk → JSON.parse + Map fold (floor)',
  run: async () => {
    const file = replayLogFile();
    collectGarbage();
    const probe = new MemoryProbe();
    const start = performance.now();
    const conversations = new Map<string, Map<string, Record<string, unknown>>>();
    let lines = 0;
    let carry = '';
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const text = carry + (chunk as string);
      let from = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
        const event = JSON.parse(text.slice(from, nl)) as { conversationId: string; participantId: string; type: string; time: string };
        let conversation = conversations.get(event.conversationId);
        if (conversation === undefined) conversations.set(event.conversationId, (conversation = new Map()));
        const participant = conversation.get(event.participantId) ?? {};
        participant[event.type] = event.time;
        conversation.set(event.participantId, participant);
        lines++;
        from = nl + 1;
      }
      carry = text.slice(from);
      probe.sample();
    }
    let participants = 0;
    for (const c of conversations.values()) participants += c.size;
    const seconds = (performance.now() - start) / 1000;
    return result('replay-floor', replayFloorRow.label, lines, participants, 0, seconds, probe, `${(statSync(file).size / 2 ** 20).toFixed(0)} MB JSONL file`);
  },
};

/** Ours, end to end: `replayLog(file)` to the final snapshots (validation, dedupe, order, machines, reducers, invariants). */
export const replayRow: BenchRow = {
  row: 'replay',
  label: 'disk → replayLog → final snapshots',
  run: async () => {
    const file = replayLogFile();
    collectGarbage();
    const probe = new MemoryProbe();
    const start = performance.now();
    const replay = await replayLog(file, { onProgress: () => probe.sample() });
    const snapshots = replay.snapshots();
    const seconds = (performance.now() - start) / 1000;
    const participants = snapshots.reduce((sum, c) => sum + c.participants.length, 0);
    return result('replay', replayRow.label, replay.summary.linesRead, participants, replay.summary.rejected, seconds, probe, `${(statSync(file).size / 2 ** 20).toFixed(0)} MB JSONL file`);
  },
};

/** The replay rows, floor first. */
export const REPLAY_ROWS: readonly BenchRow[] = [replayFloorRow, replayRow];
