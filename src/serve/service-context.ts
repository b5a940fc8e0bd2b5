import type { FloorFeed } from './floor-feed.js';
import type { FloorReads } from './floor-reads.js';
import type { Health } from './floor-frame.js';
import type { SourceRegistry } from './source-registry.js';
import type { StreamLimits } from './stream-client.js';

/** What the routes of the service work with. */
export interface ServiceContext {
  readonly reads: FloorReads;
  readonly feed: FloorFeed;
  readonly sources: SourceRegistry;
  readonly health: () => Health;
  /** The interval and service level of the live metrics (and the defaults of `GET /api/metrics`). */
  readonly intervalMs: number;
  readonly serviceLevelMs: number;
  /** Largest `POST /api/events` body, in bytes. */
  readonly bodyLimitBytes: number;
  readonly streamLimits: StreamLimits;
  /** Stream clients connected now. */
  readonly streamClients: { count: number };
}
