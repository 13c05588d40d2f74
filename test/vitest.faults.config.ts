import { defineConfig } from 'vitest/config';

// `pnpm test:faults`: the fault suites (*.faults.test.ts) — PostgreSQL stopped, started and crashed under load,
// and a Patroni pair losing its primary. Each starts its own PostgreSQL and hub; not in `pnpm test` (`.ci/run` runs
// them once, after the README's test command). Side by side, two files: much of each is waiting (a leader key's
// ttl, a restart), and on two cores the pair took 326 s against 595 s one after the other.
export default defineConfig({
  test: {
    name: 'faults',
    root: import.meta.dirname,
    include: ['**/*.faults.test.ts'],
    exclude: ['node_modules/**'],
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 600_000,
    hookTimeout: 900_000,
  },
});
