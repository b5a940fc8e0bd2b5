import { defineConfig } from 'vitest/config';

/** Crash tests: child processes killed with SIGKILL at random points (`npm run test:crash`; CI runs them after test:stats). */
export default defineConfig({
  test: {
    include: ['test/crash/**/*.test.ts'],
    testTimeout: 300_000,
  },
});
