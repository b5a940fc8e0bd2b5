import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import {
  jsonLines, paceEvents, resolveScenario, simulate, SIMULATION_DEFAULTS, type ScenarioIssue, type SimulationOptions,
} from '../../sim/index.js';
import { BufferedOutput } from '../output.js';
import { fileProblem } from '../file-problem.js';
import { UsageError } from '../usage-error.js';

/** The options as commander hands them over: text, as typed. */
interface RawOptions {
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
  realtime?: string | true;
  out?: string;
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

function realtimeSpeed(value: string | true): number {
  const speed = value === true ? 1 : Number(value);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new UsageError(`--realtime speed "${String(value)}" must be a number > 0`);
  return speed;
}

/**
 * `simulate`: writes a simulated contact-center day as a v1 event log (JSONL) to stdout or
 * `--out`. The same seed and options give the same bytes.
 *
 * @example
 * participant-tracker simulate --seed 7 --duration 8h --agents 14 --aht 180s --media chat --out day.jsonl
 */
export function simulateCommand(): Command {
  const d = SIMULATION_DEFAULTS;
  return new Command('simulate')
    .description('Simulate contact-center agent flows (chats and callbacks) and write a valid v1 event log (JSONL)')
    .option('--seed <n>', `random seed: the same seed and options give the same bytes (default ${d.seed})`)
    .option('--start <time>', `start of the simulated period, ISO-8601 with a zone, or "now" (default ${d.start})`)
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
    .option('--alert-time <dur>', `mean time agents take to answer (default ${d.alertTime})`)
    .option('--realtime [speed]', 'pace events to the wall clock (speed 60 plays a minute per second)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (raw: RawOptions) => {
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
      const options = { ...config, ...cli } as SimulationOptions;
      const resolved = resolveScenario(options);
      if (!resolved.ok) throw new UsageError(describeIssues(resolved.issues, fromCli, raw.config));
      const speed = raw.realtime === undefined ? undefined : realtimeSpeed(raw.realtime);

      // A reader that goes away (`| head`, a closed dashboard) ends the run quietly (ReaderGone).
      const output = await BufferedOutput.open(raw.out);
      if (speed === undefined) {
        for (const chunk of jsonLines(simulate(options))) await output.write(chunk);
      } else {
        for await (const event of paceEvents(simulate(options), { speed, startMs: resolved.scenario.startMs })) {
          await output.write(`${JSON.stringify(event)}\n`);
          await output.flush();
        }
      }
      await output.close();
    });
}
