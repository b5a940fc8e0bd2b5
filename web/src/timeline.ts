import type { TrackerEvent } from '../../src/events/tracker-event.js';
import type { ConversationSnapshot } from '../../src/model/conversation-snapshot.js';
import type { MediaParticipant } from '../../src/model/media-participant.js';

/** A stretch of time a participant spent in one state. */
export interface TimelineSegment {
  /** The state, as the drill-down writes it (`in queue` for an ACD leg connected). */
  readonly state: string;
  readonly startMs: number;
  readonly endMs: number;
  /** The segment has not ended (it runs to the timeline's end). */
  readonly open: boolean;
}

/** Something that happened to a participant without changing its state (wrap-up, an update…). */
export interface TimelineMark {
  readonly timeMs: number;
  readonly label: string;
}

/** One participant's lifecycle. */
export interface ParticipantTimeline {
  readonly id: string;
  readonly name: string;
  readonly purpose: string;
  /** The queue or user the participant is for, when known. */
  readonly detail: string;
  readonly segments: TimelineSegment[];
  readonly marks: TimelineMark[];
}

/** A conversation's participants' lifecycles over a common span. */
export interface ConversationTimeline {
  readonly startMs: number;
  readonly endMs: number;
  readonly participants: ParticipantTimeline[];
}

/** The state an event puts its participant in; `null` ends the participant's presence, `undefined` changes nothing. */
function stateAfter(event: TrackerEvent): string | null | undefined {
  switch (event.type) {
    case 'participant.added': return event.state ?? 'alerting';
    case 'participant.alerting': return 'alerting';
    case 'participant.dialing': return 'dialing';
    case 'participant.contacting': return 'contacting';
    case 'participant.offering': return 'offering';
    case 'participant.connected':
    case 'participant.holdEnded':
    case 'participant.resumed': return 'connected';
    case 'participant.holdStarted': return 'held';
    case 'participant.parked': return 'parked';
    case 'participant.acwStarted': return 'ACW';
    case 'participant.disconnected':
    case 'participant.acwEnded': return null;
    default: return undefined;
  }
}

/** How a mark reads. */
function markLabel(event: TrackerEvent): string {
  switch (event.type) {
    case 'participant.wrapupApplied': return `wrap-up ${event.wrapup.name ?? event.wrapup.code}`;
    case 'participant.wrapupSkipped': return 'wrap-up skipped';
    case 'participant.updated': return 'updated';
    case 'callback.scheduled': return `callback scheduled for ${event.callbackScheduledTime}`;
    default: return event.type.replace(/^participant\./, '');
  }
}

/** The participant's row heading: what the snapshot (else the added event) says of it. */
function describe(id: string, snapshot: MediaParticipant | undefined, added: TrackerEvent | undefined): Pick<ParticipantTimeline, 'name' | 'purpose' | 'detail'> {
  const fromEvent = added?.type === 'participant.added' ? added : undefined;
  const name = snapshot?.name ?? fromEvent?.name ?? id;
  const purpose = snapshot?.purpose ?? fromEvent?.purpose ?? '';
  const queue = snapshot?.queue ?? fromEvent?.queue;
  const user = snapshot?.user ?? fromEvent?.user;
  const detail = purpose === 'acd' ? (queue?.name ?? queue?.id ?? '') : (user?.name ?? queue?.name ?? '');
  return { name, purpose, detail: detail === name ? '' : detail };
}

/**
 * Each participant's lifecycle from the conversation's events: one segment per state, with its
 * start and end; what ends no state (wrap-up, updates) as marks. Events later than `untilMs` are
 * left out, and open segments run to `untilMs` (or to the last event when nothing is open).
 *
 * @example
 * const timeline = conversationTimeline(await conversationHistory(id), snapshot, view.now());
 * timeline.participants[0].segments; // [{ state: 'connected', startMs, endMs, open: true }]
 */
export function conversationTimeline(history: readonly TrackerEvent[], snapshot: ConversationSnapshot | undefined, untilMs: number): ConversationTimeline {
  const events = history
    .map((event, order) => ({ event, order, timeMs: Date.parse(event.time) }))
    .filter((e) => e.timeMs <= untilMs)
    .sort((a, b) => a.timeMs - b.timeMs || a.order - b.order);
  const snapshots = new Map((snapshot?.participants as readonly MediaParticipant[] | undefined ?? []).map((p) => [p.id, p]));
  const rows = new Map<string, { added: TrackerEvent | undefined; segments: TimelineSegment[]; marks: TimelineMark[]; current: { state: string; startMs: number } | undefined }>();
  for (const { event, timeMs } of events) {
    const id = event.participantId;
    let row = rows.get(id);
    if (row === undefined) rows.set(id, (row = { added: undefined, segments: [], marks: [], current: undefined }));
    if (event.type === 'participant.added') row.added = event;
    const next = stateAfter(event);
    if (next === undefined) {
      row.marks.push({ timeMs, label: markLabel(event) });
      continue;
    }
    if (row.current !== undefined) row.segments.push({ state: row.current.state, startMs: row.current.startMs, endMs: timeMs, open: false });
    row.current = next === null ? undefined : { state: next, startMs: timeMs };
  }
  const startMs = events[0]?.timeMs ?? untilMs;
  const anyOpen = [...rows.values()].some((r) => r.current !== undefined);
  const endMs = anyOpen ? Math.max(untilMs, events.at(-1)?.timeMs ?? untilMs) : (events.at(-1)?.timeMs ?? untilMs);
  const participants = [...rows.entries()].map(([id, row]) => {
    const segments = [...row.segments];
    if (row.current !== undefined) segments.push({ state: row.current.state, startMs: row.current.startMs, endMs, open: true });
    const { name, purpose, detail } = describe(id, snapshots.get(id), row.added);
    const queued = purpose === 'acd';
    return {
      id, name, purpose, detail, marks: row.marks,
      segments: segments.map((s) => (queued && s.state === 'connected' ? { ...s, state: 'in queue' } : s)),
    };
  });
  return { startMs, endMs, participants };
}
