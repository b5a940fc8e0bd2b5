import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { TrackerEvent } from '../events/tracker-event.js';
import { ContactCenter } from './contact-center.js';
import { resolveScenario, type Scenario, type SimulationOptions } from './scenario.js';

function* run(scenario: Scenario): Generator<TrackerEvent, void, undefined> {
  const pending: TrackerEvent[] = [];
  const center = new ContactCenter(scenario, (event) => pending.push(event));
  while (center.step()) {
    if (pending.length === 0) continue;
    for (let i = 0; i < pending.length; i++) yield pending[i]!;
    pending.length = 0;
  }
}

/**
 * Simulates a contact center and streams the v1 events it produces, lazily and in time order
 * (equal times in causal order). The same options always give the same events, byte for byte
 * once serialized. Customers arrive during `duration`; conversations still open then run to their
 * end. Throws an {@link InvalidOptionError} naming each bad field for invalid options (before any event).
 *
 * @example
 * for (const event of simulate({ seed: 7, duration: '30m', agents: 10, media: 'chat' })) {
 *   tracker.apply(event);
 * }
 */
export function simulate(options: SimulationOptions = {}): Generator<TrackerEvent, void, undefined> {
  const result = resolveScenario(options);
  if (!result.ok) throw new InvalidOptionError(result.message);
  return run(result.scenario);
}
