import type { TrackerEvent } from '../events/tracker-event.js';
import { createGenesysIngest, type GenesysIngest } from '../ingest/create-genesys-ingest.js';
import type { MediaType } from '../model/enums.js';
import { startOfUtcDay } from '../time/start-of-utc-day.js';
import { backfill, conversationPath } from './backfill.js';
import { ChannelLink, type ChannelLinkTimings } from './channel-link.js';
import type { BackfillReport, ConnectionState, ConnectorStatus, Gap } from './connector-status.js';
import { GenesysApi } from './genesys-api.js';
import type { GenesysEnvironment } from './genesys-environment.js';
import { channelTopicSets, notificationTopics } from './notification-topics.js';

/** What the connector needs: where, what to follow, and where events go. */
export interface GenesysConnectorOptions extends ChannelLinkTimings {
  readonly environment: GenesysEnvironment;
  /** Queue ids: their chat and callback conversations are followed. */
  readonly queues: readonly string[];
  /** User ids, for conversations that reach them outside the queues. */
  readonly users?: readonly string[];
  /** Receives each batch of v1 events, in the order a reader applies them. */
  readonly onEvents: (events: readonly TrackerEvent[]) => void;
  /** Connection changes, gaps, backfills, retries: one line each, never a secret. */
  readonly onNotice?: (line: string) => void;
  /** Told whenever the status changes. */
  readonly onStatus?: (status: ConnectorStatus) => void;
  /** The start of the first backfill, in ms of `clock` (the start of the UTC day by default). */
  readonly backfillFrom?: number;
  /**
   * The instant a message counts as received, in ms (the wall clock by default): it dates the
   * changes a payload proves but does not date (the end of a hold), and bounds the gaps.
   */
  readonly clock?: () => number;
  /** The differ session (a new one by default). */
  readonly ingest?: GenesysIngest;
  /**
   * How long after a gap closed it is backfilled once more (2 minutes by default): the
   * analytics details query may not know a conversation that began moments before.
   */
  readonly lateBackfillMs?: number;
  /**
   * How long before a gap's start its backfill looks for conversations that began (one minute by
   * default): a notification can reach the socket after the conversation it tells of began, even
   * after later heartbeats, and Genesys' clock and this one differ.
   */
  readonly backfillLeadMs?: number;
}

/** A running connector. */
export interface GenesysConnector {
  /** Resolves once every channel's socket opened and the start-up backfill is done; rejects when the connector failed. */
  readonly ready: Promise<void>;
  /** Resolves when stopped; rejects when a refusal that cannot be retried stopped it (bad credentials, a topic refused). */
  readonly done: Promise<void>;
  status(): ConnectorStatus;
  /** Closes the sockets; the events of payloads already received have been handed out. */
  stop(): Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The differ lets go of a conversation over once no payload has described it for an hour… */
const FORGET_AFTER_MS = 3600_000;
/** …looked for every this many notifications. */
const FORGET_EVERY = 1000;

/** The system topics that end a channel's usefulness, and `socket_closing`, which announces maintenance. */
function systemKind(topicName: string): 'socket_closing' | 'lost' | undefined {
  if (topicName.startsWith('v2.system.socket_closing')) return 'socket_closing';
  if (topicName.startsWith('v2.system.no_longer_subscribed') || topicName.startsWith('v2.system.token_revoked')) return 'lost';
  return undefined;
}

/** The media a conversation topic is about. */
function topicMedia(topicName: string): MediaType | undefined {
  return topicName.endsWith('.conversations.chats') ? 'chat' : topicName.endsWith('.conversations.callbacks') ? 'callback' : undefined;
}

/**
 * Connects to Genesys Cloud and turns its notifications into v1 events, keeping the tracked
 * state exact through the faults of real operation. It logs in with the client-credentials
 * grant, subscribes the queues' (and users') chat and callback conversation topics on as many
 * channels as 1,000 topics each need, and follows each socket's heartbeats. Every payload goes
 * through one snapshot differ (`createGenesysIngest`), stamped with its arrival. Genesys never
 * replays what a closed socket missed, so after every gap (start-up included, from
 * `backfillFrom`) the conversations known to be under way are fetched over REST, and those that
 * started in the gap are found with the analytics details query and fetched too, through the
 * same differ: nothing is counted twice. A participant no payload has dated the start of yet is
 * fetched over REST at once.
 *
 * @example
 * const connector = startGenesysConnector({
 *   environment: genesysEnvironment(), queues: ['3c6f420a-26cc-4b59-84f8-3c94011d39da'],
 *   onEvents: (events) => events.forEach((e) => tracker.apply(e)), onNotice: console.error,
 * });
 * await connector.ready;
 * // …
 * await connector.stop();
 */
export function startGenesysConnector(options: GenesysConnectorOptions): GenesysConnector {
  const clock = options.clock ?? Date.now;
  const notice = options.onNotice ?? (() => undefined);
  const stopping = new AbortController();
  const api = new GenesysApi(options.environment, { signal: stopping.signal, ...(options.backoff ? { backoff: options.backoff } : {}), onNotice: (line) => notice(`genesys: ${line}`) });
  const ingest = options.ingest ?? createGenesysIngest();
  const users = options.users ?? [];
  /** Conversations the differ waits on for a dated start (user topics carry none): their media, and whether their REST body was asked for. */
  const waitingFor = new Map<string, { readonly media: MediaType; asked: boolean }>();

  let state: ConnectionState = 'connecting';
  let detail: string | null = null;
  let notifications = 0;
  let unreadable = 0;
  let events = 0;
  let lastMessageMs: number | undefined;
  const gaps = { count: 0, totalMs: 0, last: null as Gap | null };
  const backfills = { count: 0, conversations: 0, events: 0, last: null as BackfillReport | null };
  /** Per link: the latest instant (clock ms) it was known to receive: its socket opened, or a message arrived. */
  const aliveAt = new Map<ChannelLink, number>();
  /** Per link: where its current gap began (clock ms), and why. */
  const openGaps = new Map<ChannelLink, { from: number; reason: string }>();
  /** The window still to backfill (merged across links), and the backfill under way. */
  let pending: { from: number; to: number } | undefined;
  let backfilling: Promise<void> = Promise.resolve();
  /** Second looks at gaps, pending. */
  const lateLooks = new Set<NodeJS.Timeout>();

  let failed: (error: Error) => void = () => undefined;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  done.catch(() => undefined);

  const links = channelTopicSets(notificationTopics(options.queues, users)).map((topics) => new ChannelLink(api, topics, {
    onMessage: (link, message, error) => {
      onMessage(link, message, error);
      // Every message moves the counts and lastMessageAt that /healthz shows.
      options.onStatus?.(status());
    },
    onGap: (link, reason) => {
      // Notifications may have been lost since the last sign of life, not only since the loss was noticed.
      openGaps.set(link, { from: aliveAt.get(link) ?? clock(), reason });
      notice(`genesys: gap opened on channel ${link.status().id ?? '?'}: ${reason}`);
      changed('reconnecting', reason);
    },
    onConnected: (link) => {
      const gap = openGaps.get(link);
      openGaps.delete(link);
      aliveAt.set(link, clock());
      notice(`genesys: channel ${link.status().id ?? '?'} connected (${link.topics.length} topics)`);
      if (gap !== undefined) closeGap(gap.from, clock(), gap.reason);
      if (links.every((l) => l.status().state === 'connected')) changed('connected', null);
    },
    onFatal: (_link, error) => fail(error),
    onNotice: notice,
  }, options));
  const startFrom = options.backfillFrom ?? Date.parse(startOfUtcDay(iso(clock())));
  for (const link of links) openGaps.set(link, { from: startFrom, reason: 'start-up' });

  function status(): ConnectorStatus {
    return {
      state, detail, channels: links.map((l) => l.status()), notifications, unreadable, events,
      lastMessageAt: lastMessageMs === undefined ? null : iso(lastMessageMs),
      gaps: { ...gaps }, backfills: { ...backfills },
    };
  }

  /** Whether `stop()` was called (a function: the compiler cannot see the change across awaits). */
  function isStopped(): boolean {
    return state === 'stopped';
  }

  function changed(next: ConnectionState, why: string | null): void {
    if (state === 'failed' || state === 'stopped') return;
    const moved = next !== state;
    state = next;
    detail = why;
    if (moved) notice(`genesys: ${next}${why === null ? '' : `: ${why}`}`);
    options.onStatus?.(status());
  }

  function fail(error: Error): void {
    if (state === 'failed' || state === 'stopped') return;
    changed('failed', error.message);
    for (const late of lateLooks) clearTimeout(late);
    void Promise.all(links.map((l) => l.stop())).then(() => failed(error));
  }

  function hand(out: readonly TrackerEvent[]): number {
    if (out.length === 0) return 0;
    events += out.length;
    options.onEvents(out);
    return out.length;
  }

  /**
   * One payload through the differ. A conversation it leaves waiting for a dated start (`about`:
   * the one the payload is about) is fetched over REST once, which dates it; backfills fetch it
   * again while it waits.
   */
  function feed(payload: unknown, receivedMs: number, about?: { readonly id: string; readonly media: MediaType }): number {
    const added = hand(ingest.push(payload, undefined, iso(receivedMs)).events);
    const waiting = ingest.awaiting();
    if (about !== undefined && !waitingFor.has(about.id) && waiting.includes(about.id)) waitingFor.set(about.id, { media: about.media, asked: false });
    for (const id of waiting) {
      const entry = waitingFor.get(id);
      if (entry === undefined || entry.asked) continue;
      entry.asked = true;
      void api.request('GET', conversationPath(entry.media, id)).then((answer) => {
        if (answer.status !== 404) hand(ingest.push(answer.body, undefined, iso(clock())).events);
      }, (error: Error) => notice(`genesys: GET conversation ${id}: ${error.message}`));
    }
    return added;
  }

  /** The conversations the differ still waits on, with their media; the others are let go. */
  function stillWaiting(): { id: string; media: MediaType }[] {
    const waiting = new Set(ingest.awaiting());
    for (const id of waitingFor.keys()) if (!waiting.has(id)) waitingFor.delete(id);
    return [...waitingFor].map(([id, { media }]) => ({ id, media }));
  }

  function onMessage(link: ChannelLink, message: unknown, error?: string): void {
    const receivedMs = clock();
    lastMessageMs = receivedMs;
    aliveAt.set(link, receivedMs);
    if (error !== undefined) {
      unreadable++;
      notice(`genesys: a message on channel ${link.status().id ?? '?'} is ${error}; skipped`);
      return;
    }
    const record = message as { topicName?: unknown; eventBody?: { id?: unknown }; result?: unknown };
    const topicName = typeof record.topicName === 'string' ? record.topicName : undefined;
    if (topicName === 'channel.metadata') return;
    if (topicName === undefined) {
      if (String(record.result) === '404') link.system('lost');
      return;
    }
    const kind = systemKind(topicName);
    if (kind !== undefined) {
      notice(`genesys: ${topicName} on channel ${link.status().id ?? '?'}`);
      link.system(kind);
      return;
    }
    notifications++;
    if (notifications % FORGET_EVERY === 0) {
      ingest.forget(iso(receivedMs - FORGET_AFTER_MS));
      stillWaiting();
    }
    const media = topicMedia(topicName);
    const id = record.eventBody?.id;
    feed(message, receivedMs, media !== undefined && typeof id === 'string' ? { id, media } : undefined);
  }

  function closeGap(from: number, to: number, reason: string): void {
    if (reason !== 'start-up') {
      const gap: Gap = { from: iso(from), to: iso(to), ms: Math.max(0, to - from), reason };
      gaps.count++;
      gaps.totalMs += gap.ms;
      gaps.last = gap;
      notice(`genesys: gap closed after ${(gap.ms / 1000).toFixed(1)} s (${reason}); backfilling ${gap.from} to ${gap.to}`);
    }
    if (reason === 'start-up') {
      requestBackfill(from, to);
      return;
    }
    // A conversation whose notifications were lost may have begun just before the last sign of life.
    const lookFrom = from - (options.backfillLeadMs ?? 60_000);
    requestBackfill(lookFrom, to);
    // Analytics may not know a conversation that began moments ago: the gap is looked at once more, later.
    const late = setTimeout(() => {
      lateLooks.delete(late);
      requestBackfill(lookFrom, to);
    }, options.lateBackfillMs ?? 120_000);
    lateLooks.add(late);
  }

  function requestBackfill(from: number, to: number): void {
    pending = pending === undefined ? { from, to } : { from: Math.min(pending.from, from), to: Math.max(pending.to, to) };
    backfilling = backfilling.then(runBackfill);
  }

  async function runBackfill(): Promise<void> {
    const window = pending;
    pending = undefined;
    if (window === undefined || isStopped()) return;
    let added = 0;
    try {
      const known = [...ingest.underWay(), ...stillWaiting()];
      const counts = await backfill(api, { ...window, queues: options.queues, users, known }, (conversation) => {
        added += hand(ingest.push(conversation, undefined, iso(clock())).events);
      });
      const report: BackfillReport = { from: iso(window.from), to: iso(window.to), ...counts, events: added };
      backfills.count++;
      backfills.conversations += counts.fetched;
      backfills.events += added;
      backfills.last = report;
      notice(`genesys: backfill ${report.from} to ${report.to}: ${counts.active} under way and ${counts.found} found in the gap, ${counts.fetched} fetched, ${counts.missing} gone, ${added} events`);
      options.onStatus?.(status());
    } catch (error) {
      if (isStopped()) return;
      fail(error as Error);
    }
  }

  const ready = Promise.all(links.map((l) => l.start())).then(async () => {
    await backfilling;
    if (state === 'failed') throw new Error(detail ?? 'the connector failed');
  });
  ready.catch(() => undefined);

  return {
    ready,
    done,
    status,
    async stop() {
      if (state !== 'failed') state = 'stopped';
      stopping.abort(new Error('stopped'));
      for (const late of lateLooks) clearTimeout(late);
      await Promise.all(links.map((l) => l.stop()));
      await backfilling.catch(() => undefined);
      hand(ingest.flush().events);
      finished();
    },
  };
}
