/**
 * The read-path scenarios of the side-by-side benchmark: each as the hub's GraphQL, PostGraphile's
 * GraphQL (aliased to the same answer shape) and the plain SQL that fetches the same rows (the floor).
 */
import type pg from 'pg';

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

export interface Scenario {
  key: string;
  name: string;
  hub: Operation;
  postgraphile: Operation;
  sql: (pool: pg.Pool) => Promise<unknown>;
}

export interface Fixtures {
  /** A general branch (党总支) of the first hospital: global id and materialised path. */
  general: { id: string; path: string };
  /** The first hospital's committee, whose branches C lists. */
  committee: { id: string; path: string };
  /** The quarter D counts. */
  quarter: { from: string; to: string };
}

/** What the scenarios need from the data, asked of the hub (global ids) and of the database. */
export async function fixtures(pool: pg.Pool, hub: (query: string) => Promise<any>): Promise<Fixtures> {
  const first = async (kind: string) =>
    (await hub(`{ organizations(filter: { kind: { eq: ${kind} } }, first: 1, orderBy: [{ field: ID }]) { nodes { id path } } }`))
      .organizations.nodes[0];
  const [general, committee] = [await first('GENERAL_BRANCH'), await first('COMMITTEE')];
  const { last } = (await pool.query(`select max(responded_on)::text as last from survey_response`)).rows[0];
  // The last complete quarter of the data.
  const end = new Date(`${last}T00:00:00Z`);
  const q = Math.floor(end.getUTCMonth() / 3) - 1;
  const year = end.getUTCFullYear() + (q < 0 ? -1 : 0);
  const start = ((q + 4) % 4) * 3;
  return { general, committee, quarter: { from: isoDay(year, start, 1), to: isoDay(year, start + 3, 0) } };
}

const isoDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

const MEMBER_FIELDS = 'rowId gender politicalStatus professionalTitle joinedOn';

export function scenarios(f: Fixtures): Scenario[] {
  return [membersPage(), membersUnderGeneral(f), branchesWithMembers(f), quarterResponses(f)];
}

/** A: the first page of members, flat, with a to-one relation. */
function membersPage(): Scenario {
  return {
    key: 'A',
    name: '20 members, five fields and their organisation’s name',
    hub: { query: `{ members(first: 20, orderBy: [{ field: ID }]) { nodes { ${MEMBER_FIELDS} organization { name } } } }` },
    postgraphile: {
      query: `{ members: allMembers(first: 20, orderBy: ROW_ID_ASC) { nodes { ${MEMBER_FIELDS} organization: organizationByOrganizationId { name } } } }`,
    },
    sql: (pool) =>
      pool.query(`select m.id, m.gender, m.political_status, m.professional_title, m.joined_on, o.name
          from member m join organization o on o.id = m.organization_id order by m.id limit 20`),
  };
}

/** B: a subtree filter, its count and first page. */
function membersUnderGeneral(f: Fixtures): Scenario {
  return {
    key: 'B',
    name: 'members under one general branch: totalCount and the first 20',
    hub: {
      query: `query($org: ID!) { members(filter: { orgId: $org }, first: 20, orderBy: [{ field: ID }]) { totalCount nodes { ${MEMBER_FIELDS} } } }`,
      variables: { org: f.general.id },
    },
    postgraphile: {
      query: `query($path: String!) { members: allMembers(filter: { organizationByOrganizationId: { path: { startsWith: $path } } }, first: 20, orderBy: ROW_ID_ASC) { totalCount nodes { ${MEMBER_FIELDS} } } }`,
      variables: { path: f.general.path },
    },
    sql: async (pool) => {
      const like = [`${f.general.path}%`];
      await Promise.all([
        pool.query(`select count(*) from member m join organization o on o.id = m.organization_id where o.path like $1`, like),
        pool.query(
          `select m.id, m.gender, m.political_status, m.professional_title, m.joined_on from member m
            join organization o on o.id = m.organization_id where o.path like $1 order by m.id limit 20`,
          like,
        ),
      ]);
    },
  };
}

/** C: one level of nesting, a list per node. */
function branchesWithMembers(f: Fixtures): Scenario {
  return {
    key: 'C',
    name: 'the branches of a hospital, each with its members (nested)',
    hub: {
      query: `query($org: ID!) { organizations(filter: { orgId: $org, kind: { in: [BRANCH, JOINT_BRANCH] } }, first: 100, orderBy: [{ field: ID }]) {
          nodes { name members(first: 200, orderBy: [{ field: ID }]) { nodes { rowId politicalStatus } } } } }`,
      variables: { org: f.committee.id },
    },
    postgraphile: {
      query: `query($path: String!) { organizations: allOrganizations(filter: { path: { startsWith: $path }, kind: { in: ["branch", "joint_branch"] } }, first: 100, orderBy: ROW_ID_ASC) {
          nodes { name members: membersByOrganizationId(first: 200, orderBy: ROW_ID_ASC) { nodes { rowId politicalStatus } } } } }`,
      variables: { path: f.committee.path },
    },
    sql: async (pool) => {
      const { rows } = await pool.query(
        `select id, name from organization where path like $1 and kind in ('branch', 'joint_branch') order by id limit 100`,
        [`${f.committee.path}%`],
      );
      await pool.query(
        `select id, political_status, organization_id from member where organization_id = any($1) order by organization_id, id`,
        [rows.map((r) => r.id)],
      );
    },
  };
}

/** D: a count over the largest table. */
function quarterResponses(f: Fixtures): Scenario {
  return {
    key: 'D',
    name: `totalCount of one quarter’s survey responses (${f.quarter.from} … ${f.quarter.to})`,
    hub: {
      query: `query($from: LocalDate!, $to: LocalDate!) { surveyResponses(filter: { respondedOn: { gte: $from, lte: $to } }) { totalCount } }`,
      variables: f.quarter,
    },
    postgraphile: {
      query: `query($from: Date!, $to: Date!) { surveyResponses: allSurveyResponses(filter: { respondedOn: { greaterThanOrEqualTo: $from, lessThanOrEqualTo: $to } }) { totalCount } }`,
      variables: f.quarter,
    },
    sql: (pool) => pool.query(`select count(*) from survey_response where responded_on between $1 and $2`, [f.quarter.from, f.quarter.to]),
  };
}

/** The two servers' answers in one form: enum values as stored (PostGraphile shows text columns as they are). */
export function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return typeof value === 'string' && /^[A-Z][A-Z0-9_]*$/.test(value) ? value.toLowerCase() : value;
}
