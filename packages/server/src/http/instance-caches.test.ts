/**
 * What a change drops of the copies each instance keeps (db/instance-cache.ts), on two hubs on one real
 * PostgreSQL (two servers behind a balancer): a write's notification names the tables it wrote, and every
 * instance drops only the copies that read one of them. A fact write (an activity with its attendance)
 * keeps the organisation tree, the targets and the weights, here and on the other instance, so a board
 * asked after it costs its cells' statements only; a tree write (a rename, a move) drops the tree on the
 * other instance too; a notification that does not say what it concerns (an older sender) drops everything.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../domain/enums.js';
import { toGlobalId } from '../graphql/global-id.js';
import { CHANNEL } from '../indicators/writes.js';
import { buildFixture, type Fixture } from '../test-support/fixtures.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../test-support/hub.js';

/** The overview board's operation, as the dashboard sends it (trimmed; the same as http/coalesce.test.ts). */
const BOARD = `query IndicatorBoard($orgId: ID!, $period: Period!, $seriesIds: [String!]!, $from: Period!, $to: Period!) {
  indicators(orgId: $orgId, period: $period) { values { indicator { id } value numerator denominator nullReason status target { target warning } } }
  indicatorSeries(ids: $seriesIds, orgId: $orgId, from: $from, to: $to, grain: MONTH) { indicator { id } points { period value } }
}`;
const ACTIVITY = `mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }`;
const RENAME = `mutation($id: ID!, $n: String!, $on: LocalDate!) { renameOrganization(id: $id, name: $n, on: $on) { id } }`;

/** The statements that load each instance copy (indicators/engine.ts, indicators/reports.ts, org-tree/tree.ts). */
const LOADS = {
  tree: /from organization order by id/,
  targets: /from indicator_target t join organization/,
  weights: /from integration_weight w join organization/,
  reports: /from indicator_report r join organization/,
};
const loaded = (queries: string[]) =>
  Object.entries(LOADS)
    .filter(([, re]) => queries.some((q) => re.test(q)))
    .map(([name]) => name);

describe('instance caches across instances', () => {
  let a: TestHub;
  let b: TestHub;
  let pool: pg.Pool;
  let f: Fixture;
  let viewerA: string;
  let viewerB: string;
  let day = 10;
  const board = () => ({
    orgId: toGlobalId('Organization', f.committee.id),
    period: '2026-01',
    seriesIds: ['org_life_attendance_rate', 'theme_party_day_rate'],
    from: '2025-08',
    to: '2026-01',
  });
  const ask = async (hub: TestHub, cookie: string) => {
    const r = await postGraphQL(hub.url, cookie, BOARD, board());
    expect(r.errors).toBeUndefined();
    return r;
  };
  const meeting = () => ({
    organizationId: toGlobalId('Organization', f.branches[0].id),
    type: 'THEME_PARTY_DAY',
    title: '主题党日',
    heldOn: `2026-01-${day++}`,
    attendance: f.members
      .filter((m) => m.organization.id === f.branches[0].id)
      .map((m) => ({ memberId: toGlobalId('Member', m.id), status: 'PRESENT' })),
  });
  /** Waits until `hub` heard a change (its shared answers moved on). */
  const heard = async (hub: TestHub, generation: number) =>
    expect.poll(() => hub.shared.generation, { timeout: 5000 }).toBeGreaterThan(generation);

  beforeAll(async () => {
    a = await startTestHub();
    b = await startTestHub({ sameDatabaseAs: a });
    pool = new pg.Pool({ connectionString: a.db.url, max: 2 });
    f = await buildFixture(a.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 2, membersPerBranch: 3 });
    viewerA = await signedIn(a.url, a.db.url, 'wall-a', AccountRole.COMMITTEE);
    viewerB = await signedIn(b.url, b.db.url, 'wall-b', AccountRole.COMMITTEE);
    expect((await a.gql(ACTIVITY, { i: meeting() })).errors).toBeUndefined();
  });
  afterAll(async () => {
    await pool.end();
    await b.close();
    await a.close();
  });

  it('should keep the tree, targets and weights on both instances after a fact write, reading only what moved', async () => {
    // Both instances hold their copies (read at least once since the last change).
    await ask(a, viewerA);
    await ask(b, viewerB);
    const generation = b.shared.generation;
    const write = await a.gql(ACTIVITY, { i: meeting() });
    expect(write.errors).toBeUndefined();
    await heard(b, generation);
    a.resetQueries();
    b.resetQueries();
    await ask(a, viewerA);
    await ask(b, viewerB);
    // Before notifications named their tables, each change re-read all of them on every instance.
    expect(loaded(a.queries)).toEqual([]);
    expect(loaded(b.queries)).toEqual([]);
    // The board itself was read again (the cells moved).
    expect(b.queries.length).toBeGreaterThan(0);
  });

  it('should drop the tree on the other instance when an organisation is renamed there', async () => {
    await ask(b, viewerB);
    const generation = b.shared.generation;
    const rename = await a.gql(RENAME, { id: toGlobalId('Organization', f.branches[1].id), n: '第二党支部（更名）', on: '2026-02-01' });
    expect(rename.errors).toBeUndefined();
    await heard(b, generation);
    b.resetQueries();
    await ask(b, viewerB);
    expect(loaded(b.queries)).toContain('tree');
  });

  it('should drop everything on a notification that does not say what it concerns (an older sender)', async () => {
    await ask(b, viewerB);
    const generation = b.shared.generation;
    await pool.query(`select pg_notify($1, $2)`, [CHANNEL, JSON.stringify({ orgs: [f.committee.id], from: '2026-01-01', indicators: [] })]);
    await heard(b, generation);
    b.resetQueries();
    await ask(b, viewerB);
    expect(loaded(b.queries)).toEqual(expect.arrayContaining(['tree', 'targets']));
  });
});
