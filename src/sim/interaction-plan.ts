import { exponential, uniform } from './distributions.js';
import type { Random } from './random.js';

/** Mean length of a hold (exponential, plus one second). */
const HOLD_MEAN_MS = 45_000;
/** A conversation shorter than this gets no hold. */
const SHORTEST_HELD_MS = 3_000;

/**
 * What happens between an agent's connection and disconnection. Offsets are in active time
 * (connected, not parked) from the connection; a park adds its duration to the wall clock.
 */
export interface InteractionPlan {
  /** Active time, connection to disconnection, hold included. */
  readonly handleMs: number;
  readonly hold: { readonly startMs: number; readonly endMs: number } | undefined;
  /** Callbacks only: parked at `atMs` (never during the hold), resumed `durationMs` later. */
  readonly park: { readonly atMs: number; readonly durationMs: number } | undefined;
}

/** What an interaction plan is drawn from. */
export interface InteractionSettings {
  readonly handleMs: number;
  readonly holdProbability: number;
  /** 0 for chats: only callbacks are parked. */
  readonly parkProbability: number;
  readonly parkTimeMs: number;
}

/**
 * Draws the hold and park of one interaction. A hold lasts 1 s plus an exponential 45 s on
 * average, at most half the handle time, and starts at least 1 s after the connection; a park
 * comes after the hold.
 *
 * @example
 * planInteraction(createRandom(1), { handleMs: 180_000, holdProbability: 1, parkProbability: 0, parkTimeMs: 0 }).hold;
 * // e.g. { startMs: 61_203, endMs: 98_770 }
 */
export function planInteraction(random: Random, settings: InteractionSettings): InteractionPlan {
  const { handleMs } = settings;
  let hold: InteractionPlan['hold'];
  if (random.chance(settings.holdProbability) && handleMs >= SHORTEST_HELD_MS) {
    const length = Math.min(1_000 + Math.round(exponential(random, HOLD_MEAN_MS)), Math.floor(handleMs / 2));
    const startMs = Math.round(uniform(random, 1_000, handleMs - length));
    hold = { startMs, endMs: startMs + length };
  }
  let park: InteractionPlan['park'];
  if (random.chance(settings.parkProbability)) {
    const earliest = hold?.endMs ?? 0;
    park = {
      atMs: Math.round(uniform(random, earliest, handleMs)),
      durationMs: Math.max(1_000, Math.round(exponential(random, settings.parkTimeMs))),
    };
  }
  return { handleMs, hold, park };
}
