// Run through `npm test` (scripts/test.ts), which provides PostgreSQL and a Temporal dev server and
// exports DATABASE_URL / TEMPORAL_ADDRESS to every test file.
import { defineConfig } from 'vitest/config';

const jsonReport = process.env.VITEST_JSON_REPORT;

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // `npm run bench`: figures printed by vitest (ops/s, mean, p75, p99), never pass/fail timings.
    benchmark: { include: ['tests/bench/**/*.bench.ts'] },
    // Temporal's native core bridge does not work in worker threads (sdk-typescript#876).
    pool: 'forks',
    // One shared database and one Temporal server on a 2-core machine: one file at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The default reporter prints vitest's usual summary last; scripts/test.ts reads the JSON report
    // to add a plain "Tests: N passed, N failed" closing line for CI.
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});
