import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/oracle/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The summary of suites skipped for a missing reference file or oracle tool (tests/support/reference.ts).
    reporters: ['default', './tests/support/skip-reporter.ts'],
  },
});
