import type { WrapupPrompt } from '../model/enums.js';
import type { CustomerProfile } from './customer.js';
import type { AgentEntry, QueueEntry } from './directory.js';
import { emailAddress } from './names.js';
import type { OwnFields } from './event-writer.js';

type Added = OwnFields<'participant.added'>;

const CHAT_PROVIDER = 'PureCloud Webchat v2';
const CALLBACK_PROVIDER = 'PureCloud Callback';

/** What the legs of one conversation share. */
export interface ConversationFacts {
  readonly id: string;
  readonly queue: QueueEntry;
  readonly customer: CustomerProfile;
  /** `callbackScheduledTime` as first requested (ISO), when scheduled. */
  readonly callbackScheduledTime: string | undefined;
}

/**
 * The wrap-up prompt of a queue for a media: the queue's, or the Genesys samples' default
 * (`timeout` for chats, `optional` for callbacks).
 *
 * @example
 * wrapupPromptOf(queue, 'callback'); // 'optional' unless the queue sets a prompt
 */
export function wrapupPromptOf(queue: QueueEntry, media: 'chat' | 'callback'): WrapupPrompt {
  return queue.scenario.wrapupPrompt ?? (media === 'chat' ? 'timeout' : 'optional');
}

/**
 * Whether a prompt makes wrap-up required once the agent is connected.
 *
 * @example
 * requiresWrapup('timeout');  // true
 * requiresWrapup('optional'); // false
 */
export function requiresWrapup(prompt: WrapupPrompt): boolean {
  return prompt !== 'optional' && prompt !== 'agentRequested';
}

function callbackFields(facts: ConversationFacts) {
  const { customer, queue } = facts;
  return {
    callbackNumbers: [customer.callback!.number],
    callbackUserName: customer.name.fullName,
    ...(facts.callbackScheduledTime !== undefined ? { callbackScheduledTime: facts.callbackScheduledTime } : {}),
    externalCampaign: false,
    skipEnabled: queue.scenario.callbacks.skipEnabled,
    timeoutSeconds: queue.scenario.callbacks.timeoutSeconds,
  };
}

/**
 * The customer leg: a web-chat visitor (connected from the start) or a callback request
 * (`scheduled` until it is routed), with the contact data Genesys shows for it.
 *
 * @example
 * customerLeg(facts); // { media: 'chat', purpose: 'customer', state: 'connected', name: 'Nora Tanaka', … }
 */
export function customerLeg(facts: ConversationFacts): Added {
  const { customer, queue } = facts;
  const externalContact = customer.externalContactId === undefined
    ? {}
    : { externalContact: { id: customer.externalContactId, selfUri: `/api/v2/externalcontacts/contacts/${customer.externalContactId}` } };
  if (customer.media === 'chat') {
    return {
      media: 'chat', purpose: 'customer', state: 'connected', name: customer.name.fullName, direction: 'inbound',
      provider: CHAT_PROVIDER, queue: queue.ref, roomId: `${facts.id}@conference.example.mypurecloud.com`,
      ...externalContact,
      attributes: {
        'context.firstName': customer.name.firstName,
        'context.lastName': customer.name.lastName,
        'context.email': emailAddress(customer.name),
        'context._genesys_source': 'web',
      },
    };
  }
  return {
    media: 'callback', purpose: 'customer', state: 'scheduled', name: customer.name.fullName, direction: 'outbound',
    provider: CALLBACK_PROVIDER, queue: queue.ref, ...externalContact, ...callbackFields(facts),
  };
}

/**
 * The ACD leg: the conversation waiting in the queue, with its routing data.
 *
 * @example
 * acdLeg(facts); // { media: 'chat', purpose: 'acd', state: 'connected', name: 'Support', queue: { … }, … }
 */
export function acdLeg(facts: ConversationFacts): Added {
  const { customer, queue } = facts;
  const common = {
    name: queue.ref.name, queue: queue.ref,
    conversationRoutingData: { queue: queue.routingRef, priority: 0, skills: [], scoredAgents: [] },
  };
  return customer.media === 'chat'
    ? { media: 'chat', purpose: 'acd', state: 'connected', direction: 'inbound', provider: CHAT_PROVIDER, ...common }
    : { media: 'callback', purpose: 'acd', state: 'scheduled', direction: 'outbound', provider: CALLBACK_PROVIDER, ...common, ...callbackFields(facts) };
}

/**
 * An agent leg, alerting: one routing attempt to one user. Wrap-up is not yet required (it
 * becomes required when the agent connects, as in the Genesys samples).
 *
 * @example
 * agentLeg(facts, agent); // { media: 'chat', purpose: 'agent', state: 'alerting', user: { … }, alertingTimeoutMs: 30000, … }
 */
export function agentLeg(facts: ConversationFacts, agent: AgentEntry): Added {
  const { customer, queue } = facts;
  const prompt = wrapupPromptOf(queue, customer.media);
  const common = {
    name: agent.user.name, user: agent.user, team: agent.team,
    queue: queue.ref, alertingTimeoutMs: queue.scenario.alertingTimeoutMs, wrapupRequired: false, wrapupPrompt: prompt,
    ...(prompt === 'timeout' || prompt === 'forcedTimeout' ? { wrapupTimeoutMs: queue.scenario.wrapupTimeoutMs } : {}),
    conversationRoutingData: { priority: 0, skills: [], scoredAgents: [] },
  };
  return customer.media === 'chat'
    ? { media: 'chat', purpose: 'agent', state: 'alerting', direction: 'inbound', provider: CHAT_PROVIDER, ...common }
    : {
        media: 'callback', purpose: 'agent', state: 'alerting', direction: 'outbound', provider: CALLBACK_PROVIDER,
        script: queue.callbackScript, ...common, ...callbackFields(facts),
      };
}
