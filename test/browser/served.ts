import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;

/** A `participant-tracker serve` child process on a free port, over a store in a temporary directory. */
export interface Served {
  /** The dashboard's address, `http://127.0.0.1:PORT/`. */
  readonly url: string;
  /** `fetch` on the service, with the token when it has one. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the service (SIGINT, then SIGKILL if it lingers) and removes its store. */
  stop(): Promise<void>;
}

/** Waits for `child` to exit, up to `ms`; whether it did. */
function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
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
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', data, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const stop = async () => {
    child.kill('SIGINT');
    if (!(await exited(child, 10_000))) {
      child.kill('SIGKILL');
      await exited(child, 5_000);
    }
    await rm(data, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve printed no address in 60 s:\n${stderr}`)), 60_000);
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        const match = /dashboard at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
        if (match !== null) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${code}:\n${stderr}`));
      });
    });
    const api = (path: string, init: RequestInit = {}) =>
      fetch(new URL(path, url), { ...init, headers: { ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }), ...init.headers } });
    return { url, api, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
