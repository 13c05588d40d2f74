/**
 * Surveys' definitions through the real server: the committee creates one and renames it; a duplicate title,
 * a threshold off its scale and a change of what gives stored answers their meaning are each refused with a
 * coded zh/en problem on its field, writing nothing; the audit keeps before and after.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId as gid } from '../../graphql/global-id.js';
import { startTestHub, type TestHub } from '../../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../../test-support/random-hospital.js';

const CREATE = `mutation($h: ID!, $i: SurveyInput!) { createSurvey(hospitalId: $h, input: $i) { id rows } }`;
const UPDATE = `mutation($id: ID!, $i: SurveyInput!) { updateSurvey(id: $id, input: $i) { id rows } }`;
const INPUT = {
  title: '门诊满意度（第三方）',
  kind: 'OUTPATIENT',
  source: 'THIRD_PARTY',
  cadence: 'MONTHLY',
  scale: 'SCORE_0_100',
  satisfiedFrom: 80,
};

describe('survey/definition writes', () => {
  let hub: TestHub;
  let client: pg.Client;
  let h: RandomHospital;
  const surveys = async () =>
    (await client.query(`select id, title, kind, scale, satisfied_from::float8 as t from survey order by id`)).rows;

  async function refused(query: string, variables: Record<string, unknown>, reason: string, field: string) {
    const before = await surveys();
    const res = await hub.gql(query, variables);
    const problems = (res.errors?.[0]?.extensions?.problems ?? []) as { reason: string; field: string }[];
    expect(
      problems.map((p) => [p.reason, p.field.split('.').at(-1)]),
      JSON.stringify(res),
    ).toContainEqual([reason, field]);
    expect(res.errors![0].message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(await surveys()).toEqual(before);
  }

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 43, '2026-03');
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should create a survey and rename it, the audit keeping before and after', async () => {
    const made = await hub.gql(CREATE, { h: gid('Hospital', h.hospital), i: INPUT });
    expect(made.errors, JSON.stringify(made.errors)).toBeUndefined();
    const id = made.data!.createSurvey.id as string;
    const renamed = await hub.gql(UPDATE, { id, i: { ...INPUT, title: '门诊满意度（第三方测评）', cadence: 'QUARTERLY' } });
    expect(renamed.errors, JSON.stringify(renamed.errors)).toBeUndefined();
    const row = (await surveys()).at(-1);
    expect(row).toMatchObject({ title: '门诊满意度（第三方测评）', kind: 'outpatient', scale: 'score_0_100', t: 80 });
    const audit = await client.query(`select action, before, after from audit_log where entity = 'survey' order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['survey.create', 'survey.update']);
    expect(audit.rows[1].before).toMatchObject({ kind: 'outpatient' });
  });

  it('should refuse a duplicate title, a threshold off the scale and a changed scale of a survey with answers, writing nothing', async () => {
    await refused(
      CREATE,
      { h: gid('Hospital', h.hospital), i: { ...INPUT, title: '门诊满意度（第三方测评）' } },
      'input/duplicate_record',
      'title',
    );
    await refused(
      CREATE,
      { h: gid('Hospital', h.hospital), i: { ...INPUT, title: '五级', scale: 'LIKERT_5', satisfiedFrom: 6 } },
      'input/out_of_range',
      'satisfiedFrom',
    );
    await refused(
      CREATE,
      { h: gid('Hospital', h.hospital), i: { ...INPUT, title: '小数', satisfiedFrom: 80.125 } },
      'input/out_of_range',
      'satisfiedFrom',
    );
    const answered = (
      await client.query(
        `select s.id, s.title, s.kind, s.source, s.cadence from survey s where exists (select 1 from survey_response r where r.survey_id = s.id) limit 1`,
      )
    ).rows[0];
    const same = {
      title: answered.title,
      kind: String(answered.kind).toUpperCase(),
      source: String(answered.source).toUpperCase(),
      cadence: String(answered.cadence).toUpperCase(),
    };
    await refused(
      UPDATE,
      { id: gid('Survey', answered.id), i: { ...INPUT, ...same, scale: 'LIKERT_5', satisfiedFrom: 4 } },
      'input/inconsistent',
      'scale',
    );
    await refused(CREATE, { h: gid('Hospital', 999_999), i: { ...INPUT, title: '无此医院' } }, 'id/not_found', 'hospitalId');
  });
});
