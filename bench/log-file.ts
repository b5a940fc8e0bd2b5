import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { TrackerEvent } from '../src/events/tracker-event.js';

const CHUNK_BYTES = 16 * 2 ** 20;

/**
 * Writes events as a JSONL log, in chunks (a 1M-event log is ~300 MB), to a temporary file that
 * is then renamed, so a reader never sees half a log.
 *
 * @example
 * writeLogFile('bench/.data/log.jsonl', generateLog({ minEvents: 1_000 }).events);
 */
export function writeLogFile(path: string, events: Iterable<TrackerEvent>): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  const fd = openSync(partial, 'w');
  try {
    let chunk: string[] = [];
    let size = 0;
    for (const event of events) {
      const line = JSON.stringify(event);
      chunk.push(line);
      size += line.length + 1;
      if (size >= CHUNK_BYTES) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
        size = 0;
      }
    }
    if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
}

/**
 * Reads a JSONL log written by `writeLogFile` (its first `limit` events when given), in chunks,
 * each line through `JSON.parse`: the events are what a log reader hands the tracker (every
 * event its own objects and strings).
 *
 * @example
 * const events = readLogFile('bench/.data/log.jsonl');
 */
export function readLogFile(path: string, limit = Infinity): TrackerEvent[] {
  const events: TrackerEvent[] = [];
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    let carry = '';
    while (events.length < limit) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      const text = carry + decoder.write(buffer.subarray(0, read));
      const lines = text.split('\n');
      carry = lines.pop()!;
      for (const line of lines) if (line.length > 0 && events.length < limit) events.push(JSON.parse(line) as TrackerEvent);
    }
    if (carry.length > 0 && events.length < limit) events.push(JSON.parse(carry) as TrackerEvent);
  } finally {
    closeSync(fd);
  }
  return events;
}

/**
 * Makes sure a log file exists, writing it with `generate` when it does not.
 *
 * @example
 * ensureLogFile(path, () => generateLog({ minEvents: 1_000 }).events);
 */
export function ensureLogFile(path: string, generate: () => Iterable<TrackerEvent>): string {
  if (!existsSync(path)) writeLogFile(path, generate());
  return path;
}
