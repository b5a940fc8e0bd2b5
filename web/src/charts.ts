import uPlot from 'uplot';
import type { IntervalSeries } from './interval-series.js';

/** The charts' colours (the page's palette, readable on the dark background). */
const COLOURS = { offered: '#6cb6ff', answered: '#57d9a3', abandoned: '#ff8f7e', serviceLevel: '#f5c46b', axis: '#c7d0da', grid: 'rgba(199, 208, 218, 0.12)' };

/** The root font size in px: charts scale with the page's rem. */
const rem = (): number => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

/** Interval starts read in UTC, as the service counts days and intervals. */
const utc = (seconds: number): Date => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC');

/** `hh:mm` of an instant in epoch seconds, in UTC. */
const hoursMinutes = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(11, 16);

/** Axes in the page's colours, their text sized in rem. */
function axes(yLabel: string): uPlot.Axis[] {
  const font = `${Math.round(rem() * 0.75)}px system-ui, sans-serif`;
  const common = { stroke: COLOURS.axis, font, labelFont: font, grid: { stroke: COLOURS.grid, width: 1 }, ticks: { stroke: COLOURS.grid, width: 1 } };
  return [
    { ...common, values: (_u, splits) => splits.map(hoursMinutes), space: rem() * 4, size: rem() * 2.2 },
    { ...common, label: yLabel, space: rem() * 2, size: rem() * 3.5, labelSize: rem() * 1.4 },
  ];
}

/** Options both charts share: width and height, UTC time, the cursor synced between them. */
function baseOptions(container: HTMLElement, title: string): Pick<uPlot.Options, 'title' | 'width' | 'height' | 'padding' | 'tzDate' | 'cursor' | 'legend'> {
  return {
    title,
    // Room on the right for the last hour's label.
    padding: [rem() * 0.5, rem() * 1.5, 0, 0],
    width: Math.max(200, container.clientWidth),
    height: Math.round(rem() * 9),
    tzDate: utc,
    cursor: { sync: { key: 'intervals' }, drag: { x: false, y: false } },
    legend: { live: true },
  };
}

/**
 * The interval charts (uPlot): offered (bars), answered and abandoned per interval, and service
 * level % per interval, each interval drawn at its middle, the cursors synced; redrawn on each
 * frame, resized with the page.
 *
 * @example
 * const charts = new IntervalCharts(volumeContainer, serviceContainer);
 * charts.show(intervalSeries(queue.intervals, report.intervalMs, report.at));
 */
export class IntervalCharts {
  private readonly volume: uPlot;
  private readonly serviceLevel: uPlot;
  private halfInterval = 900;

  constructor(volumeContainer: HTMLElement, serviceContainer: HTMLElement) {
    // The x scale spans whole intervals: from the first one's start to the last one's end.
    const x: uPlot.Scale = { time: true, range: (_u, min, max) => (min == null || max == null ? [0, 1] : [min - this.halfInterval, max + this.halfInterval]) };
    const interval: uPlot.Series = { label: 'Interval', value: (_u, v) => (v == null ? '—' : `${hoursMinutes(v - this.halfInterval)}–${hoursMinutes(v + this.halfInterval)} UTC`) };
    this.volume = new uPlot({
      ...baseOptions(volumeContainer, 'Offered, answered and abandoned per interval'),
      scales: { x, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: axes('interactions'),
      series: [
        interval,
        { label: 'Offered', stroke: COLOURS.offered, fill: 'rgba(108, 182, 255, 0.35)', width: rem() / 16, paths: uPlot.paths.bars?.({ size: [0.8, Infinity] }), points: { show: false } },
        { label: 'Answered', stroke: COLOURS.answered, width: rem() / 8, points: { show: true, size: rem() / 2.5 } },
        { label: 'Abandoned', stroke: COLOURS.abandoned, width: rem() / 8, points: { show: true, size: rem() / 2.5 } },
      ],
    }, [[], [], [], []], volumeContainer);
    this.serviceLevel = new uPlot({
      ...baseOptions(serviceContainer, 'Service level per interval'),
      scales: { x, y: { range: [0, 100] } },
      axes: axes('%'),
      series: [
        interval,
        { label: 'Service level', stroke: COLOURS.serviceLevel, width: rem() / 8, points: { show: true, size: rem() / 2.5 }, spanGaps: false, value: (_u, v) => (v == null ? '—' : `${v}%`) },
      ],
    }, [[], []], serviceContainer);
    const resize = new ResizeObserver(() => {
      this.volume.setSize({ width: Math.max(200, volumeContainer.clientWidth), height: this.volume.height });
      this.serviceLevel.setSize({ width: Math.max(200, serviceContainer.clientWidth), height: this.serviceLevel.height });
    });
    resize.observe(volumeContainer);
    resize.observe(serviceContainer);
  }

  /** Draws `series`. */
  show(series: IntervalSeries): void {
    this.halfInterval = series.intervalSeconds / 2;
    const middles = series.starts.map((start) => start + this.halfInterval);
    this.volume.setData([middles, series.offered, series.answered, series.abandoned]);
    this.serviceLevel.setData([middles, series.serviceLevel]);
  }
}
