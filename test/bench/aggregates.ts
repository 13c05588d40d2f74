/**
 * `pnpm bench` (aggregates): the hub's analyst aggregates against PostGraphile v5 with
 * @graphile/pg-aggregates and postgraphile-plugin-connection-filter (dev dependencies of this benchmark
 * only) on the same PostgreSQL in the same run, and against the SQL floor: the hub's own statement for
 * the same question, compiled by the server's code and run straight on `pg`. Answers are checked equal
 * before and after the timing; the servers alternate in each of three rounds; autocannon drives 10
 * connections. Never part of `pnpm test`.
 *
 * PostGraphile cannot answer two of the questions as asked, so it gets the closest it has, and the
 * client finishes the job (untimed, in its favour):
 *  (a) it has no month bucket for a `date` column (pg-aggregates truncates timestamps to the hour or
 *      day only): it groups by day, ≈ 1,100 groups, which the client sums into 36 months;
 *  (b) it cannot group attendances by their activity's organisation: it lists the branches, their
 *      activities in the quarter and each activity's attendance grouped by status, which the client
 *      adds up per branch.
 *
 *   node bench/aggregates.ts [--scale hospital|province]     DATABASE_URL=… to use another database, BENCH_ONLY=a,c
 */
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { embeddedDbUrl, gql, registerSession, mainJs, startHub } from '../support/hub-process.ts';
import { startPostGraphile } from './postgraphile-process.ts';
import { againstFloor, benchDataDir, CONNECTIONS, ROUNDS, SECONDS, sideBySide, type AgainstFloor } from './side-by-side.ts';

const { values: args } = parseArgs({ options: { scale: { type: 'string', default: 'hospital' } }, allowPositionals: true });
const scale = args.scale === 'province' ? 'province' : 'hospital';

// The server's own modules (built): its schema registers the aggregates, compileAggregate gives their SQL.
const serverRequire = createRequire(mainJs);
// Decorator metadata first, as the server's own entry points load it (main.ts, the CLIs).
await import(serverRequire.resolve('reflect-metadata'));
const { buildHubSchema } = (await import(serverRequire.resolve('./app/schema.js'))) as {
  buildHubSchema: (metadata: unknown) => Promise<unknown>;
};
const { unconnectedHubOrm } = (await import(serverRequire.resolve('./app/orm.js'))) as {
  unconnectedHubOrm: () => { getMetadata(): unknown };
};
const { compileAggregate } = (await import(serverRequire.resolve('./graphql/aggregate/index.js'))) as {
  compileAggregate: (
    type: string,
    reader: unknown,
    args: Record<string, unknown>,
    measures: Map<string, Record<string, unknown>>,
  ) => Promise<{ statement: { text: string; values: unknown[] } }>;
};
const { Reader } = (await import(serverRequire.resolve('./db/reader.js'))) as { Reader: new (db: { pool: pg.Pool }) => unknown };

interface Question {
  key: string;
  name: string;
  hub: string;
  postgraphile: string;
  /** Both answers brought to one shape (sorted rows of plain values, numbers rounded). */
  fromHub: (data: any) => unknown;
  fromPostGraphile: (data: any) => unknown;
  /** The hub's statement for it: entity, arguments and measures as the resolver would pass them. */
  floor: { type: string; args: Record<string, unknown>; measures: Record<string, Record<string, unknown>> };
}

const r6 = (x: number | null) => (x == null ? null : Math.round(x * 1e6) / 1e6);
const low = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);

/** The first hospital: global id, row id and its committee's path. */
interface FirstHospital {
  id: string;
  rowId: number;
  committee: { path: string };
}

/** The periods the questions ask about, from the data: 36 full months of responses, the last full quarter of activities. */
interface Windows {
  months: { from: string; to: string };
  quarter: { from: string; to: string };
}

const isoDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

async function windows(pool: pg.Pool): Promise<Windows> {
  const { last } = (await pool.query(`select to_char(max(responded_on), 'YYYY-MM') as last from survey_response`)).rows[0];
  const [y, m] = (last as string).split('-').map(Number) as [number, number];
  // (a) the 36 full months before the last month with responses
  const months = { from: isoDay(y, m - 37, 1), to: isoDay(y, m - 1, 0) };
  // (b) the last full quarter of activities
  const { held } = (await pool.query(`select max(held_on)::text as held from activity where status = 'held'`)).rows[0];
  const h = new Date(`${held}T00:00:00Z`);
  const q = Math.floor(h.getUTCMonth() / 3) - 1;
  const qy = h.getUTCFullYear() + (q < 0 ? -1 : 0);
  const qm = ((q + 4) % 4) * 3;
  return { months, quarter: { from: isoDay(qy, qm, 1), to: isoDay(qy, qm + 3, 0) } };
}

/** The questions, over the first hospital (at province scale too, as its analyst would ask them) except (c). */
async function questions(pool: pg.Pool, hubUrl: string): Promise<Question[]> {
  const first = (await gql(hubUrl, `{ hospitals(first: 1, orderBy: [{ field: ID }]) { nodes { id rowId committee { path } } } }`)).data
    .hospitals.nodes[0] as FirstHospital;
  const w = await windows(pool);
  return [monthlyScores(first, w.months), attendanceByBranch(first, w.quarter), membersByEducation()];
}

/** (a): PostGraphile groups by day, the client sums the days into months. */
function monthlyScores(first: FirstHospital, { from, to }: Windows['months']): Question {
  return {
    key: 'a',
    name: `monthly average overall score and count of survey responses, whole hospital, 36 months (${from.slice(0, 7)} … ${to.slice(0, 7)})`,
    hub: `{ surveyResponsesAggregate(filter: { survey: { hospitalId: { eq: "${first.id}" } }, respondedOn: { gte: "${from}", lte: "${to}" } },
          groupBy: [RESPONDED_ON_MONTH]) {
        groups { keys { respondedOnMonth } count avg(field: OVERALL_SCORE) } } }`,
    postgraphile: `{ allSurveyResponses(filter: { surveyBySurveyId: { hospitalId: { equalTo: ${first.rowId} } },
          respondedOn: { greaterThanOrEqualTo: "${from}", lessThanOrEqualTo: "${to}" } }) {
        groupedAggregates(groupBy: [RESPONDED_ON]) { keys distinctCount { rowId } average { overallScore } } } }`,
    fromHub: (d) => d.surveyResponsesAggregate.groups.map((g: any) => [g.keys.respondedOnMonth, g.count, r6(g.avg)]),
    fromPostGraphile: (d) => {
      const months = new Map<string, { n: number; sum: number }>();
      for (const g of d.allSurveyResponses.groupedAggregates) {
        const month = `${(g.keys[0] as string).slice(0, 7)}-01`;
        const n = Number(g.distinctCount.rowId);
        const acc = months.get(month) ?? { n: 0, sum: 0 };
        acc.n += n;
        acc.sum += n * Number(g.average.overallScore);
        months.set(month, acc);
      }
      return [...months].toSorted(([a], [b]) => a.localeCompare(b)).map(([month, a]) => [month, a.n, r6(a.sum / a.n)]);
    },
    floor: {
      type: 'SurveyResponse',
      args: {
        filter: { survey: { hospitalId: { eq: first.id } }, respondedOn: { gte: from, lte: to } },
        groupBy: ['RESPONDED_ON_MONTH'],
      },
      measures: { avg: { fn: 'AVG', field: 'OVERALL_SCORE' } },
    },
  };
}

/** (b): PostGraphile lists branches, their activities and each one's attendance by status; the client adds them up. */
function attendanceByBranch(first: FirstHospital, { from, to }: Windows['quarter']): Question {
  const branches = `[BRANCH, JOINT_BRANCH]`;
  return {
    key: 'b',
    name: `attendance rate by branch of the hospital, one quarter (${from} … ${to})`,
    hub: `{ attendancesAggregate(filter: { activity: { heldOn: { gte: "${from}", lte: "${to}" }, status: { eq: HELD },
            organization: { kind: { in: ${branches} }, path: { startsWith: "${first.committee.path}" } } } },
          groupBy: [ORGANIZATION_BRANCH]) { groups { keys { organizationBranch { rowId } } count attendanceRate } } }`,
    postgraphile: `{ allOrganizations(filter: { kind: { in: ["branch", "joint_branch"] }, path: { startsWith: "${first.committee.path}" } }) { nodes { rowId
          activitiesByOrganizationId(filter: { heldOn: { greaterThanOrEqualTo: "${from}", lessThanOrEqualTo: "${to}" }, status: { equalTo: "held" } }) {
            nodes { attendancesByActivityId { groupedAggregates(groupBy: [STATUS]) { keys distinctCount { rowId } } } } } } } }`,
    fromHub: (d) =>
      d.attendancesAggregate.groups
        .map((g: any) => [g.keys.organizationBranch.rowId, g.count, r6(g.attendanceRate)])
        .toSorted((a: any, b: any) => a[0] - b[0]),
    fromPostGraphile: (d) =>
      d.allOrganizations.nodes
        .map(branchAttendance)
        .filter((row: any) => row[1] > 0)
        .toSorted((a: any, b: any) => a[0] - b[0]),
    floor: {
      type: 'Attendance',
      args: {
        filter: {
          activity: {
            heldOn: { gte: from, lte: to },
            status: { eq: 'held' },
            organization: { kind: { in: ['branch', 'joint_branch'] }, path: { startsWith: first.committee.path } },
          },
        },
        groupBy: ['ORGANIZATION_BRANCH'],
      },
      measures: { attendanceRate: { fn: 'RATIO', ratio: 'ATTENDANCE_RATE' } },
    },
  };
}

/** One branch of PostGraphile's answer to (b) as [row id, attendances, attendance rate]. */
function branchAttendance(o: any): [number, number, number | null] {
  const by: Record<string, number> = {};
  for (const a of o.activitiesByOrganizationId.nodes)
    for (const g of a.attendancesByActivityId.groupedAggregates) by[g.keys[0]] = (by[g.keys[0]] ?? 0) + Number(g.distinctCount.rowId);
  const all = Object.values(by).reduce((x, y) => x + y, 0);
  const expected = (by.present ?? 0) + (by.leave ?? 0) + (by.absent ?? 0);
  return [o.rowId, all, expected ? r6((100 * (by.present ?? 0)) / expected) : null];
}

/** (c): every member, both servers group alike. */
function membersByEducation(): Question {
  return {
    key: 'c',
    name: `member count by education × political status (all ${scale === 'province' ? 'hospitals' : 'members'})`,
    hub: `{ membersAggregate(groupBy: [EDUCATION, POLITICAL_STATUS]) { groups { keys { education politicalStatus } count } } }`,
    postgraphile: `{ allMembers { groupedAggregates(groupBy: [EDUCATION, POLITICAL_STATUS]) { keys distinctCount { rowId } } } }`,
    fromHub: (d) =>
      d.membersAggregate.groups.map((g: any) => [low(g.keys.education), low(g.keys.politicalStatus), g.count]).toSorted(compareRows),
    fromPostGraphile: (d) =>
      d.allMembers.groupedAggregates.map((g: any) => [g.keys[0], g.keys[1], Number(g.distinctCount.rowId)]).toSorted(compareRows),
    floor: { type: 'Member', args: { groupBy: ['EDUCATION', 'POLITICAL_STATUS'] }, measures: {} },
  };
}

/** The analyst's measures only the hub has (age bands, compareTo, every branch filled), each against its own statement. */
async function hubOnly(pool: pg.Pool, hubUrl: string): Promise<(Omit<AgainstFloor, 'sql' | 'statement'> & { floor: Question['floor'] })[]> {
  const first = (await gql(hubUrl, `{ hospitals(first: 1, orderBy: [{ field: ID }]) { nodes { id committee { id } } } }`)).data.hospitals
    .nodes[0] as { id: string; committee: { id: string } };
  const committee = first.committee.id;
  const w = await windows(pool);
  const year = { from: isoDay(Number(w.months.to.slice(0, 4)), 0, 1), to: w.months.to };
  const responses = { survey: { hospitalId: { eq: first.id } }, respondedOn: { gte: year.from, lte: year.to } };
  const lit = (o: unknown): string => JSON.stringify(o).replace(/"([a-zA-Z]+)":/g, '$1:');
  return [
    {
      key: 'd',
      name: 'members by branch × age band (edges 30, 40, 50), the first hospital',
      body: {
        query: `{ membersAggregate(filter: { orgId: "${committee}" }, groupBy: [ORGANIZATION_BRANCH, AGE_BAND], ageBandEdges: [30, 40, 50]) {
          groups { keys { organizationBranch { id } ageBand } count } } }`,
      },
      floor: {
        type: 'Member',
        args: { filter: { orgId: committee }, groupBy: ['ORGANIZATION_BRANCH', 'AGE_BAND'], ageBandEdges: [30, 40, 50] },
        measures: {},
      },
    },
    {
      key: 'e',
      name: `monthly satisfaction by survey kind with the same month a year earlier (compareTo), ${year.from.slice(0, 7)} … ${year.to.slice(0, 7)}`,
      body: {
        query: `{ surveyResponsesAggregate(filter: ${lit(responses)}, groupBy: [SURVEY_KIND, RESPONDED_ON_MONTH], compareTo: SAME_PERIOD_LAST_YEAR) {
          groups { keys { surveyKind respondedOnMonth } count avg(field: OVERALL_SCORE) compared { count avg(field: OVERALL_SCORE) } } } }`,
      },
      floor: {
        type: 'SurveyResponse',
        args: { filter: responses, groupBy: ['SURVEY_KIND', 'RESPONDED_ON_MONTH'], compareTo: 'SAME_PERIOD_LAST_YEAR' },
        measures: { avg: { fn: 'AVG', field: 'OVERALL_SCORE' } },
      },
    },
    {
      key: 'f',
      name: `meetings held per branch of the first hospital, every branch (fillGaps), ${w.quarter.from} … ${w.quarter.to}`,
      body: {
        query: `{ activitiesAggregate(filter: { orgId: "${committee}", heldOn: { gte: "${w.quarter.from}", lte: "${w.quarter.to}" } },
          groupBy: [ORGANIZATION_BRANCH], fillGaps: true) { groups { keys { organizationBranch { id } } isFilled count } } }`,
      },
      floor: {
        type: 'Activity',
        args: {
          filter: { orgId: committee, heldOn: { gte: w.quarter.from, lte: w.quarter.to } },
          groupBy: ['ORGANIZATION_BRANCH'],
          fillGaps: true,
        },
        measures: {},
      },
    },
  ];
}

function compareRows(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = String(a[i]).localeCompare(String(b[i]));
    if (c) return c;
  }
  return 0;
}

/** The analyst's measures no peer has, each against its own statement and that statement over bare HTTP. */
async function measuresOnlyTheHubHas(pool: pg.Pool, hubUrl: string, dbUrl: string, only: string[] | undefined) {
  const mine = [];
  for (const q of (await hubOnly(pool, hubUrl)).filter((x) => !only || only.includes(x.key))) {
    const { statement } = await compileAggregate(
      q.floor.type,
      new Reader({ pool }),
      q.floor.args,
      new Map(Object.entries(q.floor.measures)),
    );
    mine.push({
      ...q,
      statement: { text: statement.text, values: statement.values },
      sql: () => pool.query({ text: statement.text, values: statement.values, rowMode: 'array' }),
    });
  }
  if (mine.length)
    await againstFloor(`${scale} scale — the analyst's measures only the hub has (SQL floor: its own statement)`, mine, hubUrl, dbUrl);
}

async function main() {
  const external = process.env.DATABASE_URL;
  console.log(
    `bench (aggregates): ${scale} scale, ${external ? 'DATABASE_URL' : benchDataDir(scale)}; ${ROUNDS} rounds × ${SECONDS} s, ${CONNECTIONS} connections`,
  );
  const hub = await startHub(
    { HUB_DATA_DIR: benchDataDir(scale), HUB_SEED: scale, ...(external ? { DATABASE_URL: external } : {}) },
    60 * 60_000,
  );
  const dbUrl = external ?? embeddedDbUrl(hub, benchDataDir(scale));
  // The whole tree, as the peers read it (the demo committee reaches its own hospital only).
  await registerSession(hub.url, dbUrl);
  const pgl = await startPostGraphile(dbUrl);
  const pool = new pg.Pool({ connectionString: dbUrl, max: CONNECTIONS });
  try {
    await buildHubSchema(unconnectedHubOrm().getMetadata());
    // BENCH_ONLY=b (or a,c): only those questions.
    const only = process.env.BENCH_ONLY?.split(',');
    const list = (await questions(pool, hub.url)).filter((q) => !only || only.includes(q.key));
    const contenders = [];
    for (const q of list) {
      const { statement } = await compileAggregate(
        q.floor.type,
        new Reader({ pool }),
        q.floor.args,
        new Map(Object.entries(q.floor.measures)),
      );
      contenders.push({
        key: q.key,
        name: q.name,
        hub: { body: { query: q.hub }, answer: q.fromHub },
        postgraphile: { body: { query: q.postgraphile }, answer: q.fromPostGraphile },
        sql: () => pool.query({ text: statement.text, values: statement.values, rowMode: 'array' }),
      });
    }
    if (list.length)
      await sideBySide(`${scale} scale — aggregates (SQL floor: the hub's own statement)`, contenders, {
        hub: hub.url,
        postgraphile: pgl.url,
      });
    await measuresOnlyTheHubHas(pool, hub.url, dbUrl, only);
  } finally {
    await pool.end();
    pgl.child.kill('SIGTERM');
    hub.child.kill('SIGTERM');
    await hub.exited;
  }
}

await main();
