import type { ConnectorStatus } from '../connector/connector-status.js';
import type { ApplyResult } from '../tracker/apply-result.js';
import type { SourceHealth, SourceKind, SourceState } from './floor-frame.js';

/** What a source reports about itself. */
export interface SourceReporter {
  /** The source runs: events flow, or may. */
  running(): void;
  /** The source ran out of events (a simulation ended, stdin closed). */
  done(detail?: string): void;
  /** A fault stopped the source; `detail` says where and why, in one line. */
  failed(detail: string): void;
  /** Counts one event the source handed to the tracker. */
  counted(result: ApplyResult): void;
  /** A connector's status (Genesys Cloud): its state becomes the source's. */
  connection(status: ConnectorStatus): void;
}

interface SourceRecord {
  name: string;
  kind: SourceKind;
  state: SourceState;
  detail: string | undefined;
  events: number;
  rejected: number;
  lastEventMs: number | undefined;
  connection: ConnectorStatus | undefined;
}

/**
 * The service's event sources and how each one is doing, for `/healthz` and the page.
 *
 * @example
 * const sources = new SourceRegistry();
 * const follow = sources.add('follow:day.jsonl', 'follow');
 * follow.running();
 * sources.health()[0].state; // 'running'
 */
export class SourceRegistry {
  private readonly records: SourceRecord[] = [];
  /** Wall-clock ms of the latest event any source handed over. */
  lastEventMs: number | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** Adds a source (state `starting`) and returns what it reports through. */
  add(name: string, kind: SourceKind): SourceReporter {
    const record: SourceRecord = { name, kind, state: 'starting', detail: undefined, events: 0, rejected: 0, lastEventMs: undefined, connection: undefined };
    this.records.push(record);
    const settle = (state: SourceState, detail: string | undefined) => {
      record.state = state;
      record.detail = detail;
    };
    return {
      running: () => settle('running', undefined),
      done: (detail) => settle('done', detail),
      failed: (detail) => settle('failed', detail),
      counted: (result) => {
        record.events++;
        if (result.status === 'rejected') record.rejected++;
        record.lastEventMs = this.lastEventMs = this.now();
      },
      connection: (status) => {
        record.connection = status;
        if (status.state === 'failed') settle('failed', status.detail ?? 'the connection failed');
        else if (status.state === 'stopped') settle('done', 'stopped');
        else settle(status.state === 'connected' ? 'running' : 'starting', status.state === 'connected' ? undefined : `${status.state}${status.detail === null ? '' : `: ${status.detail}`}`);
      },
    };
  }

  /** Each source's health, in the order they were added. */
  health(): SourceHealth[] {
    return this.records.map((r) => ({
      name: r.name, kind: r.kind, state: r.state,
      ...(r.detail !== undefined ? { detail: r.detail } : {}),
      events: r.events, rejected: r.rejected,
      lastEventAt: r.lastEventMs === undefined ? null : new Date(r.lastEventMs).toISOString(),
      ...(r.connection !== undefined ? { connection: r.connection } : {}),
    }));
  }
}
