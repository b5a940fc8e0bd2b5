import type { FloorTime } from './floor-clock.js';
import type { Health } from './floor-frame.js';
import type { SourceRegistry } from './source-registry.js';

/**
 * The health of a service as `/healthz` gives it: readiness, the latest event and how far it
 * lags the floor clock, the sources, the stream clients and the process's memory.
 *
 * @example
 * const health = () => serviceHealth({ ready, latestTime: tracker.latestTime(), sources, clock, clients: streamClients.count });
 */
export function serviceHealth(state: {
  readonly ready: boolean;
  readonly latestTime: string | undefined;
  readonly sources: SourceRegistry;
  readonly clock: FloorTime;
  readonly clients: number;
}): Health {
  const { latestTime, sources } = state;
  return {
    ready: state.ready,
    lastEventTime: latestTime ?? null,
    lastEventAgeMs: sources.lastEventMs === undefined ? null : Date.now() - sources.lastEventMs,
    lagMs: latestTime === undefined ? null : Math.max(0, state.clock.now() - Date.parse(latestTime)),
    sources: sources.health(),
    clients: state.clients,
    memory: { rssBytes: process.memoryUsage.rss(), heapUsedBytes: process.memoryUsage().heapUsed },
  };
}
