/** The wall clock, replaceable in tests. */
export interface WallClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real wall clock. */
export const systemClock: WallClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** How to pace events. */
export interface PaceOptions {
  /** Simulated ms per wall-clock ms: 1 is real time, 60 plays a minute per second. */
  readonly speed: number;
  /** The simulated instant that corresponds to the moment pacing starts (epoch ms). */
  readonly startMs: number;
  readonly clock?: WallClock;
  /** The wall-clock instant `startMs` corresponds to (default: when pacing starts). */
  readonly wallStartMs?: number;
}

/**
 * Releases time-ordered events when the wall clock reaches their time, scaled by `speed`, so a
 * dashboard can watch a simulated day live (or faster).
 *
 * @example
 * for await (const event of paceEvents(simulate({ start: new Date() }), { speed: 1, startMs: Date.now() })) {
 *   socket.send(JSON.stringify(event));
 * }
 */
export async function* paceEvents<E extends { readonly time: string }>(
  events: Iterable<E>,
  options: PaceOptions,
): AsyncGenerator<E, void, undefined> {
  const clock = options.clock ?? systemClock;
  const wallStart = options.wallStartMs ?? clock.now();
  for (const event of events) {
    const due = wallStart + (Date.parse(event.time) - options.startMs) / options.speed;
    const wait = due - clock.now();
    if (wait > 0) await clock.sleep(wait);
    yield event;
  }
}
