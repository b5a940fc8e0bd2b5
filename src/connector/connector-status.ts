/** Where the connector stands: `connecting` (first start), `connected`, `reconnecting` (after a gap opened), `stopped`, `failed` (a refusal it cannot retry). */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'stopped' | 'failed';

/** One notification channel. */
export interface ChannelStatus {
  /** Genesys' channel id; `null` while none is open. */
  readonly id: string | null;
  readonly topics: number;
  readonly state: ConnectionState;
  /** When its socket opened (ISO); `null` while closed. */
  readonly connectedSince: string | null;
  /** The heartbeat interval observed, in ms; `null` before two heartbeats. */
  readonly heartbeatMs: number | null;
}

/** A gap: notifications were not received from `from` to `to` (ISO, the connector's clock). */
export interface Gap {
  readonly from: string;
  readonly to: string;
  readonly ms: number;
  readonly reason: string;
}

/** What one backfill fetched. */
export interface BackfillReport {
  readonly from: string;
  readonly to: string;
  /** Conversations known to be under way, fetched again. */
  readonly active: number;
  /** Conversations found in the gap by the analytics details query. */
  readonly found: number;
  /** Conversations fed to the differ; `missing` were gone (404). */
  readonly fetched: number;
  readonly missing: number;
  /** Events the backfill added. */
  readonly events: number;
}

/** The connector's health: `/healthz` shows it under the `genesys` source. */
export interface ConnectorStatus {
  readonly state: ConnectionState;
  /** Why it failed, or the latest change of state, in one line. */
  readonly detail: string | null;
  readonly channels: readonly ChannelStatus[];
  /** Conversation notifications received (heartbeats and system messages not counted). */
  readonly notifications: number;
  /** Messages that were not JSON. */
  readonly unreadable: number;
  /** Events handed out. */
  readonly events: number;
  /** When the latest message of any kind arrived (ISO); `null` before the first. */
  readonly lastMessageAt: string | null;
  readonly gaps: { readonly count: number; readonly totalMs: number; readonly last: Gap | null };
  readonly backfills: { readonly count: number; readonly conversations: number; readonly events: number; readonly last: BackfillReport | null };
}
