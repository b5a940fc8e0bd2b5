import type { WrapupPrompt } from '../model/enums.js';
import { WRAPUP_TIMEOUT_CODE, type WrapupCode } from './directory.js';
import { exponential, pick } from './distributions.js';
import type { Random } from './random.js';

/** Share of agents who skip wrap-up when the prompt lets them. */
const SKIP_SHARE = 0.2;
/** Share of applied wrap-ups that carry notes. */
const NOTES_SHARE = 0.15;
const NOTES = [
  'Customer will reply by e-mail',
  'Sent knowledge article',
  'Escalated to tier 2',
  'Order number confirmed',
  'Asked to call back next week',
] as const;

/** How a wrap-up ends. */
export type WrapupOutcome =
  | { readonly kind: 'applied'; readonly code: WrapupCode; readonly notes: string | undefined }
  | { readonly kind: 'skipped' }
  | { readonly kind: 'timedOut'; readonly code: WrapupCode };

/** After-call work of one agent leg; offsets in ms from its start (the agent's disconnection). */
export interface AfterCallWorkPlan {
  readonly wrapupAtMs: number;
  readonly outcome: WrapupOutcome;
  readonly endAtMs: number;
}

/** What after-call work is drawn from. */
export interface AfterCallWorkSettings {
  readonly prompt: WrapupPrompt;
  /** Mean time the agent needs (exponential). */
  readonly acwMs: number;
  readonly wrapupTimeoutMs: number;
  readonly codes: readonly WrapupCode[];
}

/**
 * Draws one agent's after-call work under the queue's wrap-up prompt (Genesys ACW options):
 * - `mandatory`: a code is applied when the work is done;
 * - `optional`, `agentRequested`: a code, or a skip (one agent in five);
 * - `timeout` (mandatory, time-boxed): a code, or `ININ-WRAP-UP-TIMEOUT` at `wrapupTimeoutMs`;
 * - `forcedTimeout` (time-boxed, no early exit): the same, but ACW always lasts `wrapupTimeoutMs`.
 *
 * @example
 * planAfterCallWork(createRandom(1), { prompt: 'timeout', acwMs: 30_000, wrapupTimeoutMs: 120_000, codes });
 * // e.g. { wrapupAtMs: 21_907, outcome: { kind: 'applied', code: …, notes: undefined }, endAtMs: 21_907 }
 */
export function planAfterCallWork(random: Random, settings: AfterCallWorkSettings): AfterCallWorkPlan {
  const workMs = Math.round(exponential(random, settings.acwMs));
  const timeout = settings.wrapupTimeoutMs;
  const applied = (): WrapupOutcome => ({
    kind: 'applied',
    code: pick(random, settings.codes),
    notes: random.chance(NOTES_SHARE) ? pick(random, NOTES) : undefined,
  });
  switch (settings.prompt) {
    case 'timeout':
    case 'forcedTimeout': {
      const end = settings.prompt === 'forcedTimeout' ? timeout : Math.min(workMs, timeout);
      return workMs >= timeout
        ? { wrapupAtMs: timeout, outcome: { kind: 'timedOut', code: WRAPUP_TIMEOUT_CODE }, endAtMs: end }
        : { wrapupAtMs: workMs, outcome: applied(), endAtMs: end };
    }
    case 'optional':
    case 'agentRequested':
      return { wrapupAtMs: workMs, outcome: random.chance(SKIP_SHARE) ? { kind: 'skipped' } : applied(), endAtMs: workMs };
    default:
      return { wrapupAtMs: workMs, outcome: applied(), endAtMs: workMs };
  }
}
