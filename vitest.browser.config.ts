import { defineConfig } from 'vitest/config';

/**
 * The dashboard in Chromium (`npm run test:browser`, after `npm run build`): the real service as a
 * child process, the page driven with playwright-core; writes docs/images/dashboard*.png.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
