import { fc, test } from '@fast-check/vitest';
import { Readable } from 'node:stream';
import { describe, expect } from 'vitest';
import { replayLog } from '../../src/replay/replay-log.js';
import { arbitraryLog } from '../support/walks.js';

/** Ways to spoil a valid line; none of them can yield a different valid event. */
const noiseKinds = ['truncate', 'wrongType', 'noZone', 'unknownType', 'garbage', 'invalidUtf8', 'huge', 'conflict', 'exactDuplicate', 'protoKeys', 'array'] as const;
type NoiseKind = (typeof noiseKinds)[number];

function spoil(kind: NoiseKind, original: string, garbage: string, cut: number): Buffer {
  const event = JSON.parse(original);
  switch (kind) {
    case 'truncate': return Buffer.from(original.slice(0, Math.max(1, cut % original.length)));
    case 'wrongType': return Buffer.from(JSON.stringify({ ...event, conversationId: cut }));
    case 'noZone': return Buffer.from(JSON.stringify({ ...event, time: event.time.replace('Z', '') }));
    case 'unknownType': return Buffer.from(JSON.stringify({ ...event, type: `participant.${garbage}x` }));
    case 'garbage': return Buffer.from(`#${garbage}`);
    case 'invalidUtf8': return Buffer.concat([Buffer.from(original.slice(0, 10)), Buffer.from([0xff, 0xfe]), Buffer.from(original.slice(10))]);
    case 'huge': return Buffer.from(JSON.stringify({ ...event, pad: 'x'.repeat(5000) }));
    case 'conflict': return Buffer.from(JSON.stringify({ ...event, time: '2000-01-01T00:00:00.000Z' }));
    case 'exactDuplicate': return Buffer.from(original);
    case 'protoKeys': return Buffer.from(`{"__proto__":{"polluted":"${garbage}"},"constructor":{"prototype":{"polluted":"y"}}}`);
    case 'array': return Buffer.from(`[${original}]`);
  }
}

describe('replay fuzz', () => {
  test.prop(
    [
      arbitraryLog,
      fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom(...noiseKinds), garbage: fc.string(), cut: fc.nat() }), { maxLength: 25 }),
      fc.integer({ min: 16, max: 4096 }),
    ],
    { numRuns: 120 },
  )(
    'random and mutated lines among valid ones: no crash; lines in = applied + duplicate + rejected; valid lines give the same state as without noise; every rejection names its line',
    async (log, noise, chunkSize) => {
      const valid = log.map((e) => JSON.stringify(e));
      const lines: Buffer[] = valid.map((l) => Buffer.from(l));
      const noiseLines = new Set<Buffer>();
      for (const { at, kind, garbage, cut } of noise) {
        const from = at % valid.length;
        const spoiled = spoil(kind, valid[from]!, garbage, cut);
        // Conflicts and duplicates come after their original, or they would claim its id first.
        const originalAt = lines.findIndex((l) => l.toString() === valid[from]);
        const position = originalAt + 1 + (cut % (lines.length - originalAt));
        lines.splice(position, 0, spoiled);
        noiseLines.add(spoiled);
      }
      const text = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
      const pieces: Buffer[] = [];
      for (let i = 0; i < text.length; i += chunkSize) pieces.push(text.subarray(i, i + chunkSize));

      const noisy = await replayLog(Readable.from(pieces), { maxLineBytes: 4096 });
      const clean = await replayLog(Readable.from([Buffer.from(valid.join('\n'))]));

      const s = noisy.summary;
      expect(s.linesRead).toBe(lines.length);
      expect(s.applied + s.duplicates + s.rejected).toBe(s.linesRead);
      expect(s.applied).toBe(clean.summary.applied);
      expect(noisy.snapshots()).toEqual(clean.snapshots());
      const noiseLineNumbers = new Set(lines.flatMap((l, i) => (noiseLines.has(l) ? [i + 1] : [])));
      for (const rejection of noisy.rejections) {
        expect(noiseLineNumbers.has(rejection.line)).toBe(true);
        expect(rejection.message.length).toBeGreaterThan(0);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});
