/**
 * Identical reads answered once per change (http/coalesce.ts), through the real HTTP server on a real
 * PostgreSQL: fifty viewers of one board asking at once cost the board's statements once; callers that may
 * see different things (a committee and a branch secretary, a committee and an analyst with small cells
 * suppressed) never get each other's answer; after a write, or a change heard on the feed, the next request
 * reads again; a revoked session is refused though its answer is kept for the others.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../domain/enums.js';
import { toGlobalId } from '../graphql/global-id.js';
import { CHANNEL } from '../indicators/writes.js';
import { revokeSession, sessionId } from '../modules/account/sessions.js';
import { buildFixture, type Fixture } from '../test-support/fixtures.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../test-support/hub.js';
import { stringified } from './apollo.js';
import { canonicalJson } from './coalesce.js';

/** The overview board's operation, as the dashboard sends it (packages/dashboard/src/api/IndicatorBoard.graphql, trimmed). */
const BOARD = `query IndicatorBoard($orgId: ID!, $period: Period!, $seriesIds: [String!]!, $from: Period!, $to: Period!) {
  indicators(orgId: $orgId, period: $period) { values { indicator { id } value numerator denominator nullReason status } }
  indicatorSeries(ids: $seriesIds, orgId: $orgId, from: $from, to: $to, grain: MONTH) { indicator { id } points { period value } }
}`;
const ACTIVITY = `mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }`;
const VIEWERS = 50;

describe('http/coalesce', () => {
  let hub: TestHub;
  let pool: pg.Pool;
  let f: Fixture;
  /** Committee accounts, each its own session, all of one scope (the whole tree). */
  const viewers: string[] = [];
  const board = () => ({
    orgId: toGlobalId('Organization', f.committee.id),
    period: '2026-01',
    seriesIds: ['org_life_attendance_rate', 'theme_party_day_rate'],
    from: '2025-08',
    to: '2026-01',
  });
  const ask = (cookie: string, query = BOARD, variables: Record<string, unknown> = board()) =>
    postGraphQL(hub.url, cookie, query, variables);
  const meeting = (branch: number, day: string) => ({
    organizationId: toGlobalId('Organization', f.branches[branch].id),
    type: 'THEME_PARTY_DAY',
    title: '主题党日',
    heldOn: day,
    attendance: f.members
      .filter((m) => m.organization.id === f.branches[branch].id)
      .map((m) => ({ memberId: toGlobalId('Member', m.id), status: 'PRESENT' })),
  });

  beforeAll(async () => {
    // HUB_COALESCE_MAX_AGE=0 runs this file against the hub without the layer (the first test then fails).
    const off = process.env.HUB_COALESCE_MAX_AGE === '0';
    hub = await startTestHub(off ? { coalesceMaxAgeMs: 0 } : {});
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    f = await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 2, membersPerBranch: 3 });
    for (let i = 0; i < 5; i++) viewers.push(await signedIn(hub.url, hub.db.url, `wall-${i}`, AccountRole.COMMITTEE));
    const res = await hub.gql(ACTIVITY, { i: meeting(0, '2026-01-15') });
    expect(res.errors).toBeUndefined();
  });
  afterAll(async () => {
    await pool.end();
    await hub.close();
  });

  it('should run the board’s statements once for 50 identical requests from same-scope sessions at once', async () => {
    // One request alone: what the board costs.
    hub.resetQueries();
    const alone = await ask(viewers[0]);
    expect(alone.errors).toBeUndefined();
    const once = hub.queries.length;
    expect(once).toBeGreaterThan(0);
    // Something changed (as a write elsewhere would say): then fifty viewers refetch at once.
    await pool.query(`select pg_notify($1, $2)`, [CHANNEL, JSON.stringify({ orgs: [f.committee.id], from: '2026-01-01', indicators: [] })]);
    await expect.poll(() => hub.shared.generation, { timeout: 5000 }).toBeGreaterThan(0);
    hub.resetQueries();
    const answers = await Promise.all(Array.from({ length: VIEWERS }, (_, i) => ask(viewers[i % viewers.length])));
    for (const a of answers) expect(a).toEqual(alone);
    // Without the layer: 50 × once.
    expect(hub.queries.length).toBe(once);
  });

  it('should give a committee member and a branch secretary their own answers to the identical document, at once or one after the other', async () => {
    const secretary = await signedIn(hub.url, hub.db.url, 'a.shuji', AccountRole.SECRETARY, [f.branches[0].id]);
    const LISTS = `{ members { totalCount } activities { totalCount } organizations { nodes { id members { totalCount } } } }`;
    const [c1, s1] = await Promise.all([ask(viewers[0], LISTS, {}), ask(secretary, LISTS, {})]);
    const [s2, c2] = [await ask(secretary, LISTS, {}), await ask(viewers[1], LISTS, {})];
    expect(c1.errors ?? s1.errors).toBeUndefined();
    expect(c1.data!.members.totalCount).toBe(f.members.length);
    expect(s1.data!.members.totalCount).toBe(3);
    expect(s2).toEqual(s1);
    expect(c2).toEqual(c1);
  });

  it('should give an analyst (small cells suppressed) its own board, not the committee’s', async () => {
    const analyst = await hub.as(AccountRole.ANALYST);
    const branch = { ...board(), orgId: toGlobalId('Organization', f.branches[0].id) };
    const committee = await ask(viewers[0], BOARD, branch);
    const suppressed = await ask(analyst.cookie, BOARD, branch);
    expect(committee.errors ?? suppressed.errors).toBeUndefined();
    const reasons = (r: typeof committee) => r.data!.indicators.values.map((v: { nullReason: string | null }) => v.nullReason);
    // Three members, fewer than HUB_MIN_CELL (5): the analyst's attendance figures are suppressed, the committee's are not.
    expect(reasons(suppressed)).toContain('SUPPRESSED');
    expect(reasons(committee)).not.toContain('SUPPRESSED');
    expect(await ask(viewers[1], BOARD, branch)).toEqual(committee);
  });

  it('should read again after a write, and after a change heard on the feed', async () => {
    const numerators = (r: Awaited<ReturnType<typeof ask>>) =>
      r.data!.indicators.values.reduce((n: number, v: { numerator: number | null }) => n + (v.numerator ?? 0), 0);
    const before = await ask(viewers[0]);
    hub.resetQueries();
    expect(await ask(viewers[1])).toEqual(before); // kept: no statement
    expect(hub.queries).toEqual([]);
    const write = await hub.gql(ACTIVITY, { i: meeting(1, '2026-01-20') });
    expect(write.errors).toBeUndefined();
    const after = await ask(viewers[2]);
    expect(numerators(after)).toBeGreaterThan(numerators(before));
    // Another instance's write: only its notification reaches this one.
    const generation = hub.shared.generation;
    await ask(viewers[3]);
    await pool.query(`select pg_notify($1, $2)`, [CHANNEL, JSON.stringify({ orgs: [f.committee.id], from: '2026-01-01', indicators: [] })]);
    await expect.poll(() => hub.shared.generation, { timeout: 5000 }).toBeGreaterThan(generation);
    hub.resetQueries();
    expect(await ask(viewers[4])).toEqual(after);
    expect(hub.queries.length).toBeGreaterThan(0);
  });

  it('should refuse a revoked session though the answer it asked for is kept for the others', async () => {
    const leaving = await signedIn(hub.url, hub.db.url, 'wall-leaving', AccountRole.COMMITTEE);
    const kept = await ask(leaving);
    expect(kept.errors).toBeUndefined();
    // Signed out elsewhere (another instance, or an administrator): no mutation here, nothing moves the answers on.
    const generation = hub.shared.generation;
    await revokeSession(pool, sessionId(leaving.split('=')[1]));
    await expect.poll(async () => (await ask(leaving)).errors?.[0]?.extensions?.reason, { timeout: 5000 }).toBe('auth/required');
    const reused = hub.shared.stats.reused;
    expect(await ask(viewers[0])).toEqual(kept);
    expect(hub.shared.stats.reused).toBe(reused + 1);
    expect(hub.shared.generation).toBe(generation);
  });

  it('should run personal reads and the caller’s own account for each caller: one audit row each, one `me` each', async () => {
    const PERSONAL = `{ members(first: 3, orderBy: [{ field: ID }]) { nodes { id name } } }`;
    const ME = `{ me { username } }`;
    const audited = Number((await pool.query(`select coalesce(max(id), 0) as n from audit_log`)).rows[0].n);
    const led = hub.shared.stats.led;
    const [a, b, me0, me1] = await Promise.all([
      ask(viewers[0], PERSONAL, {}),
      ask(viewers[1], PERSONAL, {}),
      ask(viewers[0], ME, {}),
      ask(viewers[1], ME, {}),
    ]);
    expect(b).toEqual(a);
    expect([me0.data!.me.username, me1.data!.me.username]).toEqual(['wall-0', 'wall-1']);
    expect((await ask(viewers[2], ME, {})).data!.me.username).toBe('wall-2');
    const actors = async () =>
      (await pool.query(`select actor from audit_log where id > $1 and action = 'personal.read' order by actor`, [audited])).rows.map(
        (r) => r.actor,
      );
    await expect.poll(actors, { timeout: 5000 }).toEqual(['wall-0', 'wall-1']);
    // Each ran its own operation (none waited on another's answer and took it).
    expect(hub.shared.stats.led - led).toBeGreaterThanOrEqual(2);
  });

  it('should key variables whatever the order of their fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  });
});

describe('http/apollo stringified', () => {
  it('should write a shared answer’s text once, and the same as JSON.stringify', () => {
    const data = { a: 1, b: ['二'] };
    const first = stringified({ errors: undefined, data, extensions: undefined } as never);
    expect(first).toBe(JSON.stringify({ data }));
    expect(stringified({ data } as never)).toBe(first);
    const errors = [{ message: 'x' }];
    expect(stringified({ errors, data } as never)).toBe(JSON.stringify({ errors, data }));
  });
});
