import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const sample = new URL('../../examples/contact-center.jsonl', import.meta.url).pathname;
const fixture = new URL('../fixtures/genesys/chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts.json', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'pt-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const day = join(dir, 'day.jsonl');

/** Runs a bash command line, where `pt` is the CLI. Returns the exit status of each part of a pipeline. */
function sh(script: string, input?: string) {
  const pt = `pt() { '${process.execPath}' '${bin}' "$@"; }; export -f pt`;
  const r = spawnSync('bash', ['-c', `${pt}; ${script}; echo "status \${PIPESTATUS[*]}" >&3`], {
    encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe', 'pipe'], maxBuffer: 1 << 28,
  });
  const statusLine = String(r.output[3] ?? '');
  return { out: r.stdout, err: r.stderr, statuses: statusLine.replace('status ', '').trim().split(' ').map(Number) };
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at |node:internal|Error: E[A-Z]+/);

beforeAll(() => {
  expect(spawnSync(process.execPath, [bin, 'simulate', '--seed', '3', '--duration', '4h', '--agents', '12', '--out', day]).status).toBe(0);
});

describe('a closed stdout ends the command quietly (exit 0)', () => {
  for (const command of [`replay '${day}'`, `metrics '${day}' --interval 1m`, `ingest genesys '${fixture}'`, 'simulate --duration 8h']) {
    it(`${command.split(' ')[0]} | a reader that is gone`, () => {
      const { err, statuses } = sh(`pt ${command} | true`);
      expect(statuses[0]).toBe(0);
      noStackTrace(err);
      expect(err).not.toContain('cannot read');
    });
  }
});

describe('a reader that goes away after some of the output', () => {
  it('replay | head -1: exit 0, no stack trace', () => {
    const { out, err, statuses } = sh(`pt replay '${day}' | head -1`);
    expect(statuses).toEqual([0, 0]);
    expect(out.split('\n')).toHaveLength(2);
    noStackTrace(err);
  });
});

describe('a write that fails (full disk) is one line naming the output, exit 2', () => {
  const bad = join(dir, 'bad.jsonl');
  beforeAll(() => writeFileSync(bad, '{"id":"e1"}\nnot json\n'));
  const cases: [string, string][] = [
    [`replay '${sample}' > /dev/full`, 'participant-tracker: cannot write stdout: no space left on device'],
    [`metrics '${sample}' > /dev/full`, 'participant-tracker: cannot write stdout: no space left on device'],
    [`replay '${bad}' --rejects /dev/full`, 'participant-tracker: cannot write /dev/full: no space left on device'],
    [`ingest genesys '${fixture}' --out /dev/full`, 'participant-tracker: cannot write /dev/full: no space left on device'],
    [`ingest genesys '${fixture}' > /dev/full`, 'participant-tracker: cannot write stdout: no space left on device'],
    [`simulate --out /dev/full`, 'participant-tracker: cannot write /dev/full: no space left on device'],
  ];
  for (const [command, line] of cases) {
    it(command, () => {
      const { err, statuses } = sh(`pt ${command}`);
      expect(statuses[0]).toBe(2);
      noStackTrace(err);
      expect(err.split('\n')).toContain(line);
      expect(err).not.toContain('cannot read');
    });
  }
});

describe('options are checked before any input is read (exit 2, one line)', () => {
  it('metrics --interval 0 and a bare number fail before reading the log', async () => {
    // stdin stays open: a command that read it first would wait, and be stopped by SIGKILL.
    for (const [interval, why] of [['0', '"0" is too short'], ['15', '"15" has no unit: write 15s, 15m or 15h']]) {
      const { code, err } = await runOnOpenStdin(['metrics', '-', '--interval', interval!], '', { signal: 'SIGKILL', afterMs: 10_000 });
      expect(code).toBe(2);
      expect(err).toContain(why);
      expect(err).not.toContain('lines read');
      noStackTrace(err);
    }
  });

  it('--at gives the real reason a time is refused', () => {
    for (const [at, why] of [
      ['2016-12-31T23:59:60Z', '"2016-12-31T23:59:60Z" is a leap second (second 60), which is not supported'],
      ['2026-02-30T10:00:00Z', '"2026-02-30T10:00:00Z" has day 30; February 2026 has days 01–28'],
      ['2026-11-21T10:20:35', 'is not an ISO-8601 time with a zone'],
    ]) {
      const { err, statuses } = sh(`pt replay '${sample}' --at ${at}`);
      expect(statuses[0], at).toBe(2);
      expect(err).toContain(why);
    }
  });

  it('an unknown option exits 2 on every command, nested ones included', () => {
    for (const command of ['replay x', 'validate x', 'metrics x', 'simulate', 'ingest genesys x', '']) {
      const { err, statuses } = sh(`pt ${command} --no-such-option`);
      expect(statuses[0], command).toBe(2);
      expect(err).toContain("unknown option '--no-such-option'");
    }
  });
});

/**
 * Runs the CLI on a stdin pipe that stays open after `input`; sends `signal` after `afterMs`
 * unless the CLI has ended by then. Resolves with its exit code and output.
 */
function runOnOpenStdin(args: string[], input: string, { signal, afterMs }: { signal: NodeJS.Signals; afterMs: number }) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  child.stdin.on('error', () => {});
  child.stdin.write(input);
  // The signal goes once the command waits for more input (afterMs at the earliest): a loaded
  // machine can take longer than afterMs to start node and read the input. Node itself catches
  // SIGINT and SIGTERM from its first moment, so a handler being there says nothing.
  const started = Date.now();
  const idle = idleWatch(child.pid!);
  const timer = setInterval(() => {
    if (idle() && Date.now() - started >= afterMs) {
      clearInterval(timer);
      child.kill(signal);
    }
  }, 20);
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, out, err });
    });
  });
}

/** How long a process must sleep without using CPU time to count as waiting for input. */
const IDLE_MS = 300;

/**
 * Watches a process (Linux: `/proc/<pid>/stat`): each call says whether it has been sleeping,
 * with the same CPU time, for IDLE_MS, which a command does once it has read all there is on an
 * open stdin.
 */
function idleWatch(pid: number): () => boolean {
  let cpu = '';
  let since = Date.now();
  return () => {
    let fields: string[];
    try {
      fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    } catch {
      return false;
    }
    const [state, , , , , , , , , , , utime, stime] = fields;
    const now = `${utime} ${stime}`;
    if (state !== 'S' || now !== cpu) {
      cpu = now;
      since = Date.now();
      return false;
    }
    return Date.now() - since >= IDLE_MS;
  };
}

describe('SIGINT and SIGTERM stop reading, keep what was written and print the summary', () => {
  const input = `${readFileSync(sample, 'utf8')}not json\n{"id":"late"}\n`;

  it('validate - with --rejects: exit 130, the rejections so far in the file, the summary on stderr', async () => {
    const rejects = join(dir, 'interrupted-rejects.jsonl');
    const { code, err } = await runOnOpenStdin(['validate', '-', '--rejects', rejects], input, { signal: 'SIGINT', afterMs: 1500 });
    expect(code).toBe(130);
    expect(err).toBe(`validate: 36 lines read, 34 applied, 0 duplicates, 2 rejected; interrupted by SIGINT: the rest of stdin was not read; rejections written to ${rejects}\n`);
    expect(readFileSync(rejects, 'utf8').trim().split('\n').map((line) => JSON.parse(line).line)).toEqual([35, 36]);
  });

  it('replay - on SIGTERM: exit 143, the summary, no partial snapshots', async () => {
    const { code, out, err } = await runOnOpenStdin(['replay', '-'], input, { signal: 'SIGTERM', afterMs: 1500 });
    expect(code).toBe(143);
    expect(out).toBe('');
    expect(err).toContain('replay: 36 lines read, 34 applied, 0 duplicates, 2 rejected; interrupted by SIGTERM');
  });
});

describe('streams as input', () => {
  it('reads process substitution, /dev/stdin and a FIFO like a file', () => {
    const expected = sh(`pt replay '${sample}'`).out;
    expect(expected.split('\n')).toHaveLength(4);
    expect(sh(`pt replay <(cat '${sample}')`).out).toBe(expected);
    expect(sh(`cat '${sample}' | pt replay /dev/stdin`).out).toBe(expected);
    const fifo = join(dir, 'events.fifo');
    expect(sh(`mkfifo '${fifo}'; (cat '${sample}' > '${fifo}' &); pt replay '${fifo}'`).out).toBe(expected);
  });

  it('a directory is still refused with one line', () => {
    const { err, statuses } = sh(`pt replay '${dir}'`);
    expect(statuses[0]).toBe(2);
    expect(err).toBe(`participant-tracker: cannot read ${dir}: is a directory\n`);
  });
});

describe('a broken stderr costs nothing else', () => {
  it('replay 2>&1 >out | a reader that is gone: every snapshot still reaches out', () => {
    const out = join(dir, 'snapshots.jsonl');
    const { statuses } = sh(`pt replay '${day}' 2>&1 >'${out}' | true`);
    expect(statuses[0]).toBe(0);
    const expected = sh(`pt replay '${day}' 2>/dev/null`).out;
    expect(expected.split('\n').length).toBeGreaterThan(500);
    expect(readFileSync(out, 'utf8') === expected).toBe(true);
  });
});

describe('a JSON-array log cut in half', () => {
  it('keeps the complete elements and reports the cut with its position', () => {
    const events = readFileSync(sample, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const whole = JSON.stringify(events, null, 1);
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, whole.slice(0, whole.indexOf('"id": "e10"')));
    const { out, err, statuses } = sh(`pt replay '${cut}'`);
    expect(statuses[0]).toBe(0);
    expect(err).toMatch(/^line 10: not-json: the JSON array is cut off at byte \d+ \(line \d+\): element 10, from byte \d+ \(line \d+\), is incomplete and there is no closing \]; the 9 elements before it were read$/m);
    expect(err).toContain('replay: 10 lines read, 9 applied, 0 duplicates, 1 rejected');
    expect(JSON.parse(out.split('\n')[0]!).id).toBe('chat-1001');
  });
});

describe('control characters from the input are escaped in everything people read', () => {
  const hostile = join(dir, 'hostile.jsonl');
  beforeAll(() => {
    const lines = [
      { id: 'e1', type: 'participant.added', time: '2026-11-21T10:00:00Z', conversationId: 'c1\u001b[2J', participantId: 'p1', media: 'chat', purpose: 'customer', state: 'connected', name: 'Ann\u0000\u001b[31mRED' },
      { id: 'x\nline 77 (event e9): forged', type: 'participant.nothing', time: '2026-11-21T10:00:01Z', conversationId: 'c1', participantId: 'p1' },
    ];
    writeFileSync(hostile, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  });

  it('in the rejection report and the summary', () => {
    const { err } = sh(`pt validate '${hostile}'`);
    expect(err.split('\n')[0]).toMatch(/^line 2 \(event x\\nline 77 \(event e9\): forged\): invalid-event: /);
    expect(err).not.toMatch(/^line 77/m);
    expect(err).not.toMatch(/[\u0000\u001b]/);
  });

  it('in the snapshot table', () => {
    const { out } = sh(`pt replay '${hostile}' --format table`);
    expect(out).toContain('c1\\u001b[2J');
    expect(out).toContain('Ann\\u0000\\u001b[31mRED');
    expect(out).not.toMatch(/[\u0000\u001b]/);
  });

  it('in the ingest report', () => {
    const payload = JSON.parse(readFileSync(fixture, 'utf8'));
    payload.participants[0].id = 7;
    payload.participants[1].queue = { id: 'q\u001b]0;owned\u0007', name: 'Support\nline 1: forged' };
    const { err } = sh(`pt ingest genesys - > /dev/null`, JSON.stringify(payload));
    expect(err).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(err).toContain('has an id of the wrong type: 7 is a number, not a string');
  });
});

describe('encodings', () => {
  it('UTF-16 input: one line that names the encoding', () => {
    const utf16 = join(dir, 'utf16.jsonl');
    writeFileSync(utf16, Buffer.from(`\ufeff${readFileSync(sample, 'utf8')}`, 'utf16le'));
    const { err, statuses } = sh(`pt validate '${utf16}'`);
    expect(statuses[0]).toBe(1);
    expect(err).toBe(
      'line 1: invalid-utf8: the input is UTF-16 (little-endian, with a byte-order mark), not UTF-8: convert it first, e.g. iconv -f UTF-16 -t UTF-8\n' +
        'validate: 1 lines read, 0 applied, 0 duplicates, 1 rejected\n',
    );
    expect(sh(`pt ingest genesys '${utf16}' > /dev/null`).err).toContain('unreadable: line 1: the input is UTF-16 (little-endian, with a byte-order mark), not UTF-8');
  });
});

describe('ingest genesys with nothing it can read', () => {
  it('exits 1 and says so', () => {
    for (const input of ['hello\n', '{}\n', '']) {
      const { err, statuses } = sh(`pt ingest genesys -`, input);
      expect(statuses[0], JSON.stringify(input)).toBe(1);
      expect(err).toContain('ingest: nothing in stdin is a Genesys payload this tool reads');
    }
    expect(sh(`pt ingest genesys '${fixture}' > /dev/null`).statuses[0]).toBe(0);
  });

  it('says a conversation id of the wrong type is of the wrong type', () => {
    const payload = { ...JSON.parse(readFileSync(fixture, 'utf8')), id: 5 };
    const { err } = sh(`pt ingest genesys - > /dev/null`, JSON.stringify(payload));
    expect(err).toContain('the conversation has an id of the wrong type: 5 is a number, not a string');
    expect(err).not.toContain('has no id');
  });
});
