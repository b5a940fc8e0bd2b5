import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { ApplyResult } from '../tracker/apply-result.js';
import { createTracker } from '../tracker/create-tracker.js';
import { conversationStart } from './conversation-start.js';
import { analyticsConversation, type AnalyticsConversation } from './analytics-conversation.js';
import { detailsQueryResponse, parseInterval, type DetailsQueryBody, type DetailsQueryResponse } from './details-query.js';
import { restConversation, type RestConversation } from './rest-conversation.js';
import { startOfUtcDay } from '../time/start-of-utc-day.js';

/**
 * What Genesys Cloud would answer about the conversations of a v1 log: the REST conversation
 * at any instant, the analytics details query, the conversations under way. Built event by
 * event; a tracker keeps the state (lifecycle rules, event-time order, time travel), so late
 * events are placed where they belong and rejected ones change nothing.
 */
export interface GenesysArchive {
  /** Adds one v1 event (validated and placed in event-time order, as `tracker.apply` does); the result says whether it was applied. */
  add(event: unknown): ApplyResult;
  /**
   * The body of `GET /api/v2/conversations/chats/{id}` (media `chat`) or `…/callbacks/{id}`
   * (`callback`) as of `at` (inclusive; default: with every event added). `undefined` when the
   * conversation is unknown, of the other media, or had not begun by then (Genesys: 404).
   * `at` is an ISO-8601 time with a zone, a `Date` or epoch ms (else an `InvalidInstantError`).
   */
  conversation(media: 'chat' | 'callback', conversationId: string, at?: string | number | Date): RestConversation | undefined;
  /** Every conversation's REST body with every event added, in the order they were first seen. */
  conversations(): RestConversation[];
  /** The analytics detail record of one conversation with every event added; `undefined` when unknown. */
  analytics(conversationId: string): AnalyticsConversation | undefined;
  /**
   * The response of `POST /api/v2/analytics/conversations/details/query` for `body`, with every
   * event added: see `detailsQueryResponse` (interval, `order`, `orderBy`, `paging`; filters are
   * refused with an `InvalidOptionError`).
   */
  detailsQuery(body: DetailsQueryBody): DetailsQueryResponse;
  /** The ids of the conversations under way at `at` (begun, and some participant not finished: not disconnected, or in after-call work), in first-seen order. */
  conversationsActiveAt(at: string | number | Date): string[];
}

/**
 * Creates an empty archive; `add` the events of a log to it (in any order).
 *
 * @example
 * const archive = createGenesysArchive();
 * for (const event of simulate({ seed: 7, duration: '1h' })) archive.add(event);
 * archive.conversation('chat', conversationId, '2026-11-21T08:30:00Z'); // { id, participants: [ … ], otherMediaUris: [], selfUri: '/api/v2/conversations/chats/…' }
 * archive.detailsQuery({ interval: '2026-11-21T08:00:00Z/2026-11-21T09:00:00Z', paging: { pageSize: 100, pageNumber: 1 } });
 * archive.conversationsActiveAt('2026-11-21T08:30:00Z'); // ['…', '…']
 */
export function createGenesysArchive(): GenesysArchive {
  const tracker = createTracker();
  const record = (snapshot: ConversationSnapshot) => analyticsConversation(snapshot, tracker.history(snapshot.id));

  return {
    add: (event) => tracker.apply(event),
    conversation(media, conversationId, at) {
      const view = at === undefined ? tracker : tracker.at(at);
      const snapshot = view.conversation(conversationId);
      return snapshot === undefined || snapshot.media !== media ? undefined : restConversation(snapshot);
    },
    conversations: () => tracker.conversations().map(restConversation),
    analytics(conversationId) {
      const snapshot = tracker.conversation(conversationId);
      return snapshot === undefined ? undefined : record(snapshot);
    },
    detailsQuery(body) {
      const interval = parseInterval((body as Partial<DetailsQueryBody> | null)?.interval);
      // Only conversations that started on a day the interval touches can match: render only those.
      const firstDay = startOfUtcDay(interval.start);
      const afterLastDay = new Date(Date.parse(startOfUtcDay(new Date(Date.parse(interval.end) - 1).toISOString())) + 86_400_000).toISOString();
      const candidates = tracker.conversations().filter((snapshot) => {
        const start = conversationStart(snapshot);
        return start !== undefined && start >= firstDay && start < afterLastDay;
      });
      return detailsQueryResponse(candidates.map(record), body);
    },
    conversationsActiveAt: (at) => tracker.at(at).active().map((snapshot) => snapshot.id),
  };
}
