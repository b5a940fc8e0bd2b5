import type { ConversationSnapshot } from '../../src/model/conversation-snapshot.js';
import type { MediaParticipant } from '../../src/model/media-participant.js';
import { isAgent } from '../../src/metrics/agent-leg.js';
import { legState, type LegState } from './leg-state.js';
import { queueLabel } from './queues.js';

/** One interaction an agent has on the floor. */
export interface AgentInteraction {
  readonly conversationId: string;
  readonly media: ConversationSnapshot['media'];
  readonly queue: string;
  readonly state: LegState;
}

/** An agent and the interactions they have now. */
export interface AgentOnFloor {
  /** The user id, else `name:<name>`, else `leg:<participant id>`. */
  readonly key: string;
  readonly name: string;
  readonly interactions: AgentInteraction[];
}

/** Who an agent leg belongs to: its key and the name it reads as. */
function agentOf(leg: MediaParticipant): { key: string; name: string } {
  const name = leg.user?.name ?? leg.name ?? leg.user?.id ?? leg.id ?? 'Unknown agent';
  if (leg.user?.id !== undefined) return { key: leg.user.id, name };
  if (leg.name !== undefined) return { key: `name:${leg.name}`, name };
  return { key: `leg:${leg.id ?? ''}`, name };
}

/**
 * Every agent with an interaction on the floor (alerting, connected, held, parked or in ACW),
 * sorted by name; each agent's interactions sorted by when their state began.
 *
 * @example
 * agentsOnFloor(view.conversations)[0]; // { key: 'u-bo', name: 'Bo Agent', interactions: [{ conversationId: 'chat-1001', … }] }
 */
export function agentsOnFloor(conversations: Iterable<ConversationSnapshot>): AgentOnFloor[] {
  const agents = new Map<string, AgentOnFloor>();
  for (const conversation of conversations) {
    for (const leg of conversation.participants as readonly MediaParticipant[]) {
      if (!isAgent(leg)) continue;
      const state = legState(leg);
      if (state === undefined) continue;
      const { key, name } = agentOf(leg);
      let agent = agents.get(key);
      if (agent === undefined) agents.set(key, (agent = { key, name, interactions: [] }));
      agent.interactions.push({ conversationId: conversation.id, media: conversation.media, queue: queueLabel(leg.queue), state });
    }
  }
  for (const agent of agents.values()) agent.interactions.sort((a, b) => (a.state.since ?? '').localeCompare(b.state.since ?? ''));
  return [...agents.values()].sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}
