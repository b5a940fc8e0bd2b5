import { collectGarbage, MemoryProbe, type RowResult } from './measure.js';

/** What a job row measures itself: how many items it handled, in how long. */
export interface JobMeasurement {
  readonly items: number;
  readonly seconds: number;
  readonly participants?: number;
  readonly rejected?: number;
  readonly note?: string;
}

/**
 * Runs a whole job (replay, simulate, ingest) as a bench row: CPU time and peak memory around
 * the job's own timing (`probe.sample()` may be called during the job for finer peaks).
 *
 * @example
 * const result = await measureJob('simulate', 'simulate → JSONL', async () => ({ items: 1e6, seconds: 5 }));
 */
export async function measureJob(
  row: string, label: string, job: (probe: MemoryProbe) => Promise<JobMeasurement> | JobMeasurement,
): Promise<RowResult> {
  collectGarbage();
  const probe = new MemoryProbe();
  probe.sample();
  const cpu = process.cpuUsage();
  const measured = await job(probe);
  const used = process.cpuUsage(cpu);
  probe.sample();
  collectGarbage();
  return {
    row, label, events: measured.items, participants: measured.participants ?? 0, rejected: measured.rejected ?? 0,
    seconds: measured.seconds, cpuSeconds: (used.user + used.system) / 1e6,
    peakHeapBytes: probe.peakHeapBytes, peakRssBytes: probe.peakRssBytes, inputHeapBytes: 0,
    retainedHeapBytes: process.memoryUsage().heapUsed,
    ...(measured.note === undefined ? {} : { note: measured.note }),
  };
}
