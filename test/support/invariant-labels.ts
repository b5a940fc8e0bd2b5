import type { InvariantViolation } from '../../src/model/invariants.js';

/**
 * The invariant a violation names, as one label (`startTime ≤ connectedTime`,
 * `held ⇔ startHoldTime`, `parked ⇒ callback`), built here from the violation's rule data
 * (`ordered` earlier/later, `implies` condition/consequence, `equivalent` and `exclusive`
 * left/right), or its text label when it carries no rule. Tests compare these labels: they say
 * which rule fired, over which fields.
 */
export function invariantLabel(violation: InvariantViolation): string {
  const v = violation as unknown as Record<string, unknown>;
  switch (v.rule) {
    case 'ordered': return `${String(v.earlier)} ≤ ${String(v.later)}`;
    case 'implies': return `${String(v.condition)} ⇒ ${String(v.consequence)}`;
    case 'equivalent': return `${String(v.left)} ⇔ ${String(v.right)}`;
    case 'exclusive': return `${String(v.left)} ⊕ ${String(v.right)}`;
    default: return String(v.invariant);
  }
}

/** The labels of a list of violations, in the order they were found. */
export const invariantLabels = (violations: readonly InvariantViolation[]): string[] => violations.map(invariantLabel);
