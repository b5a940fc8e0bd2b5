const HOUR_MS = 3_600_000;

/** The inputs of an Erlang C (M/M/N) calculation. */
export interface ErlangCInput {
  /** Agents (servers). */
  readonly agents: number;
  /** Poisson arrival rate. */
  readonly arrivalsPerHour: number;
  /** Mean handle time (exponential). */
  readonly ahtMs: number;
  /** Service level threshold (default 20 s). */
  readonly serviceLevelMs?: number;
}

/** What Erlang C predicts. With `agents ≤ trafficErlangs` the queue grows without bound. */
export interface ErlangCResult {
  /** Offered traffic A = λ · AHT. */
  readonly trafficErlangs: number;
  /** P(wait > 0): the share of contacts that queue. */
  readonly probabilityOfWait: number;
  /** P(wait ≤ serviceLevelMs). */
  readonly serviceLevel: number;
  /** Mean wait over all contacts (ASA). */
  readonly averageSpeedOfAnswerMs: number;
  /** Share of agent time busy: A / N. */
  readonly occupancy: number;
}

/**
 * Erlang B blocking probability for `agents` servers and `traffic` Erlangs, by the stable
 * recursion B(k) = A·B(k−1) / (k + A·B(k−1)).
 *
 * @example
 * erlangB(14, 10); // ≈ 0.0568
 */
export function erlangB(agents: number, traffic: number): number {
  let blocking = 1;
  for (let k = 1; k <= agents; k++) blocking = (traffic * blocking) / (k + traffic * blocking);
  return blocking;
}

/**
 * Erlang C: the M/M/N queue with Poisson arrivals, exponential handle times, `agents` servers
 * and customers who never abandon.
 *
 * @example
 * erlangC({ agents: 14, arrivalsPerHour: 200, ahtMs: 180_000, serviceLevelMs: 20_000 });
 * // { trafficErlangs: 10, probabilityOfWait: 0.174132…, serviceLevel: 0.888350…, averageSpeedOfAnswerMs: 7835.9…, occupancy: 0.714… }
 */
export function erlangC(input: ErlangCInput): ErlangCResult {
  const { agents, ahtMs } = input;
  const serviceLevelMs = input.serviceLevelMs ?? 20_000;
  const traffic = (input.arrivalsPerHour * ahtMs) / HOUR_MS;
  if (traffic >= agents) {
    return { trafficErlangs: traffic, probabilityOfWait: 1, serviceLevel: 0, averageSpeedOfAnswerMs: Number.POSITIVE_INFINITY, occupancy: 1 };
  }
  const blocking = erlangB(agents, traffic);
  const wait = (agents * blocking) / (agents - traffic * (1 - blocking));
  return {
    trafficErlangs: traffic,
    probabilityOfWait: wait,
    serviceLevel: 1 - wait * Math.exp((-(agents - traffic) * serviceLevelMs) / ahtMs),
    averageSpeedOfAnswerMs: (wait * ahtMs) / (agents - traffic),
    occupancy: traffic / agents,
  };
}
