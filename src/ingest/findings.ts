/**
 * What ingest found worth saying about a payload:
 * - `inconsistent`: the payload contradicts itself (a connected participant with a
 *   `disconnectType`); the contradicting values are not recorded;
 * - `time-chosen`: a change the payload proves carries no time, so one was chosen;
 * - `time-moved`: a stated time lies before the participant's previous event and was moved
 *   up to it, so the participant's events still replay in order;
 * - `not-recorded`: a value or change that cannot be recorded (not a time, a field of the
 *   wrong type, a step the participant's lifecycle no longer allows);
 * - `unknown-value`: an enum value no Genesys model lists; kept where the log can hold it.
 */
export type FindingKind = 'inconsistent' | 'time-chosen' | 'time-moved' | 'not-recorded' | 'unknown-value';

/** One finding, naming the conversation, participant and fields it is about. */
export interface IngestFinding {
  readonly kind: FindingKind;
  readonly message: string;
  readonly fields: readonly string[];
  readonly conversationId?: string;
  readonly participantId?: string;
}

/**
 * Builds a finding, leaving out the ids that are not known.
 *
 * @example
 * finding('not-recorded', 'startTime "yesterday" is not a time', ['startTime'], 'c1', 'p1');
 */
export function finding(
  kind: FindingKind,
  message: string,
  fields: readonly string[],
  conversationId?: string,
  participantId?: string,
): IngestFinding {
  return {
    kind,
    message,
    fields,
    ...(conversationId === undefined ? {} : { conversationId }),
    ...(participantId === undefined ? {} : { participantId }),
  };
}
