import type { MediaType } from '../model/enums.js';
import { pick, sampleHandleTime, exponential, uniform } from './distributions.js';
import { uuid } from './identifiers.js';
import { planInteraction, type InteractionPlan } from './interaction-plan.js';
import { personName, phoneNumber, type PersonName } from './names.js';
import type { Random } from './random.js';
import type { QueueScenario } from './scenario.js';

/** Who ends a chat: the agent, the customer, or the customer's idle timeout. */
export type ChatEnding = 'agent' | 'customer' | 'customerTimeout';

const CHAT_ENDINGS: readonly ChatEnding[] = ['agent', 'agent', 'agent', 'agent', 'agent', 'agent', 'customer', 'customer', 'customer', 'customerTimeout'];
/** Share of customers known as Genesys external contacts. */
const KNOWN_CONTACT_SHARE = 0.4;
const MINUTE_MS = 60_000;

/** A callback request: the number to call and, when scheduled, when. */
export interface CallbackRequest {
  readonly number: string;
  /** Delay from the request to the time the customer picked; `undefined`: as soon as possible. */
  readonly scheduledInMs: number | undefined;
  /** A later move of the scheduled time: when (fraction of the wait) and by how much. */
  readonly reschedule: { readonly atFraction: number; readonly byMs: number } | undefined;
}

/**
 * Everything about one customer that does not depend on the agents, drawn when the customer
 * arrives, from the queue's own random stream: two runs that differ only in staffing see the
 * same customers.
 */
export interface CustomerProfile {
  readonly media: MediaType;
  readonly name: PersonName;
  readonly externalContactId: string | undefined;
  /** Time between the customer joining and the ACD leg (the queue) joining. */
  readonly flowMs: number;
  /** Chat customers' patience in queue; `null`: waits forever. */
  readonly patienceMs: number | null;
  readonly plan: InteractionPlan;
  readonly ending: ChatEnding;
  /** Time between the first and the second party leaving. */
  readonly goodbyeMs: number;
  readonly callback: CallbackRequest | undefined;
}

function drawCallback(random: Random, queue: QueueScenario): CallbackRequest {
  const number = phoneNumber(random);
  if (!random.chance(queue.callbacks.scheduledShare)) return { number, scheduledInMs: undefined, reschedule: undefined };
  const scheduledInMs = Math.round(uniform(random, 30 * MINUTE_MS, 240 * MINUTE_MS));
  const reschedule = random.chance(queue.callbacks.rescheduleProbability)
    ? { atFraction: random.float(), byMs: Math.round(uniform(random, 15 * MINUTE_MS, 120 * MINUTE_MS)) }
    : undefined;
  return { number, scheduledInMs, reschedule };
}

/**
 * Draws one arriving customer of `queue`.
 *
 * @example
 * drawCustomer(createRandom(1, 'customers:Support'), scenario.queues[0]!).media; // 'chat' or 'callback'
 */
export function drawCustomer(random: Random, queue: QueueScenario): CustomerProfile {
  const media: MediaType =
    queue.media === 'mixed' ? (random.chance(queue.callbackShare) ? 'callback' : 'chat') : queue.media;
  const name = personName(random);
  const externalContactId = random.chance(KNOWN_CONTACT_SHARE) ? uuid(random) : undefined;
  const handleMs = Math.max(0, Math.round(sampleHandleTime(random, queue.handleTime, queue.ahtMs, queue.handleTimeCv)));
  const callback = media === 'callback' ? drawCallback(random, queue) : undefined;
  return {
    media,
    name,
    externalContactId,
    flowMs: Math.round(uniform(random, 1, 80)),
    patienceMs: media === 'chat' && queue.patienceMs !== null ? Math.round(exponential(random, queue.patienceMs)) : null,
    plan: planInteraction(random, {
      handleMs,
      holdProbability: queue.holdProbability,
      parkProbability: media === 'callback' ? queue.callbacks.parkProbability : 0,
      parkTimeMs: queue.callbacks.parkTimeMs,
    }),
    ending: media === 'chat' ? pick(random, CHAT_ENDINGS) : 'agent',
    goodbyeMs: Math.round(uniform(random, 200, 2_500)),
    callback,
  };
}
