import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, LIFECYCLE_RANK, TIE_ORDER } from '../../../src/events/lifecycle-rank.js';
import { trackerEventSchema } from '../../../src/events/schemas.js';

/** The tie table as docs/event-log.md states it: `1 \`participant.added\`; 2 \`callback.scheduled\`, \`alerting\` …`. */
function documentedTiers(): string[][] {
  const doc = readFileSync(new URL('../../../docs/event-log.md', import.meta.url), 'utf8');
  const start = doc.indexOf('Equal times follow the lifecycle rank, then arrival:');
  expect(start).toBeGreaterThan(0);
  const text = doc.slice(start, doc.indexOf('\n- ', start)).replace(/\s+/g, ' ');
  const tiers: string[][] = [];
  for (const [, rank, names] of text.matchAll(/(\d) ((?:`[\w.]+`(?:, )?)+)/g)) {
    tiers[Number(rank) - 1] = [...names!.matchAll(/`([\w.]+)`/g)].map(([, name]) => (name!.includes('.') ? name! : `participant.${name}`));
  }
  return tiers;
}

describe('the tie order', () => {
  it('is the table docs/event-log.md states, tier by tier', () => {
    expect(documentedTiers()).toEqual(TIE_ORDER.map((tier) => [...tier]));
  });

  it('ranks every event type of the schema exactly once', () => {
    const schemaTypes = trackerEventSchema.options.map((option) => ('options' in option ? option.options[0].shape.type.value : option.shape.type.value));
    expect([...EVENT_TYPES].sort()).toEqual([...new Set(schemaTypes)].sort());
    expect(EVENT_TYPES).toHaveLength(new Set(EVENT_TYPES).size);
  });

  it('gives each type the number of its tier', () => {
    expect(LIFECYCLE_RANK).toEqual({
      'participant.added': 1,
      'callback.scheduled': 2, 'participant.alerting': 2, 'participant.dialing': 2, 'participant.contacting': 2, 'participant.offering': 2,
      'participant.connected': 3,
      'participant.holdStarted': 4, 'participant.holdEnded': 4, 'participant.parked': 4, 'participant.resumed': 4, 'participant.updated': 4,
      'participant.disconnected': 5,
      'participant.acwStarted': 6,
      'participant.wrapupApplied': 7, 'participant.wrapupSkipped': 7,
      'participant.acwEnded': 8,
    });
  });
});
