import fc from 'fast-check';

/**
 * A conversation as it really went, to take Genesys-shaped snapshots of at any instant: a
 * customer leg, an ACD leg, and agent legs offered one after another until one answers (alert
 * timeouts, declines), the answering agent maybe holding, then disconnecting into after-call
 * work and wrap-up. Times are milliseconds from `EPOCH`.
 */
export interface History {
  readonly media: 'chat' | 'callback';
  readonly conversationId: string;
  readonly participants: readonly TrueParticipant[];
  /** The last instant anything happens. */
  readonly end: number;
}

export interface TrueParticipant {
  readonly id: string;
  readonly purpose: 'customer' | 'acd' | 'agent';
  readonly start: number;
  readonly alert?: number;
  readonly connect?: number;
  readonly hold?: readonly [number, number];
  readonly end?: number;
  readonly disconnectType?: string;
  readonly acwStart?: number;
  readonly acwEnd?: number;
  readonly wrapupCode?: string;
}

/** The shapes a snapshot can arrive in. */
export const SHAPES = ['topic-flat', 'rest-flat', 'topic-nested', 'rest-nested'] as const;
export type Shape = (typeof SHAPES)[number];

export const EPOCH = Date.UTC(2026, 10, 21, 10, 0, 0);
export const iso = (ms: number) => new Date(EPOCH + ms).toISOString();

type AgentPlan = { readonly outcome: 'timeout' | 'decline' | 'answer'; readonly after: number; readonly react: number };

const agentPlan: fc.Arbitrary<AgentPlan> = fc.record({
  outcome: fc.constantFrom('timeout', 'decline', 'answer'),
  after: fc.integer({ min: 50, max: 20_000 }),
  react: fc.integer({ min: 100, max: 25_000 }),
});

/** Random, realistic conversation histories. */
export const historyArb: fc.Arbitrary<History> = fc
  .record({
    media: fc.constantFrom('chat', 'callback'),
    scheduledAfter: fc.integer({ min: 1_000, max: 600_000 }),
    agents: fc.array(agentPlan, { minLength: 0, maxLength: 3 }),
    hold: fc.option(fc.record({ after: fc.integer({ min: 1, max: 60_000 }), length: fc.integer({ min: 1, max: 60_000 }) }), { nil: undefined }),
    talk: fc.integer({ min: 1_000, max: 300_000 }),
    acw: fc.option(fc.integer({ min: 1, max: 120_000 }), { nil: undefined }),
    customerLeaves: fc.option(fc.record({ after: fc.integer({ min: 1, max: 30_000 }), how: fc.constantFrom('peer', 'endpoint', 'timeout') }), { nil: undefined }),
  })
  .map(({ media, scheduledAfter, agents, hold, talk, acw, customerLeaves }) => {
    const routed = media === 'callback' ? scheduledAfter : 15;
    const customer: { -readonly [K in keyof TrueParticipant]: TrueParticipant[K] } = { id: 'cust', purpose: 'customer', start: 0, connect: routed };
    const acd: { -readonly [K in keyof TrueParticipant]: TrueParticipant[K] } = { id: 'acd', purpose: 'acd', start: 1, connect: routed + 1 };
    const participants: TrueParticipant[] = [customer, acd];
    let now = routed + 1;
    let end = now;
    for (const [i, plan] of agents.entries()) {
      const start = now + plan.after;
      const alert = start + 20;
      const id = `agent-${i + 1}`;
      if (plan.outcome !== 'answer') {
        const stop = plan.outcome === 'timeout' ? alert + 30_000 : alert + Math.min(plan.react, 29_000);
        participants.push({ id, purpose: 'agent', start, alert, end: stop, disconnectType: plan.outcome === 'timeout' ? 'system' : 'client' });
        now = end = stop;
        continue;
      }
      const connect = alert + Math.min(plan.react, 29_000);
      acd.end = connect - 2;
      acd.disconnectType = 'transfer';
      const holdSpan = hold === undefined ? undefined : ([connect + hold.after, connect + hold.after + hold.length] as const);
      const hangUp = (holdSpan?.[1] ?? connect) + talk;
      const agent: TrueParticipant = {
        id, purpose: 'agent', start, alert, connect, end: hangUp, disconnectType: 'client', acwStart: hangUp,
        ...(holdSpan === undefined ? {} : { hold: holdSpan }),
        ...(acw === undefined ? {} : { acwEnd: hangUp + acw, wrapupCode: 'wc-resolved' }),
      };
      participants.push(agent);
      end = agent.acwEnd ?? hangUp;
      if (customerLeaves !== undefined) {
        customer.end = hangUp + customerLeaves.after;
        customer.disconnectType = customerLeaves.how;
        end = Math.max(end, customer.end);
      }
      break;
    }
    return { media, conversationId: 'conv-1', participants, end };
  });

/** Which lifecycle stage a participant is in at `t`. */
export function stageAt(p: TrueParticipant, t: number): 'pre' | 'connected' | 'ended' {
  if (p.end !== undefined && p.end <= t) return 'ended';
  return p.connect !== undefined && p.connect <= t ? 'connected' : 'pre';
}

const upTo = (time: number | undefined, t: number) => (time !== undefined && time <= t ? iso(time) : undefined);

/** A participant's values at `t`, in the MediaParticipant vocabulary (absent values left out). */
function valuesAt(h: History, p: TrueParticipant, t: number, rest: boolean): Record<string, unknown> {
  const stage = stageAt(p, t);
  const held = stage === 'connected' && p.hold !== undefined && p.hold[0] <= t && t < p.hold[1];
  const preState = h.media === 'callback' && p.purpose !== 'agent' ? 'scheduled' : 'alerting';
  const values: Record<string, unknown> = {
    id: p.id,
    purpose: p.purpose,
    state: stage === 'pre' ? preState : stage,
    held,
    startTime: rest ? iso(p.start) : undefined,
    startAlertingTime: rest ? upTo(p.alert, t) : undefined,
    connectedTime: upTo(p.connect, t),
    endTime: upTo(p.end, t),
    disconnectType: stage === 'ended' ? p.disconnectType : undefined,
    startHoldTime: held ? iso(p.hold[0]) : undefined,
    startAcwTime: upTo(p.acwStart, t),
    endAcwTime: upTo(p.acwEnd, t),
    wrapup: p.wrapupCode !== undefined && p.acwEnd! <= t ? { code: p.wrapupCode, endTime: iso(p.acwEnd!) } : undefined,
    wrapupRequired: p.purpose === 'agent' && p.connect !== undefined && p.connect <= t,
    name: p.purpose === 'agent' ? 'Bo Agent' : p.purpose === 'acd' ? 'Support' : 'Ann Customer',
  };
  if (h.media === 'callback') {
    values.callbackNumbers = ['+15550100000'];
    values.callbackScheduledTime = iso(h.participants[0]!.connect!);
    values.skipEnabled = true;
    values.timeoutSeconds = 0;
  }
  for (const key of Object.keys(values)) if (values[key] === undefined) delete values[key];
  return values;
}

const COMMUNICATION_FIELDS = new Set([
  'state', 'held', 'disconnectType', 'startHoldTime', 'startAlertingTime', 'connectedTime', 'callbackNumbers',
  'callbackScheduledTime', 'skipEnabled', 'timeoutSeconds',
]);

/** The conversation at `t`, in one of the payload shapes Genesys sends. */
export function snapshotAt(h: History, t: number, shape: Shape): Record<string, unknown> {
  const rest = shape.startsWith('rest');
  const nested = shape.endsWith('nested');
  const participants = h.participants.filter((p) => p.start <= t).map((p) => {
    const values = valuesAt(h, p, t, rest);
    if (!nested) return values;
    const participant: Record<string, unknown> = { };
    const communication: Record<string, unknown> = {
      id: `${p.id}-comm`,
      initialState: h.media === 'callback' && p.purpose !== 'agent' ? 'scheduled' : 'alerting',
    };
    for (const [key, value] of Object.entries(values)) {
      if (key === 'endTime') communication.disconnectedTime = value;
      else if (COMMUNICATION_FIELDS.has(key)) communication[key] = value;
      else participant[key] = value;
    }
    if (values.startAcwTime !== undefined) communication.afterCallWork = { state: values.endAcwTime === undefined ? 'pending' : 'complete', startTime: values.startAcwTime };
    participant[h.media === 'chat' ? 'chats' : 'callbacks'] = [communication];
    return participant;
  });
  const body = { id: h.conversationId, participants };
  if (rest) return { ...body, selfUri: nested ? `/api/v2/conversations/${h.conversationId}` : `/api/v2/conversations/${h.media}s/${h.conversationId}` };
  return { topicName: `v2.users.u1.conversations${nested ? '' : `.${h.media}s`}`, version: '2', eventBody: body, metadata: { CorrelationId: 'x' } };
}

/** A history with the instants and shapes of its snapshots. */
export interface Snapshots {
  readonly history: History;
  readonly taken: readonly { readonly t: number; readonly shape: Shape }[];
}

/** Histories with 1–8 snapshots taken at instants of their life (event times, just after, or between). */
export const snapshotsArb: fc.Arbitrary<Snapshots> = historyArb.chain((history) => {
  const times = [...new Set(history.participants.flatMap((p) =>
    [p.start, p.alert, p.connect, p.hold?.[0], p.hold?.[1], p.end, p.acwEnd].filter((x): x is number => x !== undefined)))];
  const instant = fc.oneof(fc.constantFrom(...times), fc.integer({ min: 0, max: history.end + 1_000 }));
  return fc.record({
    history: fc.constant(history),
    taken: fc.array(fc.record({ t: instant, shape: fc.constantFrom(...SHAPES) }), { minLength: 1, maxLength: 8 }),
  });
});

/**
 * Whether a snapshot taken at `t` can be told from every snapshot taken at another instant in
 * a different state. Two cases cannot, byte for byte, so no order-free rule can place them:
 * - inside the 20 ms between an agent leg's start and its alert: the leg shows `alerting`
 *   without `startAlertingTime`, as a source that never carries that time does at any instant
 *   (the flat chat REST sample), so the alert is dated at the leg's start;
 * - after the last dated change before a hold and before the hold starts: Genesys never dates
 *   the end of a hold and clears `startHoldTime`, so the snapshot equals one taken after the
 *   hold ended (until the next dated change), which ends the hold (receipt times tell them apart).
 */
export function distinguishable(h: History, t: number): boolean {
  if (h.participants.some((p) => p.alert !== undefined && p.start <= t && t < p.alert)) return false;
  const held = h.participants.find((p) => p.hold !== undefined);
  if (held === undefined) return true;
  const holdStart = held.hold![0];
  const lastDated = Math.max(...h.participants.flatMap((p) =>
    [p.start, p.alert, p.connect, p.end, p.acwStart, p.acwEnd].filter((x): x is number => x !== undefined && x <= holdStart)));
  return !(lastDated <= t && t < holdStart);
}
