import Table from 'cli-table3';
import type { ConversationSnapshot } from '../model/conversation-snapshot.js';
import type { MediaParticipant } from '../model/media-participant.js';
import { printable } from '../text/printable.js';

const clock = (iso: string | undefined) => (iso === undefined ? '' : iso.slice(11, 23));

/** Cells for a terminal: text from the events (ids, names, codes) with control characters escaped. */
const printableCells = (cells: readonly string[]) => cells.map(printable);

/**
 * Renders conversation snapshots as a table for people: one row per participant; control
 * characters in ids and names are escaped.
 *
 * @example
 * console.log(snapshotTable(tracker.conversations()));
 */
export function snapshotTable(conversations: readonly ConversationSnapshot[]): string {
  const table = new Table({
    head: ['conversation', 'media', 'participant', 'purpose', 'state', 'held', 'queue', 'user / name', 'start', 'connected', 'end', 'disconnect', 'acw', 'wrap-up'],
    style: { head: [], border: [] },
  });
  for (const conversation of conversations) {
    for (const p of conversation.participants as MediaParticipant[]) {
      table.push(printableCells([
        conversation.id, conversation.media, p.id ?? '', p.purpose ?? '', p.state === 'parked' ? 'parked' : p.state ?? '',
        p.held ? 'yes' : '', p.queue?.name ?? p.queue?.id ?? '', p.user?.name ?? p.name ?? '',
        clock(p.startTime), clock(p.connectedTime), clock(p.endTime), p.disconnectType ?? '',
        p.startAcwTime === undefined ? '' : `${clock(p.startAcwTime)}–${clock(p.endAcwTime)}`,
        p.wrapup?.name ?? p.wrapup?.code ?? (p.wrapupSkipped ? 'skipped' : ''),
      ]));
    }
  }
  return table.toString();
}
