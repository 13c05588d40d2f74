/**
 * The order `pnpm test` hands files to its workers: the longest known files first, then Vitest's own order (its
 * cache of the last run's durations when there is one, otherwise project by project, larger files first).
 *
 * On a fresh CI machine Vitest has no cache, and its fallback put these files wherever their size fell: the
 * 10,000-guess flood, for one, started 1,915 s into a 2,164 s server run. A file that long starting late leaves one
 * of the two workers idle at the end; started first, the short files fill in around it.
 *
 * Slowest first, as measured (below). The browser file alone is 40 % of what one worker does in the run: it must
 * start at once; and a 42 s file left to Vitest's order (the write races) started last and ended the run.
 * The PostgreSQL 15 pass (packages/server/vitest.postgres.config.ts) orders its files by the same list. Only the
 * order matters: a file renamed or gone is simply not found here.
 */
import { relative, resolve } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOWEST_FIRST = [
  // `pnpm test` on a clean clone, as `.ci/run` runs it (two workers, load 4–5), 4 Dec 2026: every file over 14 s.
  'test/dashboard/dashboard.e2e.test.ts', // 412 s
  'packages/server/src/modules/import/roundtrip.test.ts', // 114 s
  'test/build.e2e.test.ts', // 92 s
  'test/dashboard/analyst.e2e.test.ts', // 86 s
  'packages/server/src/db/replicas.test.ts', // 76 s
  'packages/server/src/indicators/cells-above.test.ts', // 61 s
  'test/hub.e2e.test.ts', // 59 s
  'test/workers.e2e.test.ts', // 51 s
  'packages/server/src/seed/seed.test.ts', // 49 s (68 s on 15)
  'packages/server/src/indicators/cells.property.test.ts', // 36 s
  'packages/server/src/indicators/suppress.test.ts', // 45 s
  'test/pgbouncer.e2e.test.ts', // 43 s
  'packages/server/src/modules/member/races.test.ts', // 42 s (it ended the run, started last)
  'test/live.e2e.test.ts', // 42 s
  'packages/server/src/modules/account/flood.http.test.ts', // 34 s
  'test/seed-cli.e2e.test.ts', // 33 s
  'packages/server/src/modules/import/export.test.ts', // 33 s
  'test/dashboard/entry.e2e.test.ts', // 33 s
  'packages/server/src/graphql/aggregate/aggregate.test.ts', // 14 s (31 s on 15)
  'test/start-together.e2e.test.ts', // 31 s
  'packages/server/src/graphql/scope.test.ts', // 30 s
  'packages/server/src/indicators/rebuild-hospital.test.ts', // 26 s
  'packages/server/src/modules/organization/organization.writes.test.ts', // 22 s on 15
  'test/dashboard/member-entry.e2e.test.ts', // 23 s
  'packages/server/src/modules/member/person.writes.test.ts', // 23 s
  'packages/server/src/indicators/live.test.ts', // 22 s
  'packages/server/src/indicators/scenarios.test.ts', // 19 s on 15
  'test/audit-cli.e2e.test.ts', // 17 s
  'test/dashboard/admin.e2e.test.ts', // 17 s
  'test/dashboard/display.e2e.test.ts', // 15 s
  'packages/server/src/modules/organization/restructure.property.test.ts', // 14 s
];

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** A test file's path from the repository root, with forward slashes: how the list above and the timeline name it. */
export const repoPath = (moduleId: string): string => relative(repoRoot, moduleId).replaceAll('\\', '/');

export class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const i = SLOWEST_FIRST.indexOf(repoPath(spec.moduleId));
      return i < 0 ? SLOWEST_FIRST.length : i;
    };
    // A stable sort: the files not listed keep Vitest's order.
    return base.toSorted((a, b) => rank(a) - rank(b));
  }
}
