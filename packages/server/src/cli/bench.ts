/**
 * `pnpm bench`: what GraphQL costs over the SQL it needs. For each scenario, the median latency of the
 * GraphQL query over real HTTP is set against the median of hand-written SQL returning the same data,
 * measured in the same run on the same database (the floor). Then the demo-data generator against a
 * bare bulk insert of the same number of rows, in a scratch database on the same server (dropped
 * afterwards). Needs a seeded database: run `pnpm start` once (or set DATABASE_URL to one). Never part
 * of `pnpm test`.
 *
 * GraphQL is measured as users reach it — signed in (a committee account the bench makes with a random
 * password nobody sees, and removes at the end) — and, alternating with it, on a second server with no
 * sessions and no access gate (`authorization: false`, set only here): their ratio is what authorization
 * costs.
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

interface Scenario {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  sql: (c: pg.Client) => Promise<unknown>;
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

/** A committee account with a password nobody sees, signed in: its id and session cookie. */
async function benchSession(url: string, pool: pg.Pool): Promise<{ id: number; cookie: string }> {
  const username = `bench-${randomBytes(4).toString('hex')}`;
  const password = `${randomBytes(18).toString('base64url')}-Aa1`;
  const id = await createAccount(pool, { username, role: AccountRole.COMMITTEE, password, scope: [null] }, 'cli:bench');
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

async function post(url: string, cookie: string | null, s: Scenario): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query: s.query, variables: s.variables }),
  });
  const body = (await res.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

function scenarios(gb: { id: number; path: string }, committee: { id: number; path: string }): Scenario[] {
  return [
    {
      name: 'members under a general branch (first 100, with department)',
      query: `query($org: ID!) { members(filter: { orgId: $org }, first: 100) { totalCount nodes { id maskedName department { name } } } }`,
      variables: { org: toGlobalId('Organization', gb.id) },
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
      sql: (c) =>
        c.query(
          `select m.id, m.name, left(m.id_card_no, 4) || repeat('*', 10) || right(m.id_card_no, 4), left(m.mobile, 3) || '****' || right(m.mobile, 4)
             from member m join organization o on o.id = m.organization_id where o.path like $1 order by m.id limit 100`,
          [`${gb.path}%`],
        ),
    },
    {
      name: '50 branches with all their members and all their activities (nested, ≈ 9 k objects)',
      query: `{ organizations(filter: { kind: { eq: BRANCH } }, first: 50) { nodes { name members(first: 1000) { nodes { maskedName politicalStatus } } activities(first: 1000, orderBy: [{ field: HELD_ON }]) { nodes { title heldOn } } } } }`,
      variables: {},
      sql: async (c) => {
        const { rows } = await c.query(`select id, name from organization where kind = 'branch' order by id limit 50`);
        const ids = rows.map((r) => r.id);
        await c.query(`select name, political_status, organization_id from member where organization_id = any($1) order by id`, [ids]);
        await c.query(`select title, held_on, organization_id from activity where organization_id = any($1) order by held_on, id`, [ids]);
      },
    },
    {
      name: 'survey responses of the whole hospital in a quarter (count)',
      query: `query($org: ID!) { surveyResponses(filter: { orgId: $org, respondedOn: { gte: "2025-01-01", lte: "2025-03-31" } }) { totalCount } }`,
      variables: { org: toGlobalId('Organization', committee.id) },
      sql: (c) =>
        c.query(
          `select count(*) from survey_response r join survey s on s.id = r.survey_id join hospital h on h.id = s.hospital_id
      join organization o on o.id = h.committee_id where o.path like $1 and r.responded_on between '2025-01-01' and '2025-03-31'`,
          [`${committee.path}%`],
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
const http = await createHttp({ orm, dashboardDir: null });
const open = await createHttp({ orm, dashboardDir: null, authorization: false });
const [url, openUrl] = [await listen(http), await listen(open)];
const accounts = new pg.Pool({ connectionString: db.url, max: 1 });
const session = await benchSession(url, accounts);

console.log(`runs per measurement: ${RUNS} (median shown; signed in and without authorization taking turns)\n`);
console.log(
  '| scenario | GraphQL signed in (ms) | GraphQL, no authorization (ms) | authorization: speed kept | SQL floor (ms) | signed in / floor |\n|---|---|---|---|---|---|',
);
try {
  for (const s of scenarios(gb, committee)) {
    const [signedMs, openMs] = await alternate([() => post(url, session.cookie, s), () => post(openUrl, null, s)]);
    const sqlMs = await time(() => s.sql(client));
    console.log(
      `| ${s.name} | ${signedMs.toFixed(1)} | ${openMs.toFixed(1)} | ${(openMs / signedMs).toFixed(2)} | ${sqlMs.toFixed(1)} | ${(signedMs / sqlMs).toFixed(1)}× |`,
    );
  }
} finally {
  await accounts.query(`delete from account where id = $1`, [session.id]);
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
