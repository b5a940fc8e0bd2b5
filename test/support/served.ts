import { spawn, type ChildProcess } from 'node:child_process';

const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;

/** A `participant-tracker serve` child process. */
export interface ServeProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:PORT/` as it printed it. */
  readonly url: string;
  /** What it wrote on stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or the signal) once it exited, or `undefined` after `ms`. */
  exited(ms: number): Promise<number | NodeJS.Signals | undefined>;
}

/**
 * Starts `participant-tracker serve …args` (give `--port 0` and `--data`) and resolves once it
 * printed the dashboard's address on stderr; rejects with its stderr when it exits first.
 *
 * @example
 * const served = await spawnServe(['--port', '0', '--data', dir]);
 * await fetch(new URL('/healthz', served.url));
 */
export async function spawnServe(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ServeProcess> {
  const child = spawn(process.execPath, [bin, 'serve', ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = (ms: number) => new Promise<number | NodeJS.Signals | undefined>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? child.signalCode ?? undefined);
    const timer = setTimeout(() => resolve(undefined), ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal ?? undefined);
    });
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no address in 60 s:\n${stderr}`)), 60_000);
    const look = () => {
      const match = /dashboard at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
      if (match === null) return;
      clearTimeout(timer);
      child.stderr.off('data', look);
      resolve(match[1]!);
    };
    child.stderr.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${stderr}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited(5_000);
    throw error;
  });
  return { child, url, stderr: () => stderr, exited };
}

/**
 * Stops a served process: SIGINT, then SIGKILL if it lingers past `ms`; resolves with its exit code.
 *
 * @example
 * expect(await stopServe(served)).toBe(130);
 */
export async function stopServe(served: ServeProcess, ms = 10_000): Promise<number | NodeJS.Signals | undefined> {
  served.child.kill('SIGINT');
  const code = await served.exited(ms);
  if (code !== undefined) return code;
  served.child.kill('SIGKILL');
  return served.exited(5_000);
}
