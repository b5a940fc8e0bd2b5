import { Command, Option } from 'commander';
import type { TrackerEvent } from '../../events/tracker-event.js';
import { createGenesysArchive, genesysFeed, type GenesysArchive } from '../../payloads/index.js';
import { jsonLines, paceEvents, simulate, type Scenario, type SimulationOptions } from '../../sim/index.js';
import { BufferedOutput } from '../output.js';
import { addSimulationOptions, simulationFrom, type RawSimulationOptions } from '../simulation-options.js';
import { positiveNumber } from '../cli-options.js';
import { addNatsOptions, openNatsEventTarget, type NatsCommandOptions } from '../nats-options.js';
import { notice } from '../notice.js';
import { printable } from '../../text/printable.js';
import { UsageError } from '../usage-error.js';

/** The events as they are read, each added to `archive` on the way. */
function* archived(events: Iterable<TrackerEvent>, archive: GenesysArchive): Generator<TrackerEvent, void, undefined> {
  for (const event of events) {
    archive.add(event);
    yield event;
  }
}

/**
 * `simulate --format genesys`: the queue topic notifications in time order (paced with
 * `speed`), then every conversation's final REST body, then the analytics details query
 * result of the simulated interval (one page holding every conversation).
 */
async function writeGenesys(output: BufferedOutput, options: SimulationOptions, scenario: Scenario, speed: number | undefined): Promise<void> {
  const archive = createGenesysArchive();
  const feed = genesysFeed(archived(simulate(options), archive));
  if (speed === undefined) {
    for (const chunk of jsonLines((function* () { for (const item of feed) yield item.payload; })())) await output.write(chunk);
  } else {
    for await (const item of paceEvents(feed, { speed, startMs: scenario.startMs })) {
      await output.write(`${JSON.stringify(item.payload)}\n`);
      await output.flush();
    }
  }
  const conversations = archive.conversations();
  for (const chunk of jsonLines(conversations)) await output.write(chunk);
  const interval = `${new Date(scenario.startMs).toISOString()}/${new Date(scenario.startMs + scenario.durationMs).toISOString()}`;
  const query = archive.detailsQuery({ interval, paging: { pageSize: Math.max(1, conversations.length), pageNumber: 1 } });
  await output.write(`${JSON.stringify(query)}\n`);
}

/**
 * `simulate --nats <url>`: publishes the simulated events to the JetStream event stream (paced
 * with `speed`), writing them to `--out` too when it is given; the summary goes to stderr.
 */
async function publishSimulation(raw: NatsCommandOptions & { nats: string; out?: string }, events: AsyncIterable<TrackerEvent> | Iterable<TrackerEvent>): Promise<void> {
  const target = await openNatsEventTarget(raw);
  const output = raw.out === undefined ? undefined : await BufferedOutput.open(raw.out);
  let counts;
  try {
    for await (const event of events) {
      if (output !== undefined) await output.write(`${JSON.stringify(event)}\n`);
      const outcome = await target.publisher.publish(event);
      // The simulator writes valid events only: a rejection here is a fault of the package.
      if (outcome.status === 'rejected') throw new Error(`simulated event ${outcome.eventId ?? ''} is not valid: ${outcome.message}`);
    }
    counts = await target.publisher.flush();
  } finally {
    await output?.close();
    await target.close();
  }
  const { settings } = target;
  notice(
    `simulate: ${counts.published} events published, ${counts.duplicates} duplicates` +
      ` (stream ${printable(settings.name)}${target.created ? ', created' : ''}, ${settings.partitions} partitions, at ${printable(target.url)})` +
      `${counts.retries > 0 ? `; ${counts.retries} publishes tried again` : ''}${raw.out !== undefined ? `; written to ${raw.out} too` : ''}`,
  );
}

/**
 * `simulate`: writes a simulated contact-center day as a v1 event log (JSONL) to stdout or
 * `--out`; with `--format genesys`, as the payloads Genesys Cloud would send for it. The same
 * seed and options give the same bytes.
 *
 * @example
 * participant-tracker simulate --seed 7 --duration 8h --agents 14 --aht 180s --media chat --out day.jsonl
 * participant-tracker simulate --seed 7 --duration 1h --format genesys | participant-tracker ingest genesys -
 * participant-tracker simulate --seed 7 --duration 8h --nats nats://127.0.0.1:4222
 */
export function simulateCommand(): Command {
  return addNatsOptions(addSimulationOptions(new Command('simulate')), 'publish the events to the JetStream event stream on this NATS server (nats://host:port) instead of stdout; with --out, to the file too')
    .description('Simulate contact-center agent flows (chats and callbacks) and write a valid v1 event log (JSONL), or the Genesys Cloud payloads of the same day')
    .addOption(new Option('--format <format>', 'v1: the v1 event log; genesys: queue topic notifications, then each conversation\'s REST body, then the analytics details query result of the simulated interval (JSONL)')
      .choices(['v1', 'genesys']).default('v1'))
    .option('--realtime [speed]', 'pace events (or notifications) to the wall clock (speed 60 plays a minute per second)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (raw: RawSimulationOptions & NatsCommandOptions & { realtime?: string | true; out?: string; format: 'v1' | 'genesys' }) => {
      const { options, scenario } = await simulationFrom(raw);
      const speed = raw.realtime === undefined ? undefined : raw.realtime === true ? 1 : positiveNumber('--realtime speed', raw.realtime);
      const { nats } = raw;
      if (nats === undefined) {
        const natsOnly = (['partitions', 'stream', 'subjectPrefix'] as const).find((key) => raw[key] !== undefined);
        if (natsOnly !== undefined) throw new UsageError(`simulate: --${natsOnly.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --nats <url>`);
      } else {
        if (raw.format === 'genesys') throw new UsageError('simulate: --nats publishes v1 events; it cannot be used with --format genesys');
        await publishSimulation({ ...raw, nats }, speed === undefined ? simulate(options) : paceEvents(simulate(options), { speed, startMs: scenario.startMs }));
        return;
      }

      // A reader that goes away (`| head`, a closed dashboard) ends the run quietly (ReaderGone).
      const output = await BufferedOutput.open(raw.out);
      if (raw.format === 'genesys') {
        await writeGenesys(output, options, scenario, speed);
      } else if (speed === undefined) {
        for (const chunk of jsonLines(simulate(options))) await output.write(chunk);
      } else {
        for await (const event of paceEvents(simulate(options), { speed, startMs: scenario.startMs })) {
          await output.write(`${JSON.stringify(event)}\n`);
          await output.flush();
        }
      }
      await output.close();
    });
}
