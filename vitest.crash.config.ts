import { defineConfig } from 'vitest/config';

/**
 * Crash and soak tests (`npm run test:crash`; CI runs them after test:stats): child processes killed
 * with SIGKILL at random points, and a log larger than the heap replayed in flat memory.
 */
export default defineConfig({
  test: {
    include: ['test/crash/**/*.test.ts'],
    testTimeout: 300_000,
  },
});
