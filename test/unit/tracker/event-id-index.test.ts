import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { createConversationLog, type ConversationLog } from '../../../src/tracker/conversation-log.js';
import { EventIdIndex } from '../../../src/tracker/event-id-index.js';

const eventOf = (id: string, conversationId: string) => ({ id, conversationId }) as unknown as TrackerEvent;

type Step =
  | { readonly kind: 'add'; readonly id: string; readonly conversation: number }
  | { readonly kind: 'remove'; readonly id: string }
  | { readonly kind: 'leave'; readonly conversation: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('add' as const), id: fc.string({ maxLength: 4 }), conversation: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), id: fc.string({ maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), conversation: fc.integer({ min: 0, max: 7 }) }) },
);

describe('EventIdIndex', () => {
  it('answers every lookup as a map from id to event would, through adds, removals and conversations leaving memory (and the table growing)', () => {
    fc.assert(fc.property(fc.array(stepArb, { maxLength: 3000 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 50 }), (steps, probes) => {
      const index = new EventIdIndex();
      const reference = new Map<string, TrackerEvent>();
      const logs = new Map<number, ConversationLog>();
      const logOf = (n: number) => logs.get(n) ?? logs.set(n, createConversationLog(`c${n}`)).get(n)!;
      for (const step of steps) {
        if (step.kind === 'add') {
          if (reference.has(step.id)) continue;
          const log = logOf(step.conversation);
          const event = eventOf(step.id, log.id);
          log.events.push(event);
          index.add(event, log);
          reference.set(step.id, event);
        } else if (step.kind === 'remove') {
          const event = reference.get(step.id);
          if (event === undefined) continue;
          const log = [...logs.values()].find((l) => l.id === event.conversationId)!;
          index.remove(event, log);
          log.events.splice(log.events.indexOf(event), 1);
          reference.delete(step.id);
        } else {
          const log = logs.get(step.conversation);
          if (log === undefined) continue;
          index.removeLog(log);
          for (const event of log.events) reference.delete(event.id);
          logs.delete(step.conversation);
        }
      }
      for (const id of [...probes, ...reference.keys()]) expect(index.holder(id)).toBe(reference.get(id));
    }), { numRuns: 200 });
  });

  it('finds the holder of each of 50,000 ids that differ only in their last characters', () => {
    const index = new EventIdIndex();
    const log = createConversationLog('c1');
    const events = Array.from({ length: 50_000 }, (_, i) => eventOf(`gc-${i.toString(36)}`, 'c1'));
    for (const event of events) {
      log.events.push(event);
      index.add(event, log);
    }
    expect(events.filter((event) => index.holder(event.id) !== event)).toEqual([]);
    expect(index.holder('gc-missing')).toBeUndefined();
  });
});
