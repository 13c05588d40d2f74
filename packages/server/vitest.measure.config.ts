import { defineConfig } from 'vitest/config';
import server from './vitest.config.ts';

// `pnpm bench:replicas` (and the end of the server's `pnpm bench`): measurements that need the server's test
// harness (a streaming replica made at will: src/test-support/replica.ts) but are timings, so never part of
// `pnpm test`. The server project's settings, its files swapped (mergeConfig would add the lists together).
export default defineConfig({
  ...server,
  test: {
    ...server.test,
    root: import.meta.dirname,
    name: 'measure',
    include: ['src/**/*.measure.ts'],
    // Timings: each file in a fresh worker, as they were measured (the server project shares workers).
    isolate: true,
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
