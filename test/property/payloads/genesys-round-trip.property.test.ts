import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { createGenesysIngest, recognizePayload } from '../../../src/ingest/index.js';
import type { MediaParticipant } from '../../../src/model/media-participant.js';
import { createGenesysArchive, genesysFeed } from '../../../src/payloads/index.js';
import { simulate, type SimulationOptions } from '../../../src/sim/index.js';
import { createTracker, type TrackerView } from '../../../src/tracker/create-tracker.js';

/** Small simulated periods with every kind of flow: both media, holds, parks, moves, misses, wrap-up outcomes. */
const options: fc.Arbitrary<SimulationOptions> = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  start: fc.constant('2026-11-21T23:30:00Z'),
  duration: fc.integer({ min: 1, max: 20 }).map((m) => `${m}m`),
  agents: fc.integer({ min: 1, max: 6 }),
  media: fc.constantFrom('chat', 'callback', 'mixed'),
  arrivalsPerHour: fc.integer({ min: 10, max: 150 }),
  holdProbability: fc.double({ min: 0, max: 1, noNaN: true }),
  answerProbability: fc.double({ min: 0.3, max: 1, noNaN: true }),
  chatCapacity: fc.integer({ min: 1, max: 3 }),
});

const FIELDS = [
  'state', 'purpose', 'startTime', 'startAlertingTime', 'connectedTime', 'endTime', 'held', 'startHoldTime', 'disconnectType',
  'wrapupSkipped', 'startAcwTime', 'endAcwTime', 'parkTime', 'resumeTime', 'callbackScheduledTime', 'callbackNumbers',
] as const;

function values(view: TrackerView): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const conversation of view.conversations()) {
    for (const participant of conversation.participants) {
      const source = participant as MediaParticipant & Record<string, unknown>;
      const picked: Record<string, unknown> = Object.fromEntries(FIELDS.filter((f) => source[f] !== undefined).map((f) => [f, source[f]]));
      if (participant.wrapup !== undefined) {
        const { name: _name, ...wrapup } = participant.wrapup;
        picked.wrapup = wrapup;
      }
      picked.queue = participant.queue?.id;
      picked.user = participant.user?.id;
      out[`${conversation.id}/${participant.id}`] = picked;
    }
  }
  return out;
}

describe('Genesys payloads rendered from a simulated log', () => {
  test.prop([options], { numRuns: 25 })(
    'are each recognised by ingest as their kind, and ingesting the queue notifications then the REST bodies replays with no rejection to the simulator\'s final state (wrapup.name aside)',
    (opts) => {
      const events: TrackerEvent[] = [...simulate(opts)];
      const archive = createGenesysArchive();
      for (const event of events) archive.add(event);
      const payloads: unknown[] = [];
      for (const { payload } of genesysFeed(events)) {
        expect(recognizePayload(payload).kind).toBe(`v2.routing.queues.{id}.conversations.${payload.topicName.endsWith('.chats') ? 'chats' : 'callbacks'}`);
        payloads.push(payload);
      }
      for (const body of archive.conversations()) {
        expect(recognizePayload(body).kind).toBe(body.selfUri.includes('/chats/') ? 'ChatConversation' : 'CallbackConversation');
        payloads.push(body);
      }
      const ingest = createGenesysIngest();
      const ingested = payloads.flatMap((payload) => [...ingest.push(payload).events]);
      const replay = createTracker();
      expect(replay.load(ingested).filter((r) => r.status !== 'applied')).toEqual([]);
      expect(ingest.report().findings.inconsistent).toBe(0);
      const simulated = createTracker();
      simulated.load(events);
      expect(values(replay)).toEqual(values(simulated));
    },
  );
});
