/**
 * The order `pnpm test` hands files to its workers: the longest known files first, then Vitest's own order (its
 * cache of the last run's durations when there is one, otherwise project by project, larger files first).
 *
 * On a fresh CI machine Vitest has no cache, and its fallback put these files wherever their size fell: the
 * 10,000-guess flood, for one, started 1,915 s into a 2,164 s server run. A file that long starting late leaves one
 * of the two workers idle at the end; started first, the short files fill in around it.
 *
 * Slowest first, as measured (the server and e2e projects each alone, two workers, load average 2–8: the dashboard's
 * browser file 662 s, the rest 60–225 s; the next longest were under 60 s). The browser file alone is more than half
 * of what one worker can do in the run: it must start at once. Only the order matters: a file renamed or gone is
 * simply not found here.
 */
import { relative, resolve } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOWEST_FIRST = [
  'test/dashboard/dashboard.e2e.test.ts',
  'packages/server/src/modules/import/roundtrip.test.ts',
  'packages/server/src/db/replicas.test.ts',
  'test/build.e2e.test.ts',
  'packages/server/src/seed/seed.test.ts',
  'test/dashboard/analyst.e2e.test.ts',
  'test/hub.e2e.test.ts',
  'packages/server/src/modules/import/export.test.ts',
  'packages/server/src/indicators/cells-above.test.ts',
  'packages/server/src/modules/account/flood.http.test.ts',
  'packages/server/src/indicators/cells.property.test.ts',
];

const repoRoot = resolve(import.meta.dirname, '..', '..');

export class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const i = SLOWEST_FIRST.indexOf(relative(repoRoot, spec.moduleId).replaceAll('\\', '/'));
      return i < 0 ? SLOWEST_FIRST.length : i;
    };
    // A stable sort: the files not listed keep Vitest's order.
    return base.toSorted((a, b) => rank(a) - rank(b));
  }
}
