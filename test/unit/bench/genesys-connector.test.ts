import { describe, expect, it } from 'vitest';
import { chunkBounds, formatGenesysConnectorTargets } from '../../../bench/genesys-connector.js';
import type { RowResult } from '../../../bench/measure.js';

const row = (overrides: Partial<RowResult> = {}): RowResult => ({
  row: 'genesys-connector', label: 'Genesys connector', events: 10_000, participants: 0, rejected: 0, seconds: 4, cpuSeconds: 2.5,
  peakHeapBytes: 0, peakRssBytes: 0, inputHeapBytes: 0, retainedHeapBytes: 0,
  details: { directSeconds: 1, directCpuSeconds: 1.25 },
  ...overrides,
});

describe('genesys-connector bench helpers', () => {
  it('chunkBounds covers every item once, in order, the last chunk shorter', () => {
    expect(chunkBounds(1_200, 500)).toEqual([[0, 500], [500, 1_000], [1_000, 1_200]]);
    expect(chunkBounds(1_000, 500)).toEqual([[0, 500], [500, 1_000]]);
    expect(chunkBounds(3, 500)).toEqual([[0, 3]]);
    expect(chunkBounds(0, 500)).toEqual([]);
    expect(() => chunkBounds(10, 0)).toThrow(RangeError);
    expect(() => chunkBounds(10, 1.5)).toThrow(RangeError);
  });

  it('judges the 2,000/s target by notifications per CPU second and prints the ratio to the differ alone', () => {
    const text = formatGenesysConnectorTargets([row()]);
    expect(text).toContain('MET    genesys-connector ≥ 2,000 notifications/s on one core: 4,000 per CPU second (wall clock: 2,500/s)');
    expect(text).toContain('differ alone (same payloads, no socket): 10,000/s (by CPU time: 8,000); socket path / differ alone: 0.25 × (by CPU time: 0.50 ×)');
    // Fast by wall clock, slow by CPU time: missed.
    expect(formatGenesysConnectorTargets([row({ seconds: 1, cpuSeconds: 10 })])).toMatch(/^MISSED .*: 1,000 per CPU second \(wall clock: 10,000\/s\)/);
  });

  it('prints nothing when the row was not run or measured no baseline', () => {
    expect(formatGenesysConnectorTargets([])).toBe('');
    expect(formatGenesysConnectorTargets([row({ details: {} })])).toBe('');
  });
});
