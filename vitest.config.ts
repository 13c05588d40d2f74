import { defineConfig } from 'vitest/config';
import { SlowestFirst } from './test/support/sequencer.ts';

export default defineConfig({
  test: {
    projects: ['packages/server', 'packages/schema', 'packages/dashboard', 'test'],
    // The longest files first, so that the two workers finish together (test/support/sequencer.ts).
    sequence: { sequencer: SlowestFirst },
  },
});
