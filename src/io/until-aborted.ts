const isDestroyable = (source: object): source is { destroy(): void } =>
  typeof (source as { destroy?: unknown }).destroy === 'function';

/** The chunks of a source, read until a signal is aborted. */
export interface AbortableChunks<T> extends AsyncIterable<T> {
  /** Reading stopped because of the signal, before the source ended. */
  readonly gaveUp: boolean;
}

/**
 * The chunks of `source` until `signal` is aborted. A read that is waiting (stdin, a FIFO, a
 * socket) is given up at once, and the source is closed, so Ctrl-C ends a command that waits
 * for input. `gaveUp` then says that the source had more to give; a signal that comes after the
 * source ended changes nothing.
 *
 * @example
 * const controller = new AbortController();
 * process.once('SIGINT', () => controller.abort());
 * const chunks = untilAborted(process.stdin, controller.signal);
 * for await (const chunk of chunks) handle(chunk);
 * if (chunks.gaveUp) console.error('interrupted');
 */
export function untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AbortableChunks<T> {
  let gaveUp = false;
  async function* chunks(): AsyncGenerator<T> {
    if (signal === undefined) {
      yield* source;
      return;
    }
    const iterator = source[Symbol.asyncIterator]();
    let onAbort = () => {};
    const aborted = new Promise<undefined>((resolve) => {
      onAbort = () => resolve(undefined);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    let pending: Promise<IteratorResult<T>> | undefined;
    try {
      for (;;) {
        if (signal.aborted) {
          gaveUp = true;
          return;
        }
        pending = iterator.next();
        const next = await Promise.race([pending, aborted]);
        if (next === undefined) {
          gaveUp = true;
          return;
        }
        pending = undefined;
        if (next.done === true) return;
        yield next.value;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      // A read given up may still fail when the source closes: nobody waits for it any more.
      pending?.catch(() => {});
      // A stream's iterator ends only after its pending read, which may never come: close the stream itself.
      if (pending !== undefined && isDestroyable(source)) source.destroy();
      else iterator.return?.()?.catch(() => {});
    }
  }
  const iterable = chunks();
  return {
    [Symbol.asyncIterator]: () => iterable,
    get gaveUp() {
      return gaveUp;
    },
  };
}
