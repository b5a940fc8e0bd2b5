import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { sample } from './samples.js';
import { capture } from '../../support/capture-output.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = join(ROOT, 'src/cli/main.ts');
const fixture = (name: string) => join(ROOT, 'test/fixtures/genesys', `${name}.json`);


afterEach(() => {
  vi.restoreAllMocks();
});

describe('participant-tracker ingest genesys', () => {
  it('writes a v1 event log to --out and the report to stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ingest-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'events.jsonl');
    const stderr = capture(process.stderr);
    const code = await runCli(['node', 'participant-tracker', 'ingest', 'genesys', fixture('chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts'), '--out', out]);
    expect(code).toBe(0);
    const events = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(events).toHaveLength(11);
    expect(createTracker().load(events).every((r) => r.status === 'applied')).toBe(true);
    expect(stderr.text()).toContain('ingest: payloads read: 1\ningest: recognised: ChatConversation 1\ningest: skipped: none\n');
    expect(stderr.text()).toContain('ingest: inconsistencies: 0');
  });

  it('writes to stdout by default, and reports the inconsistent sample on stderr', async () => {
    const stdout = capture(process.stdout);
    const stderr = capture(process.stderr);
    const code = await runCli(['node', 'participant-tracker', 'ingest', 'genesys', fixture('callback-notification-users-conversations-agent-connected-likely-edited')]);
    expect(code).toBe(0);
    expect(stdout.text().trim().split('\n')).toHaveLength(11);
    expect(stderr.text()).toContain('ingest: inconsistencies: 1\ningest:   payload 1 (line 1): conversation ffff-ffff-ffff-ffff: participant 5151853c-ca28-48da-bdcd-f15c46f0712e: state is connected yet disconnectType (client)');
  });

  it('user mistakes end with one plain line and exit code 2', async () => {
    const stderr = capture(process.stderr);
    expect(await runCli(['node', 'participant-tracker', 'ingest', 'genesys', '/no/such/file.json'])).toBe(2);
    expect(await runCli(['node', 'participant-tracker', 'ingest', 'genesys', '--follow', fixture('chat-rest-list-chat-conversations')])).toBe(2);
    expect(await runCli(['node', 'participant-tracker', 'ingest', 'genesys', fixture('chat-rest-list-chat-conversations'), '--out', '/no/such/dir/x.jsonl'])).toBe(2);
    expect(stderr.text().split('\n').filter(Boolean)).toEqual([
      'participant-tracker: cannot read /no/such/file.json: no such file',
      'participant-tracker: --follow reads stdin as it arrives: give - as the input',
      'participant-tracker: cannot write /no/such/dir/x.jsonl: no such directory',
    ]);
  });

  it('--follow writes each payload\'s events as soon as it arrives on stdin', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'ingest', 'genesys', '--follow', '-'], { cwd: ROOT });
    let output = '';
    const firstEvents = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.split('\n').length > 7) resolve();
      });
    });
    child.stdin.write(`${JSON.stringify(sample('chat-rest-list-chat-conversations'))}\n`);
    await firstEvents;
    expect(output.trim().split('\n')).toHaveLength(7);
    child.stdin.end(`${JSON.stringify(sample('chat-notification-users-conversations-chats-agent-disconnect-acw'))}\n`);
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(output.trim().split('\n')).toHaveLength(17);
  }, 30_000);

  it('ingest genesys x | replay - replays with no rejection', () => {
    const command = `node --import tsx ${MAIN} ingest genesys ${fixture('callback-rest-get-conversation-scheduled-three-alert-timeouts')} 2>/dev/null | node --import tsx ${MAIN} replay - 2>&1 >/dev/null`;
    const summary = execFileSync('sh', ['-c', command], { cwd: ROOT, encoding: 'utf8' });
    expect(summary).toMatch(/18 lines read, 18 applied, 0 duplicates, 0 rejected/);
  }, 30_000);
});
