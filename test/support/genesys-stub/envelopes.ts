import { randomUUID } from 'node:crypto';

/** The notification envelope: `{ topicName, version: '2', eventBody, metadata: { CorrelationId } }`. */
export interface Envelope {
  topicName: string;
  version: '2';
  eventBody: unknown;
  metadata: { CorrelationId: string };
}

export function envelope(topicName: string, eventBody: unknown, correlationId: string = randomUUID()): Envelope {
  return { topicName, version: '2', eventBody, metadata: { CorrelationId: correlationId } };
}

/** `channel.metadata` messages carry no version or metadata, only `{ message }`. */
export const heartbeat = (): string => JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });
export const pong = (): string => JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'pong' } });

/** The fields of `SystemMessageSystemMessage` the stub fills in. */
interface SystemMessage {
  channelId: string;
  systemTopicType?: 'no_longer_subscribed' | 'subscription_changed' | 'token_revoked';
  correlationId: string;
  oauthClientId?: string;
  reason?: 'another_channel_subscribed' | 'user_tokens_revoked';
  message?: string;
}

function system(topicName: string, body: Omit<SystemMessage, 'correlationId'>): string {
  const correlationId = randomUUID();
  return JSON.stringify(envelope(topicName, { ...body, correlationId }, correlationId));
}

/** `v2.system.socket_closing`: the socket closes soon (maintenance); reconnecting at once is fine. */
export const socketClosing = (channelId: string, closeAfterMs: number): string =>
  system('v2.system.socket_closing', { channelId, message: `The WebSocket will close in ${Math.round(closeAfterMs / 1000)} seconds` });

/** `v2.system.no_longer_subscribed.{channelId}`: the channel's subscriptions are gone. */
export const noLongerSubscribed = (channelId: string): string =>
  system(`v2.system.no_longer_subscribed.${channelId}`, { channelId, systemTopicType: 'no_longer_subscribed', message: 'The channel is no longer subscribed to its topics' });

/** `v2.system.token_revoked.{channelId}`: the token that made the channel was revoked. */
export const tokenRevoked = (channelId: string, oauthClientId: string): string =>
  system(`v2.system.token_revoked.${channelId}`, {
    channelId,
    systemTopicType: 'token_revoked',
    oauthClientId,
    reason: 'user_tokens_revoked',
    message: 'The access token for this channel was revoked',
  });
