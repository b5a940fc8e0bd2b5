import { InvalidArgumentError, type Command } from 'commander';
import { genesysEnvironment, type GenesysEnvironment } from '../connector/genesys-environment.js';
import { isEntityId } from '../connector/notification-topics.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { UsageError } from './usage-error.js';

/** The connector's options as commander hands them over. */
export interface RawGenesysOptions {
  queues?: string[];
  users?: string[];
}

/** What `ingest genesys --live` and `serve --genesys` connect with. */
export interface GenesysConnection {
  readonly environment: GenesysEnvironment;
  readonly queues: string[];
  readonly users: string[];
}

/**
 * Commander parser for a comma-separated list of Genesys ids (repeatable: the lists add up).
 *
 * @example
 * new Option('--queues <ids>').argParser(idList);
 */
export function idList(value: string, previous: string[] = []): string[] {
  const ids = value.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const bad = ids.find((id) => !isEntityId(id));
  if (bad !== undefined) throw new InvalidArgumentError(`"${bad}" is not a Genesys id (letters, digits and dashes)`);
  if (ids.length === 0) throw new InvalidArgumentError('give at least one id');
  return [...previous, ...ids];
}

/**
 * Adds `--queues` and `--users`, the connector's options shared by `ingest genesys --live` and
 * `serve --genesys`.
 *
 * @example
 * addGenesysOptions(new Command('serve'));
 */
export function addGenesysOptions(command: Command): Command {
  return command
    .option('--queues <ids>', 'Genesys Cloud: queue ids whose chat and callback conversations to follow (comma-separated)', idList)
    .option('--users <ids>', 'Genesys Cloud: user ids whose conversations to follow as well (comma-separated)', idList);
}

/**
 * The connection of `--queues`/`--users` and the `GENESYS_*` environment variables; a
 * `UsageError` (exit 2) naming what is missing. The secret never appears in a message.
 *
 * @example
 * const { environment, queues } = genesysConnection(options, process.env);
 */
export function genesysConnection(raw: RawGenesysOptions, variables: NodeJS.ProcessEnv = process.env): GenesysConnection {
  const queues = raw.queues ?? [];
  const users = raw.users ?? [];
  if (queues.length === 0 && users.length === 0) throw new UsageError('Genesys Cloud: give the queues to follow with --queues <id,id,…> (and --users <id,…> if needed)');
  try {
    return { environment: genesysEnvironment(variables), queues, users };
  } catch (error) {
    if (error instanceof InvalidOptionError) throw new UsageError(error.message);
    throw error;
  }
}
