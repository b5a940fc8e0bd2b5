import { printable } from '../text/printable.js';
import type { FindingKind, IngestFinding } from './findings.js';

/**
 * A finding with the payload it is about: its number in the input (1-based) and, from a stream,
 * its line; no number for what was found at the end of input, when participants held back were
 * added (`GenesysIngest.flush`).
 */
export interface LocatedFinding extends IngestFinding {
  readonly payload?: number;
  readonly line?: number;
}

/** Input that is not JSON, with the line it starts on. */
export interface UnreadableInput {
  readonly line: number;
  readonly message: string;
}

/** What an ingest run read, recognised, skipped and found. */
export interface IngestReport {
  /** Payloads read (JSON values; unreadable input not counted). */
  readonly payloads: number;
  /** Payloads turned into events, by kind (`v2.users.{id}.conversations.chats`, `ChatConversation`…). */
  readonly recognised: Readonly<Record<string, number>>;
  /** Payloads recognised and skipped, by kind (`channel.metadata`, `v2.system.socket_closing`…). */
  readonly skipped: Readonly<Record<string, number>>;
  /** Payloads not recognised, by reason. */
  readonly unrecognised: Readonly<Record<string, number>>;
  /** Input that is not JSON. */
  readonly unreadable: readonly UnreadableInput[];
  /** Conversations and participants known, events emitted. */
  readonly conversations: number;
  readonly participants: number;
  readonly events: number;
  /** Payloads that contradict themselves: what, where, and what was not recorded. */
  readonly inconsistencies: readonly LocatedFinding[];
  /** Values and changes that could not be recorded. */
  readonly notRecorded: readonly LocatedFinding[];
  /** How many findings of each kind (chosen and moved times are only counted). */
  readonly findings: Readonly<Record<FindingKind, number>>;
}

/** Accumulates a report while payloads are ingested. */
export interface ReportBuilder {
  recognised(kind: string): void;
  skipped(kind: string): void;
  unrecognised(reason: string): void;
  unreadable(entry: UnreadableInput): void;
  payload(): number;
  findings(found: readonly IngestFinding[], payload?: number, line?: number): void;
  events(count: number): void;
  build(counts: { conversations: number; participants: number }): IngestReport;
}

/** Counts keyed by text from payloads (kinds, reasons), in null-prototype objects so any key is plain data. */
const counter = (): Record<string, number> => Object.create(null) as Record<string, number>;
const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};
const copy = (counts: Record<string, number>) => Object.assign(counter(), counts);

/**
 * Creates an empty report to fill as payloads are ingested.
 *
 * @example
 * const builder = createReportBuilder();
 * builder.skipped('channel.metadata');
 * builder.build({ conversations: 0, participants: 0 }).skipped; // { 'channel.metadata': 1 }
 */
export function createReportBuilder(): ReportBuilder {
  let payloads = 0;
  let events = 0;
  const recognised = counter();
  const skipped = counter();
  const unrecognised = counter();
  const unreadable: UnreadableInput[] = [];
  const inconsistencies: LocatedFinding[] = [];
  const notRecorded: LocatedFinding[] = [];
  const counts: Record<FindingKind, number> = { inconsistent: 0, 'time-chosen': 0, 'time-moved': 0, 'not-recorded': 0, 'unknown-value': 0 };
  return {
    recognised: (kind) => bump(recognised, kind),
    skipped: (kind) => bump(skipped, kind),
    unrecognised: (reason) => bump(unrecognised, reason),
    unreadable: (entry) => void unreadable.push(entry),
    payload: () => ++payloads,
    findings(found, payload, line) {
      for (const item of found) {
        counts[item.kind]++;
        const located = { ...item, ...(payload === undefined ? {} : { payload }), ...(line === undefined ? {} : { line }) };
        if (item.kind === 'inconsistent') inconsistencies.push(located);
        else if (item.kind === 'not-recorded') notRecorded.push(located);
      }
    },
    events: (count) => void (events += count),
    build: ({ conversations, participants }) => ({
      payloads,
      recognised: copy(recognised),
      skipped: copy(skipped),
      unrecognised: copy(unrecognised),
      unreadable: [...unreadable],
      conversations,
      participants,
      events,
      inconsistencies: [...inconsistencies],
      notRecorded: [...notRecorded],
      findings: { ...counts },
    }),
  };
}

/**
 * The report as plain text lines, for a terminal: counts first, then every inconsistency,
 * then what could not be recorded (the first `limit` of each list). Control characters from
 * the payloads are escaped, so each entry stays on its line.
 *
 * @example
 * process.stderr.write(formatIngestReport(report));
 * // payloads read: 19
 * // recognised: ChatConversation 1, v2.users.{id}.conversations 2, …
 */
export function formatIngestReport(report: IngestReport, limit = 20): string {
  const tally = (counts: Readonly<Record<string, number>>) => {
    const entries = Object.entries(counts);
    return entries.length === 0 ? 'none' : entries.map(([key, n]) => `${key} ${n}`).join(', ');
  };
  const where = (f: LocatedFinding) =>
    (f.payload === undefined ? 'end of input' : f.line === undefined ? `payload ${f.payload}` : `payload ${f.payload} (line ${f.line})`);
  const lines = [
    `payloads read: ${report.payloads}`,
    `recognised: ${tally(report.recognised)}`,
    `skipped: ${tally(report.skipped)}`,
  ];
  if (Object.keys(report.unrecognised).length > 0) lines.push(`unrecognised: ${tally(report.unrecognised)}`);
  for (const entry of report.unreadable.slice(0, limit)) lines.push(`unreadable: line ${entry.line}: ${entry.message}`);
  if (report.unreadable.length > limit) lines.push(`unreadable: … and ${report.unreadable.length - limit} more`);
  lines.push(`events: ${report.events} (${report.conversations} conversations, ${report.participants} participants)`);
  lines.push(`times chosen: ${report.findings['time-chosen']}, times moved: ${report.findings['time-moved']}, unknown values: ${report.findings['unknown-value']}`);
  lines.push(`inconsistencies: ${report.inconsistencies.length}`);
  for (const f of report.inconsistencies.slice(0, limit)) lines.push(`  ${where(f)}: conversation ${f.conversationId ?? '?'}: ${f.message}`);
  if (report.inconsistencies.length > limit) lines.push(`  … and ${report.inconsistencies.length - limit} more`);
  if (report.notRecorded.length > 0) {
    lines.push(`not recorded: ${report.notRecorded.length}`);
    for (const f of report.notRecorded.slice(0, limit)) lines.push(`  ${where(f)}: ${f.message}`);
    if (report.notRecorded.length > limit) lines.push(`  … and ${report.notRecorded.length - limit} more`);
  }
  return `${lines.map(printable).join('\n')}\n`;
}
