import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startGenesysConnector } from '../../src/connector/genesys-connector.js';
import type { TrackerEvent } from '../../src/events/tracker-event.js';
import { createTracker } from '../../src/tracker/create-tracker.js';
import { startGenesysStub } from '../support/genesys-stub/index.js';
import { carried, genesysWorld, publishInTurn } from '../support/genesys-world.js';

/** How a run delivers the feed: a shuffle inside windows, some notifications twice, and socket drops whose notifications are lost. */
interface Delivery {
  readonly seed: number;
  /** For each window of `WINDOW` notifications, a permutation of it (sort keys). */
  readonly shuffle: readonly number[];
  /** Positions (per mille of the feed) sent twice. */
  readonly duplicates: readonly number[];
  /** Socket drops: at a position (per mille), losing this many notifications. */
  readonly gaps: readonly { readonly at: number; readonly lost: number }[];
}

const WINDOW = 6;

const deliveryArb: fc.Arbitrary<Delivery> = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  shuffle: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 60, maxLength: 60 }),
  duplicates: fc.array(fc.integer({ min: 0, max: 999 }), { maxLength: 20 }),
  gaps: fc.array(fc.record({ at: fc.integer({ min: 0, max: 999 }), lost: fc.integer({ min: 1, max: 25 }) }), { maxLength: 2 }),
});

// Heartbeats every second: a loaded CI machine must not starve the socket into a spurious gap, which would lose a notification the run waits for.
const TIMINGS = { heartbeatMs: 1000, watchMs: 500, backoff: { initialMs: 10, maxMs: 100 } };

describe('Genesys connector property', () => {
  it('a simulated day through the connector, in any arrival order within windows, with duplicates and socket drops filled by backfill, replays to the simulator\'s own state on every field the payloads carry', async () => {
    await fc.assert(fc.asyncProperty(deliveryArb, async (delivery) => {
      const world = genesysWorld({ seed: delivery.seed, start: '2026-11-21T08:00:00Z', duration: '30m', agents: 3, arrivalsPerHour: 40, media: 'mixed' });
      const order = world.feed.map((item, i) => ({ item, key: Math.floor(i / WINDOW) + (delivery.shuffle[i % delivery.shuffle.length] ?? 0) * 0.999 }));
      order.sort((a, b) => a.key - b.key);
      const duplicated = new Set(delivery.duplicates.map((m) => Math.floor((m / 1000) * order.length)));
      const drops = new Map(delivery.gaps.map((g) => [Math.floor((g.at / 1000) * order.length), g.lost]));
      // The connector's clock is the world's: a notification delivered after later ones lags behind it.
      // Its backfills must look back past the largest lag, or a conversation told of only in a gap is missed.
      let latest = -Infinity;
      let lag = 0;
      for (const { item } of order) {
        latest = Math.max(latest, Date.parse(item.time));
        lag = Math.max(lag, latest - Date.parse(item.time));
      }
      const stub = await startGenesysStub({ heartbeatMs: TIMINGS.heartbeatMs, archive: world.archive });
      const events: TrackerEvent[] = [];
      const queues = [...new Set(world.feed.map((item) => item.payload.topicName.split('.')[3]!))];
      const connector = startGenesysConnector({
        environment: { clientId: stub.clientId, clientSecret: stub.clientSecret, apiUrl: stub.apiUrl, loginUrl: stub.loginUrl },
        queues, ...TIMINGS, backfillLeadMs: 60_000 + lag, backfillFrom: world.now, clock: () => world.now, onEvents: (batch) => events.push(...batch),
      });
      try {
        await connector.ready;
        let lostUntil = -1;
        let gapsBefore = 0;
        const received = () => connector.status().notifications;
        for (let i = 0; i < order.length; i++) {
          const { item } = order[i]!;
          const lost = drops.get(i);
          if (lost !== undefined && i > lostUntil) {
            // The socket goes, and the next `lost` notifications with it: Genesys never sends them again.
            gapsBefore = connector.status().gaps.count;
            stub.dropSockets();
            lostUntil = Math.min(i + lost, order.length - 1);
          }
          if (i <= lostUntil) {
            world.now = Math.max(world.now, Date.parse(item.time));
            stub.publish(item.payload.topicName, item.payload.eventBody);
            if (i === lostUntil) {
              const { gaps } = connector.status();
              await stub.waitFor(() => gaps.count > gapsBefore || connector.status().gaps.count > gapsBefore, 5000, 'the drop noticed');
              await stub.waitFor(() => connector.status().state === 'connected' && connector.status().backfills.count >= 1 + connector.status().gaps.count, 5000, 'the gap backfilled');
            }
            continue;
          }
          await publishInTurn(world, stub, item, received, { duplicate: duplicated.has(i) });
        }
        await stub.waitFor(() => connector.status().backfills.count >= 1 + connector.status().gaps.count, 5000, 'every gap backfilled');
        await connector.stop();
        const tracker = createTracker();
        expect(tracker.load(events).filter((r) => r.status === 'rejected')).toEqual([]);
        expect(carried(tracker.conversations())).toEqual(carried(world.truth(world.now)));
      } finally {
        await connector.stop();
        await stub.close();
      }
    }), { numRuns: 10, endOnFailure: true });
  }, 120_000);
});
