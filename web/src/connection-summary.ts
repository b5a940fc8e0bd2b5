import type { ConnectorStatus } from '../../src/connector/connector-status.js';
import { formatDuration } from './format.js';

/**
 * A Genesys Cloud connection in one line for the sources list: channels connected, the
 * heartbeat observed, gaps with the time they lost and the last one's cause, backfills with the
 * conversations they fetched.
 *
 * @example
 * connectionSummary(status);
 * // '1 of 1 channel connected, heartbeat 0:30 · 1 gap (0:12 lost; last: the socket closed (1006)) · 2 backfills (14 conversations)'
 */
export function connectionSummary(status: ConnectorStatus): string {
  const connected = status.channels.filter((c) => c.state === 'connected').length;
  const heartbeat = status.channels.find((c) => c.heartbeatMs !== null)?.heartbeatMs;
  const channels = `${connected} of ${status.channels.length} channel${status.channels.length === 1 ? '' : 's'} connected${heartbeat == null ? '' : `, heartbeat ${formatDuration(heartbeat)}`}`;
  const { gaps, backfills } = status;
  const gapText = gaps.count === 0 ? 'no gaps'
    : `${gaps.count} gap${gaps.count === 1 ? '' : 's'} (${formatDuration(gaps.totalMs)} lost${gaps.last === null ? '' : `; last: ${gaps.last.reason}`})`;
  const backfillText = `${backfills.count} backfill${backfills.count === 1 ? '' : 's'} (${backfills.conversations} conversation${backfills.conversations === 1 ? '' : 's'})`;
  return [channels, gapText, backfillText].join(' · ');
}
