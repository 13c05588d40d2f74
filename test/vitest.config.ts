import { defineProject } from 'vitest/config';

// TEST_BROWSER=off leaves out the tests in Chromium (the dashboard's, test/dashboard, and GraphiQL's), for a run
// whose point is something else (another PostgreSQL: TEST_DATABASE_URL). Unset, `pnpm test` runs everything.
// (.ci/run's pass on PostgreSQL 15 is `pnpm test:postgres` now, server files only: packages/server/vitest.postgres.config.ts.)
const browser = process.env.TEST_BROWSER !== 'off';

export default defineProject({
  test: {
    name: 'e2e',
    include: ['**/*.e2e.test.ts'],
    exclude: ['node_modules/**', ...(browser ? [] : ['dashboard/**', 'graphiql.e2e.test.ts'])],
    // Names the run's seeded hospital data directory (support/seeded.ts: seeded by the first file that wants it,
    // copied for each hub) and removes it at the end.
    globalSetup: ['support/seeded.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // A page's answer to a click or a key within 5 s (an expect.poll without its own timeout): Vitest's default,
    // 1 s, is a timing promise a loaded two-core machine can break.
    expect: { poll: { timeout: 5_000 } },
  },
});
