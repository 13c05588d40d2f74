import { defineProject } from 'vitest/config';

export default defineProject({
  // Pure functions: one worker for many files (isolate: false), as the dashboard's (its vitest.config.ts says why).
  test: { name: 'schema', include: ['src/**/*.test.ts'], isolate: false },
});
