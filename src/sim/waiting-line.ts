/** Something that waits in a line: its queue-entry time orders it. */
export interface Waiter {
  readonly queuedAt: number;
  /** Whether it still waits; gone waiters are dropped lazily when they reach the front. */
  waiting(): boolean;
}

/**
 * A first-in-first-out line of waiting conversations, ordered by queue-entry time. A
 * conversation offered to an agent who did not answer goes back to its old place, not to the end.
 * Conversations that leave (abandon) are skipped when they reach the front.
 *
 * @example
 * const line = new WaitingLine<Waiter>();
 * line.add(conversation);
 * line.front(); // the longest-waiting conversation still waiting
 */
export class WaitingLine<T extends Waiter> {
  private items: T[] = [];
  private head = 0;

  /** Puts `waiter` in its place by queue-entry time (ties keep insertion order). */
  add(waiter: T): void {
    const { items } = this;
    let i = items.length;
    while (i > this.head && items[i - 1]!.queuedAt > waiter.queuedAt) i--;
    items.splice(i, 0, waiter);
  }

  /** The longest-waiting waiter still waiting, left in the line. */
  front(): T | undefined {
    const { items } = this;
    while (this.head < items.length && !items[this.head]!.waiting()) this.head++;
    if (this.head > 1024 && this.head * 2 > items.length) {
      this.items = items.slice(this.head);
      this.head = 0;
    }
    return this.items[this.head];
  }

  /** Removes and returns the front waiter. */
  take(): T | undefined {
    const waiter = this.front();
    if (waiter !== undefined) this.head++;
    return waiter;
  }
}
