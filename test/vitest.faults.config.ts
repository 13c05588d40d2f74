import { defineConfig } from 'vitest/config';

// `pnpm test:faults`: the fault suites (*.faults.test.ts) — PostgreSQL stopped, started and crashed under load,
// and a Patroni pair losing its primary. Each starts its own PostgreSQL and hub and loads them, so they run one
// file at a time, on their own, and not in `pnpm test` (`.ci/run` runs them once, after the README's test command).
export default defineConfig({
  test: {
    name: 'faults',
    root: import.meta.dirname,
    include: ['**/*.faults.test.ts'],
    exclude: ['node_modules/**'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 900_000,
  },
});
