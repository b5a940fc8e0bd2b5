import { defineConfig } from 'vitest/config';

/** Long statistical and soak runs: `npm run test:stats` (CI runs them after the default suite). */
export default defineConfig({
  test: {
    include: ['test/stats/**/*.test.ts'],
    testTimeout: 600_000,
  },
});
