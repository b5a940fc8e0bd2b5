import { exponential } from './distributions.js';
import type { Random } from './random.js';

const HOUR_MS = 3_600_000;

/**
 * The next arrival of a Poisson process whose rate is constant within each hour of the run
 * (`arrivalsPerHour[h % length]` during hour h), after `from` ms and before `until` ms; `undefined`
 * when there is none. Exact: the exponential wait is memoryless, so a wait that crosses an hour
 * boundary is redrawn there at the next hour's rate.
 *
 * @example
 * nextArrival(createRandom(1), [200], 0, 3_600_000); // ms of the first arrival, about 18 s on average
 */
export function nextArrival(
  random: Random,
  arrivalsPerHour: readonly number[],
  from: number,
  until: number,
): number | undefined {
  let time = from;
  while (time < until) {
    const hour = Math.floor(time / HOUR_MS);
    const boundary = (hour + 1) * HOUR_MS;
    const perHour = arrivalsPerHour[hour % arrivalsPerHour.length]!;
    if (perHour > 0) {
      const next = time + exponential(random, HOUR_MS / perHour);
      if (next < boundary) return next < until ? next : undefined;
    }
    time = boundary;
  }
  return undefined;
}
