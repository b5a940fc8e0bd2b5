import type { QueueMetrics } from '../../src/metrics/compute-metrics.js';
import { element } from './dom.js';
import { formatCount, formatDuration, formatPercent } from './format.js';

/** How a tile writes its value. */
type TileFormat = 'count' | 'duration' | 'percent';

/** One tile: the metric it shows (its `data-metric`), its label and where its value comes from. */
interface TileSpec {
  readonly metric: string;
  readonly label: string;
  readonly format: TileFormat;
  readonly value: (q: QueueMetrics) => number | null;
}

/** The floor now (observations). */
const NOW_TILES: readonly TileSpec[] = [
  { metric: 'waiting', label: 'Waiting', format: 'count', value: (q) => q.observations.waiting },
  { metric: 'oldestWaitingMs', label: 'Longest wait', format: 'duration', value: (q) => q.observations.oldestWaitingMs },
  { metric: 'alerting', label: 'Alerting', format: 'count', value: (q) => q.observations.alerting },
  { metric: 'interacting', label: 'Interacting', format: 'count', value: (q) => q.observations.interacting },
  { metric: 'held', label: 'Held', format: 'count', value: (q) => q.observations.held },
  { metric: 'parked', label: 'Parked', format: 'count', value: (q) => q.observations.parked },
  { metric: 'afterCallWork', label: 'In ACW', format: 'count', value: (q) => q.observations.afterCallWork },
  { metric: 'scheduledCallbacks', label: 'Scheduled callbacks', format: 'count', value: (q) => q.observations.scheduledCallbacks },
];

/** Today so far (aggregates). */
const TODAY_TILES: readonly TileSpec[] = [
  { metric: 'offered', label: 'Offered', format: 'count', value: (q) => q.total.offered },
  { metric: 'answered', label: 'Answered', format: 'count', value: (q) => q.total.answered },
  { metric: 'abandoned', label: 'Abandoned', format: 'count', value: (q) => q.total.abandoned },
  { metric: 'serviceLevel', label: 'Service level', format: 'percent', value: (q) => q.total.serviceLevel },
  { metric: 'averageSpeedOfAnswerMs', label: 'ASA', format: 'duration', value: (q) => q.total.averageSpeedOfAnswerMs },
];

/** A tile's value as text. */
function formatValue(format: TileFormat, value: number | null): string {
  if (format === 'duration') return formatDuration(value);
  if (format === 'percent') return formatPercent(value);
  return value === null ? '—' : formatCount(value);
}

/** A tile on the page: its element and the text node its value is written in. */
interface Tile {
  readonly spec: TileSpec;
  readonly root: HTMLElement;
  readonly value: HTMLElement;
}

/**
 * The queue tiles: the floor now (waiting, longest wait, alerting, interacting, held, parked, in
 * ACW, scheduled callbacks) and today's totals (offered, answered, abandoned, service level, ASA).
 * Each tile carries `data-metric` and `data-value` (the raw number of the report, empty for
 * `null`); the longest wait runs on between frames.
 *
 * @example
 * const tiles = new Tiles(nowSection, todaySection);
 * tiles.show(queueMetrics(report, key), report.at);
 * tiles.tick(view.now());
 */
export class Tiles {
  private readonly tiles: Tile[];
  private oldestWaitingMs: number | null = null;
  private observedAtMs = 0;

  constructor(now: HTMLElement, today: HTMLElement) {
    this.tiles = [
      ...NOW_TILES.map((spec) => Tiles.create(spec, now)),
      ...TODAY_TILES.map((spec) => Tiles.create(spec, today)),
    ];
  }

  private static create(spec: TileSpec, parent: HTMLElement): Tile {
    const value = element('span', { className: 'tile-value', text: '—' });
    const root = element('div', { className: 'tile', attrs: { 'data-metric': spec.metric, 'data-value': '' } },
      element('span', { className: 'tile-label', text: spec.label }), value);
    parent.append(root);
    return { spec, root, value };
  }

  /** Shows one queue's (or all queues') metrics, observed at `at`. */
  show(metrics: QueueMetrics, at: string | null): void {
    for (const tile of this.tiles) {
      const value = tile.spec.value(metrics);
      tile.root.dataset['value'] = value === null ? '' : String(value);
      this.write(tile, formatValue(tile.spec.format, value));
    }
    this.oldestWaitingMs = metrics.observations.oldestWaitingMs;
    this.observedAtMs = at === null ? 0 : Date.parse(at);
  }

  /** Runs the longest wait on to `nowMs`. */
  tick(nowMs: number): void {
    if (this.oldestWaitingMs === null) return;
    const tile = this.tiles.find((t) => t.spec.metric === 'oldestWaitingMs');
    if (tile !== undefined) this.write(tile, formatDuration(this.oldestWaitingMs + Math.max(0, nowMs - this.observedAtMs)));
  }

  /** Writes a tile's value; a long one (six characters or more) is set smaller to fit the tile. */
  private write(tile: Tile, text: string): void {
    tile.value.textContent = text;
    tile.value.classList.toggle('long', text.length >= 6);
  }
}
