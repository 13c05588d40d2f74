/**
 * The organisation tree's writes through the real HTTP server on a random hospital: found, rename, dissolve,
 * move, merge, split; each bad input refused with its code, field and both languages, nothing written; a
 * restructure on a date leaves the old and new parents' earlier periods as they were (for every indicator
 * attributed by date), moves the later ones, and the cells equal a recomputation after every write.
 */
import { currentMonth, monthsBefore, parsePeriod } from '@party-hub/schema/indicators';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { toGlobalId as gid } from '../../graphql/global-id.js';
import { rebuildCells, verifyCells } from '../../indicators/cells.js';
import { TABLES_READ } from '../../indicators/reads.js';
import { schemaTables } from '../../seed/tables.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../../test-support/random-hospital.js';

const now = currentMonth();
const LAST = `${now.year}-${String(now.month).padStart(2, '0')}`;
/** The restructure's day: the first of the month a year ago (inside the random hospital's two years). */
const D = `${monthsBefore(LAST, 12)}-01`;

const FOUND = `mutation($i: FoundOrganizationInput!) { foundOrganization(input: $i) { id rows } }`;
const RENAME = `mutation($id: ID!, $n: String!, $on: LocalDate!) { renameOrganization(id: $id, name: $n, on: $on) { id } }`;
const DISSOLVE = `mutation($id: ID!, $on: LocalDate!, $r: String!) { dissolveOrganization(id: $id, on: $on, reason: $r) { id rows } }`;
const MOVE = `mutation($id: ID!, $p: ID!, $on: LocalDate!) { moveOrganization(id: $id, newParentId: $p, on: $on) { id rows } }`;
const MERGE = `mutation($ids: [ID!]!, $into: ID, $n: FoundOrganizationInput, $on: LocalDate!) {
  mergeOrganizations(ids: $ids, intoId: $into, newOrganization: $n, on: $on) { id rows } }`;
const SPLIT = `mutation($id: ID!, $parts: [SplitPartInput!]!, $on: LocalDate!) { splitOrganization(id: $id, parts: $parts, on: $on) { id rows } }`;

/** Indicators attributed by state (a member's organisation, a department's current branch): they follow people and departments in every period. */
/** Indicators over the members of a branch at a period's end (sql.ts MEMBERS_AT_END: the dated stints). */
const BY_STINT = new Set([
  'political_birthday_coverage',
  'volunteer_participation_rate',
  'assistance_participation_rate',
  'branch_setup_compliance_rate',
]);
const BY_STATE = new Set([...TABLES_READ].filter(([, tables]) => tables.has('member') || tables.has('dept_org')).map(([id]) => id));

describe('organisation tree writes', () => {
  let hub: TestHub;
  let client: pg.Client;
  let h: RandomHospital;
  const org = (id: number) => gid('Organization', id);
  const rowId = (global: string) => Number(Buffer.from(global, 'base64').toString().split(':')[1]);

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        (await schemaTables(client))
          .filter((t) => t !== 'indicator_cell')
          .map(async (t) => [t, Number((await client.query(`select count(*) from ${t}`)).rows[0].count)] as const),
      ),
    );

  async function accepted(query: string, variables: Record<string, unknown>) {
    const res = await hub.gql(query, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return Object.values(res.data!)[0] as { id: string; rows: number };
  }

  /** A refused write: coded, every reason listed with its field, Chinese and English, nothing written. */
  async function refused(query: string, variables: Record<string, unknown>, expected: [reason: string, field: string][]) {
    const before = await counts();
    const res = await hub.gql(query, variables);
    const e = res.errors?.[0];
    expect(e, JSON.stringify(res.data)).toBeDefined();
    expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(e!.extensions!.code);
    const problems = ((e!.extensions!.problems as { reason: string; field: string }[] | undefined) ?? []).map((p) => [p.reason, p.field]);
    for (const x of expected) expect(problems, JSON.stringify(e)).toContainEqual(x);
    expect(e!.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(await counts()).toEqual(before);
  }

  async function differences() {
    await client.query('begin');
    try {
      return (await verifyCells(client)).differences;
    } finally {
      await client.query('rollback');
    }
  }

  /** Every cell of some organisations: `indicator|org|period` → numerator/denominator. */
  async function cells(orgIds: number[]) {
    const { rows } = await client.query(
      `select indicator_id, org_id, period, numerator::float8 as n, denominator::float8 as d from indicator_cell where org_id = any($1::int[])`,
      [orgIds],
    );
    return new Map(rows.map((r) => [`${r.indicator_id}|${r.org_id}|${r.period}`, `${r.n}/${r.d}`]));
  }

  /** The last day of a stored period key (months YYYY-MM, quarters YYYY-Qn, halves YYYY-Hn, years YYYY …): before D or not. */
  async function periodEnds(): Promise<Map<string, string>> {
    const { rows } = await client.query(`select distinct period from indicator_cell`);
    return new Map(rows.map((r) => [r.period as string, parsePeriod(r.period as string).end]));
  }

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 21, LAST);
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
  });
  afterAll(async () => {
    await client?.end();
    await hub?.close();
  });

  const active = async (ids: number[]) =>
    (await client.query(`select id from organization where id = any($1::int[]) and dissolved_on is null order by id`, [ids])).rows.map(
      (r) => r.id as number,
    );

  /** Branches active today, founded before the restructure's day (the random ones, those founded and successors). */
  const activeBranches = async () =>
    (
      await client.query(
        `select id from organization where kind in ('branch', 'joint_branch') and dissolved_on is null and founded_on < $1 order by id`,
        [D],
      )
    ).rows.map((r) => r.id as number);

  it('should found a general branch, a branch and a party group, counted from their founding', async () => {
    const general = await accepted(FOUND, {
      i: {
        parentId: org(h.committee),
        kind: 'GENERAL_BRANCH',
        name: '内科党总支',
        code: 'NK',
        foundedOn: '2021-03-01',
        termStart: '2024-03-01',
      },
    });
    const branch = await accepted(FOUND, {
      i: { parentId: general.id, kind: 'BRANCH', name: '心内科党支部', code: 'XN', foundedOn: '2024-05-01' },
    });
    await accepted(FOUND, { i: { parentId: branch.id, kind: 'PARTY_GROUP', name: '第一党小组', foundedOn: '2024-06-01' } });
    const { rows } = await client.query(`select kind, path, term_years, founded_on::text from organization where id = $1`, [
      rowId(general.id),
    ]);
    expect(rows[0]).toMatchObject({ kind: 'general_branch', path: `/${h.committee}/${rowId(general.id)}/`, term_years: 3 });
    const { rows: audit } = await client.query(`select action from audit_log where action = 'organization.found'`);
    expect(audit).toHaveLength(3);
    expect(await differences()).toEqual([]);
  });

  it('should found once for one idempotency key, answering a retry as the first time', async () => {
    const q = `mutation($i: FoundOrganizationInput!) { foundOrganization(input: $i, idempotencyKey: "tree-found-0001") { id rows } }`;
    const i = { parentId: org(h.committee), kind: 'BRANCH', name: '重试支部', foundedOn: '2021-06-01' };
    const first = await accepted(q, { i });
    expect(await accepted(q, { i })).toEqual(first);
    const { rows } = await client.query(`select count(*)::int as n from organization where name = '重试支部'`);
    expect(rows[0].n).toBe(1);
  });

  it('should refuse a bad founding with every problem at once: kind under its parent, sibling code, dates, blank name', async () => {
    const branch = (await active(h.branches))[0]!;
    await refused(
      FOUND,
      { i: { parentId: org(h.committee), kind: 'PARTY_GROUP', name: ' ', code: 'NK', foundedOn: '2099-01-01', termYears: 11 } },
      [
        ['organization/kind_not_allowed', 'foundOrganization.input.kind'],
        ['input/required', 'foundOrganization.input.name'],
        ['input/date_out_of_range', 'foundOrganization.input.foundedOn'],
        ['input/out_of_range', 'foundOrganization.input.termYears'],
      ],
    );
    await refused(FOUND, { i: { parentId: org(h.committee), kind: 'BRANCH', name: '新支部', code: 'NK', foundedOn: '2024-01-01' } }, [
      ['input/duplicate_record', 'foundOrganization.input.code'],
    ]);
    await refused(FOUND, { i: { parentId: org(branch), kind: 'BRANCH', name: '支部下的支部', foundedOn: '2010-01-01' } }, [
      ['organization/kind_not_allowed', 'foundOrganization.input.kind'],
      ['input/date_out_of_range', 'foundOrganization.input.parentId'],
    ]);
    await refused(FOUND, { i: { parentId: 'T3JnYW5pemF0aW9uOjk5OTk5', kind: 'BRANCH', name: '无', foundedOn: '2024-01-01' } }, [
      ['id/not_found', 'foundOrganization.input.parentId'],
    ]);
  });

  it('should rename (the label only: no cell moves) and refuse an unchanged name or a day before the founding', async () => {
    const branch = (await active(h.branches))[0]!;
    const before = await cells([branch]);
    await accepted(RENAME, { id: org(branch), n: '更名后的支部', on: '2025-01-01' });
    expect(await cells([branch])).toEqual(before);
    await refused(RENAME, { id: org(branch), n: '更名后的支部', on: '2025-01-01' }, [['input/inconsistent', 'renameOrganization.name']]);
    await refused(RENAME, { id: org(branch), n: '另一个名字', on: '2014-01-01' }, [['input/date_out_of_range', 'renameOrganization.on']]);
    const { rows } = await client.query(`select before, after from audit_log where action = 'organization.rename'`);
    expect(rows[0].before.name).not.toBe('更名后的支部');
    expect(rows[0].after).toEqual({ name: '更名后的支部', on: '2025-01-01' });
  });

  it('should refuse dissolving a branch with active members or groups (counts only), and dissolve an empty one', async () => {
    const { rows } = await client.query(
      `select o.id, (select count(*) from member m where m.organization_id = o.id and m.membership_status = 'active')::int as n
         from organization o where o.id = any($1::int[]) and o.dissolved_on is null order by 2 desc`,
      [h.branches],
    );
    const full = rows[0]!;
    expect(full.n).toBeGreaterThan(0);
    await refused(DISSOLVE, { id: org(full.id), on: D, r: '撤并' }, [['organization/has_members', 'dissolveOrganization.id']]);
    await refused(DISSOLVE, { id: org(full.id), on: D, r: ' ' }, [['input/required', 'dissolveOrganization.reason']]);
    const empty = await accepted(FOUND, { i: { parentId: org(h.committee), kind: 'BRANCH', name: '临时支部', foundedOn: '2021-06-01' } });
    const done = await accepted(DISSOLVE, { id: empty.id, on: D, r: '任务结束' });
    expect(done.rows).toBe(1);
    const dissolved = await client.query(`select dissolved_on::text from organization where id = $1`, [rowId(empty.id)]);
    expect(dissolved.rows[0].dissolved_on).toBe(D);
    await refused(DISSOLVE, { id: empty.id, on: D, r: '再次' }, [['organization/dissolved', 'dissolveOrganization.id']]);
    expect(await differences()).toEqual([]);
  });

  it('should move a branch on a day: earlier periods of both parents as they were, later ones moved, cells exact', async () => {
    const general = await accepted(FOUND, {
      i: { parentId: org(h.committee), kind: 'GENERAL_BRANCH', name: '外科党总支', foundedOn: '2021-02-01' },
    });
    const to = rowId(general.id);
    const { rows } = await client.query(
      `select o.id, o.parent_id from organization o where o.id = any($1::int[]) and o.dissolved_on is null
         and exists (select 1 from activity a where a.organization_id = o.id and a.held_on < $2) order by o.id limit 1`,
      [h.branches, D],
    );
    const { id: branch, parent_id: from } = rows[0]!;
    const ends = await periodEnds();
    const before = await cells([from, to]);
    const moved = await accepted(MOVE, { id: org(branch), p: general.id, on: D });
    const successor = rowId(moved.id);
    const after = await cells([from, to]);
    const earlier = (k: string) => ends.get(k.split('|')[2]!)! < D;
    const changedEarlier = [...new Set([...before.keys(), ...after.keys()])]
      .filter((k) => earlier(k) && before.get(k) !== after.get(k))
      .map((k) => k.split('|')[0]!);
    // Every indicator attributed by date keeps its earlier figures; only those attributed by state (members, departments) follow them.
    expect(changedEarlier.filter((i) => !BY_STATE.has(i as never))).toEqual([]);
    // Those counting members at a period’s end by branch read the dated stints: the move closes and opens them on D, so they keep theirs too
    // (shares of a department’s staff still follow the department’s present branch).
    expect(changedEarlier.filter((i) => BY_STINT.has(i as never))).toEqual([]);
    // From D the branch counts under the new parent, no longer under the old one.
    const month = LAST;
    expect(after.get(`branch_count|${to}|${month}`)).toBe('1/0');
    expect(Number(after.get(`branch_count|${from}|${month}`)?.split('/')[0] ?? 0)).toBe(
      Number(before.get(`branch_count|${from}|${month}`)!.split('/')[0]) - 1,
    );
    const { rows: s } = await client.query(
      `select predecessor_id, kind, effective_on::text from organization_succession where successor_id = $1`,
      [successor],
    );
    expect(s).toEqual([{ predecessor_id: branch, kind: 'move', effective_on: D }]);
    const { rows: later } = await client.query(`select count(*)::int as n from activity where organization_id = $1 and held_on >= $2`, [
      branch,
      D,
    ]);
    expect(later[0].n).toBe(0);
    expect(await differences()).toEqual([]);
  });

  it('should refuse a move under its own descendant, into a dissolved parent, before its founding, or under its parent again', async () => {
    const [branch, other] = await active(h.branches);
    const group = await accepted(FOUND, { i: { parentId: org(branch!), kind: 'PARTY_GROUP', name: '新小组', foundedOn: '2021-06-01' } });
    await refused(MOVE, { id: org(branch!), p: group.id, on: D }, [
      ['organization/cycle', 'moveOrganization.newParentId'],
      ['organization/kind_not_allowed', 'moveOrganization.newParentId'],
    ]);
    await refused(MOVE, { id: org(h.committee), p: org(branch!), on: D }, [['organization/cycle', 'moveOrganization.newParentId']]);
    const gone = await accepted(FOUND, {
      i: { parentId: org(h.committee), kind: 'GENERAL_BRANCH', name: '已撤总支', foundedOn: '2021-02-01' },
    });
    await accepted(DISSOLVE, { id: gone.id, on: '2021-06-01', r: '撤销' });
    await refused(MOVE, { id: org(branch!), p: gone.id, on: D }, [['organization/dissolved', 'moveOrganization.newParentId']]);
    await refused(MOVE, { id: group.id, p: org(other!), on: '2019-01-01' }, [['input/date_out_of_range', 'moveOrganization.on']]);
    await refused(MOVE, { id: group.id, p: org(branch!), on: D }, [['input/inconsistent', 'moveOrganization.newParentId']]);
  });

  it('should merge two branches into a new one and split one in two, cells exact, members carried', async () => {
    const branches = await activeBranches();
    expect(branches.length).toBeGreaterThanOrEqual(2);
    const [a, b] = branches.slice(-2) as [number, number];
    const members = Number(
      (await client.query(`select count(*) from member where organization_id = any($1::int[]) and membership_status = 'active'`, [[a, b]]))
        .rows[0].count,
    );
    const sourceName =
      (await client.query(`select name from organization where id = $1 and parent_id = $2`, [a, h.committee])).rows[0]?.name ??
      '合并后的支部';
    const merged = await accepted(MERGE, {
      ids: [org(a), org(b)],
      // The new branch may take the name of one merged away the same day.
      n: { parentId: org(h.committee), kind: 'BRANCH', name: sourceName, foundedOn: D },
      on: D,
    });
    const into = rowId(merged.id);
    const { rows } = await client.query(`select count(*)::int as n from member where organization_id = $1`, [into]);
    expect(rows[0].n).toBe(members);
    expect(await differences()).toEqual([]);
    await refused(MERGE, { ids: [org(a)], into: merged.id, on: D }, [['organization/dissolved', 'mergeOrganizations.ids.0']]);
    const own = (
      await client.query(`select id from member where organization_id = $1 and membership_status = 'active' order by id`, [into])
    ).rows;
    const split = await accepted(SPLIT, {
      id: merged.id,
      parts: [{ name: '甲支部' }, { name: '乙支部', memberIds: own.slice(0, 1).map((r) => gid('Member', r.id)) }],
      on: `${monthsBefore(LAST, 6)}-01`,
    });
    const { rows: parts } = await client.query(
      `select successor_id from organization_succession where predecessor_id = $1 order by successor_id`,
      [into],
    );
    expect(parts).toHaveLength(2);
    expect(parts[0].successor_id).toBe(rowId(split.id));
    expect(await differences()).toEqual([]);
  });

  it('should refuse a secretary’s writes outside its subtree and let it found a party group inside', async () => {
    const branch = async (name: string) =>
      rowId((await accepted(FOUND, { i: { parentId: org(h.committee), kind: 'BRANCH', name, foundedOn: '2021-06-01' } })).id);
    const [mine, other] = [await branch('书记的支部'), await branch('别人的支部')];
    const cookie = await signedIn(hub.url, hub.db.url, 'tree.shuji', AccountRole.SECRETARY, [mine!]);
    const as = (q: string, v: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const outside = await as(FOUND, { i: { parentId: org(other!), kind: 'PARTY_GROUP', name: '越权小组', foundedOn: '2024-01-01' } });
    expect(outside.errors?.[0]?.extensions?.reason).toBe('auth/out_of_scope');
    const sibling = await as(FOUND, { i: { parentId: org(h.committee), kind: 'BRANCH', name: '越权支部', foundedOn: '2024-01-01' } });
    expect(sibling.errors?.[0]?.extensions?.reason).toBe('auth/out_of_scope');
    const root = await as(FOUND, { i: { kind: 'COMMITTEE', name: '越权党委', foundedOn: '2024-01-01' } });
    expect(root.errors?.[0]?.extensions?.problems?.[0]?.reason).toBe('input/required');
    const inside = await as(FOUND, { i: { parentId: org(mine!), kind: 'PARTY_GROUP', name: '本支部小组', foundedOn: '2024-01-01' } });
    expect(inside.errors).toBeUndefined();
    // Analysts and administrators write nothing of the Party's, whatever they name.
    for (const role of [AccountRole.ANALYST, AccountRole.ADMIN]) {
      const res = await (
        await hub.as(role)
      ).gql(FOUND, { i: { parentId: org(mine!), kind: 'PARTY_GROUP', name: '越权', foundedOn: '2024-01-01' } });
      expect(res.errors?.[0]?.extensions?.reason, role).toBe('auth/forbidden');
    }
  });
});
