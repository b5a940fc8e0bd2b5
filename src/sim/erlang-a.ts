const HOUR_MS = 3_600_000;
/** Stationary probabilities below this share of the total are dropped. */
const TAIL = 1e-15;
/** Uniformization steps cover at most this many expected jumps each (keeps e^(−Λt) far from underflow). */
const JUMPS_PER_STEP = 30;

/** The inputs of an Erlang A (M/M/N+M) calculation. */
export interface ErlangAInput {
  readonly agents: number;
  readonly arrivalsPerHour: number;
  /** Mean handle time (exponential). */
  readonly ahtMs: number;
  /** Mean patience (exponential): a customer still waiting after their patience abandons. */
  readonly patienceMs: number;
  /** Service level threshold (default 20 s). */
  readonly serviceLevelMs?: number;
}

/** What Erlang A predicts (always stable: abandonment bounds the queue). */
export interface ErlangAResult {
  readonly trafficErlangs: number;
  /** P(wait > 0): the share of arrivals that find every agent busy. */
  readonly probabilityOfWait: number;
  /** The share of arrivals that abandon. */
  readonly probabilityOfAbandon: number;
  /** The share of all arrivals answered within `serviceLevelMs` (abandons count against it). */
  readonly serviceLevel: number;
  /** Mean wait over all arrivals, abandoners included (Lq / λ, Little's law). */
  readonly averageSpeedOfAnswerMs: number;
  /** Mean number of customers waiting. */
  readonly averageQueueLength: number;
  /** Share of agent time busy: λ(1 − P(abandon)) · AHT / N. */
  readonly occupancy: number;
}

/**
 * The stationary distribution of the number in system: a birth–death chain with birth rate λ and
 * death rate min(k, N)·μ + max(k − N, 0)·θ, truncated where the tail is negligible.
 */
function stationary(agents: number, lambda: number, mu: number, theta: number): number[] {
  const weights = [1];
  let total = 1;
  let weight = 1;
  for (let k = 1; ; k++) {
    weight *= lambda / (Math.min(k, agents) * mu + Math.max(k - agents, 0) * theta);
    // Rescale as we go so that heavy traffic (A in the hundreds) cannot overflow.
    if (weight > 1e250) {
      for (let i = 0; i < weights.length; i++) weights[i]! /= 1e250;
      total /= 1e250;
      weight /= 1e250;
    }
    weights.push(weight);
    total += weight;
    if (k > agents && weight < TAIL * total && lambda < agents * mu + (k - agents) * theta) break;
  }
  return weights.map((w) => w / total);
}

/**
 * For each number j of customers ahead in queue, the probability that a newly queued customer is
 * answered within `t` ms: j + 1 exponential phases (rate Nμ + mθ with m ahead) raced against the
 * customer's own patience (rate θ), solved by uniformization.
 */
function answeredWithin(t: number, queued: number, agents: number, mu: number, theta: number): Float64Array {
  let answered = new Float64Array(queued);
  if (queued === 0 || t <= 0) return answered;
  const exitRate = (m: number) => agents * mu + m * theta;
  const uniformRate = exitRate(queued - 1) + theta;
  const steps = Math.max(1, Math.ceil((uniformRate * t) / JUMPS_PER_STEP));
  const jumps = (uniformRate * t) / steps;
  for (let s = 0; s < steps; s++) {
    // answered(t + τ) = Σ_n Poisson(n; Λτ) · Pⁿ answered(t), where P is the uniformized jump chain.
    let power = answered;
    let poisson = Math.exp(-jumps);
    let mass = poisson;
    const next = power.map((v) => poisson * v);
    for (let n = 1; mass < 1 - 1e-13 || n < jumps; n++) {
      const moved = new Float64Array(queued);
      for (let m = 0; m < queued; m++) {
        const advance = exitRate(m) / uniformRate;
        const ahead = m === 0 ? 1 : power[m - 1]!;
        moved[m] = advance * ahead + (1 - (exitRate(m) + theta) / uniformRate) * power[m]!;
      }
      power = moved;
      poisson *= jumps / n;
      mass += poisson;
      for (let m = 0; m < queued; m++) next[m]! += poisson * power[m]!;
    }
    answered = next;
  }
  return answered;
}

/**
 * Erlang A: the M/M/N+M queue (Palm's model), Erlang C plus exponential patience. Solved exactly
 * from its birth–death chain; the service level by uniformization. As patience grows it tends to
 * Erlang C.
 *
 * @example
 * erlangA({ agents: 14, arrivalsPerHour: 200, ahtMs: 180_000, patienceMs: 300_000 });
 * // { probabilityOfWait: 0.14526…, probabilityOfAbandon: 0.013984…, serviceLevel: 0.916792…, averageSpeedOfAnswerMs: 4195.1…, … }
 */
export function erlangA(input: ErlangAInput): ErlangAResult {
  const { agents, ahtMs, patienceMs } = input;
  const serviceLevelMs = input.serviceLevelMs ?? 20_000;
  const lambda = input.arrivalsPerHour / HOUR_MS;
  const mu = 1 / ahtMs;
  const theta = 1 / patienceMs;
  const pi = stationary(agents, lambda, mu, theta);
  let waiting = 0;
  let queueLength = 0;
  for (let k = agents; k < pi.length; k++) {
    waiting += pi[k]!;
    queueLength += (k - agents) * pi[k]!;
  }
  const abandon = lambda > 0 ? (theta * queueLength) / lambda : 0;
  const queued = pi.length - agents;
  const answered = answeredWithin(serviceLevelMs, queued, agents, mu, theta);
  let serviceLevel = 1 - waiting;
  for (let j = 0; j < queued; j++) serviceLevel += pi[agents + j]! * answered[j]!;
  return {
    trafficErlangs: lambda * ahtMs,
    probabilityOfWait: waiting,
    probabilityOfAbandon: abandon,
    serviceLevel,
    averageSpeedOfAnswerMs: lambda > 0 ? queueLength / lambda : 0,
    averageQueueLength: queueLength,
    occupancy: (lambda * (1 - abandon) * ahtMs) / agents,
  };
}
