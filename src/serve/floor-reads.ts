import { computeMetrics, type MetricsOptions, type MetricsReport } from '../metrics/compute-metrics.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { Tracker } from '../tracker/tracker.js';

/**
 * What the API reads: conversations now or as of an instant, a conversation's history, metrics
 * over any span, and the latest event time. One tracker answers them in `serve`; the merged
 * partitions answer them in the gateway (`serve --nats`), where some answers come over the network.
 */
export interface FloorReads {
  /** One conversation, now (`at` absent) or as of `at`. */
  conversation(conversationId: string, at?: string): Promise<ConversationSnapshot | undefined>;
  /** Every conversation, now or as of `at`, in the order first seen. */
  conversations(at?: string): Promise<Iterable<ConversationSnapshot>>;
  /** The conversations under way at `at`. */
  active(at: string): Promise<ConversationSnapshot[]>;
  /** The events applied to a conversation, in order (empty when there is none). */
  history(conversationId: string): Promise<readonly TrackerEvent[]>;
  /** Metrics as `computeMetrics` gives them. */
  metrics(options: MetricsOptions): Promise<MetricsReport>;
  /** The latest event time. */
  latestTime(): string | undefined;
}

/**
 * The reads of one tracker.
 *
 * @example
 * const reads = trackerReads(tracker);
 * await reads.conversation('c1', '2026-11-21T10:42:00.000Z');
 */
export function trackerReads(tracker: Tracker): FloorReads {
  return {
    conversation: (id, at) => Promise.resolve((at === undefined ? tracker : tracker.at(at)).conversation(id)),
    conversations: (at) => Promise.resolve((at === undefined ? tracker : tracker.at(at)).eachConversation()),
    active: (at) => Promise.resolve(tracker.at(at).active()),
    history: (id) => Promise.resolve(tracker.history(id)),
    metrics: (options) => Promise.resolve(computeMetrics(tracker, options)),
    latestTime: () => tracker.latestTime(),
  };
}
