import { Command } from 'commander';
import { jsonLines, paceEvents, simulate } from '../../sim/index.js';
import { BufferedOutput } from '../output.js';
import { addSimulationOptions, simulationFrom, type RawSimulationOptions } from '../simulation-options.js';
import { positiveNumber } from '../cli-options.js';

/**
 * `simulate`: writes a simulated contact-center day as a v1 event log (JSONL) to stdout or
 * `--out`. The same seed and options give the same bytes.
 *
 * @example
 * participant-tracker simulate --seed 7 --duration 8h --agents 14 --aht 180s --media chat --out day.jsonl
 */
export function simulateCommand(): Command {
  return addSimulationOptions(new Command('simulate'))
    .description('Simulate contact-center agent flows (chats and callbacks) and write a valid v1 event log (JSONL)')
    .option('--realtime [speed]', 'pace events to the wall clock (speed 60 plays a minute per second)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (raw: RawSimulationOptions & { realtime?: string | true; out?: string }) => {
      const { options, scenario } = await simulationFrom(raw);
      const speed = raw.realtime === undefined ? undefined : raw.realtime === true ? 1 : positiveNumber('--realtime speed', raw.realtime);

      // A reader that goes away (`| head`, a closed dashboard) ends the run quietly (ReaderGone).
      const output = await BufferedOutput.open(raw.out);
      if (speed === undefined) {
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
