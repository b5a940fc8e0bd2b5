import { Command, Option } from 'commander';
import type { TrackerEvent } from '../../events/tracker-event.js';
import { createGenesysArchive, genesysFeed, type GenesysArchive } from '../../payloads/index.js';
import { jsonLines, paceEvents, simulate, type Scenario, type SimulationOptions } from '../../sim/index.js';
import { BufferedOutput } from '../output.js';
import { addSimulationOptions, simulationFrom, type RawSimulationOptions } from '../simulation-options.js';
import { positiveNumber } from '../cli-options.js';

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
 * `simulate`: writes a simulated contact-center day as a v1 event log (JSONL) to stdout or
 * `--out`; with `--format genesys`, as the payloads Genesys Cloud would send for it. The same
 * seed and options give the same bytes.
 *
 * @example
 * participant-tracker simulate --seed 7 --duration 8h --agents 14 --aht 180s --media chat --out day.jsonl
 * participant-tracker simulate --seed 7 --duration 1h --format genesys | participant-tracker ingest genesys -
 */
export function simulateCommand(): Command {
  return addSimulationOptions(new Command('simulate'))
    .description('Simulate contact-center agent flows (chats and callbacks) and write a valid v1 event log (JSONL), or the Genesys Cloud payloads of the same day')
    .addOption(new Option('--format <format>', 'v1: the v1 event log; genesys: queue topic notifications, then each conversation\'s REST body, then the analytics details query result of the simulated interval (JSONL)')
      .choices(['v1', 'genesys']).default('v1'))
    .option('--realtime [speed]', 'pace events (or notifications) to the wall clock (speed 60 plays a minute per second)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (raw: RawSimulationOptions & { realtime?: string | true; out?: string; format: 'v1' | 'genesys' }) => {
      const { options, scenario } = await simulationFrom(raw);
      const speed = raw.realtime === undefined ? undefined : raw.realtime === true ? 1 : positiveNumber('--realtime speed', raw.realtime);

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
