import type { FloorClock } from './floor-frame.js';

/** The instant the floor is at, and how fast it runs. */
export interface FloorTime {
  /** The floor's instant now (epoch ms). */
  now(): number;
  /** Floor ms per wall-clock ms. */
  readonly speed: number;
  /** As a frame carries it. */
  snapshot(): FloorClock;
}

/**
 * The floor clock: the wall clock, or a simulated one that stood at `startMs` when the wall
 * clock read `wallStartMs` and runs `speed` times as fast (`serve --simulate --speed 60`).
 *
 * @example
 * floorTime().now();                                   // Date.now()
 * floorTime({ startMs: Date.parse('2026-11-21T09:00:00Z'), speed: 60 }).speed; // 60
 */
export function floorTime(simulated?: { readonly startMs: number; readonly speed: number; readonly wallStartMs?: number }, wall: () => number = Date.now): FloorTime {
  const speed = simulated?.speed ?? 1;
  const wallStartMs = simulated?.wallStartMs ?? wall();
  const now = simulated === undefined ? wall : () => simulated.startMs + (wall() - wallStartMs) * speed;
  return {
    now, speed,
    snapshot: () => {
      const wallTime = wall();
      return { time: new Date(simulated === undefined ? wallTime : simulated.startMs + (wallTime - wallStartMs) * speed).toISOString(), speed, wallTime: new Date(wallTime).toISOString() };
    },
  };
}
