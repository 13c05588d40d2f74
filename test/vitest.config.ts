import { defineProject } from 'vitest/config';

// TEST_BROWSER=off leaves out the tests in Chromium (the dashboard's, test/dashboard, and GraphiQL's): .ci/run's
// second pass, whose point is the server suites on another PostgreSQL, runs them once only (in its first pass).
// Unset, `pnpm test` runs everything.
const browser = process.env.TEST_BROWSER !== 'off';

export default defineProject({
  test: {
    name: 'e2e',
    include: ['**/*.e2e.test.ts'],
    exclude: ['node_modules/**', ...(browser ? [] : ['dashboard/**', 'graphiql.e2e.test.ts'])],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // A page's answer to a click or a key within 5 s (an expect.poll without its own timeout): Vitest's default,
    // 1 s, is a timing promise a loaded two-core machine can break.
    expect: { poll: { timeout: 5_000 } },
  },
});
