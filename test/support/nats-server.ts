import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A `nats-server` with JetStream on 127.0.0.1, its store in a temporary directory. */
export interface TestNatsServer {
  /** `nats://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The JetStream store directory (`-sd`); kept by `kill9()` and `restart()`, removed by `stop()`. */
  readonly storeDir: string;
  /** Ends the server (SIGTERM, then SIGKILL after 5 s) and removes its store. Safe to call twice. */
  stop(): Promise<void>;
  /** Kills the server at once (SIGKILL), keeping its store: `restart()` brings it back. */
  kill9(): Promise<void>;
  /** Stops the server if it runs (SIGTERM), then starts it again on the same port over the same store. */
  restart(): Promise<void>;
}

/** The path of the server binary: `NATS_SERVER` if set, else `nats-server` on the PATH. */
const BINARY = process.env.NATS_SERVER ?? 'nats-server';

/** Every server a test started and has not stopped: killed when the test process exits. */
const running = new Set<ChildProcess>();
/** Every store directory not removed yet: removed when the test process exits. */
const storeDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
    for (const dir of storeDirs) rmSync(dir, { recursive: true, force: true });
  });
}

/** A TCP port free on 127.0.0.1 right now (the kernel's pick). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a NATS server answers on the port: it greets every client with an `INFO` line. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString('latin1').startsWith('INFO ')));
  });
}

/** Waits for a child process to exit (at once if it has). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the server binary and waits until it takes connections (10 s at most). */
async function launch(port: number, storeDir: string): Promise<ChildProcess> {
  const child = spawn(BINARY, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    // Keep the start of the log only: it says why a server did not come up.
    if (log.length < 8192) log += chunk;
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const failed = await Promise.race([spawnError, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 50))]);
    if (failed !== undefined) throw new Error(`cannot start ${BINARY}: ${failed.message}`);
    if (child.exitCode !== null) throw new Error(`${BINARY} exited with code ${child.exitCode} on port ${port}:\n${log}`);
    if (log.includes('Server is ready') && (await greets(port))) return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${BINARY} did not take connections on port ${port} within 10 s:\n${log}`);
    }
  }
}

/**
 * Starts a real `nats-server -js` on 127.0.0.1, a free port and a store in a temporary
 * directory, and waits until it takes connections. Stop it in `afterAll`; a server left running
 * is killed, and its store removed, when the test process exits.
 *
 * @example
 * let nats: TestNatsServer;
 * beforeAll(async () => { nats = await startNatsServer(); });
 * afterAll(() => nats.stop());
 */
export async function startNatsServer(): Promise<TestNatsServer> {
  installExitHook();
  const storeDir = mkdtempSync(join(tmpdir(), 'participant-tracker-nats-'));
  storeDirs.add(storeDir);
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(port, storeDir).catch((error: unknown) => {
    rmSync(storeDir, { recursive: true, force: true });
    storeDirs.delete(storeDir);
    throw error;
  });

  const end = async (signal: NodeJS.Signals): Promise<void> => {
    const current = child;
    child = undefined;
    if (current === undefined) return;
    const timer = setTimeout(() => current.kill('SIGKILL'), 5000);
    current.kill(signal);
    await exited(current);
    clearTimeout(timer);
  };

  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    async stop() {
      await end('SIGTERM');
      rmSync(storeDir, { recursive: true, force: true });
      storeDirs.delete(storeDir);
    },
    kill9: () => end('SIGKILL'),
    async restart() {
      await end('SIGTERM');
      child = await launch(port, storeDir);
    },
  };
}
