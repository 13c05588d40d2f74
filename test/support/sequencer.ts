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

/** Where a file stands in the list above; a file not in it (every file under 14 s) after all of them. */
const rank = (spec: TestSpecification) => {
  const i = SLOWEST_FIRST.indexOf(repoPath(spec.moduleId));
  return i < 0 ? SLOWEST_FIRST.length : i;
};

/** The listed files longest first, then the rest in Vitest's order: the PostgreSQL 15 pass's order. */
export class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    // A stable sort: the files not listed keep Vitest's order.
    return base.toSorted((a, b) => rank(a) - rank(b));
  }
}

/**
 * `pnpm test`'s order: the browser file first, then the short files (Vitest's order), then the listed ones longest
 * first.
 *
 * Slowest-first put the ≈ 120 short files (under 14 s, most of them the server's: a database, a hub in the worker,
 * a few requests) at the end, both workers on them for the run's last ≈ 180 s. They wait more than they compute (a
 * worker's request, then PostgreSQL's answer, one at a time): the two-core machine sat 14–62 % idle through those
 * minutes (vmstat, 5 Dec 2026), ≈ 100 core-seconds. Beside the browser file instead, whose Chromium, hub and
 * PostgreSQL keep ≈ 1.4 cores busy by themselves, they fill the other 0.6; the long files, which start processes of
 * their own (builds, hubs, browsers), come after and keep both cores busy to the end, longest first so that the two
 * workers still finish together.
 */
/** 0: the browser file (the list's first); 1: a short file (not listed); 2: a listed long one. */
const group = (spec: TestSpecification) => {
  const r = rank(spec);
  return r === 0 ? 0 : r === SLOWEST_FIRST.length ? 1 : 2;
};

export class BrowserBesideShortFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    return base.toSorted((a, b) => group(a) - group(b) || rank(a) - rank(b));
  }
}
