import type { z } from 'zod';

/**
 * A zod issue's message without zod's generic `Invalid input: ` prefix, to follow a field name
 * (`wrapup.code expected string, received number`).
 *
 * @example
 * issueText({ message: 'Invalid input: expected string, received number' } as z.core.$ZodIssue); // 'expected string, received number'
 */
export function issueText(issue: Pick<z.core.$ZodIssue, 'message'>): string {
  return issue.message.replace(/^Invalid input: /, '');
}
