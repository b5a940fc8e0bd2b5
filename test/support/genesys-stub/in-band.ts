import type { ChannelRegistry } from './channels.js';
import type { LiveSocket } from './live-socket.js';
import { withinLimit } from './subscriptions.js';

/**
 * Subscriptions sent on the socket itself: `{"message":"subscribe"|"unsubscribe","topics":[…],"correlationId":"…"}`,
 * answered `{"result":"200","status":"subscribed"|"unsubscribed"}` or `{"result":"400","status":"error","message":…}`
 * (and `{"result":"404"}` when the channel is gone). Other messages are ignored.
 */
export function answerInBand(channels: ChannelRegistry, maxTopics: number, socket: LiveSocket, message: Record<string, unknown>): void {
  const kind = message.message;
  if (kind !== 'subscribe' && kind !== 'unsubscribe') return;
  const correlation = typeof message.correlationId === 'string' ? { correlationId: message.correlationId } : {};
  const reply = (fields: Record<string, unknown>) => socket.send(JSON.stringify({ ...fields, ...correlation }));
  const channel = channels.get(socket.channelId);
  if (channel === undefined) return void reply({ result: '404', status: 'error', message: 'Channel not found' });
  const topics = message.topics;
  if (!Array.isArray(topics) || !topics.every((t): t is string => typeof t === 'string' && t.startsWith('v2.'))) {
    return void reply({ result: '400', status: 'error', message: 'topics must be an array of v2 topic names' });
  }
  const next = kind === 'subscribe' ? withinLimit([...channel.topics, ...topics], maxTopics) : { ok: true as const, topics: channel.topics.filter((t) => !topics.includes(t)) };
  if (!next.ok) return void reply({ result: '400', status: 'error', message: next.error.message });
  channels.setTopics(channel, next.topics);
  reply({ result: '200', status: kind === 'subscribe' ? 'subscribed' : 'unsubscribed' });
}
