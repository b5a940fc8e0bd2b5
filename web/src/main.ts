import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { AgentGrid } from './agents.js';
import { health } from './api.js';
import { IntervalCharts } from './charts.js';
import { required } from './dom.js';
import { Drilldown } from './drilldown.js';
import { Floor } from './floor.js';
import { FloorList } from './floor-list.js';
import { formatInstant } from './format.js';
import { Freshness } from './freshness.js';
import { intervalSeries } from './interval-series.js';
import { PastFloorLoader, type PastFloor } from './past-floor.js';
import { QueueSelect } from './queue-select.js';
import { inQueue, queueMetrics } from './queues.js';
import { Scrubber } from './scrubber.js';
import { followStream, type FrameKind } from './stream.js';
import { Tiles } from './tiles.js';
import { takeTokenFromFragment } from './token.js';
import type { FloorView } from './view.js';
import type { FloorFrame } from '../../src/serve/floor-frame.js';

/** Live durations and ages are rewritten this often. */
const TICK_MS = 1000;
/** Without a frame for this long, the page asks `/healthz` how the sources are doing. */
const HEALTH_POLL_MS = 5000;

takeTokenFromFragment();

const floor = new Floor();
/** `past` while the scrubber holds an instant; `shownPast` is that instant's floor once loaded. */
let mode: FloorView['mode'] = 'live';
let shownPast: PastFloor | undefined;

const viewTime = required('[data-view-time]', HTMLElement);
const notice = required('#notice', HTMLElement);
const tiles = new Tiles(required('#tiles-now', HTMLElement), required('#tiles-today', HTMLElement));
const charts = new IntervalCharts(required('#chart-volume', HTMLElement), required('#chart-service', HTMLElement));
const freshness = new Freshness(required('#freshness', HTMLElement));
const drilldown = new Drilldown(required('#drilldown', HTMLDialogElement), {
  now: () => currentView()?.now() ?? floor.now(),
  snapshot: (id) => (mode === 'past' ? shownPast?.conversations.find((c) => c.id === id) : floor.conversations.get(id)),
});
const agents = new AgentGrid(required('#agents-body', HTMLTableSectionElement), required('#agents-summary', HTMLElement), drilldown.open);
const floorList = new FloorList(required('#floor-body', HTMLTableSectionElement), required('#floor-summary', HTMLElement), drilldown.open);
const queues = new QueueSelect(required('#queue-select', HTMLSelectElement), () => render());
const pastFloor = new PastFloorLoader(
  (past) => {
    shownPast = past;
    notice.hidden = true;
    render();
    drilldown.render();
  },
  (error) => say(error instanceof Error ? `The floor at that instant could not be loaded: ${error.message}` : 'The floor at that instant could not be loaded.'),
);
const scrubber = new Scrubber(
  {
    range: required('#scrubber', HTMLInputElement),
    live: required('#live-button', HTMLButtonElement),
    play: required('#play-button', HTMLButtonElement),
    speed: required('#play-speed', HTMLSelectElement),
  },
  {
    seek: (atMs) => {
      mode = 'past';
      document.body.dataset['mode'] = mode;
      pastFloor.load(atMs);
    },
    live: () => {
      mode = 'live';
      shownPast = undefined;
      pastFloor.cancel();
      render();
      drilldown.render();
    },
  },
);

/** Shows a problem in the notice line. */
function say(message: string): void {
  notice.textContent = message;
  notice.hidden = false;
}

/** What the page shows now: the live floor, or the past instant loaded; `undefined` before either. */
function currentView(): FloorView | undefined {
  if (mode === 'past') {
    if (shownPast === undefined) return undefined;
    const { at, conversations, metrics } = shownPast;
    return { mode, at, conversations, metrics, now: () => Date.parse(at) };
  }
  if (floor.latest === undefined) return undefined;
  return { mode, at: floor.latest.at, conversations: [...floor.conversations.values()], metrics: floor.latest.metrics, now: () => floor.now() };
}

/** Draws the view: mode and instant, tiles, charts, floor list and agents, for the chosen queue. */
function render(): void {
  const view = currentView();
  if (view === undefined) return;
  document.body.dataset['mode'] = view.mode;
  viewTime.dataset['value'] = view.at ?? '';
  viewTime.setAttribute('datetime', view.at ?? '');
  viewTime.textContent = view.at === null ? 'no events yet' : formatInstant(view.at);
  queues.offer(view.metrics);
  const queue = queues.selected();
  const metrics = queueMetrics(view.metrics, queue);
  tiles.show(metrics, view.metrics.at);
  charts.show(intervalSeries(metrics.intervals, view.metrics.intervalMs, view.metrics.at));
  floorList.show(view.conversations.filter((c) => inQueue(c, queue)));
  agents.show(view.conversations);
  tick();
}

/** Runs live durations and ages on. */
function tick(): void {
  const view = currentView();
  freshness.tick();
  if (view === undefined) return;
  const now = view.now();
  tiles.tick(now);
  agents.tick(now);
  floorList.tick(now);
  if (view.mode === 'live') drilldown.render();
}

/** A frame arrived: the floor takes it; the page shows it when live. */
function frameArrived(kind: FrameKind, frame: FloorFrame, receivedAt: number): void {
  floor.apply(kind, frame, receivedAt);
  freshness.health(frame.health, receivedAt);
  if (frame.at !== null) scrubber.extend(Date.parse(frame.at));
  if (mode !== 'live') return;
  render();
  const open = drilldown.shown();
  if (open !== undefined && (kind === 'state' || frame.conversations.some((c) => c.id === open))) void drilldown.load();
}

/** Asks `/healthz` when frames have stopped coming, so a failed source still shows. */
async function pollHealth(): Promise<void> {
  if (floor.latest !== undefined && floor.sinceFrameMs() < HEALTH_POLL_MS) return;
  try {
    freshness.health(await health(), performance.now());
  } catch {
    // The stream's own state says the service is unreachable.
  }
}

window.setInterval(tick, TICK_MS);
window.setInterval(() => void pollHealth(), HEALTH_POLL_MS);
void followStream({ frame: frameArrived, status: (status) => freshness.status(status) }, new AbortController().signal);
