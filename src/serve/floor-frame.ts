import type { ConnectorStatus } from '../connector/connector-status.js';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { MetricsReport } from '../metrics/compute-metrics.js';

/** Where events come from, and how each source is doing. */
export type SourceKind = 'simulate' | 'follow' | 'http' | 'genesys';

/** A source's state: `starting`, `running` (events flow or may), `done` (ran out), `failed` (stopped by a fault). */
export type SourceState = 'starting' | 'running' | 'done' | 'failed';

/** One source of events, as `/healthz` and the page show it. */
export interface SourceHealth {
  /** `simulate`, `follow:<file>`, `http`. */
  readonly name: string;
  readonly kind: SourceKind;
  readonly state: SourceState;
  /** Why it failed or ended, in one line. */
  readonly detail?: string;
  /** Events it handed to the tracker (applied, duplicate or rejected). */
  readonly events: number;
  readonly rejected: number;
  /** Wall-clock time (ISO) of its last event; `null` before the first. */
  readonly lastEventAt: string | null;
  /** Genesys Cloud: the connection's state, channels, gaps and backfills. */
  readonly connection?: ConnectorStatus;
}

/** The service's health: what `GET /healthz` answers and every stream frame carries. */
export interface Health {
  /** The store is open and the state restored: the API answers. */
  readonly ready: boolean;
  /** Event time of the latest event applied (ISO); `null` when there is none. */
  readonly lastEventTime: string | null;
  /** Wall-clock ms since the latest event was applied; `null` when none was since start. */
  readonly lastEventAgeMs: number | null;
  /** The floor clock minus the latest event time, in ms (how far events lag the floor); `null` without events. */
  readonly lagMs: number | null;
  readonly sources: readonly SourceHealth[];
  /** Stream clients connected. */
  readonly clients: number;
  /** The process's memory: resident set and V8 heap in use, in bytes. */
  readonly memory: { readonly rssBytes: number; readonly heapUsedBytes: number };
  /** The gateway (`serve --nats`): events in the stream that the workers have not applied yet; `null` until first counted. */
  readonly pending?: number | null;
  /** The gateway: each partition's last applied stream sequence and events applied by its owner. */
  readonly partitions?: readonly { readonly partition: number; readonly covered: number; readonly applied: number }[];
}

/**
 * The floor clock: the instant the floor is at (the simulator's clock under `--simulate`, else
 * the wall clock) when the frame was made, and how fast it runs (simulated ms per wall-clock ms),
 * so a page can tick "time in state" between frames.
 */
export interface FloorClock {
  readonly time: string;
  readonly speed: number;
  /** The wall-clock time the frame was made (ISO). */
  readonly wallTime: string;
}

/**
 * One frame of `GET /api/stream` (Server-Sent Events). Event `state` carries the whole floor (on
 * connect, and when a client fell too far behind); event `changes` carries what changed since the
 * frame before. Each frame's SSE `id` lets a reconnecting client resume (`Last-Event-ID`).
 */
export interface FloorFrame {
  /** Event time of the latest event the tracker holds (ISO); `null` when there is none. */
  readonly at: string | null;
  readonly clock: FloorClock;
  /**
   * `state`: every conversation under way. `changes`: every conversation under way that changed
   * since the previous frame; in one that was on the floor at the frame before, each participant
   * that did not change is a stub `{ id }`: keep the one you have (`applyConversationDelta`).
   */
  readonly conversations: readonly ConversationSnapshot[];
  /** Ids of conversations that changed and are no longer under way: drop them from the floor. */
  readonly finished: readonly string[];
  /** Today's metrics: aggregates from the start of the (UTC) day of `at`, observations at `at`. */
  readonly metrics: MetricsReport;
  readonly health: Health;
}
