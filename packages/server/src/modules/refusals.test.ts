/**
 * A careless clerk and an attacker, write by write: every bad input the probes found is refused with a
 * code, the field it is about and both languages, and nothing is written (every table and the audit log
 * keep their rows; the cells still equal a rebuild).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId as gid } from '../graphql/global-id.js';
import { rebuildCells, verifyCells } from '../indicators/cells.js';
import { schemaTables } from '../seed/tables.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../test-support/random-hospital.js';

const ACTIVITY = `mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id rows } }`;
const SURVEY = `mutation($s: ID!, $r: [SurveyResponseInput!]!) { submitSurveyResponses(surveyId: $s, responses: $r) { rows } }`;
const HONOR = `mutation($i: AwardHonorInput!) { awardHonor(input: $i) { id } }`;
const STAGE = `mutation($m: ID!, $s: DevelopmentStage!, $on: LocalDate!) { changeMemberStage(memberId: $m, stage: $s, on: $on) { id } }`;
const POSITION = `mutation($i: AssignPositionInput!) { assignPosition(input: $i) { id } }`;
const METRICS = `mutation($d: ID!, $m: String!, $v: [MetricValueInput!]!) { recordDepartmentMetrics(departmentId: $d, month: $m, values: $v) { rows } }`;
const TARGET = `mutation($o: ID!, $t: Float) { setIndicatorTarget(orgId: $o, indicatorId: "org_life_attendance_rate", effectiveFrom: "2026-01-01", target: $t) { rows } }`;
const WEIGHTS = `mutation($o: ID!, $w: [IntegrationWeightInput!]!) { setIntegrationWeights(orgId: $o, effectiveFrom: "2026-01-01", weights: $w) { rows } }`;
const CANCEL = `mutation($id: ID!) { cancelActivity(id: $id) { id } }`;

describe('write refusals', () => {
  let hub: TestHub;
  let client: pg.Client;
  let h: RandomHospital;
  /** A branch with at least two full members of its own, and one person of another branch. */
  let branch: number;
  let insiders: number[];
  let outsider: number;

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        (await schemaTables(client))
          .filter((t) => t !== 'indicator_cell')
          .map(async (t) => [t, Number((await client.query(`select count(*) from ${t}`)).rows[0].count)] as const),
      ),
    );

  /** Runs a write that must be refused: its first error's code and reason, its field, both languages; nothing written. */
  async function refused(query: string, variables: Record<string, unknown>, reason: string, field?: string) {
    const before = await counts();
    const res = await hub.gql(query, variables);
    const e = res.errors?.[0];
    expect(e, JSON.stringify(res.data)).toBeDefined();
    expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(e!.extensions!.code);
    const reasons = [e!.extensions!.reason, ...(e!.extensions!.problems ?? []).map((p: any) => p.reason)];
    expect(reasons, JSON.stringify(e)).toContain(reason);
    if (field) expect([e!.extensions!.field, ...(e!.extensions!.problems ?? []).map((p: any) => p.field)]).toContain(field);
    expect(e!.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(await counts()).toEqual(before);
    return e!;
  }

  const accepted = async (query: string, variables: Record<string, unknown>) => {
    const res = await hub.gql(query, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!;
  };

  const meeting = (extra: Record<string, unknown> = {}) => ({
    organizationId: gid('Organization', branch),
    type: 'BRANCH_COMMITTEE_MEETING',
    title: '支委会',
    heldOn: '2026-03-10',
    attendance: insiders.map((m) => ({ memberId: gid('Member', m), status: 'PRESENT' })),
    ...extra,
  });

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 5, '2026-06');
    await client.query(`update survey set started_on = '2025-01-01'`);
    // Two full members of the first branch and one of the second, whatever the random hospital drew.
    const person = async (org: number, name: string) =>
      (
        await client.query(
          `insert into member (hospital_id, organization_id, name, gender, education, professional_title, staff_category,
             political_status, membership_status, joined_on, converted_on, birth_date)
           values ($1, $2, $3, 'female', 'master', 'intermediate', 'physician', 'full_member', 'active', '2010-05-01', '2011-05-01', '1980-01-01') returning id`,
          [h.hospital, org, name],
        )
      ).rows[0].id as number;
    branch = h.branches[0]!;
    insiders = [await person(branch, '张一'), await person(branch, '张二')];
    outsider = await person(h.branches[1]!, '赵三');
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
  });
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should refuse implausible dates: 9999-12-31, 1900-01-01, year 0000 (in a read too), a future held meeting', async () => {
    await refused(ACTIVITY, { i: meeting({ heldOn: '9999-12-31' }) }, 'input/date_out_of_range', 'recordActivity.input.heldOn');
    await refused(ACTIVITY, { i: meeting({ heldOn: '1900-01-01' }) }, 'input/date_out_of_range', 'recordActivity.input.heldOn');
    const zero = await hub.gql(ACTIVITY, { i: meeting({ heldOn: '0000-01-01' }) });
    expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const read = await hub.gql(`{ activities(filter: { heldOn: { gte: "0000-01-01" } }) { totalCount } }`);
    expect(read.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(read.errors?.[0]?.message).toMatch(/0001–9999/);
  });

  it('should refuse a title longer than its column, counts past their maxima, a blank title', async () => {
    await refused(ACTIVITY, { i: meeting({ title: '长'.repeat(301) }) }, 'input/too_long', 'recordActivity.input.title');
    await refused(
      ACTIVITY,
      { i: meeting({ type: 'VOLUNTEER_SERVICE', beneficiaryCount: 2_000_000_000 }) },
      'input/out_of_range',
      'recordActivity.input.beneficiaryCount',
    );
    await refused(ACTIVITY, { i: meeting({ title: '   ' }) }, 'input/required', 'recordActivity.input.title');
  });

  it('should refuse an attendee from another branch, an anonymous attendee at organisational life, 10,000 attendees', async () => {
    const out = meeting({ attendance: [{ memberId: gid('Member', outsider), status: 'PRESENT' }] });
    await refused(ACTIVITY, { i: out }, 'input/not_in_organization', 'recordActivity.input.attendance.0.memberId');
    await refused(ACTIVITY, { i: meeting({ attendance: [{ memberId: null, status: 'PRESENT' }] }) }, 'input/required');
    const crowd = Array.from({ length: 10_000 }, () => ({ memberId: null, status: 'PRESENT' }));
    await refused(
      ACTIVITY,
      { i: meeting({ type: 'VOLUNTEER_SERVICE', attendance: crowd }) },
      'input/too_many',
      'recordActivity.input.attendance',
    );
  });

  it('should refuse the same meeting twice, naming it, and cancelling a cancelled one', async () => {
    const first = await accepted(ACTIVITY, { i: meeting({ title: '三月支委会' }) });
    const e = await refused(ACTIVITY, { i: meeting({ title: '三月支委会' }) }, 'input/duplicate_record');
    expect(e.message).toContain(first.recordActivity.id);
    await accepted(CANCEL, { id: first.recordActivity.id });
    await refused(CANCEL, { id: first.recordActivity.id }, 'activity/already_cancelled');
  });

  it('should refuse responses before the survey began or after today, and the same batch twice', async () => {
    const survey = gid('Survey', h.surveys[0]!);
    const early = [{ respondedOn: '2024-12-31', overallScore: 90 }];
    await refused(SURVEY, { s: survey, r: early }, 'input/date_out_of_range', 'submitSurveyResponses.responses.0.respondedOn');
    await refused(SURVEY, { s: survey, r: [{ respondedOn: '2099-01-01', overallScore: 90 }] }, 'input/date_out_of_range');
    const batch = [
      { respondedOn: '2026-03-01', overallScore: 91 },
      { respondedOn: '2026-03-02', overallScore: 55 },
    ];
    await accepted(SURVEY, { s: survey, r: batch });
    await refused(SURVEY, { s: survey, r: batch }, 'input/duplicate_record');
    await refused(SURVEY, { s: survey, r: Array.from({ length: 501 }, () => batch[0]) }, 'input/too_many');
  });

  it('should refuse a hospital honor carrying a person, and the same honor twice', async () => {
    const base = {
      hospitalId: gid('Hospital', h.hospital),
      title: '先进集体',
      category: 'PARTY',
      level: 'MUNICIPAL',
      awardedOn: '2026-02-01',
    };
    await refused(
      HONOR,
      { i: { ...base, recipientType: 'HOSPITAL', memberId: gid('Member', insiders[0]!) } },
      'input/inconsistent',
      'awardHonor.input.memberId',
    );
    await accepted(HONOR, { i: { ...base, recipientType: 'HOSPITAL' } });
    await refused(HONOR, { i: { ...base, recipientType: 'HOSPITAL' } }, 'input/duplicate_record');
  });

  it('should refuse steps out of the procedure: going back, a full member with no record applying, the same step twice', async () => {
    const { rows } = await client.query(
      `select m.id from member m where m.political_status = 'full_member' and not exists (select 1 from development_event e where e.member_id = m.id) limit 1`,
    );
    if (rows[0]) await refused(STAGE, { m: gid('Member', rows[0].id), s: 'APPLICATION_SUBMITTED', on: '2026-03-01' }, 'stage/closed');
    const masses = (
      await client.query(
        `insert into member (hospital_id, organization_id, name, gender, education, professional_title, staff_category, political_status, birth_date)
      select hospital_id, organization_id, '王测试', gender, education, professional_title, staff_category, 'masses', '1990-05-05' from member where id = $1 returning id`,
        [insiders[0]],
      )
    ).rows[0].id;
    await accepted(STAGE, { m: gid('Member', masses), s: 'APPLICATION_SUBMITTED', on: '2026-01-05' });
    await refused(STAGE, { m: gid('Member', masses), s: 'APPLICATION_SUBMITTED', on: '2026-01-05' }, 'input/duplicate_record');
    await refused(STAGE, { m: gid('Member', masses), s: 'COMMITTEE_APPROVED', on: '2026-02-01' }, 'stage/out_of_order');
  });

  it('should answer the age rule without the date it compared', async () => {
    const young = (
      await client.query(
        `insert into member (hospital_id, organization_id, name, gender, education, professional_title, staff_category, political_status, birth_date)
      select hospital_id, organization_id, '李测试', gender, education, professional_title, staff_category, 'masses', '2009-07-19' from member where id = $1 returning id`,
        [insiders[0]],
      )
    ).rows[0].id;
    const e = await refused(STAGE, { m: gid('Member', young), s: 'APPLICATION_SUBMITTED', on: '2026-03-01' }, 'stage/age_requirement');
    expect(JSON.stringify(e)).not.toMatch(/2009|2027|07-19|\d{4}-\d{2}-\d{2}/);
  });

  it('should refuse a secretary who is not an active full member, the same appointment twice, and an overlapping one', async () => {
    const applicant = (
      await client.query(`select id from member where organization_id = $1 and political_status <> 'full_member' limit 1`, [branch])
    ).rows[0];
    const secretary = (m: number, startOn: string) => ({
      organizationId: gid('Organization', branch),
      memberId: gid('Member', m),
      role: 'SECRETARY',
      startOn,
    });
    if (applicant) await refused(POSITION, { i: secretary(applicant.id, '2026-04-01') }, 'input/not_eligible');
    await client.query(`update member set membership_status = 'transferred_out' where id = $1`, [insiders[1]]);
    await refused(POSITION, { i: secretary(insiders[1]!, '2026-04-01') }, 'input/not_eligible');
    await client.query(`update member set membership_status = 'active' where id = $1`, [insiders[1]]);
    await accepted(POSITION, { i: secretary(insiders[0]!, '2026-04-01') });
    await refused(POSITION, { i: secretary(insiders[0]!, '2026-04-01') }, 'input/duplicate_record');
    await refused(POSITION, { i: secretary(insiders[1]!, '2026-03-01') }, 'position/overlap', 'assignPosition.input.startOn');
  });

  it('should refuse an empty or repeated metric list, and figures past their maxima', async () => {
    const d = gid('Department', h.departments[0]!);
    await refused(METRICS, { d, m: '2026-03', v: [] }, 'input/required', 'recordDepartmentMetrics.values');
    await refused(
      METRICS,
      {
        d,
        m: '2026-03',
        v: [
          { code: 'STAFF_COUNT', value: 10 },
          { code: 'STAFF_COUNT', value: 11 },
        ],
      },
      'input/duplicate',
    );
    for (const value of [1e15, 1e20])
      await refused(METRICS, { d, m: '2026-03', v: [{ code: 'STAFF_COUNT', value }] }, 'input/out_of_range');
    const many = Array.from({ length: 10_000 }, () => ({ code: 'PAPERS', value: 1 }));
    await refused(METRICS, { d, m: '2026-03', v: many }, 'input/too_many');
  });

  it('should refuse targets outside what the unit allows and weights past their maxima', async () => {
    const o = gid('Organization', h.committee);
    for (const t of [-50, 500, 1e308]) await refused(TARGET, { o, t }, 'input/out_of_range', 'setIndicatorTarget.target');
    await refused(WEIGHTS, { o, w: [{ indicatorId: 'outpatient_satisfaction', weight: 1e6 }] }, 'input/out_of_range');
    await refused(WEIGHTS, { o, w: [] }, 'input/required');
  });

  it('should leave every cell equal to a rebuild after all of it', async () => {
    await client.query('begin');
    try {
      expect((await verifyCells(client)).differences).toEqual([]);
    } finally {
      await client.query('rollback');
    }
  });
});
