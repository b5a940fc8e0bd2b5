import { writeFileSync } from 'node:fs';
import { LIFECYCLES } from '../src/machines/compile-lifecycle.js';
import { lifecyclePage } from '../src/machines/lifecycle-diagram.js';

/** Writes the lifecycle diagrams of both media into docs/. */
for (const media of ['chat', 'callback'] as const) {
  const file = `docs/${media}-participant-lifecycle.md`;
  writeFileSync(file, lifecyclePage(LIFECYCLES[media]));
  console.log(`wrote ${file}`);
}
