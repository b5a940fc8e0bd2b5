import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { openEventStore, type EventStore } from '../store/event-store.js';
import { durationOption } from './cli-options.js';

/** The options of a command that reads or writes a store. */
export interface DataOptions {
  /** `--data <dir>`: the store's directory. */
  readonly data?: string;
  /** `--retention <duration>`: how long a finished conversation stays in memory (event time, ms). */
  readonly retention?: number;
}

/** A store a command works on, and how to let it go. */
export interface CommandStore {
  readonly store: EventStore;
  /** The store was made for this run (no `--data`) and goes when it is released. */
  readonly scratch: boolean;
  /** Removes a scratch store's directory (the tracker closes the store itself). */
  readonly release: () => void;
}

/**
 * Adds `--data` and `--retention` to a command.
 *
 * @example
 * withDataOptions(new Command('replay'));
 */
export function withDataOptions(command: Command, data = 'keep accepted events in the store in this directory (created if missing); events already stored are duplicates'): Command {
  return command
    .option('--data <dir>', data)
    .addOption(new Option('--retention <duration>', 'how long a finished conversation stays in memory after its last event (event time)').argParser(durationOption).default(10 * 60_000, '10m'));
}

/**
 * The store of a command: the one in `--data`, or a scratch store in a temporary directory, so
 * that a log of any length is replayed in flat memory. `dryRun` reads `--data` without changing it.
 *
 * @example
 * const { store, release } = commandStore(options.data);
 */
export function commandStore(data: string | undefined, dryRun = false): CommandStore {
  if (data !== undefined) return { store: openEventStore(data, { dryRun }), scratch: false, release: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'participant-tracker-'));
  try {
    return { store: openEventStore(dir, { synchronous: 'OFF' }), scratch: true, release: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
