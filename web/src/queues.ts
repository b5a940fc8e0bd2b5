import type { QueueMetrics, MetricsReport } from '../../src/metrics/compute-metrics.js';
import type { ConversationSnapshot } from '../../src/model/conversation-snapshot.js';
import type { DomainEntityRef } from '../../src/model/domain-entity-ref.js';
import type { MediaParticipant } from '../../src/model/media-participant.js';

/** The choice "All queues". */
export const ALL_QUEUES = '';

/** The key of interactions without a queue. */
const NO_QUEUE = 'none';

/**
 * The selector key of a queue: `q:<id>` (or `n:<name>` for a queue known by name only); `none`
 * for no queue.
 *
 * @example
 * queueKey({ id: 'q-support', name: 'Support' }); // 'q:q-support'
 */
export function queueKey(queue: DomainEntityRef | null | undefined): string {
  if (queue?.id !== undefined) return `q:${queue.id}`;
  if (queue?.name !== undefined) return `n:${queue.name}`;
  return NO_QUEUE;
}

/**
 * How a queue reads: its name, else its id; `No queue` for none.
 *
 * @example
 * queueLabel({ id: 'q-support', name: 'Support' }); // 'Support'
 */
export function queueLabel(queue: DomainEntityRef | null | undefined): string {
  return queue?.name ?? queue?.id ?? 'No queue';
}

/** Observations and aggregates that are all zero, for a queue the report no longer lists. */
function emptyQueueMetrics(report: MetricsReport): QueueMetrics {
  const { start, end } = report.overall.total;
  return {
    queue: null,
    observations: { waiting: 0, alerting: 0, interacting: 0, held: 0, parked: 0, afterCallWork: 0, oldestWaitingMs: null, scheduledCallbacks: 0 },
    total: {
      start, end, offered: 0, answered: 0, abandoned: 0, flowOuts: 0, answeredWithinServiceLevel: 0, serviceLevel: null,
      averageSpeedOfAnswerMs: null, averageAbandonWaitMs: null, handled: 0, averageTalkMs: null, averageHoldMs: null,
      averageAcwMs: null, averageHandleMs: null, holds: 0, transfers: 0, notResponding: 0,
    },
    intervals: [],
  };
}

/**
 * The metrics of the chosen queue: the overall figures for {@link ALL_QUEUES}, zeros when the
 * report does not list the queue (nothing happened in it).
 *
 * @example
 * queueMetrics(report, 'q:q-support').total.offered;
 */
export function queueMetrics(report: MetricsReport, key: string): QueueMetrics {
  if (key === ALL_QUEUES) return report.overall;
  return report.queues.find((q) => queueKey(q.queue) === key) ?? emptyQueueMetrics(report);
}

/**
 * The queue a conversation is in: that of its latest ACD leg, else of its latest agent leg.
 *
 * @example
 * conversationQueue(conversation)?.name; // 'Support'
 */
export function conversationQueue(conversation: ConversationSnapshot): DomainEntityRef | undefined {
  const participants = conversation.participants as readonly MediaParticipant[];
  const latest = (purposes: readonly string[]) =>
    participants.findLast((p) => p.queue !== undefined && purposes.includes(p.purpose ?? ''))?.queue;
  return latest(['acd']) ?? latest(['agent', 'user']);
}

/**
 * Whether a conversation belongs to the chosen queue (every one does under {@link ALL_QUEUES}).
 *
 * @example
 * conversations.filter((c) => inQueue(c, selectedQueue));
 */
export function inQueue(conversation: ConversationSnapshot, key: string): boolean {
  return key === ALL_QUEUES || queueKey(conversationQueue(conversation)) === key;
}
