import { Command } from 'commander';
import { publishLog } from '../../scale/publish-log.js';
import { printable } from '../../text/printable.js';
import { interruptible } from '../interruption.js';
import { openLog } from '../log-source.js';
import { addNatsOptions, openNatsEventTarget, type NatsCommandOptions } from '../nats-options.js';
import { notice } from '../notice.js';
import { BufferedOutput } from '../output.js';
import { startProgress } from '../progress.js';
import { describeRejection } from '../run-replay.js';
import { UsageError } from '../usage-error.js';

/**
 * `publish <file|-> --nats <url>`: publishes a log's valid events to the JetStream event
 * stream, each on its conversation's partition, with its id as the message id (a second publish
 * within the stream's duplicate window is dropped and counted as a duplicate). Bad lines are
 * reported like `validate` reports them and skipped; the summary goes to stderr. Exit 2 when the
 * server cannot be reached or the stream exists with other settings.
 *
 * @example
 * participant-tracker publish day.jsonl --nats nats://127.0.0.1:4222 --partitions 16
 */
export function publishCommand(): Command {
  return addNatsOptions(new Command('publish'), 'NATS server with JetStream to publish to (nats://host:port; required)')
    .description('Publish an event log to NATS JetStream: each valid event on its conversation\'s partition, deduplicated by event id')
    .argument('<file>', 'event log (JSONL or a JSON array); - reads stdin')
    .option('--rejects <file>', 'write rejected lines as JSONL to this file instead of stderr')
    .action(interruptible(async (interruption, file: string, options: NatsCommandOptions & { rejects?: string }) => {
      const { nats } = options;
      if (nats === undefined) throw new UsageError('publish: give the NATS server with --nats <url> (e.g. nats://127.0.0.1:4222)');
      const log = openLog(file);
      const target = await openNatsEventTarget({ ...options, nats });
      const rejectsOut = options.rejects === undefined ? BufferedOutput.stderr() : await BufferedOutput.open(options.rejects);
      const progress = startProgress(log.sizeBytes);
      let summary;
      try {
        summary = await publishLog(log.source, target.publisher, {
          signal: interruption.signal,
          onProgress: progress.update,
          onRejection: (rejection) =>
            rejectsOut.write(options.rejects === undefined ? `${printable(describeRejection(rejection))}\n` : `${JSON.stringify(rejection)}\n`),
        });
      } finally {
        progress.stop();
        await rejectsOut.close();
        await target.close();
      }
      const s = summary;
      const { settings } = target;
      notice(
        `publish: ${s.linesRead} lines read, ${s.published} published, ${s.duplicates} duplicates, ${s.rejected} rejected` +
          ` (stream ${printable(settings.name)}${target.created ? ', created' : ''}, ${settings.partitions} partitions, at ${printable(target.url)})` +
          `${s.retries > 0 ? `; ${s.retries} publishes tried again` : ''}` +
          `${s.blankLines > 0 ? ` (${s.blankLines} blank lines ignored)` : ''}` +
          `${s.interrupted ? `; interrupted by ${String(interruption.signal.reason)}: the rest of ${log.label} was not read` : ''}` +
          `${options.rejects !== undefined && s.rejected > 0 ? `; rejections written to ${options.rejects}` : ''}`,
      );
    }));
}
