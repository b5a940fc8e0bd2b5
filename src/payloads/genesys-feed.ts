import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { initialStateOf } from '../events/initial-state.js';
import { normalizeTime } from '../events/time.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import { createTracker } from '../tracker/create-tracker.js';
import { queuesOf } from './conversation-queues.js';
import { queueNotification, type QueueConversationNotification } from './queue-notification.js';

/** One message of the feed: a notification and the instant Genesys would send it. */
export interface FeedItem {
  /** The instant of the change (canonical ISO): the time of the events it tells. */
  readonly time: string;
  readonly payload: QueueConversationNotification;
}

/**
 * The queue topic notifications a time-ordered v1 log makes Genesys Cloud send: each time a
 * conversation changes, one notification per queue it is in (its `acd` and `agent`
 * participants' `queue`), carrying the whole conversation as of that instant. Every event of
 * one conversation at one instant is one change (one notification per queue, one
 * CorrelationId). Conversations in no queue are on no queue topic and are skipped; events the
 * log's rules reject change nothing and send nothing. Lazy: it reads the log as it is iterated.
 * An event earlier than one before it throws an `InvalidOptionError` (a feed cannot take back
 * what it sent).
 *
 * @example
 * for (const { time, payload } of genesysFeed(simulate({ seed: 7, duration: '1h' }))) {
 *   console.log(time, payload.topicName); // 2026-11-21T08:00:12.388Z v2.routing.queues.8fb2….conversations.callbacks
 * }
 */
export function* genesysFeed(events: Iterable<TrackerEvent>): Generator<FeedItem, void, undefined> {
  const tracker = createTracker();
  const initialStates = new Map<string, Map<string, string>>();
  let time: string | undefined;
  const changed = new Set<string>();

  function* flush(at: string): Generator<FeedItem, void, undefined> {
    for (const conversationId of changed) {
      const conversation = tracker.conversation(conversationId);
      if (conversation === undefined) continue;
      const options = { time: at, initialStates: initialStates.get(conversationId)! };
      for (const queueId of queuesOf(conversation)) yield { time: at, payload: queueNotification(conversation, queueId, options) };
    }
    changed.clear();
  }

  for (const event of events) {
    // The changes of the instant before are sent before a later event changes the state.
    const eventTime = typeof event.time === 'string' ? normalizeTime(event.time) : undefined;
    if (time !== undefined && eventTime !== undefined && eventTime > time) yield* flush(time);
    const result = tracker.apply(event);
    if (result.status !== 'applied') continue;
    const applied = result.event;
    if (time !== undefined && applied.time < time) {
      throw new InvalidOptionError(`genesysFeed needs a time-ordered log: event ${applied.id} at ${applied.time} comes after one at ${time}`);
    }
    time = applied.time;
    changed.add(applied.conversationId);
    if (applied.type === 'participant.added') {
      let states = initialStates.get(applied.conversationId);
      if (states === undefined) initialStates.set(applied.conversationId, (states = new Map<string, string>()));
      states.set(applied.participantId, initialStateOf(applied));
    }
  }
  if (time !== undefined) yield* flush(time);
}
