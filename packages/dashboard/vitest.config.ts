import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'dashboard',
    include: ['src/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
    // One worker runs many files (isolate: false): a fresh worker per file imported Vue, ECharts and the page
    // modules again each time, and on the shared two-core CI machine the dashboard and schema projects took
    // 328–350 s that way against 63 s without (same 59 files, all passing either way). The tests that need a
    // module's state fresh say so themselves (vi.resetModules, vi.stubGlobal undone after each).
    isolate: false,
    // A guard against a hang, not a promise: the first import of a state module took over Vitest's 5 s default on
    // that loaded machine (state/account.test.ts, with or without isolation).
    testTimeout: 30_000,
  },
});
