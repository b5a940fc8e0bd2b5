import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { simulate, type SimulationOptions } from '../../../src/sim/index.js';
import { createGenesysArchive, genesysFeed, type FeedItem, type GenesysArchive } from '../../../src/payloads/index.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';

/** A small simulated day of both media, with holds, parks, moved callbacks and every wrap-up outcome. */
export const SMALL_DAY: SimulationOptions = { seed: 7, start: '2026-11-21T08:00:00Z', duration: '1h', media: 'mixed' };

/** A simulated day and every payload rendered from it, as `simulate --format genesys` writes them. */
export interface RenderedDay {
  readonly events: TrackerEvent[];
  readonly feed: FeedItem[];
  readonly archive: GenesysArchive;
  /** The simulator's own replay. */
  readonly replay: ReturnType<typeof createTracker>;
}

/** Simulates `options` and renders the feed and the archive of the day. */
export function renderDay(options: SimulationOptions = SMALL_DAY): RenderedDay {
  const events = [...simulate(options)];
  const archive = createGenesysArchive();
  for (const event of events) archive.add(event);
  const replay = createTracker();
  replay.load(events);
  return { events, feed: [...genesysFeed(events)], archive, replay };
}
