import { ABSENT, type CompiledLifecycle } from './compile-lifecycle.js';

/**
 * The event keys that never change the lifecycle state (`participant.updated`,
 * `callback.scheduled`); the diagram lists them once instead of drawing loops.
 */
function stateKeepingKeys(lifecycle: CompiledLifecycle): ReadonlySet<string> {
  const keys = new Set(lifecycle.states.flatMap((state) => lifecycle.accepted(state)));
  const keepsState = (key: string) => lifecycle.states.every((state) => {
    const to = lifecycle.next(state, key);
    return to === undefined || to === state;
  });
  return new Set([...keys].filter(keepsState));
}

/**
 * Renders a compiled lifecycle as a Mermaid `stateDiagram-v2`, so the docs are drawn from the
 * machine itself. Transitions between the same two states share one arrow.
 *
 * @example
 * lifecycleDiagram(LIFECYCLES.chat); // 'stateDiagram-v2\n  [*] --> alerting: participant.added …'
 */
export function lifecycleDiagram(lifecycle: CompiledLifecycle): string {
  const stateKeeping = stateKeepingKeys(lifecycle);
  const arrows = new Map<string, string[]>();
  const keeping = new Set<string>();
  for (const from of lifecycle.states) {
    for (const key of lifecycle.accepted(from)) {
      const to = lifecycle.next(from, key)!;
      if (stateKeeping.has(key) && to === from) {
        keeping.add(key);
        continue;
      }
      const source = from === ABSENT ? '[*]' : from;
      const label = key.startsWith('participant.added:') ? `participant.added (state ${key.split(':')[1]})` : key;
      const arrow = `${source} --> ${to}`;
      arrows.set(arrow, [...(arrows.get(arrow) ?? []), label]);
    }
  }
  const lines = ['stateDiagram-v2'];
  for (const [arrow, labels] of arrows) lines.push(`  ${arrow}: ${labels.join(', ')}`);
  for (const state of lifecycle.states) {
    if (state === ABSENT) continue;
    lines.push(`  ${state}: ${state} (Genesys state ${lifecycle.participantState(state)})`);
  }
  const finals = lifecycle.states.filter((s) => s !== ABSENT && lifecycle.accepted(s).every((k) => stateKeeping.has(k)));
  for (const state of finals) lines.push(`  ${state} --> [*]`);
  if (keeping.size > 0) {
    lines.push(`  note right of ${lifecycle.states[1]}`, `    Also accepted without a state change: ${[...keeping].join(', ')}`, '  end note');
  }
  return lines.join('\n');
}

/**
 * The Markdown page of one lifecycle, as kept in `docs/`.
 *
 * @example
 * writeFileSync('docs/chat-participant-lifecycle.md', lifecyclePage(LIFECYCLES.chat));
 */
export function lifecyclePage(lifecycle: CompiledLifecycle): string {
  const title = lifecycle.media === 'chat' ? 'Chat participant lifecycle' : 'Callback participant lifecycle';
  return [
    `# ${title}`,
    '',
    '<!-- Generated from src/machines by `npm run docs:diagrams`; a test fails when it is out of date. -->',
    '',
    'Each arrow is an event the machine accepts in that state; an event with no arrow is rejected',
    'with `illegal-transition`. State names are the machine\'s; the Genesys `state` each one shows',
    'in the snapshot is given next to it.',
    '',
    '```mermaid',
    lifecycleDiagram(lifecycle),
    '```',
    '',
  ].join('\n');
}
