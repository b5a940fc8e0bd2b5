/** Wrap-up applied to a participant after the interaction. */
export interface Wrapup {
  /** The user configured wrap up code id. */
  code?: string;
  /** The wrap up code name. */
  name?: string;
  /** Text entered by the agent. */
  notes?: string;
  tags?: string[];
  /** The length of time in seconds that the agent spent doing after call work. */
  durationSeconds?: number;
  /** The timestamp when the wrapup was finished. */
  endTime?: string;
  /** A pending save that does not require a code. */
  provisional?: boolean;
}
