import type { TrackerEvent } from '../../src/events/tracker-event.js';
import type { ConversationSnapshot } from '../../src/model/conversation-snapshot.js';
import { createGenesysArchive, genesysFeed, type FeedItem } from '../../src/payloads/index.js';
import { simulate, type SimulationOptions } from '../../src/sim/index.js';
import { createTracker } from '../../src/tracker/create-tracker.js';
import type { GenesysStub, StubArchive } from './genesys-stub/index.js';

/**
 * A simulated contact center as Genesys Cloud would show it, for connector tests: the v1 log,
 * the queue notifications Genesys would send (`feed`), and an archive that answers REST reads
 * and analytics queries as of the world's current instant (`now`), which the test moves as it
 * publishes.
 */
export interface GenesysWorld {
  readonly events: readonly TrackerEvent[];
  readonly feed: readonly FeedItem[];
  /** The world's clock, ms: REST answers describe conversations as of this instant. */
  now: number;
  readonly archive: StubArchive;
  /** The simulator's own replay, as of `at` (default: the end). */
  truth(at?: number): ConversationSnapshot[];
}

export function genesysWorld(options: SimulationOptions): GenesysWorld {
  const events = [...simulate(options)];
  const feed = [...genesysFeed(events)];
  const archive = createGenesysArchive();
  for (const event of events) archive.add(event);
  const world: GenesysWorld = {
    events, feed, now: Date.parse(feed[0]?.time ?? events[0]!.time),
    archive: {
      conversation: (media, id) => archive.conversation(media, id, world.now),
      detailsQuery: (body) => {
        const { segmentFilters: _filters, ...query } = body as Record<string, unknown>;
        const [from, to] = String(query.interval).split('/');
        // Genesys answers about conversations that began by now; the archive knows the whole day.
        const until = new Date(Math.min(Date.parse(to!), world.now)).toISOString();
        return archive.detailsQuery({ ...query, interval: `${from}/${until}` });
      },
    },
    truth(at) {
      const tracker = createTracker();
      tracker.load(events);
      return [...(at === undefined ? tracker : tracker.at(at)).conversations()];
    },
  };
  return world;
}

/** The participant fields queue topic notifications carry (no `startAlertingTime`: REST only). */
export const CARRIED = [
  'purpose', 'state', 'startTime', 'connectedTime', 'endTime', 'held', 'startHoldTime', 'disconnectType',
  'startAcwTime', 'endAcwTime', 'parkTime', 'resumeTime',
] as const;

/** Each conversation's participants reduced to the carried fields (plus wrap-up code, user and queue ids), by id. */
export function carried(conversations: readonly ConversationSnapshot[]): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const conversation of conversations) {
    const participants: Record<string, Record<string, unknown>> = {};
    for (const participant of conversation.participants) {
      const p = participant as unknown as Record<string, unknown>;
      const fields: Record<string, unknown> = {};
      for (const field of CARRIED) if (p[field] !== undefined) fields[field] = p[field];
      fields.wrapup = (p.wrapup as { code?: string } | undefined)?.code;
      fields.user = (p.user as { id?: string } | undefined)?.id;
      fields.queue = (p.queue as { id?: string } | undefined)?.id;
      participants[participant.id ?? '?'] = fields;
    }
    out[conversation.id] = participants;
  }
  return out;
}

/**
 * Publishes one notification at the world's clock moved to its time (never back), and waits
 * until the connector received it (`received()` counts what it received), so the receipt time
 * the connector stamps is the notification's own, as with Genesys' sub-second delivery.
 * Returns how many copies reached a socket.
 */
export async function publishInTurn(
  world: GenesysWorld, stub: GenesysStub, item: FeedItem, received: () => number, options: { duplicate?: boolean } = {},
): Promise<number> {
  world.now = Math.max(world.now, Date.parse(item.time));
  const before = received();
  const reached = stub.publish(item.payload.topicName, item.payload.eventBody, { duplicate: options.duplicate === true });
  const copies = reached > 0 ? (options.duplicate === true ? 2 : 1) : 0;
  if (copies > 0) await stub.waitFor(() => received() >= before + copies, 5000, `notification ${item.payload.topicName} at ${item.time}`);
  return copies;
}

/**
 * Publishes notifications while the connector cannot receive them (its socket is down or
 * stalled), moving the world's clock: Genesys never sends them again.
 */
export function publishLost(world: GenesysWorld, stub: GenesysStub, items: readonly FeedItem[]): void {
  for (const item of items) {
    world.now = Math.max(world.now, Date.parse(item.time));
    stub.publish(item.payload.topicName, item.payload.eventBody);
  }
}

/**
 * Stalls the stub's sockets and waits until the connector pings the silent one. By then it has
 * received every message sent before the stall, so none of them is stamped with a clock that
 * lost notifications moved on (a heartbeat still in flight would date the gap's start too late).
 */
export async function silence(stub: GenesysStub): Promise<void> {
  const pings = stub.pings();
  stub.stallHeartbeats(true);
  await stub.waitFor(() => stub.pings() > pings, 3000, 'a ping on the silent socket');
}
