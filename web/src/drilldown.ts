import type { TrackerEvent } from '../../src/events/tracker-event.js';
import type { ConversationSnapshot } from '../../src/model/conversation-snapshot.js';
import { conversationHistory } from './api.js';
import { element, required } from './dom.js';
import { restoreFocus } from './focus.js';
import { formatDuration, formatInstant, formatTimeOfDay } from './format.js';
import { conversationTimeline, type ConversationTimeline, type ParticipantTimeline, type TimelineSegment } from './timeline.js';

/** Opens the drill-down of a conversation; `opener` gets the focus back when it closes. */
export type OpenConversation = (conversationId: string, opener: HTMLElement) => void;

/** CSS class of a state's segment (its colour); unknown states share one. */
const SEGMENT_CLASSES: Readonly<Record<string, string>> = {
  'in queue': 'seg-queue', alerting: 'seg-alerting', offering: 'seg-alerting', dialing: 'seg-alerting', contacting: 'seg-alerting',
  connected: 'seg-connected', held: 'seg-held', parked: 'seg-parked', ACW: 'seg-acw', scheduled: 'seg-scheduled',
};

/** A segment in words: `connected 10:00:24 → 10:05:00 (4:36)`. */
function segmentText(s: TimelineSegment): string {
  const end = s.open ? 'now' : formatTimeOfDay(s.endMs);
  return `${s.state} ${formatTimeOfDay(s.startMs)} → ${end} (${formatDuration(s.endMs - s.startMs)})`;
}

/** One participant's lane: heading, the segments drawn on a track, and the same in words. */
function lane(participant: ParticipantTimeline, timeline: ConversationTimeline): HTMLElement {
  const span = Math.max(1, timeline.endMs - timeline.startMs);
  const track = element('div', { className: 'track', attrs: { 'aria-hidden': 'true' } });
  for (const segment of participant.segments) {
    const bar = element('div', { className: `segment ${SEGMENT_CLASSES[segment.state] ?? 'seg-other'}`, text: segment.state, attrs: { title: segmentText(segment) } });
    bar.style.left = `${((segment.startMs - timeline.startMs) / span) * 100}%`;
    bar.style.width = `${Math.max(0.5, ((segment.endMs - segment.startMs) / span) * 100)}%`;
    track.append(bar);
  }
  const steps = element('ol', { className: 'steps' },
    ...participant.segments.map((s) => element('li', { text: segmentText(s) })),
    ...participant.marks.map((m) => element('li', { className: 'mark', text: `${m.label} at ${formatTimeOfDay(m.timeMs)}` })));
  const heading = element('h3', { className: 'lane-heading', text: participant.name },
    element('span', { className: 'lane-detail', text: [participant.purpose, participant.detail].filter((t) => t !== '').join(' · ') }));
  return element('section', { className: 'lane', attrs: { 'data-participant': participant.id } }, heading, track, steps);
}

/** The events as a table: time, participant (by name, as its lane reads), type. */
function eventTable(history: readonly TrackerEvent[], timeline: ConversationTimeline, untilMs: number): HTMLDetailsElement {
  const names = new Map(timeline.participants.map((p) => [p.id, p.purpose === '' ? p.name : `${p.name} (${p.purpose})`]));
  const rows = history
    .filter((e) => Date.parse(e.time) <= untilMs)
    .map((e) => element('tr', {}, element('td', { text: formatTimeOfDay(e.time) }), element('td', { text: names.get(e.participantId) ?? e.participantId }), element('td', { text: e.type })));
  const table = element('table', { className: 'events' },
    element('thead', {}, element('tr', {}, element('th', { text: 'Time (UTC)' }), element('th', { text: 'Participant' }), element('th', { text: 'Event' }))),
    element('tbody', {}, ...rows));
  return element('details', {}, element('summary', { text: `${rows.length} events` }), table);
}

/** Where the drill-down reads the view: its instant, and the snapshot of a conversation in it. */
export interface DrilldownSource {
  /** The instant open segments run to (epoch ms). */
  now(): number;
  /** The conversation's snapshot as the view shows it; `undefined` when it left the view. */
  snapshot(conversationId: string): ConversationSnapshot | undefined;
}

/**
 * The drill-down panel: a conversation's participants' lifecycles as a timeline (one lane per
 * participant, a segment per state, with times), from its history and the view's snapshot. A
 * modal dialog: Escape or the close button closes it and gives the focus back to what opened it.
 *
 * @example
 * const drilldown = new Drilldown(required('#drilldown', HTMLDialogElement), { now: () => view.now(), snapshot: (id) => floor.get(id) });
 * drilldown.open('chat-1001', button);
 */
export class Drilldown {
  private readonly title: HTMLElement;
  private readonly body: HTMLElement;
  private conversationId: string | undefined;
  private history: readonly TrackerEvent[] = [];
  private opener: HTMLElement | undefined;
  private loading: AbortController | undefined;

  constructor(private readonly dialog: HTMLDialogElement, private readonly view: DrilldownSource) {
    this.title = required('#drilldown-title', HTMLElement, dialog);
    this.body = required('#drilldown-body', HTMLElement, dialog);
    required('#drilldown-close', HTMLButtonElement, dialog).addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => this.closed());
  }

  /** Opens the panel on a conversation and loads its history. */
  readonly open: OpenConversation = (conversationId, opener) => {
    this.conversationId = conversationId;
    this.opener = opener;
    this.history = [];
    this.title.textContent = `Conversation ${conversationId}`;
    this.body.replaceChildren(element('p', { className: 'muted', text: 'Loading…' }));
    if (!this.dialog.open) this.dialog.showModal();
    void this.load();
  };

  /** The conversation shown, while the panel is open. */
  shown(): string | undefined {
    return this.dialog.open ? this.conversationId : undefined;
  }

  /** Loads the shown conversation's history again (it changed). */
  async load(): Promise<void> {
    const id = this.conversationId;
    if (id === undefined) return;
    this.loading?.abort();
    const loading = (this.loading = new AbortController());
    try {
      const history = await conversationHistory(id, loading.signal);
      if (loading.signal.aborted) return;
      this.history = history;
      this.render();
    } catch (error) {
      if (loading.signal.aborted) return;
      this.body.replaceChildren(element('p', { className: 'problem', text: error instanceof Error ? error.message : 'The conversation could not be loaded.' }));
    }
  }

  /** Draws the timeline as of the view's instant (open segments run to it). */
  render(): void {
    const id = this.conversationId;
    if (!this.dialog.open || id === undefined || this.history.length === 0) return;
    const untilMs = this.view.now();
    const snapshot = this.view.snapshot(id);
    const timeline = conversationTimeline(this.history, snapshot, untilMs);
    const media = snapshot?.media ?? (this.history[0]?.type === 'participant.added' ? this.history[0].media : '');
    const summary = element('p', { className: 'muted', text: `${media} · ${formatInstant(timeline.startMs)} → ${formatTimeOfDay(timeline.endMs)} · ${formatDuration(timeline.endMs - timeline.startMs)}` });
    const axis = element('div', { className: 'axis', attrs: { 'aria-hidden': 'true' } },
      element('span', { text: formatTimeOfDay(timeline.startMs) }), element('span', { text: formatTimeOfDay(timeline.endMs) }));
    const events = eventTable(this.history, timeline, untilMs);
    events.open = this.body.querySelector('details')?.open ?? false;
    this.body.replaceChildren(summary, axis, ...timeline.participants.map((p) => lane(p, timeline)), events);
  }

  private closed(): void {
    this.loading?.abort();
    this.conversationId = undefined;
    this.history = [];
    if (this.opener !== undefined) restoreFocus(this.opener);
    this.opener = undefined;
  }
}
