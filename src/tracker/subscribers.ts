import { currentSnapshot, type ConversationLog } from './conversation-log.js';
import type { ConversationChange, TrackerOptions } from './tracker.js';
import { isFinished } from '../core/conversation-finished.js';

/** The tracker's subscribers: who listens, and telling them of a change. */
export interface Subscribers {
  /** Adds a listener; returns the function that removes it. */
  readonly subscribe: (listener: (change: ConversationChange) => void) => () => void;
  /**
   * Tells every listener about a conversation's change since they last heard of it, if any
   * (nothing, and no snapshot built, while nobody listens). A
   * listener that throws never stops the others: its error goes to `onError`, or is thrown on
   * its own after this call (as `EventTarget` does).
   */
  readonly notify: (log: ConversationLog) => void;
}

/**
 * The subscribers of one tracker, isolated from each other and from the call that made the change.
 * While nobody listens, changes are not told and snapshots are not built; when the first listener
 * comes, `eachLog` gives every conversation in memory, whose current snapshot then becomes the
 * "previous" of its next change.
 *
 * @example
 * const subscribers = createSubscribers(options.onError, () => logs.values());
 * subscribers.subscribe((change) => console.log(change.conversationId));
 * subscribers.notify(log);
 */
export function createSubscribers(onError: TrackerOptions['onError'], eachLog: () => Iterable<ConversationLog>): Subscribers {
  const listeners = new Set<(change: ConversationChange) => void>();

  const report = (error: unknown, change: ConversationChange) => {
    let unreported = error;
    if (onError !== undefined) {
      try {
        onError(error, change);
        return;
      } catch (failure) {
        unreported = failure;
      }
    }
    queueMicrotask(() => {
      throw unreported;
    });
  };

  return {
    subscribe(listener) {
      if (listeners.size === 0) for (const log of eachLog()) log.notified = currentSnapshot(log);
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    notify(log) {
      if (listeners.size === 0) return;
      const snapshot = currentSnapshot(log);
      const previous = log.notified;
      if (snapshot === previous) return;
      log.notified = snapshot;
      if (snapshot === undefined) return;
      const change = { conversationId: log.id, snapshot, previous, finished: isFinished(log.work) };
      for (const listener of listeners) {
        try {
          listener(change);
        } catch (error) {
          report(error, change);
        }
      }
    },
  };
}
