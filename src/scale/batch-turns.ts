/**
 * The turns of a worker's partitions at the event loop: one batch applies at a time, each in a
 * turn of its own, so that between two batches the loop reads the network and runs its timers
 * (lease renewals above all). Without it, every partition's batch would run in the same turn, and
 * on a busy machine a renewal could wait longer than the lease.
 *
 * @example
 * const turns = new BatchTurns();
 * await turns.take(() => applyTheBatch()); // after every batch queued before it
 */
export class BatchTurns {
  private last: Promise<unknown> = Promise.resolve();

  /** Runs `work` once the batches queued before it have run, in a turn of its own. */
  take<T>(work: () => T): Promise<T> {
    const next = this.last.then(() => new Promise((resolve) => setImmediate(resolve))).then(work);
    this.last = next.catch(() => undefined);
    return next;
  }
}
