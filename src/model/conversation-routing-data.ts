import type { AddressableEntityRef, DomainEntityRef } from './domain-entity-ref.js';

/** An agent scored by predictive routing (score 0 - 100). */
export interface ScoredAgent {
  agent?: DomainEntityRef;
  score?: number;
}

/** Information on how a communication should be routed to an agent. */
export interface ConversationRoutingData {
  queue?: AddressableEntityRef;
  language?: AddressableEntityRef;
  priority?: number;
  skills?: AddressableEntityRef[];
  scoredAgents?: ScoredAgent[];
  label?: string;
}
