import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGenesysIngest } from '../../../src/ingest/index.js';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';

const DIR = fileURLToPath(new URL('../../fixtures/genesys/', import.meta.url));

/** One of the public Genesys samples in `test/fixtures/genesys`, parsed. */
export function sample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${DIR}${name}.json`, 'utf8')) as Record<string, unknown>;
}

/** The raw text of a sample. */
export function sampleText(name: string): string {
  return readFileSync(`${DIR}${name}.json`, 'utf8');
}

/** Every sample's name (without `.json`). */
export const SAMPLES = [
  'callback-notification-users-conversations-agent-connected-likely-edited',
  'callback-notification-users-conversations-agent-disconnect-acw-pending',
  'callback-rest-get-conversation-scheduled-three-alert-timeouts',
  'chat-analytics-details-conversation-customer-timeout-agent-peer',
  'chat-analytics-details-conversation-hold-customer-timeout',
  'chat-eventbridge-detail-customer-end-no-external-contact',
  'chat-eventbridge-detail-customer-end',
  'chat-eventbridge-detail-customer-start',
  'chat-notification-conversations-chats-members-connected',
  'chat-notification-conversations-chats-messages-member-leave',
  'chat-notification-conversations-chats-messages-standard',
  'chat-notification-users-conversations-chats-agent-disconnect-acw',
  'chat-notification-users-conversationsummary-same-correlation',
  'chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts',
  'chat-rest-get-conversation-customer-participant-fragment',
  'chat-rest-list-chat-conversations',
  'chat-rest-list-conversations-nested-chats',
  'detail-event-customer-end-synthetic-trigger-test-body',
  'mixed-analytics-details-query-result-callbacks-chats-2016',
] as const;

/**
 * Ingests payloads in a fresh session, adds the participants still waiting for a payload that
 * dates their start (`flushed`), and replays the events in a fresh tracker.
 */
export function ingestAndReplay(...payloads: unknown[]) {
  const ingest = createGenesysIngest();
  const results = payloads.map((payload) => ingest.push(payload));
  const flushed = ingest.flush();
  const events: TrackerEvent[] = [...results.flatMap((r) => [...r.events]), ...flushed.events];
  const tracker = createTracker();
  const applied = tracker.load(events);
  return { ingest, results, flushed, events, tracker, applied };
}
