import { z } from 'zod';
import { issueText } from '../events/issue-text.js';
import { toCanonicalTime } from '../events/time.js';
import { WRAPUP_PROMPTS, type WrapupPrompt } from '../model/enums.js';
import type { HandleTimeDistribution } from './distributions.js';
import { durationProblem, parseDuration } from '../time/duration.js';

/** A duration: a number of milliseconds, or text with its unit (`180s`, `30m`, `8h`). */
export type Duration = number | string;

/** Which media a queue receives. */
export type SimulatedMedia = 'chat' | 'callback' | 'mixed';

/** Callback settings of a queue (Genesys `CallbackMediaSettings` and callback participant fields). */
export interface CallbackOptions {
  /** Share of callbacks the customer schedules for later instead of "as soon as possible" (default 0.3). */
  scheduledShare?: number;
  /** Share of scheduled callbacks that are moved to another time before they are routed (default 0.1). */
  rescheduleProbability?: number;
  /** `skipEnabled`: agents may skip a callback instead of placing the call (default true). */
  skipEnabled?: boolean;
  /** Probability that an agent skips a callback when skipping is enabled (default 0.05). */
  skipProbability?: number;
  /** `timeoutSeconds`: the call is dialed automatically this long after the agent connects; 0 disables auto-dial (default 0). */
  autoDialTimeout?: Duration;
  /** Probability that the agent parks the callback and resumes it later (default 0.05). */
  parkProbability?: number;
  /** Mean time a parked callback stays parked (exponential; default 5m). */
  parkTime?: Duration;
}

/** Settings that a queue takes from the top level unless it sets them itself. */
export interface QueueDefaults {
  /** Poisson arrival rate; an array is a profile, one rate per hour of the run (repeating). */
  arrivalsPerHour?: number | readonly number[];
  media?: SimulatedMedia;
  /** Share of callbacks when `media` is `mixed` (0..1). */
  callbackShare?: number;
  /** Mean handle time: agent connected to agent disconnected, hold included, parking and ACW excluded. */
  aht?: Duration;
  handleTime?: HandleTimeDistribution;
  /** Coefficient of variation of a lognormal handle time (default 0.75). */
  handleTimeCv?: number;
  /** Mean of the exponential patience of chat customers waiting in queue, or `none`. */
  patience?: Duration | null;
  /** Probability that an answered conversation has a hold. */
  holdProbability?: number;
  /** Mean after-call work (exponential); 0 means no ACW. */
  acw?: Duration;
}

/** One queue of a scenario. */
export interface QueueOptions extends QueueDefaults {
  name: string;
  /** `alertingTimeoutMs`: how long an agent leg alerts before it times out (default 30s). */
  alertingTimeout?: Duration;
  /** `wrapupPrompt` (default: `timeout` for chat, `optional` for callbacks). */
  wrapupPrompt?: WrapupPrompt;
  /** `wrapupTimeoutMs` of time-boxed wrap-up (default 120s). */
  wrapupTimeout?: Duration;
  /** Wrap-up code names agents choose from. */
  wrapupCodes?: readonly string[];
  callbacks?: CallbackOptions;
}

/** Settings that an agent group takes from the top level unless it sets them itself. */
export interface AgentGroupDefaults {
  /** Concurrent chats per agent (a callback takes an agent whole). */
  chatCapacity?: number;
  /** Probability that an agent answers an alerting interaction (0 < p ≤ 1). */
  answerProbability?: number;
  /** Mean time an agent takes to answer (exponential; 0 answers at once). */
  alertTime?: Duration;
}

/** A group of agents (a Genesys team) serving some queues. */
export interface AgentGroupOptions extends AgentGroupDefaults {
  name: string;
  agents: number;
  /** Names of the queues the group serves (default: every queue). */
  queues?: readonly string[];
}

/**
 * What to simulate. Everything is optional. The top-level settings are the defaults of the
 * queues and agent groups; without `queues` there is one queue (`Support`), and without
 * `agentGroups` one group of `agents` agents serves every queue. The same object, as JSON, is
 * the `--config` file of `participant-tracker simulate`.
 */
export interface SimulationOptions extends QueueDefaults, AgentGroupDefaults {
  seed?: number;
  /** Start of the simulated period: ISO-8601 with a zone, epoch ms or a `Date`. */
  start?: string | number | Date;
  /** How long customers keep arriving; conversations still open then run to their end. */
  duration?: Duration;
  /** Agents of the default group (used when `agentGroups` is absent). */
  agents?: number;
  queues?: readonly QueueOptions[];
  agentGroups?: readonly AgentGroupOptions[];
}

/** A queue with every setting resolved (durations in ms). */
export interface QueueScenario {
  readonly name: string;
  /** Arrivals per hour, hour by hour of the run (repeating). */
  readonly arrivalsPerHour: readonly number[];
  readonly media: SimulatedMedia;
  readonly callbackShare: number;
  readonly ahtMs: number;
  readonly handleTime: HandleTimeDistribution;
  readonly handleTimeCv: number;
  /** `null`: customers never abandon. */
  readonly patienceMs: number | null;
  readonly holdProbability: number;
  readonly acwMs: number;
  readonly alertingTimeoutMs: number;
  /** `undefined`: the media's default. */
  readonly wrapupPrompt: WrapupPrompt | undefined;
  readonly wrapupTimeoutMs: number;
  readonly wrapupCodes: readonly string[];
  readonly callbacks: {
    readonly scheduledShare: number;
    readonly rescheduleProbability: number;
    readonly skipEnabled: boolean;
    readonly skipProbability: number;
    readonly timeoutSeconds: number;
    readonly parkProbability: number;
    readonly parkTimeMs: number;
  };
}

/** An agent group with every setting resolved. */
export interface AgentGroupScenario {
  readonly name: string;
  readonly agents: number;
  readonly queues: readonly string[];
  readonly chatCapacity: number;
  readonly answerProbability: number;
  readonly alertTimeMs: number;
}

/** A fully resolved simulation: what the engine runs. */
export interface Scenario {
  readonly seed: number;
  /** Epoch ms of the start. */
  readonly startMs: number;
  readonly durationMs: number;
  readonly queues: readonly QueueScenario[];
  readonly agentGroups: readonly AgentGroupScenario[];
}

/** The defaults of every setting. */
export const SIMULATION_DEFAULTS = {
  seed: 1,
  start: '2026-11-21T08:00:00.000Z',
  duration: '1h',
  arrivalsPerHour: 200,
  agents: 14,
  aht: '180s',
  handleTime: 'lognormal',
  handleTimeCv: 0.75,
  patience: '300s',
  media: 'mixed',
  callbackShare: 0.2,
  chatCapacity: 2,
  holdProbability: 0.1,
  acw: '30s',
  answerProbability: 0.95,
  alertTime: '4s',
  queueName: 'Support',
  groupName: 'Agents',
  alertingTimeout: '30s',
  wrapupTimeout: '120s',
  wrapupCodes: ['Resolved', 'Information provided', 'Follow-up required', 'Escalated', 'Billing question', 'Technical issue'],
} as const;

const CALLBACK_DEFAULTS = {
  scheduledShare: 0.3,
  rescheduleProbability: 0.1,
  skipEnabled: true,
  skipProbability: 0.05,
  autoDialTimeout: 0,
  parkProbability: 0.05,
  parkTime: '5m',
} as const;

/** The longest duration accepted anywhere (a year), to keep times within range. */
const MAX_DURATION_MS = 366 * 86_400_000;

/** The latest start accepted: far enough from year 9999 that every simulated time stays a 4-digit year. */
const LATEST_START_MS = Date.UTC(9000, 0, 1);

const duration = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : parseDuration(value);
  if (ms === undefined || !Number.isFinite(ms) || ms < 0 || ms > MAX_DURATION_MS) {
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: typeof value === 'number'
        ? `must be between 0 and ${MAX_DURATION_MS} ms`
        : durationProblem(value),
    });
    return z.NEVER;
  }
  return Math.round(ms);
});
const positiveDuration = duration.refine((ms) => ms > 0, { error: 'must be longer than 0' });
const probability = z.number().min(0, { error: 'must be between 0 and 1' }).max(1, { error: 'must be between 0 and 1' });
const rate = z.number().min(0, { error: 'must be ≥ 0' }).max(1e7, { error: 'must be at most 10000000' });
const name = z.string().trim().min(1, { error: 'must be a non-empty name' });

const queueDefaults = {
  arrivalsPerHour: z.union([rate, z.array(rate).min(1, { error: 'needs at least one hourly rate' })]).optional(),
  media: z.enum(['chat', 'callback', 'mixed'], { error: 'must be chat, callback or mixed' }).optional(),
  callbackShare: probability.optional(),
  aht: positiveDuration.optional(),
  handleTime: z.enum(['exponential', 'lognormal', 'fixed'], { error: 'must be exponential, lognormal or fixed' }).optional(),
  handleTimeCv: z.number().gt(0, { error: 'must be > 0' }).max(10, { error: 'must be ≤ 10' }).optional(),
  patience: z.union([z.literal('none'), z.null(), positiveDuration]).optional(),
  holdProbability: probability.optional(),
  acw: duration.optional(),
};

const groupDefaults = {
  chatCapacity: z.number().int({ error: 'must be an integer' }).min(1, { error: 'must be ≥ 1' }).max(100, { error: 'must be ≤ 100' }).optional(),
  answerProbability: z.number().gt(0, { error: 'must be > 0 (an agent must answer sometimes)' }).max(1, { error: 'must be ≤ 1' }).optional(),
  alertTime: duration.optional(),
};

const callbackSchema = z.strictObject({
  scheduledShare: probability.optional(),
  rescheduleProbability: probability.optional(),
  skipEnabled: z.boolean().optional(),
  skipProbability: probability.optional(),
  autoDialTimeout: duration.refine((ms) => ms <= 1_200_000, { error: 'must be at most 1200 s' }).optional(),
  parkProbability: probability.optional(),
  parkTime: positiveDuration.optional(),
});

const queueSchema = z.strictObject({
  name,
  ...queueDefaults,
  alertingTimeout: positiveDuration.optional(),
  wrapupPrompt: z.enum(WRAPUP_PROMPTS, { error: `must be ${WRAPUP_PROMPTS.slice(0, -1).join(', ')} or ${WRAPUP_PROMPTS.at(-1)}` }).optional(),
  wrapupTimeout: positiveDuration.optional(),
  wrapupCodes: z.array(name).min(1, { error: 'needs at least one wrap-up code' }).optional(),
  callbacks: callbackSchema.optional(),
});

const groupSchema = z.strictObject({
  name,
  agents: z.number().int({ error: 'must be an integer' }).min(1, { error: 'must be ≥ 1' }).max(100_000, { error: 'must be ≤ 100000' }),
  queues: z.array(name).min(1, { error: 'needs at least one queue' }).optional(),
  ...groupDefaults,
});

const start = z.union([z.string(), z.number(), z.date()]).transform((value, ctx) => {
  const canonical = toCanonicalTime(value);
  if (canonical === undefined) {
    ctx.issues.push({ code: 'custom', input: value, message: 'must be an ISO-8601 time with a zone (e.g. 2026-11-21T08:00:00Z)' });
    return z.NEVER;
  }
  const ms = Date.parse(canonical);
  if (ms < 0 || ms > LATEST_START_MS) {
    ctx.issues.push({ code: 'custom', input: value, message: 'must be between 1970 and 9000' });
    return z.NEVER;
  }
  return ms;
});

/** The schema of {@link SimulationOptions} (and of the `--config` file). */
export const simulationOptionsSchema = z.strictObject({
  seed: z.number().int({ error: 'must be an integer' }).min(0, { error: 'must be ≥ 0' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'must be a safe integer' }).optional(),
  start: start.optional(),
  duration: positiveDuration.optional(),
  agents: z.number().int({ error: 'must be an integer' }).min(1, { error: 'must be ≥ 1' }).max(100_000, { error: 'must be ≤ 100000' }).optional(),
  ...queueDefaults,
  ...groupDefaults,
  queues: z.array(queueSchema).min(1, { error: 'needs at least one queue' }).optional(),
  agentGroups: z.array(groupSchema).min(1, { error: 'needs at least one agent group' }).optional(),
});

type ParsedOptions = z.output<typeof simulationOptionsSchema>;
type ParsedQueue = z.output<typeof queueSchema>;
type ParsedGroup = z.output<typeof groupSchema>;

/** One problem with the options: the dotted path of the field (`queues.0.aht`) and what is wrong. */
export interface ScenarioIssue {
  readonly path: string;
  readonly message: string;
}

/** The outcome of {@link resolveScenario}. */
export type ScenarioResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[]; readonly message: string };

const failure = (issues: ScenarioIssue[]): ScenarioResult => ({
  ok: false,
  issues,
  message: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
});

const ms = (value: Duration): number => (typeof value === 'number' ? value : parseDuration(value)!);

function resolveQueue(queue: ParsedQueue, top: ParsedOptions): QueueScenario {
  const arrivals = queue.arrivalsPerHour ?? top.arrivalsPerHour ?? SIMULATION_DEFAULTS.arrivalsPerHour;
  const patience = queue.patience !== undefined ? queue.patience : top.patience !== undefined ? top.patience : ms(SIMULATION_DEFAULTS.patience);
  const callbacks = queue.callbacks ?? {};
  return {
    name: queue.name,
    arrivalsPerHour: typeof arrivals === 'number' ? [arrivals] : arrivals,
    media: queue.media ?? top.media ?? SIMULATION_DEFAULTS.media,
    callbackShare: queue.callbackShare ?? top.callbackShare ?? SIMULATION_DEFAULTS.callbackShare,
    ahtMs: queue.aht ?? top.aht ?? ms(SIMULATION_DEFAULTS.aht),
    handleTime: queue.handleTime ?? top.handleTime ?? SIMULATION_DEFAULTS.handleTime,
    handleTimeCv: queue.handleTimeCv ?? top.handleTimeCv ?? SIMULATION_DEFAULTS.handleTimeCv,
    patienceMs: patience === 'none' || patience === null ? null : patience,
    holdProbability: queue.holdProbability ?? top.holdProbability ?? SIMULATION_DEFAULTS.holdProbability,
    acwMs: queue.acw ?? top.acw ?? ms(SIMULATION_DEFAULTS.acw),
    alertingTimeoutMs: queue.alertingTimeout ?? ms(SIMULATION_DEFAULTS.alertingTimeout),
    wrapupPrompt: queue.wrapupPrompt,
    wrapupTimeoutMs: queue.wrapupTimeout ?? ms(SIMULATION_DEFAULTS.wrapupTimeout),
    wrapupCodes: queue.wrapupCodes ?? SIMULATION_DEFAULTS.wrapupCodes,
    callbacks: {
      scheduledShare: callbacks.scheduledShare ?? CALLBACK_DEFAULTS.scheduledShare,
      rescheduleProbability: callbacks.rescheduleProbability ?? CALLBACK_DEFAULTS.rescheduleProbability,
      skipEnabled: callbacks.skipEnabled ?? CALLBACK_DEFAULTS.skipEnabled,
      skipProbability: callbacks.skipProbability ?? CALLBACK_DEFAULTS.skipProbability,
      timeoutSeconds: Math.round((callbacks.autoDialTimeout ?? CALLBACK_DEFAULTS.autoDialTimeout) / 1000),
      parkProbability: callbacks.parkProbability ?? CALLBACK_DEFAULTS.parkProbability,
      parkTimeMs: callbacks.parkTime ?? ms(CALLBACK_DEFAULTS.parkTime),
    },
  };
}

function resolveGroup(group: ParsedGroup, top: ParsedOptions, queueNames: readonly string[]): AgentGroupScenario {
  return {
    name: group.name,
    agents: group.agents,
    queues: group.queues ?? queueNames,
    chatCapacity: group.chatCapacity ?? top.chatCapacity ?? SIMULATION_DEFAULTS.chatCapacity,
    answerProbability: group.answerProbability ?? top.answerProbability ?? SIMULATION_DEFAULTS.answerProbability,
    alertTimeMs: group.alertTime ?? top.alertTime ?? ms(SIMULATION_DEFAULTS.alertTime),
  };
}

/** Problems no single field shows: duplicate names, unknown queues, queues nobody serves. */
function crossCheck(scenario: Scenario): ScenarioIssue[] {
  const problems: ScenarioIssue[] = [];
  const queueNames = scenario.queues.map((q) => q.name);
  const duplicate = (names: string[]) => names.find((n, i) => names.indexOf(n) !== i);
  const twiceQueue = duplicate(queueNames);
  if (twiceQueue !== undefined) problems.push({ path: 'queues', message: `"${twiceQueue}" is named twice` });
  const twiceGroup = duplicate(scenario.agentGroups.map((g) => g.name));
  if (twiceGroup !== undefined) problems.push({ path: 'agentGroups', message: `"${twiceGroup}" is named twice` });
  scenario.agentGroups.forEach((group, i) => {
    for (const queue of group.queues) {
      if (!queueNames.includes(queue)) problems.push({ path: `agentGroups.${i}.queues`, message: `no queue is named "${queue}"` });
    }
  });
  for (const queue of queueNames) {
    if (!scenario.agentGroups.some((g) => g.queues.includes(queue))) problems.push({ path: 'queues', message: `no agent group serves "${queue}"` });
  }
  return problems;
}

/**
 * Validates options and fills in every default: the scenario the engine runs, or a message that
 * names each bad field (`queues.0.aht: "3 minutes" is not a duration …`).
 *
 * @example
 * const result = resolveScenario({ agents: 14, aht: '180s', arrivalsPerHour: 200 });
 * if (result.ok) result.scenario.queues[0]!.ahtMs; // 180000
 */
export function resolveScenario(options: SimulationOptions): ScenarioResult {
  const parsed = simulationOptionsSchema.safeParse(options);
  if (!parsed.success) {
    return failure(parsed.error.issues.flatMap((issue): ScenarioIssue[] => {
      const path = issue.path.map(String);
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'is not a known setting' }));
      }
      return [{ path: path.join('.'), message: issueText(issue) }];
    }));
  }
  const top = parsed.data;
  const queues = (top.queues ?? [{ name: SIMULATION_DEFAULTS.queueName }]).map((q) => resolveQueue(q, top));
  const queueNames = queues.map((q) => q.name);
  const groups = (top.agentGroups ?? [{ name: SIMULATION_DEFAULTS.groupName, agents: top.agents ?? SIMULATION_DEFAULTS.agents }])
    .map((g) => resolveGroup(g, top, queueNames));
  const scenario: Scenario = {
    seed: top.seed ?? SIMULATION_DEFAULTS.seed,
    startMs: top.start ?? Date.parse(SIMULATION_DEFAULTS.start),
    durationMs: top.duration ?? ms(SIMULATION_DEFAULTS.duration),
    queues,
    agentGroups: groups,
  };
  const problems = crossCheck(scenario);
  return problems.length > 0 ? failure(problems) : { ok: true, scenario };
}
