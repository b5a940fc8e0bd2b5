/**
 * Resolves once `predicate()` holds, checking every 5 ms; rejects after `timeoutMs` naming `what`.
 *
 * @example
 * await waitFor(() => stub.socketsOpen() === 1, 2_000, 'the connector to connect');
 */
export function waitFor(predicate: () => boolean, timeoutMs = 2_000, what = 'the condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      let held: boolean;
      try {
        held = predicate();
      } catch (error) {
        return reject(error instanceof Error ? error : new Error(String(error)));
      }
      if (held) return resolve();
      if (Date.now() - started >= timeoutMs) return reject(new Error(`waited ${timeoutMs} ms for ${what}`));
      setTimeout(check, 5);
    };
    check();
  });
}
