import type { ConversationSnapshot } from '../../src/model/conversation-snapshot.js';
import type { OpenConversation } from './drilldown.js';
import { conversationStatus, customerName, STATUS_LABELS, STATUS_ORDER } from './conversation-status.js';
import { element } from './dom.js';
import { FOCUS_KEY, replaceKeepingFocus } from './focus.js';
import { LiveDurations } from './live-durations.js';
import { conversationQueue, queueLabel } from './queues.js';

/** Rows shown at most: a wall display has no use for more, and the page stays quick. */
const MOST_ROWS = 200;

/**
 * The floor: every conversation under way, waiting ones first (longest wait on top), each with
 * its media, queue, customer, status and time in status (running on), its id a button that opens
 * the drill-down. The list carries `data-count` (how many conversations).
 *
 * @example
 * const list = new FloorList(tbody, caption, openDrilldown);
 * list.show(view.conversations.filter((c) => inQueue(c, key)));
 */
export class FloorList {
  private readonly durations = new LiveDurations();

  constructor(private readonly body: HTMLTableSectionElement, private readonly summary: HTMLElement, private readonly open: OpenConversation) {}

  /** Shows `conversations`. */
  show(conversations: readonly ConversationSnapshot[]): void {
    const rows = conversations
      .map((conversation) => ({ conversation, ...conversationStatus(conversation) }))
      .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || (a.since ?? '').localeCompare(b.since ?? '') || a.conversation.id.localeCompare(b.conversation.id));
    this.durations.clear();
    const shown = rows.slice(0, MOST_ROWS).map(({ conversation, status, since }) => {
      const button = element('button', { className: 'link', text: conversation.id, attrs: { type: 'button', [FOCUS_KEY]: `floor:${conversation.id}` } });
      button.addEventListener('click', () => this.open(conversation.id, button));
      const duration = element('td', { className: 'duration' });
      this.durations.add(duration, since);
      return element('tr', { attrs: { 'data-conversation': conversation.id, 'data-status': status } },
        element('td', { className: 'conversation' }, button),
        element('td', { text: `${queueLabel(conversationQueue(conversation))} · ${conversation.media}` }),
        element('td', { text: customerName(conversation) ?? '' }),
        element('td', { className: `state state-${status}`, text: STATUS_LABELS[status] }),
        duration,
      );
    });
    if (rows.length > MOST_ROWS) {
      shown.push(element('tr', {}, element('td', { className: 'empty', text: `${rows.length - MOST_ROWS} more not shown`, attrs: { colspan: '5' } })));
    }
    if (rows.length === 0) shown.push(element('tr', {}, element('td', { className: 'empty', text: 'No conversation under way.', attrs: { colspan: '5' } })));
    replaceKeepingFocus(this.body, shown);
    this.body.dataset['count'] = String(rows.length);
    this.summary.textContent = `${rows.length} under way`;
  }

  /** Runs every time in status on to `nowMs`. */
  tick(nowMs: number): void {
    this.durations.tick(nowMs);
  }
}
