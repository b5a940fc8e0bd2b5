import type { TrackerEvent, TrackerEventType } from '../events/tracker-event.js';
import type { MediaType } from '../model/enums.js';
import { planAfterCallWork } from './after-call-work.js';
import { Agenda } from './agenda.js';
import { nextArrival } from './arrivals.js';
import { drawCustomer, type CustomerProfile } from './customer.js';
import { buildDirectory, type AgentEntry, type QueueEntry } from './directory.js';
import { exponential, uniform } from './distributions.js';
import { EventWriter, type OwnFields } from './event-writer.js';
import { uuid } from './identifiers.js';
import { acdLeg, agentLeg, customerLeg, requiresWrapup, wrapupPromptOf, type ConversationFacts } from './participant-legs.js';
import { createRandom, type Random } from './random.js';
import type { Scenario } from './scenario.js';
import { WaitingLine, type Waiter } from './waiting-line.js';

/** Mean time an agent stays "Not Responding" after letting an interaction time out. */
const NOT_RESPONDING_MEAN_MS = 10_000;
/** Mean time an agent previews a callback before skipping it. */
const SKIP_PREVIEW_MEAN_MS = 8_000;
const QUARTER_HOUR_MS = 900_000;

/** One routing attempt: an agent leg of a conversation. */
interface AgentAttempt {
  readonly participantId: string;
  readonly agent: AgentState;
}

/** Where a conversation is in its life. */
type ConversationStatus = 'scheduled' | 'waiting' | 'alerting' | 'connected' | 'done';

/** A conversation in the simulation. */
class Conversation implements Waiter, ConversationFacts {
  status: ConversationStatus = 'scheduled';
  queuedAt = Number.POSITIVE_INFINITY;
  attempt: AgentAttempt | undefined;
  callbackScheduledTime: string | undefined;

  constructor(
    readonly id: string,
    readonly seq: number,
    readonly queue: QueueEntry,
    readonly queueState: QueueState,
    readonly customer: CustomerProfile,
    readonly customerId: string,
    readonly acdId: string,
  ) {}

  waiting(): boolean {
    return this.status === 'waiting';
  }
}

/** A queue: its waiting lines (chats and callbacks apart), the agents who serve it, its random streams. */
interface QueueState {
  readonly entry: QueueEntry;
  readonly chats: WaitingLine<Conversation>;
  readonly callbacks: WaitingLine<Conversation>;
  readonly agents: AgentState[];
  /** Inter-arrival times. */
  readonly arrivals: Random;
  /** Everything drawn about arriving customers. */
  readonly customers: Random;
}

/** An agent: what it is busy with and since when it has been idle. */
interface AgentState {
  readonly entry: AgentEntry;
  readonly queues: QueueState[];
  /** Chats alerting, connected or in ACW. */
  chats: number;
  /** A callback takes the agent whole. */
  callback: boolean;
  /** "Not Responding" until then. */
  respondingAt: number;
  idleSince: number;
}

/**
 * The discrete-event simulation of a contact center: Poisson arrivals per queue, agents
 * in groups with a chat capacity, longest-idle routing, alert timeouts with re-offers to the
 * next agent, patience and abandonment, hold, callback scheduling, parking and skips, and
 * after-call work under the queue's wrap-up prompt. Every step writes v1 events, at the
 * simulated instant it happens, so events come out in time order.
 *
 * @example
 * const events: TrackerEvent[] = [];
 * const center = new ContactCenter(scenario, (event) => events.push(event));
 * while (center.step()) {}
 */
export class ContactCenter {
  private readonly agenda = new Agenda();
  private readonly writer: EventWriter;
  private readonly ids: Random;
  private readonly agentChoices: Random;
  private readonly queues: QueueState[];
  private conversations = 0;

  constructor(private readonly scenario: Scenario, sink: (event: TrackerEvent) => void) {
    const { seed } = scenario;
    this.ids = createRandom(seed, 'ids');
    this.agentChoices = createRandom(seed, 'agents');
    this.writer = new EventWriter(scenario.startMs, this.ids, sink);
    const directory = buildDirectory(scenario);
    this.queues = directory.queues.map((entry) => ({
      entry,
      chats: new WaitingLine<Conversation>(),
      callbacks: new WaitingLine<Conversation>(),
      agents: [],
      arrivals: createRandom(seed, `arrivals:${entry.scenario.name}`),
      customers: createRandom(seed, `customers:${entry.scenario.name}`),
    }));
    for (const entry of directory.agents) {
      const queues = this.queues.filter((q) => entry.group.queues.includes(q.entry.scenario.name));
      const agent: AgentState = { entry, queues, chats: 0, callback: false, respondingAt: 0, idleSince: 0 };
      for (const queue of queues) queue.agents.push(agent);
    }
    for (const queue of this.queues) this.scheduleArrival(queue, 0);
  }

  /** Runs the next action of the simulation; `false` once every conversation has ended. */
  step(): boolean {
    return this.agenda.runNext();
  }

  private get now(): number {
    return this.agenda.now;
  }

  private at(time: number, action: () => void): void {
    this.agenda.schedule(time, action);
  }

  private scheduleArrival(queue: QueueState, from: number): void {
    const time = nextArrival(queue.arrivals, queue.entry.scenario.arrivalsPerHour, from, this.scenario.durationMs);
    if (time !== undefined) this.at(Math.round(time), () => this.arrive(queue, time));
  }

  private arrive(queue: QueueState, exactTime: number): void {
    this.scheduleArrival(queue, exactTime);
    const customer = drawCustomer(queue.customers, queue.entry.scenario);
    const conversation = new Conversation(
      uuid(this.ids), this.conversations++, queue.entry, queue, customer, uuid(this.ids), uuid(this.ids),
    );
    if (customer.media === 'chat') this.startChat(conversation);
    else this.requestCallback(conversation);
  }

  private startChat(conversation: Conversation): void {
    this.emit('participant.added', conversation, conversation.customerId, customerLeg(conversation));
    this.at(this.now + conversation.customer.flowMs, () => {
      this.emit('participant.added', conversation, conversation.acdId, acdLeg(conversation));
      this.enqueue(conversation);
    });
  }

  /** The next quarter hour at or after `time` (ms since the start), as customers pick callback slots. */
  private quarterHourFrom(time: number): number {
    const absolute = this.scenario.startMs + time;
    return Math.ceil(absolute / QUARTER_HOUR_MS) * QUARTER_HOUR_MS - this.scenario.startMs;
  }

  private requestCallback(conversation: Conversation): void {
    const request = conversation.customer.callback!;
    const acdJoins = this.now + conversation.customer.flowMs;
    let routeAt = acdJoins;
    let move: { at: number; callbackScheduledTime: string } | undefined;
    if (request.scheduledInMs !== undefined) {
      routeAt = this.quarterHourFrom(this.now + request.scheduledInMs);
      conversation.callbackScheduledTime = this.writer.isoTime(routeAt);
      if (request.reschedule !== undefined) {
        const at = acdJoins + Math.round(request.reschedule.atFraction * (routeAt - acdJoins));
        routeAt = this.quarterHourFrom(routeAt + request.reschedule.byMs);
        move = { at, callbackScheduledTime: this.writer.isoTime(routeAt) };
      }
    }
    this.emit('participant.added', conversation, conversation.customerId, customerLeg(conversation));
    // Scheduled before the move, so that a move at the very instant the ACD leg joins comes after it.
    this.at(acdJoins, () => this.emit('participant.added', conversation, conversation.acdId, acdLeg(conversation)));
    if (move !== undefined) {
      const { callbackScheduledTime } = move;
      this.at(move.at, () => {
        conversation.callbackScheduledTime = callbackScheduledTime;
        for (const participantId of [conversation.customerId, conversation.acdId]) {
          this.emit('callback.scheduled', conversation, participantId, { callbackScheduledTime });
        }
      });
    }
    // Genesys routes a callback about a second after its time (the samples: 11:00:00 → 11:00:01.092).
    this.at(routeAt + Math.round(uniform(conversation.queueState.customers, 500, 1_500)), () => {
      this.emit('participant.connected', conversation, conversation.customerId, {});
      this.emit('participant.connected', conversation, conversation.acdId, {});
      this.enqueue(conversation);
    });
  }

  /** The conversation enters the queue: the patience clock starts, routing begins. */
  private enqueue(conversation: Conversation): void {
    conversation.queuedAt = this.now;
    const { patienceMs } = conversation.customer;
    if (patienceMs !== null) this.at(this.now + patienceMs, () => this.abandon(conversation));
    this.route(conversation);
  }

  private canTake(agent: AgentState, media: MediaType): boolean {
    if (agent.respondingAt > this.now || agent.callback) return false;
    return media === 'chat' ? agent.chats < agent.entry.group.chatCapacity : agent.chats === 0;
  }

  /** Offers the conversation to the least busy, longest idle agent, or puts it in line. */
  private route(conversation: Conversation): void {
    conversation.status = 'waiting';
    const { media } = conversation.customer;
    let best: AgentState | undefined;
    for (const agent of conversation.queueState.agents) {
      if (!this.canTake(agent, media)) continue;
      if (best === undefined || agent.chats < best.chats || (agent.chats === best.chats && agent.idleSince < best.idleSince)) {
        best = agent;
      }
    }
    if (best !== undefined) this.offer(conversation, best);
    else (media === 'chat' ? conversation.queueState.chats : conversation.queueState.callbacks).add(conversation);
  }

  /** Gives a free agent the longest-waiting conversations it can take, from every queue it serves. */
  private dispatch(agent: AgentState): void {
    for (;;) {
      let best: Conversation | undefined;
      let bestLine: WaitingLine<Conversation> | undefined;
      for (const queue of agent.queues) {
        for (const media of ['chat', 'callback'] as const) {
          if (!this.canTake(agent, media)) continue;
          const line = media === 'chat' ? queue.chats : queue.callbacks;
          const candidate = line.front();
          if (candidate !== undefined && (best === undefined || candidate.queuedAt < best.queuedAt
            || (candidate.queuedAt === best.queuedAt && candidate.seq < best.seq))) {
            best = candidate;
            bestLine = line;
          }
        }
      }
      if (best === undefined) return;
      bestLine!.take();
      this.offer(best, agent);
    }
  }

  /** A new agent leg alerts; the agent answers after a while, or the alert times out. */
  private offer(conversation: Conversation, agent: AgentState): void {
    conversation.status = 'alerting';
    if (conversation.customer.media === 'chat') agent.chats++;
    else agent.callback = true;
    const attempt: AgentAttempt = { participantId: uuid(this.ids), agent };
    conversation.attempt = attempt;
    this.emit('participant.added', conversation, attempt.participantId, agentLeg(conversation, agent.entry));

    const { group } = agent.entry;
    const timeoutMs = conversation.queue.scenario.alertingTimeoutMs;
    const answers = this.agentChoices.chance(group.answerProbability);
    const delay = group.alertTimeMs > 0 ? Math.round(exponential(this.agentChoices, group.alertTimeMs)) : 0;
    if (answers && delay < timeoutMs) {
      this.at(this.now + delay, () => this.connect(conversation, attempt));
    } else {
      // The samples show the system disconnect 100–250 ms after alertingTimeoutMs.
      const lag = Math.round(uniform(this.agentChoices, 100, 250));
      this.at(this.now + timeoutMs + lag, () => this.alertTimeout(conversation, attempt));
    }
  }

  private isCurrent(conversation: Conversation, attempt: AgentAttempt, status: ConversationStatus): boolean {
    return conversation.attempt === attempt && conversation.status === status;
  }

  private connect(conversation: Conversation, attempt: AgentAttempt): void {
    if (!this.isCurrent(conversation, attempt, 'alerting')) return;
    conversation.status = 'connected';
    const agentId = attempt.participantId;
    this.emit('participant.disconnected', conversation, conversation.acdId, { disconnectType: 'transfer' });
    this.emit('participant.connected', conversation, agentId, {});
    const { media } = conversation.customer;
    if (requiresWrapup(wrapupPromptOf(conversation.queue, media))) {
      this.emit('participant.updated', conversation, agentId, { wrapupRequired: true });
    }
    const callbacks = conversation.queue.scenario.callbacks;
    if (media === 'callback' && callbacks.skipEnabled && this.agentChoices.chance(callbacks.skipProbability)) {
      // The agent skips before the call is dialed automatically (timeoutSeconds, when set).
      const preview = Math.round(exponential(this.agentChoices, SKIP_PREVIEW_MEAN_MS));
      const limit = callbacks.timeoutSeconds > 0 ? callbacks.timeoutSeconds * 1000 - 1 : preview;
      this.at(this.now + Math.min(preview, limit), () => this.finish(conversation, attempt));
      return;
    }
    const { plan } = conversation.customer;
    const start = this.now;
    if (plan.hold !== undefined) {
      this.at(start + plan.hold.startMs, () => this.emit('participant.holdStarted', conversation, agentId, {}));
      this.at(start + plan.hold.endMs, () => this.emit('participant.holdEnded', conversation, agentId, {}));
    }
    let parkedMs = 0;
    if (plan.park !== undefined) {
      const parkAt = start + plan.park.atMs;
      const resumeAt = parkAt + plan.park.durationMs;
      parkedMs = plan.park.durationMs;
      const resumeTime = this.writer.isoTime(resumeAt);
      this.at(parkAt, () => this.emit('participant.parked', conversation, agentId, { resumeTime }));
      this.at(resumeAt, () => this.emit('participant.resumed', conversation, agentId, {}));
    }
    this.at(start + plan.handleMs + parkedMs, () => this.finish(conversation, attempt));
  }

  /** The agent let the alert time out: disconnected `system`, "Not Responding" for a while, and the conversation is offered again. */
  private alertTimeout(conversation: Conversation, attempt: AgentAttempt): void {
    if (!this.isCurrent(conversation, attempt, 'alerting')) return;
    this.emit('participant.disconnected', conversation, attempt.participantId, { disconnectType: 'system' });
    conversation.attempt = undefined;
    conversation.status = 'waiting';
    const { agent } = attempt;
    agent.respondingAt = this.now + Math.round(exponential(this.agentChoices, NOT_RESPONDING_MEAN_MS));
    this.release(agent, conversation.customer.media);
    this.at(agent.respondingAt, () => this.dispatch(agent));
    this.at(this.now + Math.round(uniform(this.agentChoices, 200, 500)), () => {
      if (conversation.status === 'waiting') this.route(conversation);
    });
  }

  /** Patience ran out before an agent connected: the customer leaves, and so does the ACD leg. */
  private abandon(conversation: Conversation): void {
    if (conversation.status !== 'waiting' && conversation.status !== 'alerting') return;
    const { attempt } = conversation;
    conversation.status = 'done';
    this.emit('participant.disconnected', conversation, conversation.customerId, { disconnectType: 'endpoint' });
    this.emit('participant.disconnected', conversation, conversation.acdId, { disconnectType: 'peer' });
    if (attempt !== undefined) {
      this.emit('participant.disconnected', conversation, attempt.participantId, { disconnectType: 'peer' });
      this.release(attempt.agent, conversation.customer.media);
    }
  }

  /** The interaction ends; who leaves first follows the customer's profile. */
  private finish(conversation: Conversation, attempt: AgentAttempt): void {
    conversation.status = 'done';
    const { customer } = conversation;
    const agentId = attempt.participantId;
    if (customer.media === 'chat' && customer.ending !== 'agent') {
      const disconnectType = customer.ending === 'customer' ? 'endpoint' : 'timeout';
      this.emit('participant.disconnected', conversation, conversation.customerId, { disconnectType });
      this.emit('participant.disconnected', conversation, agentId, { disconnectType: 'peer' });
    } else {
      this.emit('participant.disconnected', conversation, agentId, { disconnectType: 'client' });
      this.at(this.now + customer.goodbyeMs, () =>
        this.emit('participant.disconnected', conversation, conversation.customerId, { disconnectType: 'peer' }));
    }
    this.afterCallWork(conversation, attempt);
  }

  private afterCallWork(conversation: Conversation, attempt: AgentAttempt): void {
    const { agent, participantId } = attempt;
    const { media } = conversation.customer;
    const queue = conversation.queue;
    if (queue.scenario.acwMs === 0) {
      this.release(agent, media);
      return;
    }
    this.emit('participant.acwStarted', conversation, participantId, {});
    const plan = planAfterCallWork(this.agentChoices, {
      prompt: wrapupPromptOf(queue, media),
      acwMs: queue.scenario.acwMs,
      wrapupTimeoutMs: queue.scenario.wrapupTimeoutMs,
      codes: queue.wrapupCodes,
    });
    const start = this.now;
    const wrapUp = () => {
      const { outcome } = plan;
      if (outcome.kind === 'skipped') {
        this.emit('participant.wrapupSkipped', conversation, participantId, {});
        return;
      }
      const durationSeconds = Math.round(plan.wrapupAtMs / 1000);
      const notes = outcome.kind === 'applied' && outcome.notes !== undefined ? { notes: outcome.notes } : {};
      this.emit('participant.wrapupApplied', conversation, participantId, {
        wrapup: { code: outcome.code.code, name: outcome.code.name, ...notes, durationSeconds },
      });
    };
    const end = () => {
      this.emit('participant.acwEnded', conversation, participantId, {});
      this.release(agent, media);
    };
    if (plan.wrapupAtMs === plan.endAtMs) {
      this.at(start + plan.endAtMs, () => {
        wrapUp();
        end();
      });
    } else {
      this.at(start + plan.wrapupAtMs, wrapUp);
      this.at(start + plan.endAtMs, end);
    }
  }

  /** Frees the agent's slot and hands it more work. */
  private release(agent: AgentState, media: MediaType): void {
    if (media === 'chat') agent.chats--;
    else agent.callback = false;
    agent.idleSince = this.now;
    this.dispatch(agent);
  }

  private emit<T extends TrackerEventType>(type: T, conversation: Conversation, participantId: string, fields: OwnFields<T>): void {
    this.writer.emit(this.now, type, conversation.id, participantId, fields);
  }
}
