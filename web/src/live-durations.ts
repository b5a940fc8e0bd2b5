import { formatDuration } from './format.js';

/**
 * Elements that show the time since an instant and run on between frames: the agent grid's and
 * the floor list's "time in state".
 *
 * @example
 * const durations = new LiveDurations();
 * durations.add(cell, leg.connectedTime);
 * durations.tick(view.now());
 */
export class LiveDurations {
  private entries: { readonly node: HTMLElement; readonly sinceMs: number }[] = [];

  /** Forgets every element (their rows were replaced). */
  clear(): void {
    this.entries = [];
  }

  /** Makes `node` show the time since `since` (ISO); `—` when unknown. */
  add(node: HTMLElement, since: string | undefined): void {
    const sinceMs = since === undefined ? Number.NaN : Date.parse(since);
    if (Number.isNaN(sinceMs)) {
      node.textContent = formatDuration(null);
      return;
    }
    this.entries.push({ node, sinceMs });
  }

  /** Writes each duration as of `nowMs`. */
  tick(nowMs: number): void {
    for (const { node, sinceMs } of this.entries) node.textContent = formatDuration(nowMs - sinceMs);
  }
}
