import type { MetricsReport } from '../../src/metrics/compute-metrics.js';
import type { ConversationSnapshot } from '../../src/model/conversation-snapshot.js';

/** Whether the page follows the stream (`live`) or shows an instant the scrubber chose (`past`). */
export type ViewMode = 'live' | 'past';

/** What the page shows: a floor, its metrics, and the instant durations run to. */
export interface FloorView {
  readonly mode: ViewMode;
  /** The instant the data describes (ISO): the latest event live, the chosen instant past; `null` before any event. */
  readonly at: string | null;
  readonly conversations: readonly ConversationSnapshot[];
  readonly metrics: MetricsReport;
  /** The instant live durations run to (epoch ms): the ticking floor clock live, `at` past. */
  now(): number;
}
