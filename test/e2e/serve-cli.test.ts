import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnServe, stopServe } from '../support/served.js';
import { scratchSpace } from '../support/temp-store.js';

const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const { tempDir, cleanup } = scratchSpace();

const serveSync = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [bin, 'serve', '--data', tempDir(), ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } });

const oneLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |node:internal/);
};

describe('participant-tracker serve', () => {
  it('refuses to listen beyond loopback without a token: one line, exit 2', () => {
    const result = serveSync(['--host', '0.0.0.0', '--port', '0'], { PARTICIPANT_TRACKER_TOKEN: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--host 0.0.0.0 reaches other machines: give --token');
    oneLine(result.stderr);
  });

  it('refuses a short token, a bad port and a bad size', () => {
    for (const [args, text] of [
      [['--token', 'short'], 'at least 16 characters'],
      [['--port', '70000'], '--port "70000" is not a port number'],
      [['--port', '0', '--max-body', 'lots'], '--max-body "lots" is not a size'],
      [['--port', '0', '--simulate', '--speed', '-3'], '--speed "-3" must be a number > 0'],
    ] as const) {
      const result = serveSync([...args]);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(text);
      oneLine(result.stderr);
    }
  });

  it('refuses a push interval of 0 as a usage error (exit 2), with the help hint', () => {
    const result = serveSync(['--port', '0', '--push-interval', '0s']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"0s" must be longer than 0');
    expect(result.stderr).not.toMatch(/\n\s+at |node:internal/);
  });

  it('takes a push interval under a second (frames every 100 ms)', async () => {
    const served = await spawnServe(['--port', '0', '--data', tempDir(), '--push-interval', '100ms']);
    cleanup(() => served.child.kill('SIGKILL'));
    expect((await fetch(new URL('/healthz', served.url))).status).toBe(200);
    expect(await stopServe(served)).toBe(130);
  });

  it('a port in use is one line and exit 2', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanup(() => blocker.close());
    const port = (blocker.address() as { port: number }).port;
    const result = serveSync(['--port', String(port)]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
    oneLine(result.stderr);
  });

  it('--demo: prints the address, serves a live simulated floor, and Ctrl-C ends it with 130; a restart resumes the store', async () => {
    const data = tempDir();
    const served = await spawnServe(['--demo', '--port', '0', '--data', data]);
    cleanup(() => served.child.kill('SIGKILL'));
    let health: { ready: boolean; sources: { name: string; state: string; events: number }[] } | undefined;
    const deadline = Date.now() + 30_000;
    do {
      health = (await (await fetch(new URL('/healthz', served.url))).json()) as NonNullable<typeof health>;
    } while ((health.sources.find((s) => s.name === 'simulate')?.events ?? 0) < 500 && Date.now() < deadline);
    expect(health.ready).toBe(true);
    expect(health.sources.find((s) => s.name === 'simulate')).toMatchObject({ state: 'running' });
    const before = (await (await fetch(new URL('/api/conversations?limit=10000', served.url))).json()) as { id: string }[];
    expect(before.length).toBeGreaterThan(10);
    expect(await stopServe(served)).toBe(130);

    const again = await spawnServe(['--port', '0', '--data', data]);
    cleanup(() => again.child.kill('SIGKILL'));
    const after = (await (await fetch(new URL('/api/conversations?limit=10000', again.url))).json()) as { id: string }[];
    expect(after.map((c) => c.id)).toEqual(expect.arrayContaining(before.map((c) => c.id)));
    expect(await stopServe(again)).toBe(130);
  });
});
