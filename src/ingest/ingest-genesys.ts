import { compareEventOrder } from '../events/lifecycle-rank.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import { createGenesysIngest, type GenesysIngest, type PayloadResult } from './create-genesys-ingest.js';
import { readJsonValues, type JsonSource } from './read-json-values.js';
import type { IngestReport } from './report.js';

/** How `ingestGenesys` hands out events. */
export interface IngestGenesysOptions {
  /**
   * `time` (default): every event is held until the input ends, then handed out in event-time
   * order (lifecycle rank on ties), a clean log to keep. `arrival`: each payload's events as soon
   * as it is read (in the order a reader applies them), for live use; a late payload may then
   * add events older than ones already handed out, which readers place by time.
   */
  readonly order?: 'time' | 'arrival';
  /** The session to ingest into (to carry what is known across inputs); a new one by default. */
  readonly ingest?: GenesysIngest;
  /**
   * At the end of input, add the participants still waiting for a payload that dates their
   * start (`GenesysIngest.flush`); `true` by default. `false` leaves them waiting in `ingest`
   * for a later input.
   */
  readonly flush?: boolean;
  /**
   * The instant each payload is received (ISO-8601 with a zone), asked as each one is read: a live
   * source (`ingest genesys --follow`) stamps payloads with their arrival, which dates the changes
   * a payload shows but does not date (the end of a hold), as the connector does. Without it a
   * payload is dated by its own times only, as fits a file read after the fact.
   */
  readonly receivedAt?: () => string;
  /** Called with each payload's result as it is ingested. */
  readonly onPayload?: (result: PayloadResult) => void;
}

/** A running ingest: iterate it for the v1 events; `report()` says what was read. */
export interface GenesysIngestRun extends AsyncIterable<TrackerEvent> {
  report(): IngestReport;
}

/**
 * Ingests Genesys payloads from a stream or text (JSON, JSON Lines, a JSON array, notification
 * envelopes, REST responses, EventBridge events) into v1 events. Input that is not JSON is
 * reported with its line and skipped; nothing else is lost. At the end of input, participants
 * no payload dated the start of are added (`flush`), so their events come last in `arrival` order.
 *
 * @example
 * const run = ingestGenesys(createReadStream('notifications.jsonl'));
 * for await (const event of run) process.stdout.write(`${JSON.stringify(event)}\n`);
 * run.report().skipped; // { 'channel.metadata': 12 }
 */
export function ingestGenesys(source: JsonSource, options: IngestGenesysOptions = {}): GenesysIngestRun {
  const ingest = options.ingest ?? createGenesysIngest();
  const order = options.order ?? 'time';
  async function* events(): AsyncGenerator<TrackerEvent> {
    const held: TrackerEvent[] = [];
    for await (const item of readJsonValues(source)) {
      if ('error' in item) {
        ingest.unreadable({ line: item.line, message: item.error });
        continue;
      }
      const result = ingest.push(item.value, item.line, options.receivedAt?.());
      options.onPayload?.(result);
      if (order === 'arrival') yield* result.events;
      else held.push(...result.events);
    }
    if (options.flush !== false) {
      const flushed = ingest.flush().events;
      if (order === 'arrival') yield* flushed;
      else held.push(...flushed);
    }
    held.sort(compareEventOrder);
    yield* held;
  }
  return {
    [Symbol.asyncIterator]: () => events(),
    report: () => ingest.report(),
  };
}
