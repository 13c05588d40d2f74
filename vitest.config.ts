import { defineConfig } from 'vitest/config';
import { SlowestFirst } from './test/support/sequencer.ts';
import { TimelineReporter } from './test/support/timeline-reporter.ts';

const timeline = process.env.HUB_TEST_TIMELINE;

export default defineConfig({
  test: {
    projects: ['packages/server', 'packages/schema', 'packages/dashboard', 'test'],
    // The longest files first, so that the two workers finish together (test/support/sequencer.ts).
    sequence: { sequencer: SlowestFirst },
    // HUB_TEST_TIMELINE=file: when each file ran, for the order above (test/support/timeline-reporter.ts).
    ...(timeline ? { reporters: ['default', new TimelineReporter(timeline)] } : {}),
  },
});
