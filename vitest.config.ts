import { defineConfig } from 'vitest/config';
import { BrowserBesideShortFirst } from './test/support/sequencer.ts';
import { TimelineReporter } from './test/support/timeline-reporter.ts';

const timeline = process.env.HUB_TEST_TIMELINE;

export default defineConfig({
  test: {
    projects: ['packages/server', 'packages/schema', 'packages/dashboard', 'test'],
    // The browser file first with the short files beside it, then the long ones longest first, so that the two
    // workers are busy to the end and finish together (test/support/sequencer.ts).
    sequence: { sequencer: BrowserBesideShortFirst },
    // HUB_TEST_TIMELINE=file: when each file ran, for the order above (test/support/timeline-reporter.ts).
    ...(timeline ? { reporters: ['default', new TimelineReporter(timeline)] } : {}),
  },
});
