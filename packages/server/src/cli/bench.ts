/**
 * `pnpm bench`: what GraphQL costs over the SQL it needs. For each scenario, the median latency of the
 * GraphQL query over real HTTP is set against the median of hand-written SQL returning the same data,
 * measured in the same run on the same database (the floor). Then the demo-data generator against a
 * bare bulk insert of the same number of rows, in a scratch database on the same server (dropped
 * afterwards). Needs a seeded database: run `pnpm start` once (or set DATABASE_URL to one). Never part
 * of `pnpm test`.
 *
 * GraphQL is measured as users reach it — signed in, as three accounts the bench makes with random
 * passwords nobody sees and removes at the end: a committee session (the whole tree), a branch secretary's
 * session (its branch: each scenario asks about that branch, so that its answer is the one the secretary is
 * allowed whole) and an analyst's personal access token (`Authorization: Bearer`; the whole tree, but no
 * person rows: the scenarios that list people are skipped for it, and the output says so) — and, alternating
 * with each, the same request on a second server with no sessions and no access gate (`authorization:
 * false`, set only here): their ratio, per scenario and role, is what authorization costs.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { readConfig } from '../config.js';
import { ensureDatabase, openDatabase, withDatabase } from '../db/database.js';
import { migrate } from '../db/orm.js';
import { openHubOrm } from '../app/orm.js';
import { toGlobalId } from '../graphql/global-id.js';
import { createHttp, type HubHttp } from '../http/app.js';
import { randomBytes } from 'node:crypto';
import { AccountRole } from '../domain/enums.js';
import { createAccount } from '../modules/account/account.writes.js';
import { resetDatabase, seedDatabase } from '../seed/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

/**
 * The organisations a role's requests are about: the hospital's general branch and committee (committee,
 * analyst), or, for the branch secretary, its branch in both places (so that the answer is all its own).
 */
interface Reach {
  /** The month view's month and the first of its series' twelve (YYYY-MM): the newest month the cells hold. */
  month: { period: string; from: string };
  gb: { id: number; path: string };
  committee: { id: number; path: string };
  /** Only the reach's subtree can be read whole (a secretary's): the tree-wide list is asked under it. */
  scoped: boolean;
}

interface Scenario {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  /** Hand-written SQL returning the same data (the floor); none for the month view (its floor is the indicators bench's). */
  sql?: (c: pg.Client) => Promise<unknown>;
  /** Whether it lists people's rows (analysts may not: skipped for the analyst's token). */
  people: boolean;
}

const median = (xs: number[]) => [...xs].toSorted((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(fn: () => Promise<unknown>): Promise<number> {
  return (await alternate([fn]))[0];
}

/** The medians of several ways to do the same, taking turns run by run so that all see the same machine. */
async function alternate(fns: (() => Promise<unknown>)[]): Promise<number[]> {
  for (let i = 0; i < 3; i++) for (const fn of fns) await fn(); // warm-up: plans cached, pages in memory
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++)
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      samples[k].push(performance.now() - t);
    }
  return samples.map((xs) => median(xs));
}

async function listen(http: HubHttp): Promise<string> {
  await new Promise<void>((r) => http.server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(http.server.address() as AddressInfo).port}/graphql`;
}

/** An account of a role with a password nobody sees, signed in: its id and session cookie. */
async function benchSession(
  url: string,
  pool: pg.Pool,
  role: AccountRole,
  scope: (number | null)[],
): Promise<{ id: number; cookie: string }> {
  const username = `bench-${role}-${randomBytes(4).toString('hex')}`;
  const password = `${randomBytes(18).toString('base64url')}-Aa1`;
  const id = await createAccount(pool, { username, role, password, scope }, 'cli:bench');
  await pool.query(`update account set must_change_password = false where id = $1`, [id]);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { role } }',
      variables: { u: username, p: password },
    }),
  });
  const cookie = /hub_session=[A-Za-z0-9_-]{43}/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`the bench account could not sign in: ${await res.text()}`);
  return { id, cookie };
}

/** A personal access token made by a signed-in session (the analyst's). */
async function benchToken(url: string, cookie: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query: 'mutation { createApiToken(input: { name: "bench", days: 1 }) { secret } }' }),
  });
  const body = (await res.json()) as { data?: { createApiToken: { secret: string } }; errors?: unknown[] };
  if (!body.data) throw new Error(`the bench token could not be made: ${JSON.stringify(body.errors)}`);
  return body.data.createApiToken.secret;
}

/** One request's answer (its data as text); a refusal or an error stops the bench. */
async function post(url: string, headers: Record<string, string>, r: Pick<Scenario, 'query' | 'variables'>): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: r.query, variables: r.variables }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return JSON.stringify(body.data);
}

/** The scenarios, each about the reach's organisations: those that list people, then those that count, then the month view. */
const scenarios = (reach: Reach): Scenario[] => [...listingPeople(reach), ...counting(reach), monthView(reach)];

/** The indicators the month view breaks down and draws over twelve months (test/bench/month-view.ts: the same five). */
const FIVE = [
  'secretary_dept_head_rate',
  'three_meetings_one_lesson_rate',
  'org_life_attendance_rate',
  'outpatient_satisfaction',
  'volunteer_participation_rate',
];

/**
 * The dashboard's month view as one request (the overview's IndicatorBoard — the month's whole board and twelve
 * months of five indicators — with the breakdowns by child organisation the meeting page adds), about the reach's
 * top organisation: the hospital's committee, or the secretary's own branch.
 */
function monthView({ committee, month }: Reach): Scenario {
  return {
    name: 'month view: the whole indicator board, 5 breakdowns by child organisation, 12-month series of 5 (indicators)',
    // Written out, not built from FIVE: test/shipped-queries.e2e.test.ts validates every `query:` literal of this file.
    query: `query($org: ID!, $p: Period!, $from: Period!, $ids: [String!]!, $i0: String!, $i1: String!, $i2: String!, $i3: String!, $i4: String!) {
      indicators(orgId: $org, period: $p) { values { indicator { id } value numerator denominator nullReason status judgedPeriod complete onPace smallBase provenance incomplete target { target warning } changeFromPrevious changeFromYearAgo } }
      b0: indicatorBreakdown(id: $i0, orgId: $org, period: $p) { rows { rank point { value status nullReason } } }
      b1: indicatorBreakdown(id: $i1, orgId: $org, period: $p) { rows { rank point { value status nullReason } } }
      b2: indicatorBreakdown(id: $i2, orgId: $org, period: $p) { rows { rank point { value status nullReason } } }
      b3: indicatorBreakdown(id: $i3, orgId: $org, period: $p) { rows { rank point { value status nullReason } } }
      b4: indicatorBreakdown(id: $i4, orgId: $org, period: $p) { rows { rank point { value status nullReason } } }
      indicatorSeries(ids: $ids, orgId: $org, from: $from, to: $p, grain: MONTH) { indicator { id } points { period value nullReason } }
    }`,
    variables: {
      org: toGlobalId('Organization', committee.id),
      p: month.period,
      from: month.from,
      ids: FIVE,
      ...Object.fromEntries(FIVE.map((id, i) => [`i${i}`, id])),
    },
    people: false,
  };
}

function listingPeople({ gb, scoped }: Reach): Scenario[] {
  return [
    {
      name: 'members under a general branch (first 100, with department)',
      query: `query($org: ID!) { members(filter: { orgId: $org }, first: 100) { totalCount nodes { id maskedName department { name } } } }`,
      variables: { org: toGlobalId('Organization', gb.id) },
      people: true,
      sql: async (c) => {
        await c.query(`select count(*) from member m join organization o on o.id = m.organization_id where o.path like $1`, [
          `${gb.path}%`,
        ]);
        await c.query(
          `select m.id, m.name, d.name from member m join organization o on o.id = m.organization_id
        left join department d on d.id = m.department_id where o.path like $1 order by m.id limit 100`,
          [`${gb.path}%`],
        );
      },
    },
    {
      name: 'members with their personal fields (first 100: name, masked ID number and mobile; the read audited)',
      query: `query($org: ID!) { members(filter: { orgId: $org }, first: 100) { nodes { id name idCardNo mobile } } }`,
      variables: { org: toGlobalId('Organization', gb.id) },
      people: true,
      sql: (c) =>
        c.query(
          `select m.id, m.name, left(m.id_card_no, 4) || repeat('*', 10) || right(m.id_card_no, 4), left(m.mobile, 3) || '****' || right(m.mobile, 4)
             from member m join organization o on o.id = m.organization_id where o.path like $1 order by m.id limit 100`,
          [`${gb.path}%`],
        ),
    },
    {
      name: '50 branches with all their members and all their activities (nested, ≈ 9 k objects)',
      // The secretary's: the branches under its own (its whole answer); everybody else's: the hospital's first 50.
      ...(scoped
        ? {
            query: `query($org: ID!) { organizations(filter: { kind: { eq: BRANCH }, orgId: $org }, first: 50) { nodes { name members(first: 1000) { nodes { maskedName politicalStatus } } activities(first: 1000, orderBy: [{ field: HELD_ON }]) { nodes { title heldOn } } } } }`,
            variables: { org: toGlobalId('Organization', gb.id) },
          }
        : {
            query: `{ organizations(filter: { kind: { eq: BRANCH } }, first: 50) { nodes { name members(first: 1000) { nodes { maskedName politicalStatus } } activities(first: 1000, orderBy: [{ field: HELD_ON }]) { nodes { title heldOn } } } } }`,
            variables: {},
          }),
      people: true,
      sql: async (c) => {
        const { rows } = await c.query(`select id, name from organization where kind = 'branch' order by id limit 50`);
        const ids = rows.map((r) => r.id);
        await c.query(`select name, political_status, organization_id from member where organization_id = any($1) order by id`, [ids]);
        await c.query(`select title, held_on, organization_id from activity where organization_id = any($1) order by held_on, id`, [ids]);
      },
    },
  ];
}

function counting({ gb, committee }: Reach): Scenario[] {
  return [
    {
      name: 'survey responses of the whole hospital in a quarter (count)',
      query: `query($org: ID!) { surveyResponses(filter: { orgId: $org, respondedOn: { gte: "2025-01-01", lte: "2025-03-31" } }) { totalCount } }`,
      variables: { org: toGlobalId('Organization', committee.id) },
      people: false,
      sql: (c) =>
        c.query(
          `select count(*) from survey_response r join survey s on s.id = r.survey_id join hospital h on h.id = s.hospital_id
      join organization o on o.id = h.committee_id where o.path like $1 and r.responded_on between '2025-01-01' and '2025-03-31'`,
          [`${committee.path}%`],
        ),
    },
    {
      name: 'members under a general branch counted by branch and political status (aggregate, no person rows)',
      query: `query($org: ID!) { membersAggregate(filter: { orgId: $org }, groupBy: [ORGANIZATION_BRANCH, POLITICAL_STATUS]) { groups { count } } }`,
      variables: { org: toGlobalId('Organization', gb.id) },
      people: false,
      sql: (c) =>
        c.query(
          `select m.organization_id, m.political_status, count(*) from member m join organization o on o.id = m.organization_id
            where o.path like $1 group by 1, 2`,
          [`${gb.path}%`],
        ),
    },
  ];
}

const db = await openDatabase(readConfig());
const orm = await openHubOrm({ url: db.url });
await migrate(orm);
const client = new pg.Client({ connectionString: db.url });
await client.connect();
const {
  rows: [committee],
} = await client.query(`select id, path from organization where kind = 'committee' order by id limit 1`);
const {
  rows: [gb],
} = await client.query(`select id, path from organization where kind = 'general_branch' order by id limit 1`);
if (!committee || !gb) throw new Error('the database holds no demo data: run `pnpm start` once (or `pnpm seed`) first');
const {
  rows: [month],
} = await client.query<{ period: string; from: string }>(
  `select to_char(last_month, 'YYYY-MM') as period, to_char(last_month - interval '11 months', 'YYYY-MM') as from from indicator_range`,
);
// The secretary's branch: the general branch's with the most members.
const {
  rows: [branch],
} = await client.query(
  `select o.id, o.path from organization o where o.kind = 'branch' and o.path like $1
    order by (select count(*) from member m where m.organization_id = o.id) desc, o.id limit 1`,
  [`${gb.path}%`],
);
const http = await createHttp({ orm, dashboardDir: null });
const open = await createHttp({ orm, dashboardDir: null, authorization: false });
const [url, openUrl] = [await listen(http), await listen(open)];
const accounts = new pg.Pool({ connectionString: db.url, max: 1 });
const made: number[] = [];
type Role = 'committee' | 'secretary' | 'analyst';
const ROLES: { role: Role; label: string }[] = [
  { role: 'committee', label: 'committee session' },
  { role: 'secretary', label: 'branch secretary session' },
  { role: 'analyst', label: 'analyst token' },
];
try {
  // A database only seeded (`pnpm seed`, no `pnpm start` yet) has no administrator, and a hub answers nothing
  // but auth/no_admin until one exists: the bench makes its own, removed with its other accounts.
  const { rows: admins } = await accounts.query(`select 1 from account where role = 'admin' and not disabled limit 1`);
  const adminPassword = `${randomBytes(18).toString('base64url')}-Aa1`;
  const admin = { username: `bench-admin-${randomBytes(4).toString('hex')}`, role: AccountRole.ADMIN, password: adminPassword, scope: [] };
  if (!admins.length) made.push(await createAccount(accounts, admin, 'cli:bench'));
  const committeeSession = await benchSession(url, accounts, AccountRole.COMMITTEE, [null]);
  const secretarySession = await benchSession(url, accounts, AccountRole.SECRETARY, [branch.id]);
  const analystSession = await benchSession(url, accounts, AccountRole.ANALYST, [null]);
  made.push(committeeSession.id, secretarySession.id, analystSession.id);
  const headers: Record<Role, Record<string, string>> = {
    committee: { cookie: committeeSession.cookie },
    secretary: { cookie: secretarySession.cookie },
    analyst: { authorization: `Bearer ${await benchToken(url, analystSession.cookie)}` },
  };
  const hospital = scenarios({ month, gb, committee, scoped: false });
  const own = scenarios({ month, gb: branch, committee: branch, scoped: true });

  console.log(`runs per measurement: ${RUNS} (median shown; each role and the same request without authorization taking turns)`);
  console.log(
    `the branch secretary asks each question about its own branch (organization ${branch.id}); the analyst's token is sent as Authorization: Bearer\n`,
  );
  console.log(
    `| scenario | ${ROLES.map((r) => `${r.label}: ms, without authorization ms, speed kept`).join(' | ')} | SQL floor (ms) | committee / floor |\n|---|${ROLES.map(() => '---|').join('')}---|---|`,
  );
  const skipped: string[] = [];
  const differ: string[] = [];
  for (const [i, s] of hospital.entries()) {
    const cells: string[] = [];
    let committeeMs = 0;
    for (const { role, label } of ROLES) {
      if (role === 'analyst' && s.people) {
        cells.push('— (no person rows for analysts)');
        skipped.push(`${label}: “${s.name}” skipped — an analyst may not read person rows (auth/forbidden)`);
        continue;
      }
      const request = role === 'secretary' ? own[i] : s;
      // Like for like only where both servers answer the same: the scope may leave out what no filter of the request does.
      const same = (await post(url, headers[role], request)) === (await post(openUrl, {}, request));
      if (!same)
        differ.push(
          `${label}: “${s.name}” answers otherwise than without authorization (its scope leaves rows out, or small cells are suppressed): not like for like`,
        );
      const [onMs, offMs] = await alternate([() => post(url, headers[role], request), () => post(openUrl, {}, request)]);
      if (role === 'committee') committeeMs = onMs;
      cells.push(`${onMs.toFixed(1)}, ${offMs.toFixed(1)}, ${(offMs / onMs).toFixed(2)}${same ? '' : ' (≠)'}`);
    }
    const sql = s.sql;
    const sqlMs = sql ? await time(() => sql(client)) : null;
    const floor = sqlMs === null ? '— | —' : `${sqlMs.toFixed(1)} | ${(committeeMs / sqlMs).toFixed(1)}×`;
    console.log(`| ${s.name} | ${cells.join(' | ')} | ${floor} |`);
  }
  if (skipped.length || differ.length) console.log(`\n${[...skipped, ...differ].join('\n')}`);
} finally {
  if (made.length) await accounts.query(`delete from account where id = any($1)`, [made]);
  await accounts.end();
}
await client.end();
await http.stop();
await open.stop();
await orm.close();

// The demo-data generator against a floor: the same number of rows, as narrow constant rows, inserted
// by one INSERT … SELECT into a logged table with two indexes, on the same server in the same run.
const SEED_RUNS = Number(process.env.BENCH_SEED_RUNS ?? 3);
const scratchName = `party_hub_bench_${process.pid}`;
const serverUrl = withDatabase(db.url, 'postgres');
await ensureDatabase(serverUrl, scratchName);
const scratch = withDatabase(db.url, scratchName);
try {
  const scratchOrm = await openHubOrm({ url: scratch });
  await migrate(scratchOrm);
  await scratchOrm.close();
  const seedRates: number[] = [];
  let rowsSeeded = 0;
  for (let i = 0; i < SEED_RUNS; i++) {
    await resetDatabase(scratch);
    const r = await seedDatabase(scratch, { scale: 'hospital', endDate: '2026-06-30' });
    seedRates.push(r.rowsPerSecond);
    rowsSeeded = r.totalRows;
  }
  const c = new pg.Client({ connectionString: scratch });
  await c.connect();
  const floorRates: number[] = [];
  for (let i = 0; i < SEED_RUNS; i++) {
    await c.query(`drop table if exists bench_floor`);
    await c.query(
      `create table bench_floor (id serial primary key, a int, b int, d date, s smallint, ok boolean, x smallint, y smallint, z smallint)`,
    );
    await c.query(`create index on bench_floor (a, d)`);
    const t = performance.now();
    await c.query(
      `insert into bench_floor (a, b, d, s, ok, x, y, z) select g % 40, g % 5, date '2024-01-01' + g % 1000, 90, true, 90, 90, 90
                     from generate_series(1, $1::int) g`,
      [rowsSeeded],
    );
    floorRates.push(rowsSeeded / ((performance.now() - t) / 1000));
  }
  await c.query(`drop table bench_floor`);
  await c.end();
  const g = median(seedRates);
  const f = median(floorRates);
  console.log(
    `\n| generator (hospital scale, ${rowsSeeded.toLocaleString('en')} rows, median of ${SEED_RUNS}) | rows/s | floor: bare INSERT … SELECT, same row count | ratio |\n|---|---|---|---|`,
  );
  console.log(
    `| seedDatabase (one transaction, COPY + set-based SQL, indexes and FKs rebuilt) | ${Math.round(g).toLocaleString('en')} | ${Math.round(f).toLocaleString('en')} | ${(g / f).toFixed(2)}× |`,
  );
} finally {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${scratchName} with (force)`);
  await admin.end();
  await db.stop();
}
