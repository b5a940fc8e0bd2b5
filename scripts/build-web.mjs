// Builds the dashboard: bundles web/src/main.ts and the CSS it imports (uPlot's included) into
// dist/web/assets/app.js and app.css, minified, each with its source map beside it, and copies
// web/index.html to dist/web/index.html. Nothing is loaded from elsewhere at run time.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');

await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'assets'), { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: { app: 'web/src/main.ts' },
  outdir: join(out, 'assets'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome120', 'firefox121', 'safari17'],
  minify: true,
  sourcemap: 'linked',
  tsconfig: 'tsconfig.web.json',
  logLevel: 'warning',
});
await copyFile(join(root, 'web', 'index.html'), join(out, 'index.html'));
