import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { startGenesysStub } from '../support/genesys-stub/index.js';
import { spawnServe, stopServe } from '../support/served.js';

const root = new URL('../..', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = (lang: string) => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

// Scratch space inside the package (git-ignored), so `import … from 'participant-tracker'` resolves to this package.
const scratch = mkdtempSync(join(root, '.readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README examples run as written', () => {
  const lines = blocks('sh').flatMap((b) => b.split('\n'));
  const live = (l: string) => l.includes(' --live') || l.includes(' --genesys');
  const commands = lines.filter((l) => l.startsWith('npx participant-tracker') && !l.includes('--realtime') && !l.includes(' serve') && !live(l));
  const services = lines.filter((l) => l.startsWith('npx participant-tracker serve') && !live(l));
  const genesys = lines.filter((l) => l.startsWith('npx participant-tracker') && live(l));

  it.each(commands)('%s', (line) => {
    const shell = line.replaceAll('npx participant-tracker', `node ${join(root, 'dist/cli/main.js')}`).replaceAll(' day.jsonl', ` ${join(scratch, 'day.jsonl')}`)
      .replaceAll(' ./data', ` ${join(scratch, 'data')}`);
    const out = execFileSync('bash', ['-o', 'pipefail', '-c', shell], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(typeof out).toBe('string');
  });

  it.each(services)('%s (serves until Ctrl-C)', async (line) => {
    const args = line.replace('npx participant-tracker serve', '').trim().split(/\s+/).filter((a) => a !== '')
      .map((a) => (a === './data' ? join(scratch, 'serve-data') : a === 'events.jsonl' ? join(scratch, 'events.jsonl') : a));
    const port = args.indexOf('--port');
    if (port >= 0) args.splice(port, 2);
    const served = await spawnServe([...args, '--port', '0', ...(args.includes('--data') ? [] : ['--data', join(scratch, 'serve-data')])]);
    try {
      const health = (await (await fetch(new URL('/healthz', served.url))).json()) as { ready: boolean };
      expect(health.ready).toBe(true);
    } finally {
      expect(await stopServe(served)).toBe(130);
    }
  });

  it.each(genesys)('%s (against a local Genesys Cloud stub, until Ctrl-C)', async (line) => {
    const stub = await startGenesysStub();
    try {
      const args = line.replace('npx participant-tracker', '').trim().split(/\s+/)
        .map((a) => (a === 'live.jsonl' ? join(scratch, 'live.jsonl') : a));
      if (args[0] === 'serve') args.push('--port', '0', '--data', join(scratch, 'genesys-data'));
      const env = { ...process.env, GENESYS_CLIENT_ID: stub.clientId, GENESYS_CLIENT_SECRET: stub.clientSecret, GENESYS_API_URL: stub.apiUrl, GENESYS_LOGIN_URL: stub.loginUrl };
      const child = spawn(process.execPath, [join(root, 'dist/cli/main.js'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        await stub.waitFor(() => stderr.includes('genesys: connected') || child.exitCode !== null, 10_000, `${line} connected`);
        child.kill('SIGINT');
        expect(await exited, stderr).toBe(130);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      expect(stub.channels()[0]?.topics).toContain('v2.routing.queues.3c6f420a-26cc-4b59-84f8-3c94011d39da.conversations.chats');
    } finally {
      await stub.close();
    }
  });

  it.each(blocks('ts').map((code, i) => [i, code] as const))('TypeScript block %i', (i, code) => {
    const file = join(scratch, `block-${i}.mts`);
    writeFileSync(file, code);
    execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  });

  it('has both of the two commands', () => {
    expect(readme).toContain('npm install && npx participant-tracker serve --demo');
    expect(readme).toMatch(/^npm test$/m);
  });
});
