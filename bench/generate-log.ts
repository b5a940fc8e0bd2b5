import { LIFECYCLE_RANK } from '../src/events/lifecycle-rank.js';
import type { TrackerEvent, TrackerEventType } from '../src/events/tracker-event.js';
import type { MediaType } from '../src/model/enums.js';
import { isoTimeFormatter } from '../src/sim/iso-time.js';
import { createRandom } from '../src/sim/random.js';

/** How big a log to generate, and from which seed. */
export interface GenerateLogOptions {
  /** Conversations keep starting until their events add up to at least this many. */
  readonly minEvents: number;
  /** PRNG seed: the same seed and size give the same log, event for event. */
  readonly seed?: number;
  /** Mean time between two conversations starting, in ms (default 400: ~1,500 open at once). */
  readonly meanArrivalMs?: number;
  /** Share of callback conversations, 0..1 (default 0.3). */
  readonly callbackShare?: number;
}

/** A generated log and what it holds. */
export interface GeneratedLog {
  /** The events in arrival order, which is time order across all conversations. */
  readonly events: TrackerEvent[];
  readonly conversations: number;
  readonly participants: number;
}

/** An event of a conversation script: its time in ms and rank, and the event, whose `id` and `time` are set when it is merged into the log. */
interface ScriptedEvent {
  readonly at: number;
  readonly rank: number;
  readonly event: { id: string; time: string } & Record<string, unknown>;
}

/** A conversation's events, in the spec's order (time, then lifecycle rank). */
interface Script {
  readonly events: ScriptedEvent[];
  next: number;
  readonly order: number;
}

const EPOCH = Date.parse('2026-11-21T08:00:00.000Z');
const ALERTING_TIMEOUT_MS = 30_000;
const FIRST_NAMES = ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus', 'Hal', 'Ida', 'Jo', 'Kai', 'Lu', 'Mo', 'Ned', 'Oli', 'Pia'];
const LAST_NAMES = ['Berg', 'Costa', 'Diaz', 'Evans', 'Fox', 'Gray', 'Hale', 'Ito', 'Jung', 'Kerr', 'Lund', 'Moss'];
const QUEUE_NAMES = ['Support', 'Billing', 'Sales', 'Returns', 'Technical', 'Premium', 'Claims', 'Retention'];
const WRAPUP_CODES = [
  { code: 'wc-resolved', name: 'Resolved' },
  { code: 'wc-followup', name: 'Follow-up needed' },
  { code: 'wc-escalated', name: 'Escalated' },
  { code: 'wc-info', name: 'Information given' },
  { code: 'ININ-WRAP-UP-TIMEOUT', name: 'Wrap-up timeout' },
];
const WRAPUP_PROMPTS = ['mandatory', 'optional', 'timeout'];

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A short id that looks random but is unique per (counter, salt): a bijective 32-bit mix of the
 * counter, as 8 hex digits.
 */
function shortId(counter: number, salt: number): string {
  let x = (counter ^ salt) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  x ^= x >>> 16;
  return HEX_BYTES[(x >>> 24) & 0xff]! + HEX_BYTES[(x >>> 16) & 0xff]! + HEX_BYTES[(x >>> 8) & 0xff]! + HEX_BYTES[x & 0xff]!;
}

/** Compares two scripts by their next event: time, lifecycle rank, then start order. */
function before(a: Script, b: Script): boolean {
  const x = a.events[a.next]!;
  const y = b.events[b.next]!;
  if (x.at !== y.at) return x.at < y.at;
  if (x.rank !== y.rank) return x.rank < y.rank;
  return a.order < b.order;
}

/** A binary min-heap of open conversations, keyed by their next event. */
class ScriptHeap {
  private readonly items: Script[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Script | undefined {
    return this.items[0];
  }

  push(script: Script): void {
    const { items } = this;
    let i = items.push(script) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  /** Restores heap order after the top's key grew, or removes the top when it has no events left. */
  advanceTop(): void {
    const { items } = this;
    const top = items[0]!;
    if (top.next >= top.events.length) {
      const last = items.pop()!;
      if (items.length === 0) return;
      items[0] = last;
    }
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < items.length && before(items[left]!, items[least]!)) least = left;
      if (right < items.length && before(items[right]!, items[least]!)) least = right;
      if (least === i) return;
      [items[i], items[least]] = [items[least]!, items[i]!];
      i = least;
    }
  }
}

/** Writes the events of one conversation: who joins, rings, talks, holds, parks and wraps up. */
class ConversationWriter {
  readonly events: ScriptedEvent[] = [];
  participants = 0;

  constructor(
    private readonly random: () => number,
    private readonly newParticipantId: () => string,
    readonly conversationId: string,
    readonly media: MediaType,
  ) {}

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private between(low: number, high: number): number {
    return Math.round(low + (high - low) * this.random());
  }

  /** An exponential delay with the given mean, clamped to [low, high]. */
  private exponential(mean: number, low: number, high: number): number {
    return Math.min(high, Math.max(low, Math.round(-mean * Math.log(1 - this.random()))));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private emit(at: number, type: TrackerEventType, participantId: string, fields?: Record<string, unknown>): void {
    const event = { id: '', type, time: '', conversationId: this.conversationId, participantId, ...fields };
    this.events.push({ at, rank: LIFECYCLE_RANK[type], event });
  }

  private join(at: number, fields: Record<string, unknown>): string {
    const participantId = this.newParticipantId();
    this.participants++;
    this.emit(at, 'participant.added', participantId, { media: this.media, ...fields });
    return participantId;
  }

  private personName(): string {
    return `${this.pick(FIRST_NAMES)} ${this.pick(LAST_NAMES)}`;
  }

  /** Writes a whole conversation that starts at `start`. */
  write(start: number): void {
    const queueIndex = Math.floor(this.random() * QUEUE_NAMES.length);
    const queue = { id: `q-${shortId(queueIndex, 0x51ed)}`, name: QUEUE_NAMES[queueIndex]! };
    const customerName = this.personName();
    const callback = this.media === 'callback';
    let scheduledAt = start + this.exponential(300_000, 150_000, 1_200_000);
    const customer = callback
      ? this.join(start, {
          purpose: 'customer', state: 'scheduled', direction: 'outbound',
          callbackNumbers: [`+1317555${String(this.between(0, 9999)).padStart(4, '0')}`],
          callbackUserName: customerName, skipEnabled: this.chance(0.5), timeoutSeconds: this.pick([0, 30, 60]),
          callbackScheduledTime: new Date(scheduledAt).toISOString(),
        })
      : this.join(start, {
          purpose: 'customer', state: 'connected', name: customerName, direction: 'inbound',
          provider: 'PureCloud Webchat v2', roomId: `${this.conversationId}@conference.example.com`,
          attributes: { 'context.firstName': customerName.split(' ')[0]! },
        });
    const acd = this.join(start + this.between(40, 200), {
      purpose: 'acd', state: callback ? 'scheduled' : 'connected', name: queue.name, queue, direction: 'inbound',
      conversationRoutingData: { queue: { id: queue.id }, priority: this.between(0, 5) },
    });

    let t = start + this.between(300, 2_000);
    if (callback) {
      if (this.chance(0.2)) {
        // The customer moves the callback (always to a time after the move itself).
        const movedAt = t + this.between(10_000, 120_000);
        scheduledAt = Math.max(movedAt + 30_000, scheduledAt + this.between(-120_000, 900_000));
        this.emit(movedAt, 'callback.scheduled', customer, { callbackScheduledTime: new Date(scheduledAt).toISOString() });
      }
      t = scheduledAt;
      this.emit(t, 'participant.connected', customer);
      this.emit(t, 'participant.connected', acd);
    } else if (this.chance(0.3)) {
      this.emit(t, 'participant.updated', customer, { attributes: { 'context.email': `${customer}@example.com` } });
    }

    t += this.exponential(45_000, 500, 600_000);
    if (!callback && this.chance(0.06)) {
      // Abandoned in queue: the customer leaves before an agent answers.
      this.emit(t, 'participant.disconnected', customer, { disconnectType: 'client' });
      this.emit(t + this.between(2, 40), 'participant.disconnected', acd, { disconnectType: 'peer' });
      return;
    }

    // Alert timeouts and declines: each routing attempt is a new agent participant.
    while (this.chance(0.22)) {
      const agent = this.join(t, this.agentFields(queue));
      const timedOut = this.chance(0.7);
      t += timedOut ? ALERTING_TIMEOUT_MS + this.between(50, 150) : this.between(1_500, 20_000);
      this.emit(t, 'participant.disconnected', agent, { disconnectType: timedOut ? 'system' : 'client' });
      t += this.between(200, 3_000);
    }

    const agentFields = this.agentFields(queue);
    const agent = this.join(t, agentFields);
    t += this.between(1_500, 15_000);
    this.emit(t, 'participant.connected', agent);
    this.emit(t - this.between(1, 5), 'participant.disconnected', acd, { disconnectType: 'transfer' });

    t = this.talk(agent, t, callback);

    let agentEnd: number;
    if (this.chance(0.6) || callback) {
      agentEnd = t;
      this.emit(agentEnd, 'participant.disconnected', agent, { disconnectType: 'client' });
      t += this.between(20, callback ? 5_000 : 1_500);
      this.emit(t, 'participant.disconnected', customer, { disconnectType: callback ? 'endpoint' : 'peer' });
    } else {
      this.emit(t, 'participant.disconnected', customer, { disconnectType: this.chance(0.8) ? 'client' : 'timeout' });
      agentEnd = t + this.between(5, 800);
      this.emit(agentEnd, 'participant.disconnected', agent, { disconnectType: 'peer' });
    }
    this.wrapUp(agent, agentEnd, agentFields.wrapupPrompt);
  }

  private agentFields(queue: { id: string; name: string }) {
    const userIndex = Math.floor(this.random() * 600);
    return {
      purpose: 'agent', state: 'alerting', name: `Agent ${shortId(userIndex, 0xa9e7).slice(0, 4)}`, direction: 'inbound',
      user: { id: `u-${shortId(userIndex, 0xa9e7)}`, name: `Agent ${shortId(userIndex, 0xa9e7).slice(0, 4)}` },
      queue, alertingTimeoutMs: ALERTING_TIMEOUT_MS, wrapupRequired: true, wrapupPrompt: this.pick(WRAPUP_PROMPTS),
      wrapupTimeoutMs: 120_000,
    };
  }

  /** The connected part of the agent leg: holds, and for callbacks a park until the resume time. */
  private talk(agent: string, connectedAt: number, callback: boolean): number {
    let t = connectedAt;
    if (callback && this.chance(0.25)) {
      t += this.exponential(90_000, 5_000, 600_000);
      const resumeAt = t + this.between(60_000, 900_000);
      this.emit(t, 'participant.parked', agent, { resumeTime: new Date(resumeAt).toISOString() });
      t = resumeAt;
      this.emit(t, 'participant.resumed', agent);
    }
    const holds = this.chance(0.3) ? this.between(1, 2) : 0;
    for (let i = 0; i < holds; i++) {
      t += this.exponential(120_000, 5_000, 1_200_000);
      this.emit(t, 'participant.holdStarted', agent);
      t += this.exponential(40_000, 3_000, 600_000);
      // A hold still on when the conversation ends is released by the disconnect.
      if (i < holds - 1 || this.chance(0.9)) this.emit(t, 'participant.holdEnded', agent);
    }
    return t + this.exponential(240_000, 20_000, 3_600_000);
  }

  /** After-call work: most agents do ACW and then wrap up or skip; a few wrap up without ACW. */
  private wrapUp(agent: string, endedAt: number, prompt: string): void {
    const skip = prompt === 'optional' && this.chance(0.4);
    const code = this.pick(WRAPUP_CODES);
    if (this.chance(0.15)) {
      const at = endedAt + this.between(500, 10_000);
      if (skip) this.emit(at, 'participant.wrapupSkipped', agent);
      else this.emit(at, 'participant.wrapupApplied', agent, { wrapup: { code: code.code, name: code.name, durationSeconds: Math.round((at - endedAt) / 1000) } });
      return;
    }
    this.emit(endedAt, 'participant.acwStarted', agent);
    const at = endedAt + this.exponential(30_000, 2_000, 120_000);
    if (skip) this.emit(at, 'participant.wrapupSkipped', agent);
    else {
      const notes = this.chance(0.2) ? { notes: 'customer asked for a follow-up e-mail' } : {};
      this.emit(at, 'participant.wrapupApplied', agent, {
        wrapup: { code: code.code, name: code.name, ...notes, durationSeconds: Math.round((at - endedAt) / 1000) },
      });
    }
    this.emit(at, 'participant.acwEnded', agent);
  }
}

/**
 * Generates a realistic v1 event log, deterministically: chat and callback conversations (a
 * customer leg, an ACD leg, agent legs with alert timeouts and declines, holds, parks and
 * resumes for callbacks, disconnects, after-call work and wrap-up), started at random over time
 * and interleaved in time order, as a contact centre with many conversations open at once
 * writes them. Every event is legal; every conversation runs to its end.
 *
 * @example
 * const { events, participants } = generateLog({ minEvents: 1_000_000 });
 * createTracker().load(events); // no rejections
 */
export function generateLog(options: GenerateLogOptions): GeneratedLog {
  const random = createRandom(options.seed ?? 1, 'bench-log').float;
  const meanArrivalMs = options.meanArrivalMs ?? 400;
  const callbackShare = options.callbackShare ?? 0.3;
  let participantCount = 0;
  const newParticipantId = () => shortId(participantCount++, 0x9a7c);

  // Write conversations until their events add up to minEvents.
  const scripts: Script[] = [];
  let scripted = 0;
  let start = EPOCH;
  while (scripted < options.minEvents) {
    start += Math.max(1, Math.round(-meanArrivalMs * Math.log(1 - random())));
    const media: MediaType = random() < callbackShare ? 'callback' : 'chat';
    const conversationId = shortId(scripts.length, 0xc0de);
    const writer = new ConversationWriter(random, newParticipantId, conversationId, media);
    writer.write(start);
    writer.events.sort((a, b) => a.at - b.at || a.rank - b.rank);
    scripts.push({ events: writer.events, next: 0, order: scripts.length });
    scripted += writer.events.length;
  }

  // Merge them in time order (then lifecycle rank, then start order), as one log.
  const events: TrackerEvent[] = [];
  const iso = isoTimeFormatter();
  const open = new ScriptHeap();
  let waiting = 0;
  while (waiting < scripts.length || open.size > 0) {
    const incoming = scripts[waiting];
    const top = open.peek();
    if (incoming !== undefined && (top === undefined || !before(top, incoming))) {
      open.push(incoming);
      waiting++;
      continue;
    }
    const script = top!;
    const { at, event } = script.events[script.next++]!;
    event.id = shortId(events.length, 0xe7e7);
    event.time = iso(at);
    events.push(event as unknown as TrackerEvent);
    open.advanceTop();
  }
  return { events, conversations: scripts.length, participants: participantCount };
}
