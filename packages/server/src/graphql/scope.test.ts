import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { toGlobalId } from './global-id.js';

/**
 * `orgId` on lists that reach organisations through two relations (survey response → department →
 * branch, or → survey → hospital → committee), on the demo hospital, checked against plain SQL.
 */
describe('graphql/orgId through relation paths', () => {
  let hub: TestHub;
  let sql: pg.Client;
  const count = async (q: string, params: unknown[]) => Number((await sql.query(q, params)).rows[0].n);

  beforeAll(async () => {
    hub = await startTestHub({ seededTo: '2026-06-30' });
    sql = new pg.Client({ connectionString: hub.db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await hub.close();
  });

  const orgs = async () =>
    (
      await sql.query(`
    (select id, path, kind from organization where kind = 'committee' limit 1)
    union all (select id, path, kind from organization where kind = 'general_branch' order by id limit 1)
    union all (select id, path, kind from organization where kind = 'branch' and category = 'clinical' order by id limit 1)`)
    ).rows as { id: number; path: string; kind: string }[];

  it('should count survey responses, metrics, ethics events, honors and attendance under any organisation like SQL does', async () => {
    for (const org of await orgs()) {
      const like = `${org.path}%`;
      const res = await hub.gql(
        `query($org: ID!) {
        surveyResponses(filter: { orgId: $org, respondedOn: { gte: "2026-01-01", lte: "2026-03-31" } }) { totalCount }
        departmentMetrics(filter: { orgId: $org }) { totalCount }
        ethicsEvents(filter: { orgId: $org }) { totalCount }
        honors(filter: { orgId: $org }) { totalCount }
        attendances(filter: { orgId: $org }) { totalCount }
        developmentEvents(filter: { orgId: $org }) { totalCount }
      }`,
        { org: toGlobalId('Organization', org.id) },
      );
      expect(res.errors).toBeUndefined();
      const viaDept = `exists (select 1 from department d join organization b on b.id = d.branch_id where d.id = x.department_id and b.path like $1)`;
      const viaDeptHospital = `exists (select 1 from department d join hospital h on h.id = d.hospital_id join organization c on c.id = h.committee_id where d.id = x.department_id and c.path like $1)`;
      const expected = {
        surveyResponses: await count(
          `select count(*) as n from survey_response x where x.responded_on between '2026-01-01' and '2026-03-31' and (${viaDept}
          or exists (select 1 from survey s join hospital h on h.id = s.hospital_id join organization c on c.id = h.committee_id where s.id = x.survey_id and c.path like $1))`,
          [like],
        ),
        departmentMetrics: await count(`select count(*) as n from department_metric x where ${viaDept} or ${viaDeptHospital}`, [like]),
        ethicsEvents: await count(`select count(*) as n from ethics_event x where ${viaDept} or ${viaDeptHospital}`, [like]),
        honors: await count(
          `select count(*) as n from honor x where ${viaDept}
          or exists (select 1 from organization o where o.id = x.organization_id and o.path like $1)
          or exists (select 1 from hospital h join organization c on c.id = h.committee_id where h.id = x.hospital_id and c.path like $1)`,
          [like],
        ),
        attendances: await count(
          `select count(*) as n from attendance x join activity a on a.id = x.activity_id join organization o on o.id = a.organization_id where o.path like $1`,
          [like],
        ),
        developmentEvents: await count(
          `select count(*) as n from development_event x join member m on m.id = x.member_id join organization o on o.id = m.organization_id where o.path like $1`,
          [like],
        ),
      };
      const got = Object.fromEntries(Object.entries(res.data!).map(([k, v]: [string, any]) => [k, v.totalCount]));
      expect({ kind: org.kind, ...got }).toEqual({ kind: org.kind, ...expected });
      expect(got.surveyResponses).toBeGreaterThan(0);
      // The scope's id lookup must not leave half-loaded departments behind for the nested fields.
      const nested = await hub.gql(
        `query($org: ID!) { departmentMetrics(filter: { orgId: $org }, first: 5) { nodes { department { name type } } } }`,
        { org: toGlobalId('Organization', org.id) },
      );
      expect(nested.errors).toBeUndefined();
      for (const n of nested.data!.departmentMetrics.nodes)
        expect(n.department).toEqual({ name: expect.stringMatching(/科|部|中心/), type: expect.any(String) });
      expect(got.attendances).toBeGreaterThan(0);
    }
  });

  it('should filter by what a row points to, as an analyst asks (relation filters), like SQL does', async () => {
    const res = await hub.gql(`{
      outpatient: surveyResponses(filter: { survey: { kind: { eq: OUTPATIENT } }, respondedOn: { gte: "2026-01-01" } }) { totalCount }
      themeDays: attendances(filter: { activity: { type: { eq: THEME_PARTY_DAY }, heldOn: { gte: "2026-01-01", lte: "2026-03-31" } }, status: { eq: PRESENT } }) { totalCount }
      clinical: members(filter: { organization: { category: { eq: CLINICAL } }, department: { type: { eq: CLINICAL } } }) { totalCount }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      outpatient: {
        totalCount: await count(
          `select count(*) as n from survey_response r join survey s on s.id = r.survey_id where s.kind = 'outpatient' and r.responded_on >= '2026-01-01'`,
          [],
        ),
      },
      themeDays: {
        totalCount: await count(
          `select count(*) as n from attendance x join activity a on a.id = x.activity_id
           where a.type = 'theme_party_day' and a.held_on between '2026-01-01' and '2026-03-31' and x.status = 'present'`,
          [],
        ),
      },
      clinical: {
        totalCount: await count(
          `select count(*) as n from member m join organization o on o.id = m.organization_id join department d on d.id = m.department_id
           where o.category = 'clinical' and d.type = 'clinical'`,
          [],
        ),
      },
    });
    expect(res.data!.outpatient.totalCount).toBeGreaterThan(1000);
    expect(res.data!.themeDays.totalCount).toBeGreaterThan(100);
  });

  it('should answer a count over a date range alone from the date index, not a scan of the table', async () => {
    // The planner may pick the single-column index or (PostgreSQL 18's skip scan) a composite one ending in the date.
    const plan = async (q: string) => JSON.stringify((await sql.query(`explain (format json) ${q}`)).rows[0]);
    // survey_response is partitioned by month (db/partitions.ts): a quarter reads its three months' partitions
    // whole (an index would only add work), and no other month's.
    const responses = await plan(`select count(*) from survey_response where responded_on between '2026-01-01' and '2026-03-31'`);
    const read = [...responses.matchAll(/"Relation Name":"(survey_response[a-z0-9_]*)"/g)].map((m) => m[1]).toSorted();
    expect(read).toEqual(['survey_response_2026_01', 'survey_response_2026_02', 'survey_response_2026_03']);
    const activities = await plan(`select count(*) from activity where held_on between '2026-01-01' and '2026-01-31'`);
    expect(activities).toMatch(/"Index Name":"activity_[a-z_]*held_on_index"/);
    expect(activities).not.toMatch(/Seq Scan/);
  });
});
