/**
 * `participant-tracker/genesys`: Genesys Cloud, live and rendered. The live connector
 * (`startGenesysConnector`: notifications over WebSocket, liveness, channel renewal, REST and
 * analytics backfill after every gap, all through one snapshot differ) and what Genesys would send
 * for a v1 log (queue notifications, REST conversations, analytics details, and an archive that
 * answers REST reads at any instant), to test a Genesys pipeline without Genesys. Its own entry
 * point, so that the package root does not load the WebSocket client.
 */
export { startGenesysConnector, type GenesysConnector, type GenesysConnectorOptions } from './genesys-connector.js';
export { genesysEnvironment, type GenesysEnvironment, type GenesysVariables } from './genesys-environment.js';
export { GenesysApiError } from './genesys-api-error.js';
export type { ChannelLinkTimings } from './channel-link.js';
export type { Backoff } from './retry-delay.js';
export type { ConnectorStatus, ConnectionState, ChannelStatus, Gap, BackfillReport } from './connector-status.js';
export { notificationTopics } from './notification-topics.js';
export {
  createGenesysArchive, genesysFeed, queueNotification, restConversation, analyticsConversation,
  type GenesysArchive, type FeedItem, type QueueConversationNotification, type RestConversation, type AnalyticsConversation,
  type DetailsQueryBody, type DetailsQueryResponse,
} from '../payloads/index.js';
