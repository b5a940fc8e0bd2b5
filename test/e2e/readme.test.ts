import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = (lang: string) => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

// Scratch space inside the package (git-ignored), so `import … from 'participant-tracker'` resolves to this package.
const scratch = mkdtempSync(join(root, '.readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README examples run as written', () => {
  const commands = blocks('sh').flatMap((b) => b.split('\n')).filter((l) => l.startsWith('npx participant-tracker') && !l.includes('--realtime'));

  it.each(commands)('%s', (line) => {
    const shell = line.replaceAll('npx participant-tracker', `node ${join(root, 'dist/cli/main.js')}`).replaceAll(' day.jsonl', ` ${join(scratch, 'day.jsonl')}`)
      .replaceAll(' ./data', ` ${join(scratch, 'data')}`);
    const out = execFileSync('bash', ['-o', 'pipefail', '-c', shell], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(typeof out).toBe('string');
  });

  it.each(blocks('ts').map((code, i) => [i, code] as const))('TypeScript block %i', (i, code) => {
    const file = join(scratch, `block-${i}.mts`);
    writeFileSync(file, code);
    execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  });

  it('has both of the two commands', () => {
    expect(readme).toContain('npm install && npx participant-tracker replay examples/contact-center.jsonl');
    expect(readme).toMatch(/^npm test$/m);
  });
});
