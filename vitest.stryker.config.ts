import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant of src/model, src/machines, src/tracker and
 * src/events: the fast unit and property tests of those folders (and of the reducers, replay and
 * the store, which drive the tracker). No end-to-end, child-process, ingest, simulator or statistical tests,
 * and no type tests: a run must finish in reasonable time on a small machine.
 */
export default defineConfig({
  test: {
    include: [
      'test/unit/model/**/*.test.ts',
      'test/unit/machines/**/*.test.ts',
      'test/unit/tracker/**/*.test.ts',
      'test/unit/events/**/*.test.ts',
      'test/unit/reducers/**/*.test.ts',
      'test/unit/replay/**/*.test.ts',
      'test/unit/store/**/*.test.ts',
      'test/property/tracker.property.test.ts',
      'test/property/machines.property.test.ts',
      'test/property/store.property.test.ts',
      'test/property/accept-path.property.test.ts',
    ],
    exclude: ['node_modules/**'],
    // Wall-clock limits do not hold on instrumented code: leave out the one timing test.
    testNamePattern: /^(?!.*without walking it)/,
    typecheck: { enabled: false },
    // Each mutant runs the property tests that reach it again: fewer runs per property.
    env: { PROPERTY_NUM_RUNS: '30' },
    testTimeout: 60_000,
  },
});
