import { defineConfig } from 'vitest/config';
import { SlowestFirst } from '../../test/support/sequencer.ts';
import server from './vitest.config.ts';

/**
 * The server tests whose point is the SQL itself, for `.ci/run`'s second pass against another PostgreSQL (the
 * machine's 15, TEST_DATABASE_URL): `pnpm test` runs everything once on the embedded PostgreSQL 18; this set proves
 * the hub works on 15 too. It used to be the whole suite a second time (≈ 13 min of a 45 min CI), and most of that
 * second time proved nothing about 15: the e2e suites start hubs on an embedded PostgreSQL 18 of their own
 * (pgbouncer and start-together excepted), the replica harness always runs its own 18, and the dashboard and schema
 * packages never touch a database.
 *
 * What runs on 15 (global setup migrates its template from an empty database on 15 before any file):
 * - migrations and the schema: the diff of entities against migrations, the subtree and audit triggers, the
 *   constraints, the monthly partitions (survey responses; the audit log once partitioned);
 * - the SQL compiler: lists, nested reads, scopes, batching, the aggregates and their suppression;
 * - the indicator statements: cells built, kept and verified, the scenarios, evidence, first writes, idempotency,
 *   maintenance, suppression, the reports, breakdowns, ages and development spans (date arithmetic in SQL);
 * - the audit chain, its reads and purge; the seed (COPY, indexes dropped and rebuilt, every table: the seeded
 *   hospital the suppression and scope files clone is seeded on 15 by the same `seedDatabase`); the imports
 *   of the tree, members, activities with their attendance, and survey results (bulk upserts, the partitioned survey
 *   facts, the cells kept); organisation writes (path and subtree triggers).
 *
 * What no longer runs on 15, and why that is thought safe: the export/import round trip of a whole hospital (97 s on
 * 15, the pass's longest file: its statements are the four imports' above at a volume, and the export's reads; the
 * pass ran 117 s past the fault suites beside it); the cells property test (87–120 s on 15: random writes of every
 * kind checked against a full recount, the same statements the scenarios, first-write, idempotency and maintenance
 * files run on 15; what it adds is the random search, which does not depend on the version); the seed's own file
 * (68–114 s on 15, then the pass's longest: its pinned rows are the generator's, made in Node, and its refusals and
 * resets are one transaction's, as on 18; the seeding itself still runs on 15, above); the HTTP, session,
 * SSO, token and lockout suites, the imports' workbook parsing, the write races (200 step/meeting pairs: row locks and deadlock detection are the same
 * in 15), the 10,000-guess flood, the restructure property test (its triggers are covered by the organisation
 * writes and the schema diff), live updates (LISTEN/NOTIFY), the replica and pool tests, and every e2e suite
 * (pgbouncer.e2e and start-together.e2e used TEST_DATABASE_URL: the pooler in transaction mode and the start
 * lock's advisory lock are not version-specific). The hub's SQL uses nothing newer than PostgreSQL 15 (no
 * uuidv7(), any_value(), JSON_TABLE, MERGE … RETURNING, virtual generated columns); a statement that did, outside
 * this set, would now fail only on a 15 in production: add its test file here when writing one.
 */
export const POSTGRES_VERSION_FILES = [
  'src/db/schema-diff.test.ts',
  'src/db/constraints.test.ts',
  'src/db/partitions.test.ts',
  'src/graphql/aggregate/aggregate.test.ts',
  'src/graphql/aggregate/suppress.test.ts',
  'src/graphql/list.test.ts',
  'src/graphql/nested.test.ts',
  'src/graphql/scope.test.ts',
  'src/graphql/batching.test.ts',
  'src/indicators/scenarios.test.ts',
  'src/indicators/evidence.test.ts',
  'src/indicators/first-write.test.ts',
  'src/indicators/idempotency.test.ts',
  'src/indicators/maintain.test.ts',
  'src/indicators/suppress.test.ts',
  'src/modules/indicator/report.test.ts',
  'src/modules/indicator/breakdown.test.ts',
  'src/modules/indicator/integration.test.ts',
  'src/modules/member/age.test.ts',
  'src/modules/member/development-span.test.ts',
  'src/modules/audit/audit.test.ts',
  'src/modules/audit/audit-read.test.ts',
  'src/modules/audit/chain.test.ts',
  'src/modules/audit/purge.test.ts',
  'src/seed/tables.test.ts',
  'src/modules/import/tree.import.test.ts',
  'src/modules/import/members.import.test.ts',
  'src/modules/import/activities.import.test.ts',
  'src/modules/import/surveys.import.test.ts',
  'src/modules/organization/organization.writes.test.ts',
];

// `pnpm test:postgres` (`.ci/run`: TEST_DATABASE_URL=… pnpm test:postgres): the server project with only these files.
// The server project's settings, its files swapped (mergeConfig would add the lists together).
export default defineConfig({
  ...server,
  test: {
    ...server.test,
    root: import.meta.dirname,
    name: 'postgres',
    include: POSTGRES_VERSION_FILES,
    // The longest first (`pnpm test`'s order).
    sequence: { sequencer: SlowestFirst },
  },
});
