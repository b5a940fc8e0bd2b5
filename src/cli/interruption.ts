/** Exit codes of a run stopped by a signal: 128 + the signal's number, as shells report them. */
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

type StopSignal = keyof typeof EXIT_CODES;

/** A command's view of Ctrl-C and SIGTERM while it runs. */
export interface Interruption {
  /** Aborted at the first SIGINT or SIGTERM; its `reason` is the signal's name. */
  readonly signal: AbortSignal;
  /** The exit code for the signal received (130 for SIGINT, 143 for SIGTERM). */
  readonly exitCode: number | undefined;
  /**
   * Restores the default handling of both signals (the process ends at once): for work that
   * runs without a pause, where a handler would only run once it is over.
   */
  dispose(): void;
}

/**
 * Turns SIGINT and SIGTERM into an abort signal, so a command can stop reading, write what it
 * has, print its summary and exit with 130 (143 for SIGTERM). A second signal ends the process
 * at once.
 *
 * @example
 * const interruption = watchInterruption();
 * try {
 *   await replayLog(file, { signal: interruption.signal });
 * } finally {
 *   interruption.dispose();
 * }
 * if (interruption.exitCode !== undefined) process.exitCode = interruption.exitCode;
 */
export function watchInterruption(): Interruption {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const handlers = new Map<StopSignal, () => void>();
  for (const name of Object.keys(EXIT_CODES) as StopSignal[]) {
    const handler = () => {
      if (received !== undefined) process.exit(EXIT_CODES[received]);
      received = name;
      controller.abort(name);
    };
    handlers.set(name, handler);
    process.on(name, handler);
  }
  return {
    signal: controller.signal,
    get exitCode() {
      return received === undefined ? undefined : EXIT_CODES[received];
    },
    dispose() {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}

/**
 * Wraps a command's action so that SIGINT and SIGTERM abort the signal it is given instead of
 * killing the process (until the action calls `dispose()`); once the action has returned, the
 * exit code says the run was stopped.
 *
 * @example
 * new Command('validate').action(interruptible(async (interruption, file: string) => {
 *   await replayLog(file, { signal: interruption.signal });
 * }));
 */
export function interruptible<A extends unknown[]>(
  action: (interruption: Interruption, ...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args) => {
    const interruption = watchInterruption();
    try {
      await action(interruption, ...args);
    } finally {
      interruption.dispose();
      if (interruption.exitCode !== undefined) process.exitCode = interruption.exitCode;
    }
  };
}
