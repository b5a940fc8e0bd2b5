import type { TrackerEvent } from '../events/tracker-event.js';
import type { MediaType } from '../model/enums.js';
import { checkParticipant } from './check-consistency.js';
import { finding, type IngestFinding } from './findings.js';
import { toIsoTime } from './map-values.js';
import { LASTING_TIMES, payloadAsOf, type ConversationObservation } from './observation.js';
import { later } from './optional-times.js';
import { readConversation } from './read-conversation.js';
import { readDetailEvent } from './read-detail-event.js';
import { recognizePayload } from './recognize-payload.js';
import { createReportBuilder, type IngestReport, type UnreadableInput } from './report.js';
import { createSnapshotDiffer } from './snapshot-differ.js';

/** What one payload gave. */
export interface PayloadResult {
  /** The payload's number in what was fed (1-based). */
  readonly payload: number;
  /** What it is, in Genesys' words (`v2.users.{id}.conversations.chats`, `ChatConversation`, `channel.metadata`…). */
  readonly kind: string;
  /** `ingested`: compared with what is known (it may add no event); `skipped`: a known kind that carries no usable participant state. */
  readonly outcome: 'ingested' | 'skipped' | 'unrecognised';
  /** Why it was skipped or not recognised. */
  readonly reason?: string;
  /** The v1 events it adds, in the order a reader applies them. */
  readonly events: readonly TrackerEvent[];
  readonly findings: readonly IngestFinding[];
}

/** An ingest session: payloads in, v1 events out, with what is known carried from one payload to the next. */
export interface GenesysIngest {
  /**
   * Ingests one parsed payload; `line` (where it starts in a stream) locates its findings in the
   * report. `receivedAt` (ISO-8601 with a zone) is when the payload arrived: a live source stamps
   * each one, and the payload then describes its conversation as of that instant or later, which
   * dates the changes it shows without a time (the end of a hold…).
   */
  push(payload: unknown, line?: number, receivedAt?: string): PayloadResult;
  /**
   * Adds every participant still held back because no payload has dated its start (notification
   * topics carry no `startTime`): each is dated by its earliest own time (else the earliest
   * latest time of its payloads), which is reported. Call it at the end of input; a live source
   * calls it when waiting longer for a REST payload is not worth it.
   */
  flush(): { events: TrackerEvent[]; findings: IngestFinding[] };
  /**
   * The conversations with participants held back until a payload dates their start: a REST
   * `GET` of each (which carries `startTime`) resolves them.
   */
  awaiting(): string[];
  /**
   * Lets go of the conversations over (every participant finished) that no payload has described
   * since `before` (ISO), so a session that runs for weeks keeps only what it may still need; a
   * later payload about one starts it afresh, with the same event ids (duplicates to a reader).
   * Returns how many were let go.
   *
   * @example
   * ingest.forget(new Date(Date.now() - 3600_000).toISOString()); // 1290
   */
  forget(before: string): number;
  /**
   * The conversations under way as the payloads so far show them (a participant not finished,
   * after-call work included, by the lifecycle machines), with their media: what a live source
   * fetches again after a gap.
   *
   * @example
   * ingest.underWay(); // [{ id: '…', media: 'chat' }]
   */
  underWay(): { id: string; media: MediaType }[];
  /** Records input that is not JSON, for the report. */
  unreadable(entry: UnreadableInput): void;
  /** Everything so far: payloads read, recognised and skipped by kind, inconsistencies. */
  report(): IngestReport;
}

/**
 * Creates an ingest session for Genesys Cloud payloads: WebSocket notifications (flat
 * `v2.users.{id}.conversations.chats|callbacks`, nested `v2.users.{id}.conversations`, queue
 * topics alike), REST conversations (`ChatConversation`, `CallbackConversation`, `Conversation`
 * and their entity listings), and analytics detail events (`v2.detail.events.conversation.{id}.*`,
 * bare or in an EventBridge envelope). Each payload is recognised, its participants read into
 * the MediaParticipant vocabulary (nested ones flattened, values mapped to the REST spelling),
 * checked for contradictions, and compared with what is known about its conversation: only what
 * is new becomes v1 events (see `createSnapshotDiffer` for how times are chosen). A participant
 * no payload has dated the start of yet waits (`awaiting`) until one does, or until `flush`.
 * Heartbeats, system messages, chat messages and members are skipped and counted. Never throws
 * on input.
 *
 * @example
 * const ingest = createGenesysIngest();
 * const { events } = ingest.push(JSON.parse(notificationText), undefined, '2022-03-08T15:50:30.000Z');
 * for (const event of [...events, ...ingest.flush().events]) console.log(JSON.stringify(event));
 * ingest.report().recognised; // { 'v2.users.{id}.conversations.chats': 1 }
 */
export function createGenesysIngest(): GenesysIngest {
  const differ = createSnapshotDiffer();
  const report = createReportBuilder();

  function ingestObservation(observation: ConversationObservation, detail: boolean, received: string | undefined, events: TrackerEvent[], findings: IngestFinding[]): void {
    const participants = observation.participants.map((participant) => {
      const checked = checkParticipant(participant, observation.conversationId);
      findings.push(...checked.findings);
      return checked.observation;
    });
    const asOf = later(detail ? observation.asOf : payloadAsOf(participants), received);
    const lastingAsOf = later(detail ? observation.lastingAsOf : payloadAsOf(participants, LASTING_TIMES), received);
    const result = differ.diff({ ...observation, participants, asOf, lastingAsOf });
    events.push(...result.events);
    findings.push(...result.findings);
  }

  function push(payload: unknown, line?: number, receivedAt?: string): PayloadResult {
    const number = report.payload();
    const recognition = recognizePayload(payload);
    const events: TrackerEvent[] = [];
    const findings: IngestFinding[] = [];
    const received = receivedAt === undefined ? undefined : toIsoTime(receivedAt);
    if (receivedAt !== undefined && received === undefined) {
      findings.push(finding('not-recorded', `receivedAt ${JSON.stringify(receivedAt)} is not a time with a zone; the payload is dated by its own times`, ['receivedAt']));
    }
    const done = (outcome: PayloadResult['outcome'], reason?: string): PayloadResult => {
      if (outcome === 'ingested') report.recognised(recognition.kind);
      else if (outcome === 'skipped') report.skipped(recognition.kind);
      else report.unrecognised(reason ?? recognition.kind);
      report.findings(findings, number, line);
      report.events(events.length);
      return { payload: number, kind: recognition.kind, outcome, ...(reason === undefined ? {} : { reason }), events, findings };
    };

    switch (recognition.action) {
      case 'unrecognised':
        return done('unrecognised', recognition.reason);
      case 'skip':
        return done('skipped', recognition.reason);
      case 'detail': {
        const read = readDetailEvent(recognition.event, recognition.body, recognition.conversationId, (id) => differ.media(id));
        findings.push(...read.findings);
        if (read.observation === undefined) return done('skipped', read.reason);
        ingestObservation(read.observation, true, received, events, findings);
        return done('ingested');
      }
      case 'conversations': {
        let read = 0;
        let reason: string | undefined;
        for (const conversation of recognition.conversations) {
          const result = readConversation(conversation, recognition.media);
          findings.push(...result.findings);
          if (result.observation === undefined) {
            reason = result.reason;
            findings.push(finding('not-recorded', `conversation ${String(conversation.id)}: ${result.reason}; not recorded`, [],
              typeof conversation.id === 'string' ? conversation.id : undefined));
            continue;
          }
          read++;
          ingestObservation(result.observation, false, received, events, findings);
        }
        return read > 0 || recognition.conversations.length === 0 ? done('ingested') : done('skipped', reason);
      }
    }
  }

  function flush(): { events: TrackerEvent[]; findings: IngestFinding[] } {
    const { events, findings } = differ.flush();
    report.findings(findings);
    report.events(events.length);
    return { events, findings };
  }

  return {
    push,
    flush,
    awaiting: () => differ.awaiting(),
    forget: (before) => differ.forget(before),
    underWay: () => differ.underWay(),
    unreadable: (entry) => report.unreadable(entry),
    report: () => report.build(differ.stats()),
  };
}
