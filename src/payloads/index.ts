/**
 * Genesys payloads rendered from tracked conversations: the reverse of `src/ingest`.
 *
 * From v1 events (a log, the simulator), what Genesys Cloud would send or answer: the queue
 * topic notifications (`queueNotification`, and `genesysFeed` for a whole log), the REST
 * conversation bodies (`restConversation`), the analytics detail records
 * (`analyticsConversation`) and an archive that answers REST gets at any instant and analytics
 * details queries (`createGenesysArchive`). Conversation snapshots are already in the
 * `ChatMediaParticipant` / `CallbackMediaParticipant` shape; each renderer picks the fields of
 * its model, in the SDK's order, in its spelling.
 */
export { queueNotification, type QueueConversationNotification, type QueueNotificationOptions } from './queue-notification.js';
export {
  queueTopicParticipant, type QueueTopicParticipant, type TopicUriReference, type TopicWrapup, type TopicConversationRoutingData,
  type TopicDialerPreview,
} from './queue-topic-participant.js';
export { restConversation, restParticipant, type RestConversation, type RestChatConversation, type RestCallbackConversation } from './rest-conversation.js';
export {
  analyticsConversation, sessionIdOf, type AnalyticsConversation, type AnalyticsParticipant, type AnalyticsSession, type AnalyticsSegment,
} from './analytics-conversation.js';
export {
  detailsQueryResponse, matchesInterval, parseInterval, DEFAULT_PAGE_SIZE, type DetailsQueryBody, type DetailsQueryResponse, type QueryInterval,
} from './details-query.js';
export { createGenesysArchive, type GenesysArchive } from './genesys-archive.js';
export { genesysFeed, type FeedItem } from './genesys-feed.js';
export { queuesOf } from './conversation-queues.js';
export { correlationId, derivedUuid } from './correlation-id.js';
