import type { ConversationSnapshot } from '../../src/model/conversation-snapshot.js';
import { agentsOnFloor } from './agent-roster.js';
import type { OpenConversation } from './drilldown.js';
import { element } from './dom.js';
import { FOCUS_KEY, replaceKeepingFocus } from './focus.js';
import { ACTIVITY_LABELS } from './leg-state.js';
import { LiveDurations } from './live-durations.js';


/**
 * The agent grid: one row per interaction of each agent (`data-agent` on every row), with the
 * conversation (a button that opens its drill-down), media, queue, state and time in state,
 * running on between frames.
 *
 * @example
 * const grid = new AgentGrid(tbody, summary, openDrilldown);
 * grid.show(view.conversations);
 * grid.tick(view.now());
 */
export class AgentGrid {
  private readonly durations = new LiveDurations();

  constructor(private readonly body: HTMLTableSectionElement, private readonly summary: HTMLElement, private readonly open: OpenConversation) {}

  /** Shows the agents of `conversations`. */
  show(conversations: Iterable<ConversationSnapshot>): void {
    const agents = agentsOnFloor(conversations);
    this.durations.clear();
    const rows: HTMLTableRowElement[] = [];
    for (const agent of agents) {
      agent.interactions.forEach((interaction, index) => {
        const row = element('tr', { attrs: { 'data-agent': agent.key, 'data-conversation': interaction.conversationId, 'data-state': interaction.state.activity } });
        if (index === 0) {
          const name = element('th', { text: agent.name, attrs: { scope: 'rowgroup' } });
          name.rowSpan = agent.interactions.length;
          row.append(name);
        }
        const button = element('button', { className: 'link', text: interaction.conversationId, attrs: { type: 'button', [FOCUS_KEY]: `agent:${agent.key}:${interaction.conversationId}` } });
        button.addEventListener('click', () => this.open(interaction.conversationId, button));
        const duration = element('td', { className: 'duration' });
        this.durations.add(duration, interaction.state.since);
        row.append(
          element('td', { className: 'conversation' }, button),
          element('td', { text: `${interaction.queue} · ${interaction.media}` }),
          element('td', { className: `state state-${interaction.state.activity}`, text: ACTIVITY_LABELS[interaction.state.activity] }),
          duration,
        );
        rows.push(row);
      });
    }
    if (rows.length === 0) rows.push(element('tr', {}, element('td', { className: 'empty', text: 'No agent has an interaction.', attrs: { colspan: '5' } })));
    replaceKeepingFocus(this.body, rows);
    const interactions = agents.reduce((n, a) => n + a.interactions.length, 0);
    this.summary.textContent = `${agents.length} agents, ${interactions} interactions`;
  }

  /** Runs every time in state on to `nowMs`. */
  tick(nowMs: number): void {
    this.durations.tick(nowMs);
  }
}
