import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Long statistical runs, crash tests and browser tests have their own scripts: npm run test:stats,
    // npm run test:crash, npm run test:browser, npm run test:scale.
    exclude: ['test/stats/**', 'test/crash/**', 'test/browser/**', 'test/scale/**', 'node_modules/**'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 60_000,
    // Vitest's default on a 2-core machine is one worker; most files here wait on child processes and sockets.
    maxWorkers: 2,
  },
});
