import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { requireInstant } from '../events/time.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { MediaParticipant } from '../model/media-participant.js';
import type { Tracker } from '../tracker/create-tracker.js';
import { LAST_INSTANT, metricsSettings, type MetricsOptions, type MetricsReport } from './compute-metrics.js';
import { conversationContribution, type ConversationContribution } from './conversation-contribution.js';
import { mergeMetricsPartials, type MetricsPartial } from './metrics-partial.js';
import { MetricsAccumulator } from './queue-accumulator.js';
import { startOfUtcDay } from '../time/start-of-utc-day.js';

/**
 * What {@link createLiveMetrics} measures: the interval length and service-level threshold (as
 * `computeMetrics` takes them), and how long a finished conversation's figures stay at hand.
 *
 * @example
 * const options: LiveMetricsOptions = { intervalMs: 15 * 60_000, serviceLevelMs: 30_000, retentionMs: 5 * 60_000 };
 */
export interface LiveMetricsOptions {
  /** Interval length in ms (default 30 minutes); must be positive. */
  readonly intervalMs?: number;
  /** Service-level threshold in ms (default 20 s); must be ≥ 0. */
  readonly serviceLevelMs?: number;
  /**
   * How long (event time, ms) the contribution of a conversation with nobody on the floor is kept
   * after its last event, so that a change can replace it cheaply (default 10 minutes). A later
   * change of one already dropped makes the next report sum the day again.
   */
  readonly retentionMs?: number;
}

/**
 * Today's metrics of a tracker, kept up to date as its conversations change: what a dashboard
 * polls. Made by {@link createLiveMetrics}.
 *
 * @example
 * const live = createLiveMetrics(tracker);
 * const result = tracker.apply(event);
 * if (result.status === 'applied') live.changed(result.event.conversationId);
 * setInterval(() => push(live.report()), 250);
 */
export interface LiveMetrics {
  /**
   * Notes that a conversation changed; the work is done lazily in `report()`. Call it with the
   * conversation of every event applied (`result.event.conversationId` of an `applied` result of
   * `apply`, `submit` or `load`): `tracker.subscribe` alone is not enough, as a late event that
   * changes only the history (a hold inside an agent leg already ended) leaves the snapshot as it
   * was and notifies no one, yet changes talk and hold time.
   */
  changed(conversationId: string): void;
  /**
   * Today's metrics: deep-equal to `computeMetrics(tracker, { from: <start of the UTC day of at>,
   * at, intervalMs, serviceLevelMs })`, where `at` is the latest event time the tracker holds, or
   * the instant given (as `MetricsOptions.at`), which must not be before it (an
   * `InvalidOptionError` otherwise). With no event and no instant, the report of an empty tracker
   * (`at: null`). It reads the conversations changed since the last report, and observes the
   * floor again.
   */
  report(at?: MetricsOptions['at']): MetricsReport;
  /**
   * What `report(at)` sums, before the report is finished (`report(at)` is
   * `mergeMetricsPartials([partial(at)])`), with the same day and the same reading of what
   * changed: the partial of one partition of the conversations, which `mergeMetricsPartials`
   * merges with the other partitions' into what one tracker holding them all reports.
   *
   * @example
   * const partials = partitions.map((live) => live.partial());
   * mergeMetricsPartials(partials); // deep-equal to the report of one LiveMetrics over all partitions
   */
  partial(at?: MetricsOptions['at']): MetricsPartial;
}


/** The time of a conversation's last applied event. */
const lastTimeOf = (history: readonly TrackerEvent[]): string | undefined => history[history.length - 1]?.time;

/** The latest of two times (either may be missing). */
const laterOf = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined || (b !== undefined && b > a) ? b : a);

/** The latest participant start of some conversations: no later than the latest event. */
function latestStart(conversations: Iterable<ConversationSnapshot>): string | undefined {
  let latest: string | undefined;
  for (const conversation of conversations) {
    for (const participant of conversation.participants as MediaParticipant[]) latest = laterOf(latest, participant.startTime);
  }
  return latest;
}

/**
 * The time of the latest event the tracker holds applied (`computeMetrics(tracker).at`), without
 * reading every history: a participant start bounds it from below (among the conversations under
 * way, else among all snapshots), and only the conversations since then are read.
 */
function latestEventTime(tracker: Tracker): string | undefined {
  const bound = latestStart(tracker.active()) ?? latestStart(tracker.eachConversation());
  if (bound === undefined) return undefined;
  let latest: string | undefined;
  for (const conversation of tracker.between(bound, LAST_INSTANT).eachConversation()) {
    latest = laterOf(latest, lastTimeOf(tracker.history(conversation.id)));
  }
  return latest;
}

/**
 * Live metrics of today (UTC) over a tracker: each report equals `computeMetrics` from the start
 * of the day, but only reads the conversations that changed since the last one, observes the
 * conversations with participants on the floor (waiting, alerting, connected, held, parked, in
 * ACW, scheduled) and lists the intervals. Each conversation's contribution (its metric
 * emissions) is kept while it can still change: a change takes the old one out of the sums and
 * puts the new one in. Once nobody of a conversation is on the floor and its last event is
 * `retentionMs` older than the latest one, its contribution is dropped (its id is remembered for
 * the day); if it changes after all (a late event), the next report sums the day again from
 * `tracker.between`, exactly. When the instant enters a new day, the sums start again from the
 * conversations of that day (those under way across midnight included). On creation it sums the
 * day of the tracker's latest event (a tracker restored from a store).
 *
 * @example
 * const tracker = createTracker({ store: openEventStore('data') });
 * const live = createLiveMetrics(tracker, { intervalMs: 15 * 60_000 });
 * for (const result of tracker.load(events)) if (result.status === 'applied') live.changed(result.event.conversationId);
 * live.report().overall.observations.waiting; // as computeMetrics(tracker, { from: midnight, at: latest })
 */
export function createLiveMetrics(tracker: Tracker, options: LiveMetricsOptions = {}): LiveMetrics {
  const { intervalMs, serviceLevelMs } = metricsSettings(options);
  const retentionMs = options.retentionMs ?? 10 * 60_000;
  if (!(retentionMs >= 0)) throw new InvalidOptionError('retentionMs must be a number of milliseconds ≥ 0');

  let metrics = new MetricsAccumulator(intervalMs, serviceLevelMs);
  /** The start of the UTC day summed; `undefined` before the first event. */
  let day: string | undefined;
  /** The latest event time read so far (never goes back). */
  let latest = latestEventTime(tracker);
  /** Contributions of the conversations with participants on the floor: observed at every report. */
  const onFloor = new Map<string, ConversationContribution>();
  /** Contributions of the others, least recently changed first: dropped once idle for `retentionMs`. */
  const idle = new Map<string, ConversationContribution>();
  /** Conversations whose emissions are in the sums but whose contribution was dropped. */
  const dropped = new Set<string>();
  /** Conversations changed since the last report. */
  const pending = new Set<string>();
  let rebuildDue = false;

  /** The earliest last-event time (epoch ms) of a contribution kept without anybody on the floor. */
  const idleSinceMs = () => (latest === undefined ? -Infinity : Date.parse(latest) - retentionMs);

  /** Adds a conversation's contribution to the sums, and keeps it while it can still change cheaply. */
  const take = (conversationId: string, contribution: ConversationContribution, keepFromMs: number) => {
    for (const queue of contribution.queues) metrics.of(queue, contribution.firstEventTime);
    for (const emission of contribution.emissions) metrics.add(emission);
    const last = contribution.lastEventTime;
    if (contribution.observed.length > 0) onFloor.set(conversationId, contribution);
    else if (last !== undefined && Date.parse(last) >= keepFromMs) idle.set(conversationId, contribution);
    else if (contribution.emissions.length > 0) dropped.add(conversationId);
  };

  /** Replaces a changed conversation's contribution. */
  const update = (conversationId: string, history: readonly TrackerEvent[], keepFromMs: number) => {
    const previous = onFloor.get(conversationId) ?? idle.get(conversationId);
    for (const emission of previous?.emissions ?? []) metrics.remove(emission);
    onFloor.delete(conversationId);
    idle.delete(conversationId);
    const conversation = tracker.conversation(conversationId);
    if (conversation !== undefined) take(conversationId, conversationContribution(conversation, history, day), keepFromMs);
  };

  /** Sums the day of `at` again from the conversations under way in it, up to `at`. */
  const rebuild = (at: string, keepFromMs: number) => {
    day = startOfUtcDay(at);
    metrics = new MetricsAccumulator(intervalMs, serviceLevelMs);
    onFloor.clear();
    idle.clear();
    dropped.clear();
    rebuildDue = false;
    for (const conversation of tracker.between(day, at).eachConversation()) {
      take(conversation.id, conversationContribution(conversation, tracker.history(conversation.id), day), keepFromMs);
    }
  };

  /** Drops the idle contributions whose last event is before `keepFromMs`, least recently changed first. */
  const dropIdle = (keepFromMs: number) => {
    for (const [conversationId, contribution] of idle) {
      if (Date.parse(contribution.lastEventTime!) >= keepFromMs) break;
      idle.delete(conversationId);
      if (contribution.emissions.length > 0) dropped.add(conversationId);
    }
  };

  if (latest !== undefined) rebuild(latest, idleSinceMs());

  /** What `report(instant)` sums: reads what changed, starts a new day when the instant enters one, and counts the floor. */
  const partialAt = (instant: MetricsOptions['at']): MetricsPartial => {
    const histories = new Map<string, TrackerEvent[]>();
    for (const conversationId of pending) {
      const history = tracker.history(conversationId);
      histories.set(conversationId, history);
      latest = laterOf(latest, lastTimeOf(history));
    }
    pending.clear();
    const requested = instant === undefined ? undefined : requireInstant(instant);
    if (requested !== undefined && latest !== undefined && requested < latest) {
      throw new InvalidOptionError(`at (${requested}) must not be before the latest event (${latest})`);
    }
    const at = requested ?? latest;
    if (at !== undefined) {
      const keepFromMs = idleSinceMs();
      if (rebuildDue || startOfUtcDay(at) !== day) rebuild(at, keepFromMs);
      else for (const [conversationId, history] of histories) update(conversationId, history, keepFromMs);
      dropIdle(keepFromMs);
      metrics.clearObservations();
      for (const { observed } of onFloor.values()) for (const participant of observed) metrics.observe(participant);
    }
    const scope = { at: requested ?? null, latest: latest ?? null, from: at === undefined ? null : day!, daily: true };
    return metrics.partial(scope, () => undefined);
  };

  return {
    changed(conversationId) {
      pending.add(conversationId);
      if (dropped.has(conversationId)) rebuildDue = true;
    },
    report: (instant) => mergeMetricsPartials([partialAt(instant)]),
    partial: partialAt,
  };
}
