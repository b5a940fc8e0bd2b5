import { LIFECYCLES } from '../machines/compile-lifecycle.js';
import { lifecycleFinished } from '../machines/lifecycle-phase.js';
import type { WorkingConversation } from './conversation-step.js';

/**
 * Whether every participant of a conversation has finished (see `lifecycleFinished`): nothing
 * more is expected, so the conversation may leave memory once idle. A conversation without
 * participants has nothing under way.
 *
 * @example
 * isFinished(log.work); // true once every participant has disconnected and ended ACW
 */
export function isFinished(work: WorkingConversation): boolean {
  const lifecycle = work.media === undefined ? undefined : LIFECYCLES[work.media];
  return lifecycle === undefined || work.lifecycles.every((state) => lifecycleFinished(lifecycle, state));
}
