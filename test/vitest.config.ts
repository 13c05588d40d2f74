import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'e2e',
    include: ['**/*.e2e.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // A page's answer to a click or a key within 5 s (an expect.poll without its own timeout): Vitest's default,
    // 1 s, is a timing promise a loaded two-core machine can break.
    expect: { poll: { timeout: 5_000 } },
  },
});
