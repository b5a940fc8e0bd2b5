import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { resolveScenario, SIMULATION_DEFAULTS, type Scenario, type ScenarioIssue, type SimulationOptions } from '../sim/index.js';
import { fileProblem } from './file-problem.js';
import { UsageError } from './usage-error.js';

/** The simulation options as commander hands them over: text, as typed. */
export interface RawSimulationOptions {
  seed?: string;
  start?: string;
  duration?: string;
  arrivalsPerHour?: string;
  config?: string;
  agents?: string;
  aht?: string;
  handleTime?: string;
  patience?: string;
  media?: string;
  callbackShare?: string;
  chatCapacity?: string;
  holdProbability?: string;
  acw?: string;
  answerProbability?: string;
  alertTime?: string;
}

/** Options whose value is a number; the rest are passed on as text (durations, names). */
const NUMERIC = ['seed', 'arrivalsPerHour', 'agents', 'callbackShare', 'chatCapacity', 'holdProbability', 'answerProbability'] as const;
const TEXT = ['start', 'duration', 'aht', 'handleTime', 'patience', 'media', 'acw', 'alertTime'] as const;

const flag = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

function numberOption(key: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${flag(key)} "${text}" is not a number`);
  return value;
}

async function readConfig(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${fileProblem(error, 'read')}`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new UsageError(`${file} must hold a JSON object of simulation settings`);
  }
  return config as Record<string, unknown>;
}

/** Says where a bad setting came from: the command line flag, or the field of the config file. */
function describeIssues(issues: readonly ScenarioIssue[], fromCli: ReadonlySet<string>, config: string | undefined): string {
  return issues
    .map(({ path, message }) => {
      const [key = ''] = path.split('.');
      if (fromCli.has(key)) return `${flag(key)} ${message}`;
      return `${config ?? 'options'}: ${path || 'settings'} ${message}`;
    })
    .join('; ');
}

/**
 * Adds the simulator's options (`--seed`, `--agents`, `--config`…) to a command: `simulate`
 * and `serve --simulate` share them.
 *
 * @example
 * addSimulationOptions(new Command('simulate'));
 */
export function addSimulationOptions(command: Command, defaults: { readonly seed?: string; readonly start?: string } = {}): Command {
  const d = SIMULATION_DEFAULTS;
  return command
    .option('--seed <n>', `random seed: the same seed and options give the same bytes (default ${defaults.seed ?? d.seed})`)
    .option('--start <time>', `start of the simulated period, ISO-8601 with a zone, or "now" (default ${defaults.start ?? d.start})`)
    .option('--duration <dur>', `how long customers keep arriving; open conversations then run to their end (default ${d.duration})`)
    .option('--arrivals-per-hour <x>', `Poisson arrival rate of each queue (default ${d.arrivalsPerHour}); hourly profiles go in --config`)
    .option('--config <file>', 'JSON scenario: the options below plus "queues" and "agentGroups" (several queues, hourly arrival profiles, agent groups); flags override its top-level settings')
    .option('--agents <n>', `agents (default ${d.agents})`)
    .option('--aht <dur>', `mean handle time, agent connected to disconnected, hold included, ACW excluded (default ${d.aht})`)
    .option('--handle-time <shape>', `handle-time distribution: exponential, lognormal or fixed (default ${d.handleTime})`)
    .option('--patience <dur|none>', `mean of the exponential patience of waiting chat customers, or none (default ${d.patience})`)
    .option('--media <media>', `chat, callback or mixed (default ${d.media})`)
    .option('--callback-share <p>', `share of callbacks when --media is mixed (default ${d.callbackShare})`)
    .option('--chat-capacity <n>', `concurrent chats per agent (default ${d.chatCapacity})`)
    .option('--hold-probability <p>', `probability that an answered interaction has a hold (default ${d.holdProbability})`)
    .option('--acw <dur>', `mean after-call work; 0 for none (default ${d.acw})`)
    .option('--answer-probability <p>', `probability that an agent answers; otherwise the alert times out and the next agent is tried (default ${d.answerProbability})`)
    .option('--alert-time <dur>', `mean time agents take to answer (default ${d.alertTime})`);
}

/**
 * The simulation the options describe: flags over the `--config` file over `base`; a bad
 * setting is a usage error naming the flag or the config field.
 *
 * @example
 * const { options, scenario } = await simulationFrom({ seed: '7', agents: '20' });
 */
export async function simulationFrom(raw: RawSimulationOptions, base: SimulationOptions = {}): Promise<{ options: SimulationOptions; scenario: Scenario }> {
  const fromCli = new Set<string>();
  const cli: Record<string, unknown> = {};
  for (const key of [...NUMERIC, ...TEXT]) {
    const text = raw[key];
    if (text === undefined) continue;
    cli[key] = (NUMERIC as readonly string[]).includes(key) ? numberOption(key, text) : text;
    fromCli.add(key);
  }
  if (cli.start === 'now') cli.start = new Date().toISOString();
  const config = raw.config === undefined ? {} : await readConfig(raw.config);
  const options: SimulationOptions = { ...base, ...config, ...cli };
  const resolved = resolveScenario(options);
  if (!resolved.ok) throw new UsageError(describeIssues(resolved.issues, fromCli, raw.config));
  return { options, scenario: resolved.scenario };
}
