import { InvalidArgumentError } from 'commander';
import { timeProblem, toCanonicalTime } from '../events/time.js';
import { durationProblem, parseDuration } from '../time/duration.js';

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
  const ms = durationOption(value);
  if (ms < 1000) throw new InvalidArgumentError(`"${value}" is too short: give at least 1s (e.g. 15m, 30m, 1h)`);
  return ms;
}
