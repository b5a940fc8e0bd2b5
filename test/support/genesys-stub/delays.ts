/** Delays that the stub can cut short when it closes, so no timer outlives it. */
export class Delays {
  private readonly pending = new Set<{ timer: NodeJS.Timeout; done: () => void }>();

  /** Resolves `true` after `ms`, or `false` if `cancelAll` came first. */
  wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.pending.delete(entry);
          resolve(true);
        }, ms),
        done: () => resolve(false),
      };
      this.pending.add(entry);
    });
  }

  cancelAll(): void {
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.done();
    }
    this.pending.clear();
  }
}
