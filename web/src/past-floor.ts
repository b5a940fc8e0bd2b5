import type { MetricsReport } from '../../src/metrics/compute-metrics.js';
import type { ConversationSnapshot } from '../../src/model/conversation-snapshot.js';
import { conversationsAt, metricsAt } from './api.js';
import { startOfUtcDay } from './format.js';

/** The floor and the day's metrics at a past instant. */
export interface PastFloor {
  /** The instant (ISO). */
  readonly at: string;
  readonly conversations: ConversationSnapshot[];
  readonly metrics: MetricsReport;
}

/**
 * Loads the floor at past instants: the conversations under way at the instant and the metrics
 * as of it from the start of its UTC day. One load at a time; an instant asked for meanwhile
 * waits, and only the newest of those is loaded (a replay fetches no faster than answers come).
 *
 * @example
 * const past = new PastFloorLoader((floor) => show(floor), (error) => warn(error));
 * past.load(Date.parse('2026-11-21T10:05:00Z'));
 */
export class PastFloorLoader {
  private busy = false;
  private next: number | undefined;
  private generation = 0;

  constructor(private readonly loaded: (floor: PastFloor) => void, private readonly failed: (error: unknown) => void) {}

  /** Loads the floor at `atMs`. */
  load(atMs: number): void {
    this.next = atMs;
    if (!this.busy) void this.run();
  }

  /** Drops what is pending: answers still on the way are not shown. */
  cancel(): void {
    this.next = undefined;
    this.generation++;
  }

  private async run(): Promise<void> {
    this.busy = true;
    while (this.next !== undefined) {
      const at = new Date(this.next).toISOString();
      const from = new Date(startOfUtcDay(this.next)).toISOString();
      this.next = undefined;
      const generation = this.generation;
      try {
        const [conversations, metrics] = await Promise.all([conversationsAt(at), metricsAt(at, from)]);
        if (generation === this.generation) this.loaded({ at, conversations, metrics });
      } catch (error) {
        if (generation === this.generation) this.failed(error);
      }
    }
    this.busy = false;
  }
}
