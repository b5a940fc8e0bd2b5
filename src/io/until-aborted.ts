const isDestroyable = (source: object): source is { destroy(): void } =>
  typeof (source as { destroy?: unknown }).destroy === 'function';

/**
 * The chunks of `source` until `signal` is aborted. A read that is waiting (stdin, a FIFO, a
 * socket) is given up at once, and the source is closed, so Ctrl-C ends a command that waits
 * for input.
 *
 * @example
 * const controller = new AbortController();
 * process.once('SIGINT', () => controller.abort());
 * for await (const chunk of untilAborted(process.stdin, controller.signal)) handle(chunk);
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
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
    while (!signal.aborted) {
      pending = iterator.next();
      const next = await Promise.race([pending, aborted]);
      if (next === undefined || next.done === true) return;
      pending = undefined;
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
