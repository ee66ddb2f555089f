import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The temporary root first: the PostgreSQL server keeps its data under it.
    globalSetup: ['test/support/tempRoot.ts', 'test/support/postgres.ts'],
    // Two cores on CI: keep parallelism modest so end-to-end suites do not starve each other.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
