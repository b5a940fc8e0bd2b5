import { randomUUID } from 'node:crypto';
import { createInbox, type NatsConnection } from '@nats-io/transport-node';
import { computeMetricsPartial } from '../metrics/compute-metrics.js';
import type { Tracker } from '../tracker/tracker.js';
import { ScaleError } from '../errors/scale-error.js';
import { retryDelay, type Backoff } from '../connector/retry-delay.js';

/** A question the gateway asks the owner of a partition: what only its events can answer. */
export type PartitionQuery =
  | { readonly op: 'history'; readonly id: string }
  | { readonly op: 'conversation'; readonly id: string; readonly at: string }
  | { readonly op: 'conversations'; readonly at: string; readonly active: boolean }
  | { readonly op: 'metrics'; readonly at?: string; readonly from?: string; readonly intervalMs: number; readonly serviceLevelMs: number };

/** One message of an answer: answers longer than a message are sent in parts, the last one `done`. */
interface AnswerPart {
  readonly responder: string;
  readonly done: boolean;
  readonly items?: unknown[];
  readonly error?: string;
}

/** Largest answer part, in bytes (NATS' default message limit is 1 MiB). */
const PART_BYTES = 256 * 1024;

/** The subject on which a partition's owner answers queries. */
export const querySubject = (prefix: string, partition: number): string => `${prefix}.query.${partition}`;

/** What a query's answer holds, as items (a single value is one item, none is no item). */
function answer(tracker: Tracker, query: PartitionQuery): unknown[] {
  switch (query.op) {
    case 'history':
      return tracker.history(query.id);
    case 'conversation': {
      const snapshot = tracker.at(query.at).conversation(query.id);
      return snapshot === undefined ? [] : [snapshot];
    }
    case 'conversations':
      return query.active ? tracker.at(query.at).active() : tracker.at(query.at).conversations();
    case 'metrics':
      return [computeMetricsPartial(tracker, {
        ...(query.at === undefined ? {} : { at: query.at }), ...(query.from === undefined ? {} : { from: query.from }),
        intervalMs: query.intervalMs, serviceLevelMs: query.serviceLevelMs,
      })];
  }
}

/**
 * Answers the gateway's queries about one partition from its tracker, until the returned
 * function is called. A query that fails is answered with its error's message.
 *
 * @example
 * const stop = answerQueries({ nc, subjectPrefix, partition: 3 }, tracker);
 */
export function answerQueries(options: { readonly nc: NatsConnection; readonly subjectPrefix: string; readonly partition: number }, tracker: Tracker): () => void {
  const responder = randomUUID();
  const subscription = options.nc.subscribe(querySubject(options.subjectPrefix, options.partition), {
    callback: (error, message) => {
      if (error !== null || message.reply === undefined) return;
      const reply = message.reply;
      let items: unknown[];
      try {
        items = answer(tracker, message.json<PartitionQuery>());
      } catch (failure) {
        options.nc.publish(reply, JSON.stringify({ responder, done: true, error: String((failure as Error).message ?? failure) } satisfies AnswerPart));
        return;
      }
      let part: string[] = [];
      let bytes = 0;
      const send = (done: boolean) => {
        options.nc.publish(reply, `{"responder":${JSON.stringify(responder)},"done":${done},"items":[${part.join(',')}]}`);
        part = [];
        bytes = 0;
      };
      for (const item of items) {
        const text = JSON.stringify(item);
        if (bytes + text.length > PART_BYTES && part.length > 0) send(false);
        part.push(text);
        bytes += text.length + 1;
      }
      send(true);
    },
  });
  return () => subscription.unsubscribe();
}

/** How a query nobody subscribes to is asked again: from 50 ms, up to 0.8 s. */
const ASK_AGAIN_BACKOFF: Backoff = { initialMs: 50, maxMs: 800 };

/**
 * Asks the owner of a partition a query and gathers its answer's items. When no worker
 * subscribes to the partition's queries (the server says so at once: it is moving between
 * workers, or they are reconnecting after a NATS restart), the query is asked again after a
 * growing wait. Fails with a `ScaleError` when no owner has answered within `timeoutMs`.
 *
 * @example
 * const history = await askPartition(nc, 'participant-tracker', 3, { op: 'history', id: 'c1' });
 */
export async function askPartition(nc: NatsConnection, prefix: string, partition: number, query: PartitionQuery, timeoutMs = 5_000): Promise<unknown[]> {
  const inbox = createInbox();
  const subscription = nc.subscribe(inbox);
  const timer = setTimeout(() => subscription.unsubscribe(), timeoutMs);
  const ask = () => nc.publish(querySubject(prefix, partition), JSON.stringify(query), { reply: inbox });
  let askAgain: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  try {
    ask();
    let from: string | undefined;
    const items: unknown[] = [];
    for await (const message of subscription) {
      // A status from the server, not an answer: nobody subscribes to the partition's queries now.
      if (message.headers?.hasError === true) {
        askAgain = setTimeout(ask, retryDelay(++asked, ASK_AGAIN_BACKOFF));
        continue;
      }
      const part = message.json<AnswerPart>();
      // While a partition moves, two owners may answer: the first one's parts are the answer.
      from ??= part.responder;
      if (part.responder !== from) continue;
      if (part.error !== undefined) throw new ScaleError('NATS_FAILED', `partition ${partition} could not answer: ${part.error}`);
      items.push(...(part.items ?? []));
      if (part.done) return items;
    }
    throw new ScaleError('NATS_FAILED', `partition ${partition} has no owner answering within ${timeoutMs} ms (it may be moving to another worker)`);
  } finally {
    clearTimeout(timer);
    clearTimeout(askAgain);
    subscription.unsubscribe();
  }
}
