import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNatsServer, type TestNatsServer } from './nats-server.js';

const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;

/** A CLI process of the scale-out (a worker, the gateway) and what it wrote to stderr. */
export interface ScaleProcess {
  readonly child: ChildProcess;
  stderr(): string;
  /** Resolves once stderr matches `pattern`, with the match. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then the process's end. */
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

/** A NATS server, the processes started against it, and a directory for their data; `close` stops them all. */
export interface ScaleCluster {
  readonly nats: TestNatsServer;
  readonly dir: string;
  /** Runs the CLI to its end. */
  run(args: readonly string[]): Promise<{ status: number | null; out: string; err: string }>;
  /** Starts a worker whose stores are in `<dir>/<name>`. */
  worker(name: string, leaseMs?: number): ScaleProcess;
  /** Starts the gateway on a free port; resolves with its URL. */
  gateway(): Promise<{ process: ScaleProcess; url: string }>;
  /** Writes events as a JSONL log in the directory; returns its path. */
  log(name: string, events: readonly unknown[]): string;
  close(): Promise<void>;
}

function start(args: readonly string[]): ScaleProcess {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (text += chunk));
  return {
    child,
    stderr: () => text,
    waitFor: (pattern, timeoutMs = 20_000) => new Promise((resolve, reject) => {
      const look = () => {
        const match = pattern.exec(text);
        if (match === null) return false;
        clearTimeout(timer);
        child.stderr.off('data', look);
        resolve(match);
        return true;
      };
      const timer = setTimeout(() => {
        child.stderr.off('data', look);
        reject(new Error(`no ${String(pattern)} in stderr within ${timeoutMs} ms:\n${text}`));
      }, timeoutMs);
      if (!look()) child.stderr.on('data', look);
    }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Starts a NATS server with JetStream for a scale-out test; workers and gateways are started
 * as CLI processes against it, each stopped by `close`.
 *
 * @example
 * const cluster = await startScaleCluster();
 * cluster.worker('w1');
 * await cluster.close();
 */
export async function startScaleCluster(): Promise<ScaleCluster> {
  const nats = await startNatsServer();
  const dir = mkdtempSync(join(tmpdir(), 'pt-scale-'));
  const processes: ScaleProcess[] = [];
  /** Commands run to their end: killed by `close` if a test gave up waiting for them. */
  const runs = new Set<ChildProcess>();
  const track = (p: ScaleProcess) => {
    processes.push(p);
    return p;
  };
  return {
    nats, dir,
    run: (args) => new Promise((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      runs.add(child);
      child.once('exit', () => runs.delete(child));
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (out += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (err += chunk));
      child.on('close', (status) => resolve({ status, out, err }));
    }),
    worker: (name, leaseMs = 1500) => track(start(['worker', '--nats', nats.url, '--data', join(dir, name), '--name', name, '--lease', `${leaseMs}ms`, '--snapshot-every', '500ms'])),
    gateway: async () => {
      const process = track(start(['serve', '--nats', nats.url, '--port', '0', '--push-interval', '50ms']));
      const [, url] = await process.waitFor(/dashboard at (http:\/\/\S+\/)/);
      return { process, url: url! };
    },
    log: (name, events) => {
      const path = join(dir, name);
      writeFileSync(path, events.map((e) => `${JSON.stringify(e)}\n`).join(''));
      return path;
    },
    close: async () => {
      for (const child of runs) child.kill('SIGKILL');
      await Promise.all(processes.map((p) => p.kill9()));
      await nats.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
