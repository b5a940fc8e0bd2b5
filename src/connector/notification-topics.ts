/** Genesys allows this many topics on one channel (a WebSocket); more is a 400. */
export const TOPICS_PER_CHANNEL = 1000;

/** Genesys entity ids (queues, users) are UUIDs; anything with a dot or space would change the topic's meaning. */
const ENTITY_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Whether `id` can stand in a topic name as a queue or user id.
 *
 * @example
 * isEntityId('3c6f420a-26cc-4b59-84f8-3c94011d39da'); // true
 * isEntityId('q1.conversations');                      // false
 */
export function isEntityId(id: string): boolean {
  return ENTITY_ID.test(id);
}

/**
 * The notification topics for chat and callback conversations of the given queues and users:
 * `v2.routing.queues.{id}.conversations.chats|callbacks` and
 * `v2.users.{id}.conversations.chats|callbacks`, each id once.
 *
 * @example
 * notificationTopics(['q1'], []);
 * // ['v2.routing.queues.q1.conversations.chats', 'v2.routing.queues.q1.conversations.callbacks']
 */
export function notificationTopics(queues: readonly string[], users: readonly string[] = []): string[] {
  const topics: string[] = [];
  for (const queue of new Set(queues)) topics.push(`v2.routing.queues.${queue}.conversations.chats`, `v2.routing.queues.${queue}.conversations.callbacks`);
  for (const user of new Set(users)) topics.push(`v2.users.${user}.conversations.chats`, `v2.users.${user}.conversations.callbacks`);
  return topics;
}

/**
 * Topics spread over channels of at most {@link TOPICS_PER_CHANNEL} each.
 *
 * @example
 * channelTopicSets(notificationTopics(queues)).length; // 2 for 600 queues (1,200 topics)
 */
export function channelTopicSets(topics: readonly string[], perChannel = TOPICS_PER_CHANNEL): string[][] {
  const sets: string[][] = [];
  for (let i = 0; i < topics.length; i += perChannel) sets.push(topics.slice(i, i + perChannel));
  return sets;
}
