import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { participantViolations } from '../../../src/model/invariants.js';
import type { MediaParticipant } from '../../../src/model/media-participant.js';
import { simulate, type SimulationOptions } from '../../../src/sim/index.js';
import { createTracker, type Tracker } from '../../../src/tracker/create-tracker.js';

/** A simulation replayed strictly: its events, the tracker, and every rejection and broken invariant. */
export interface ReplayedSimulation {
  readonly events: TrackerEvent[];
  readonly tracker: Tracker;
  readonly rejections: string[];
  readonly violations: string[];
}

/** Simulates `options` and loads the output into a fresh tracker. */
export function replaySimulation(options: SimulationOptions): ReplayedSimulation {
  const events = [...simulate(options)];
  const tracker = createTracker();
  tracker.load(events);
  const rejections = tracker.rejections().map((r) => `${r.event.type} ${r.event.participantId}: ${r.message}`);
  const violations = tracker.conversations().flatMap((c) =>
    c.participants.flatMap((p) => participantViolations(p, c.media).map((v) => `${c.id}/${p.id}: ${v.message}`)),
  );
  return { events, tracker, rejections, violations };
}

/** Every participant of every conversation, with its conversation's media. */
export function participantsOf(tracker: Tracker): (MediaParticipant & { conversationId: string })[] {
  return tracker.conversations().flatMap((c) => (c.participants as MediaParticipant[]).map((p) => ({ ...p, conversationId: c.id })));
}

/** Serializes events as the CLI does. */
export const serialize = (events: Iterable<unknown>): string => [...events].map((e) => `${JSON.stringify(e)}\n`).join('');
