import { InvalidArgumentError } from 'commander';
import { UsageError } from './usage-error.js';
import { timeProblem, toCanonicalTime } from '../events/time.js';
import { durationProblem, intervalProblem, parseDuration } from '../time/duration.js';

/**
 * Commander parser for an ISO-8601 instant with a zone (`--at`).
 *
 * @example
 * new Option('--at <time>').argParser(instantOption);
 */
export function instantOption(value: string): string {
  const time = toCanonicalTime(value);
  if (time === undefined) throw new InvalidArgumentError(timeProblem(value) ?? `"${value}" is not an instant`);
  return time;
}

/**
 * Commander parser for a duration such as `20s`, `15m` or `8h`, in milliseconds.
 *
 * @example
 * new Option('--sla <duration>').argParser(durationOption);
 */
export function durationOption(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InvalidArgumentError(durationProblem(value));
  return ms;
}

/**
 * Commander parser for a duration of at least a second (an interval), in milliseconds.
 *
 * @example
 * new Option('--interval <duration>').argParser(positiveDurationOption);
 */
export function positiveDurationOption(value: string): number {
  const problem = intervalProblem(value);
  if (problem !== undefined) throw new InvalidArgumentError(problem);
  return durationOption(value);
}

/**
 * Commander parser for a duration above zero (`--push-interval 100ms`), in milliseconds.
 *
 * @example
 * new Option('--push-interval <duration>').argParser(nonZeroDurationOption);
 */
export function nonZeroDurationOption(value: string): number {
  const ms = durationOption(value);
  if (ms === 0) throw new InvalidArgumentError(`"${value}" must be longer than 0 (e.g. 100ms, 250ms, 1s)`);
  return ms;
}

/**
 * A number above zero given to a flag (`--speed 60`), or a usage error that names the flag.
 *
 * @example
 * positiveNumber('--speed', '60'); // 60
 */
export function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) throw new UsageError(`${flag} "${text}" must be a number > 0`);
  return value;
}
