import type { InvariantViolation } from '../../src/model/invariants.js';

/**
 * The invariant a violation names, as one label (`startTime ≤ connectedTime`,
 * `held ⇔ startHoldTime`, `parked ⇒ callback`). Tests compare these labels, which name the rule
 * and its fields, so that they keep asserting which rule fired if a violation names its fields in
 * a structured form (`{ invariant, earlier, later }`) instead of text.
 */
export function invariantLabel(violation: InvariantViolation): string {
  const v = violation as unknown as Record<string, unknown>;
  if (typeof v.earlier === 'string' && typeof v.later === 'string') return `${v.earlier} ≤ ${v.later}`;
  if (typeof v.invariant === 'string') return v.invariant;
  return JSON.stringify(v.invariant);
}

/** The labels of a list of violations, in the order they were found. */
export const invariantLabels = (violations: readonly InvariantViolation[]): string[] => violations.map(invariantLabel);
