import type { TrackerEvent } from '../events/tracker-event.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { DomainEntityRef } from '../model/domain-entity-ref.js';
import type { MediaParticipant } from '../model/media-participant.js';
import { isAgent } from './agent-leg.js';
import { participantActivity, spanMs, type ParticipantActivity } from './participant-activity.js';
import { conversationQueues, type ConversationQueues } from './queue-visits.js';

/** The metrics a conversation emits, each at the time Genesys attributes it to. */
export type MetricKind =
  | 'offered' | 'answered' | 'abandoned' | 'flowOut' | 'notResponding' | 'transfer'
  | 'talk' | 'hold' | 'acw' | 'handle';

/** One metric contribution: its kind, when it completes, its queue and, for durations, its length. */
export interface MetricEmission {
  readonly kind: MetricKind;
  /** Canonical ISO time the metric is attributed to (its completion, as Genesys does). */
  readonly time: string;
  readonly queue: DomainEntityRef | undefined;
  /** Milliseconds: speed of answer, abandon wait, alert time, or the duration measured. */
  readonly valueMs?: number;
}

/** Disconnect types that mean an agent did not answer in time (Not Responding). */
const NOT_RESPONDING = new Set(['system', 'timeout', 'transfer.noanswer']);

const ms = (iso: string) => Date.parse(iso);

/**
 * Derives the metric contributions of one conversation from its snapshot and applied events,
 * with Genesys Cloud's definitions:
 * - each queue visit (ACD leg) that was offered is one offer to its queue, at its offer time; it
 *   is *answered* at the first connection after that of an agent leg it routed that started
 *   before the ACD leg ended (speed of answer = the wait), *abandoned* when it ends otherwise
 *   without an answer, or a *flow-out* when it is transferred away unanswered;
 * - an agent leg that ends unanswered with `system`/`timeout`/`transfer.noanswer` is *not
 *   responding*; a connected agent leg ending `transfer*` is a *transfer*;
 * - talk = connected to disconnected minus hold and park, emitted at the disconnect; each hold at
 *   its end; ACW at its end; handle = talk + hold + ACW, at the end of ACW (or the disconnect
 *   when there is no ACW). Parked time is not handle time; an agent leg that never connected has
 *   no talk, hold, ACW nor handle.
 *
 * Every metric of an agent leg goes to its queue ({@link ConversationQueues.queueOf}).
 * `activity` and `queues` default to those of `history`; pass them when already computed.
 *
 * @example
 * metricEmissions(tracker.conversation('c1')!, tracker.history('c1')).filter((e) => e.kind === 'answered');
 */
export function metricEmissions(
  conversation: ConversationSnapshot,
  history: readonly TrackerEvent[],
  activity: ReadonlyMap<string, ParticipantActivity> = participantActivity(history),
  queues: ConversationQueues = conversationQueues(conversation, activity),
): MetricEmission[] {
  const out: MetricEmission[] = [];

  for (const { acd, queue, offeredTime, agents } of queues.visits.values()) {
    if (offeredTime === undefined) continue;
    out.push({ kind: 'offered', time: offeredTime, queue });
    let answer: string | undefined;
    for (const agent of agents) {
      const connected = agent.connectedTime;
      if (connected === undefined || connected < offeredTime) continue;
      if (acd.endTime !== undefined && agent.startTime! > acd.endTime) continue;
      if (answer === undefined || connected < answer) answer = connected;
    }
    if (answer !== undefined) out.push({ kind: 'answered', time: answer, queue, valueMs: ms(answer) - ms(offeredTime) });
    else if (acd.endTime !== undefined) {
      const kind = acd.disconnectType?.startsWith('transfer') ? 'flowOut' : 'abandoned';
      out.push({ kind, time: acd.endTime, queue, valueMs: ms(acd.endTime) - ms(offeredTime) });
    }
  }

  for (const agent of conversation.participants as MediaParticipant[]) {
    if (!isAgent(agent)) continue;
    const queue = queues.queueOf(agent);
    const { connectedTime, endTime } = agent;
    if (connectedTime === undefined) {
      if (endTime !== undefined && NOT_RESPONDING.has(agent.disconnectType ?? '')) {
        out.push({ kind: 'notResponding', time: endTime, queue, valueMs: ms(endTime) - ms(agent.startAlertingTime ?? agent.startTime ?? endTime) });
      }
      continue;
    }
    const { holds = [], parks = [] } = activity.get(agent.id ?? '') ?? {};
    for (const hold of holds) out.push({ kind: 'hold', time: hold.end, queue, valueMs: ms(hold.end) - ms(hold.start) });
    if (endTime === undefined) continue;
    if (agent.disconnectType?.startsWith('transfer')) out.push({ kind: 'transfer', time: endTime, queue });
    const heldMs = spanMs(holds);
    const talkMs = ms(endTime) - ms(connectedTime) - heldMs - spanMs(parks);
    out.push({ kind: 'talk', time: endTime, queue, valueMs: talkMs });
    if (agent.startAcwTime === undefined) {
      out.push({ kind: 'handle', time: endTime, queue, valueMs: talkMs + heldMs });
    } else if (agent.endAcwTime !== undefined) {
      const acwMs = ms(agent.endAcwTime) - ms(agent.startAcwTime);
      out.push({ kind: 'acw', time: agent.endAcwTime, queue, valueMs: acwMs });
      out.push({ kind: 'handle', time: agent.endAcwTime, queue, valueMs: talkMs + heldMs + acwMs });
    }
  }
  return out;
}
