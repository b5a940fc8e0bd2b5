import type { Health, SourceHealth } from '../../src/serve/floor-frame.js';
import { connectionSummary } from './connection-summary.js';
import { element } from './dom.js';
import { formatDuration } from './format.js';
import type { StreamStatus } from './stream.js';

/** How fresh the page's data is: fine, worth a look, or wrong. */
type Level = 'ok' | 'warn' | 'bad';

/** Events older than this read as quiet (amber), and as stale (red) past the second. */
const QUIET_MS = 30_000;
const STALE_MS = 5 * 60_000;

/** A source's level: failed is red, starting or done amber, running green. */
const sourceLevel = (source: SourceHealth): Level => (source.state === 'failed' ? 'bad' : source.state === 'running' ? 'ok' : 'warn');

/**
 * The freshness indicator: the stream's state, the age of the last event (running on), the lag
 * of events behind the floor clock, and each source's state, each level in words as well as in
 * colour.
 *
 * @example
 * const freshness = new Freshness(container);
 * freshness.health(frame.health, performance.now());
 * freshness.tick();
 */
export class Freshness {
  private readonly badge: HTMLElement;
  private readonly age: HTMLElement;
  private readonly lag: HTMLElement;
  private readonly sources: HTMLElement;
  private stream: StreamStatus = { kind: 'connecting' };
  private latest: Health | undefined;
  private receivedAt = 0;

  constructor(private readonly root: HTMLElement) {
    // Only the overall word is announced: the ages change every second.
    this.badge = element('span', { className: 'badge', attrs: { role: 'status' } });
    this.age = element('span', { className: 'age' });
    this.lag = element('span', { className: 'lag' });
    this.sources = element('ul', { className: 'sources' });
    root.replaceChildren(this.badge, this.age, this.lag, this.sources);
    this.tick();
  }

  /** The stream's state changed. */
  status(status: StreamStatus): void {
    this.stream = status;
    this.tick();
  }

  /** New health (a frame's, or `/healthz`'s), received at `receivedAt` (`performance.now()`). */
  health(health: Health, receivedAt: number): void {
    this.latest = health;
    this.receivedAt = receivedAt;
    this.sources.replaceChildren(...health.sources.map((source) => {
      const counts = `${source.events} events${source.rejected > 0 ? `, ${source.rejected} rejected` : ''}`;
      const detail = source.detail === undefined ? '' : ` (${source.detail})`;
      const connection = source.connection === undefined ? '' : ` · ${connectionSummary(source.connection)}`;
      return element('li', { className: `source level-${sourceLevel(source)}`, text: `${source.name}: ${source.state}, ${counts}${detail}${connection}`, attrs: { 'data-source-state': source.state } });
    }));
    this.tick();
  }

  /** Writes the ages as of now, and the overall level. */
  tick(): void {
    const ageMs = this.latest?.lastEventAgeMs == null ? null : this.latest.lastEventAgeMs + (performance.now() - this.receivedAt);
    this.age.textContent = ageMs === null ? 'no events yet' : `last event ${formatDuration(ageMs)} ago`;
    this.lag.textContent = this.latest?.lagMs == null ? '' : `lag ${formatDuration(this.latest.lagMs)}`;
    const [level, word] = this.level(ageMs);
    this.root.dataset['level'] = level;
    this.badge.className = `badge level-${level}`;
    this.badge.textContent = word;
  }

  /** The overall level and its word. */
  private level(ageMs: number | null): [Level, string] {
    if (this.stream.kind === 'retrying') {
      const inSeconds = Math.max(0, Math.ceil((this.stream.atMs - Date.now()) / 1000));
      return ['bad', `offline: retrying in ${inSeconds} s`];
    }
    if (this.stream.kind === 'connecting') return ['warn', 'connecting'];
    if (this.latest?.sources.some((s) => s.state === 'failed') === true) return ['bad', 'source failed'];
    if (ageMs === null) return ['warn', 'waiting for events'];
    if (ageMs > STALE_MS) return ['bad', 'stale'];
    if (ageMs > QUIET_MS) return ['warn', 'quiet'];
    return ['ok', 'fresh'];
  }
}
