import { defineConfig } from 'vitest/config';

/**
 * Scale-out tests (`npm run test:scale`; CI runs them after test:crash): a real nats-server with
 * JetStream, workers and gateways as processes, killed and restarted. One file at a time: each
 * runs several processes on a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['test/scale/**/*.test.ts'],
    testTimeout: 180_000,
    maxWorkers: 1,
  },
});
