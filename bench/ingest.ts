import { performance } from 'node:perf_hooks';
import { ingestGenesys } from '../src/ingest/index.js';
import { measureJob } from './job-row.js';
import type { BenchRow } from './measure.js';
import { createRandom } from '../src/sim/random.js';

/** What the ingest bench measured. */
export interface IngestBenchResult {
  readonly name: string;
  /** Conversation snapshots in the stream (heartbeats not counted). */
  readonly snapshots: number;
  readonly seconds: number;
  readonly snapshotsPerSecond: number;
  /** CPU time of the process over the same span (user + system), less sensitive to a busy machine than `seconds`. */
  readonly cpuSeconds: number;
  /** v1 events the snapshots gave. */
  readonly events: number;
}

/** How big a stream to generate, and from which seed. */
export interface IngestBenchOptions {
  /** Conversations keep starting until their snapshots add up to at least this many (default 100,000). */
  readonly minSnapshots?: number;
  readonly seed?: number;
}

type Raw = Record<string, unknown>;

const EPOCH = Date.parse('2026-11-21T08:00:00.000Z');
const iso = (ms: number) => new Date(EPOCH + ms).toISOString();
const hex = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
const uuid = (random: () => number) => `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;

/** One participant leg as a conversation goes on: set fields as things happen. */
interface Leg {
  readonly id: string;
  readonly purpose: 'customer' | 'acd' | 'agent';
  readonly fields: Raw;
}

/**
 * One conversation's notifications, as Genesys sends them: after each change, the whole
 * conversation (chat: flat `v2.users.{id}.conversations.chats`; callback: nested
 * `v2.users.{id}.conversations` with `callbacks[]`). Customer and ACD legs, an agent leg per
 * routing attempt (alert timeouts), an answer that ends the ACD leg, sometimes a hold, the agent's
 * disconnect into after-call work, the customer leaving, wrap-up. Returns `[time, text]` pairs.
 */
function conversationNotifications(random: () => number, start: number): [number, string][] {
  const media: 'chat' | 'callback' = random() < 0.7 ? 'chat' : 'callback';
  const conversationId = uuid(random);
  const userId = uuid(random);
  const queue = { id: uuid(random), name: 'Support' };
  const legs: Leg[] = [];
  const out: [number, string][] = [];
  const snapshot = (at: number) => {
    const participants = legs.map((leg) => (media === 'chat' ? flat(leg) : nested(leg, queue.id)));
    const topicName = media === 'chat' ? `v2.users.${userId}.conversations.chats` : `v2.users.${userId}.conversations`;
    out.push([at, JSON.stringify({ topicName, version: '2', eventBody: { id: conversationId, participants }, metadata: { CorrelationId: uuid(random) } })]);
  };
  const leg = (purpose: Leg['purpose'], fields: Raw): Leg => {
    const created = { id: uuid(random), purpose, fields: { held: false, wrapupRequired: false, ...fields } };
    legs.push(created);
    return created;
  };

  let now = start;
  const customer = leg('customer', {
    name: 'Ann Customer', state: 'connected', connectedTime: iso(now), provider: media === 'chat' ? 'PureCloud Webchat v2' : 'PureCloud Callback',
    attributes: { 'context.firstName': 'Ann', 'context.email': 'ann@example.com', 'context._genesys_source': 'web', 'context.subject': 'billing' },
    ...(media === 'callback' ? { callbackNumbers: ['+15550100000'], callbackUserName: 'Ann Customer', callbackScheduledTime: iso(now), initialState: 'scheduled' } : {}),
  });
  const acd = leg('acd', {
    name: 'Support', state: 'connected', connectedTime: iso(now + 50), queue, conversationRoutingData: { queue: { id: queue.id }, priority: 2 },
    ...(media === 'callback' ? { initialState: 'scheduled' } : {}),
  });
  snapshot(now + 60);
  for (;;) {
    now += 1_000 + random() * 20_000;
    const agent = leg('agent', { state: 'alerting', user: { id: userId }, queue, alertingTimeoutMs: 30_000, wrapupPrompt: 'optional', wrapupTimeoutMs: 120_000 });
    snapshot(now);
    if (random() < 0.25) {
      now += 30_000;
      Object.assign(agent.fields, { state: 'disconnected', endTime: iso(now), disconnectType: 'system' });
      snapshot(now);
      continue;
    }
    now += 1_000 + random() * 10_000;
    Object.assign(acd.fields, { state: 'disconnected', endTime: iso(now - 2), disconnectType: 'transfer' });
    Object.assign(agent.fields, { state: 'connected', connectedTime: iso(now), wrapupRequired: true });
    snapshot(now);
    if (random() < 0.3) {
      now += 5_000 + random() * 60_000;
      Object.assign(agent.fields, { held: true, startHoldTime: iso(now) });
      snapshot(now);
      now += 5_000 + random() * 60_000;
      agent.fields.held = false;
      delete agent.fields.startHoldTime;
      snapshot(now);
    }
    now += 30_000 + random() * 300_000;
    Object.assign(agent.fields, { state: 'disconnected', endTime: iso(now), disconnectType: 'client', startAcwTime: iso(now) });
    snapshot(now);
    now += 1_000 + random() * 10_000;
    Object.assign(customer.fields, { state: 'disconnected', endTime: iso(now), disconnectType: 'peer' });
    snapshot(now);
    now += 5_000 + random() * 60_000;
    Object.assign(agent.fields, { endAcwTime: iso(now), wrapup: { code: 'wc-resolved', name: 'Resolved', endTime: iso(now) } });
    snapshot(now);
    return out;
  }
}

function flat(leg: Leg): Raw {
  return { id: leg.id, purpose: leg.purpose, ...leg.fields };
}

/** A leg in the nested shape: participant data plus one `callbacks[]` communication. */
function nested(leg: Leg, queueId: string): Raw {
  const {
    state, held, connectedTime, endTime, disconnectType, startHoldTime, initialState, callbackNumbers, callbackUserName,
    callbackScheduledTime, user, queue: _queue, ...participant
  } = leg.fields;
  const communication: Raw = {
    state, initialState: initialState ?? 'alerting', id: `${leg.id}-cb`, held, connectedTime, disconnectedTime: endTime,
    disconnectType, startHoldTime, callbackNumbers, callbackUserName, callbackScheduledTime, provider: 'PureCloud Callback',
  };
  return {
    id: leg.id, purpose: leg.purpose, queueId, ...(user === undefined ? {} : { userId: (user as Raw).id }), ...participant,
    endTime, callbacks: [communication],
  };
}

/** Interleaves the conversations' notifications in time order, with a heartbeat every 30 s, as JSONL chunks. */
function* stream(minSnapshots: number, seed: number, counts: { snapshots: number }): Generator<string> {
  const random = createRandom(seed, 'bench-ingest').float;
  const pending: [number, string][] = [];
  let start = 0;
  let nextHeartbeat = 0;
  let chunk = '';
  const heartbeat = JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });
  while (counts.snapshots < minSnapshots) {
    for (const entry of conversationNotifications(random, start)) pending.push(entry);
    start += 400;
    pending.sort((a, b) => a[0] - b[0]);
    let ready = 0;
    while (ready < pending.length && pending[ready]![0] < start) ready++;
    for (const [at, text] of pending.splice(0, ready)) {
      while (nextHeartbeat <= at) {
        chunk += `${heartbeat}\n`;
        nextHeartbeat += 30_000;
      }
      chunk += `${text}\n`;
      counts.snapshots++;
    }
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  for (const [, text] of pending) {
    chunk += `${text}\n`;
    counts.snapshots++;
  }
  yield chunk;
}

/**
 * The ingest throughput row: generates a stream of realistic notifications (≥ 100,000
 * conversation snapshots by default: chat conversations as flat `…conversations.chats`
 * notifications, callbacks as nested `…conversations` ones, heartbeats every 30 s), renders it
 * as JSONL text up front, then times `ingestGenesys` over it: parsing, recognition, flattening,
 * consistency checks, diffing against what is known, and the final time sort.
 *
 * @example
 * const row = await benchIngest();
 * console.log(`${row.name}: ${Math.round(row.snapshotsPerSecond)} snapshots/s`);
 */
export async function benchIngest(options: IngestBenchOptions = {}): Promise<IngestBenchResult> {
  const counts = { snapshots: 0 };
  const chunks = [...stream(options.minSnapshots ?? 100_000, options.seed ?? 1, counts)];
  const began = performance.now();
  const cpu = process.cpuUsage();
  let events = 0;
  for await (const _event of ingestGenesys(chunks)) events++;
  const seconds = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    name: 'ingest genesys notifications', snapshots: counts.snapshots, seconds, snapshotsPerSecond: counts.snapshots / seconds,
    cpuSeconds: (used.user + used.system) / 1e6, events,
  };
}

/** `benchIngest` as a bench row (items are snapshots). */
export const ingestRow: BenchRow = {
  row: 'ingest',
  label: 'ingest genesys notifications → v1 events',
  run: () => measureJob('ingest', ingestRow.label, async () => {
    const { snapshots, seconds, events } = await benchIngest();
    return { items: snapshots, seconds, note: `${snapshots.toLocaleString('en')} notification snapshots (items) gave ${events.toLocaleString('en')} events` };
  }),
};
