import type { DomainEntityRef } from '../model/domain-entity-ref.js';
import { uuid } from './identifiers.js';
import { personName } from './names.js';
import { createRandom } from './random.js';
import type { AgentGroupScenario, QueueScenario, Scenario } from './scenario.js';

/** A wrap-up code as a queue offers it. */
export interface WrapupCode {
  readonly code: string;
  readonly name: string;
}

/** The code Genesys applies when time-boxed wrap-up runs out. */
export const WRAPUP_TIMEOUT_CODE: WrapupCode = { code: 'ININ-WRAP-UP-TIMEOUT', name: 'ININ-WRAP-UP-TIMEOUT' };

/** A queue with its Genesys identity. */
export interface QueueEntry {
  readonly scenario: QueueScenario;
  /** `queue` of the participants: `{ id, name, selfUri }`. */
  readonly ref: DomainEntityRef;
  /** The queue as `conversationRoutingData.queue` names it: `{ id, selfUri }`. */
  readonly routingRef: { readonly id: string; readonly selfUri: string };
  readonly wrapupCodes: readonly WrapupCode[];
  /** The agent script of the queue's callbacks. */
  readonly callbackScript: DomainEntityRef;
}

/** An agent (a Genesys user) with its team. */
export interface AgentEntry {
  readonly group: AgentGroupScenario;
  readonly user: DomainEntityRef;
  readonly team: DomainEntityRef;
}

/** Everyone and everything a scenario names, with ids. */
export interface Directory {
  readonly queues: readonly QueueEntry[];
  readonly agents: readonly AgentEntry[];
}

/**
 * A stable id for a named thing: the same name gets the same id on every run and with every
 * seed, so dashboards can follow a queue or a user from one simulated day to the next.
 */
const stableId = (kind: string, name: string): string => uuid(createRandom(0, `${kind}:${name}`));

function entityRef(kind: string, path: string, name: string): DomainEntityRef {
  const id = stableId(kind, name);
  return { id, name, selfUri: `/api/v2/${path}/${id}` };
}

/**
 * Gives every queue, wrap-up code, team and agent of a scenario its Genesys identity: ids,
 * names and `selfUri`s. Agents are numbered across groups, each with a person's name.
 *
 * @example
 * const { queues, agents } = buildDirectory(scenario);
 * queues[0]!.ref; // { id: '…', name: 'Support', selfUri: '/api/v2/routing/queues/…' }
 */
export function buildDirectory(scenario: Scenario): Directory {
  const queues = scenario.queues.map((queue): QueueEntry => {
    const ref = entityRef('queue', 'routing/queues', queue.name);
    return {
      scenario: queue,
      ref,
      routingRef: { id: ref.id!, selfUri: ref.selfUri! },
      wrapupCodes: queue.wrapupCodes.map((name) => ({ code: stableId('wrapupcode', name), name })),
      callbackScript: entityRef('script', 'scripts', `${queue.name} Callback Script`),
    };
  });
  const names = createRandom(0, 'agent names');
  const agents: AgentEntry[] = [];
  for (const group of scenario.agentGroups) {
    const team = entityRef('team', 'teams', group.name);
    for (let i = 0; i < group.agents; i++) {
      const name = personName(names).fullName;
      const user = entityRef('user', 'users', `${group.name}#${i + 1}`);
      agents.push({ group, team, user: { ...user, name } });
    }
  }
  return { queues, agents };
}
