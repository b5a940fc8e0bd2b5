import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServe, stopServe } from '../support/served.js';

/** A `participant-tracker serve` child process on a free port, over a store in a temporary directory. */
export interface Served {
  /** The dashboard's address, `http://127.0.0.1:PORT/`. */
  readonly url: string;
  /** `fetch` on the service, with the token when it has one. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the service (SIGINT, then SIGKILL if it lingers) and removes its store. */
  stop(): Promise<void>;
}

/**
 * Starts `serve --port 0 --data <temporary directory> …args` and resolves once it printed the
 * dashboard's address on stderr.
 *
 * @example
 * const served = await serve(['--token', token], token);
 * await served.api('/api/metrics');
 */
export async function serve(args: readonly string[], token?: string): Promise<Served> {
  const data = await mkdtemp(join(tmpdir(), 'pt-browser-'));
  const process = await spawnServe(['--port', '0', '--data', data, ...args]).catch(async (error: unknown) => {
    await rm(data, { recursive: true, force: true });
    throw error;
  });
  return {
    url: process.url,
    api: (path, init = {}) =>
      fetch(new URL(path, process.url), { ...init, headers: { ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }), ...init.headers } }),
    stop: async () => {
      await stopServe(process);
      await rm(data, { recursive: true, force: true });
    },
  };
}
