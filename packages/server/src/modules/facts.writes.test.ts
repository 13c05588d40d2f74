/**
 * The one-row facts that had no write (research projects, model posts, medical-ethics events,
 * assessments) and reported figures, through the real server: recorded, changed (the cells leave the old
 * organisation and period for the new), deleted with a reason (the audit entry keeps the row), a deleted
 * one answering a coded not found; bad input coded with its field in both languages, nothing written; a
 * branch secretary refused another branch's; every cell equal to a rebuild at the end.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../domain/enums.js';
import { toGlobalId as gid } from '../graphql/global-id.js';
import { rebuildCells, verifyCells } from '../indicators/cells.js';
import { schemaTables } from '../seed/tables.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../test-support/random-hospital.js';

const RESEARCH = `mutation($i: RecordResearchProjectInput!) { recordResearchProject(input: $i) { id rows } }`;
const POST = `mutation($i: RecordModelPostInput!) { recordModelPost(input: $i) { id rows } }`;
const ETHICS = `mutation($i: RecordEthicsEventInput!) { recordEthicsEvent(input: $i) { id rows } }`;
const ASSESSMENT = `mutation($i: RecordAssessmentInput!) { recordAssessment(input: $i) { id rows } }`;
const del = (name: string) => `mutation($id: ID!, $r: String!) { ${name}(id: $id, reason: $r) { id rows } }`;
const REPORT = `mutation($o: ID!, $v: Float) { reportIndicatorValue(orgId: $o, indicatorId: "outpatient_satisfaction", period: "2026-02", value: $v) { rows } }`;
const WITHDRAW = `mutation($o: ID!, $p: String!, $r: String!) { withdrawIndicatorReport(orgId: $o, indicatorId: "outpatient_satisfaction", period: $p, reason: $r) { rows } }`;

describe('research, model posts, ethics events, assessments, reports: record, change, delete', () => {
  let hub: TestHub;
  let client: pg.Client;
  let h: RandomHospital;
  let [a, b] = [0, 0];
  /** A department counted under branch a (mapped to it), and a full member of branch a. */
  let deptA: number;
  let person: number;

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        (await schemaTables(client)).map(
          async (t) => [t, Number((await client.query(`select count(*) from ${t}`)).rows[0].count)] as const,
        ),
      ),
    );
  const cell = async (indicator: string, org: number, period: string) =>
    Number(
      (
        await client.query(
          `select coalesce(sum(numerator), 0)::float8 as n from indicator_cell where indicator_id = $1 and org_id = $2 and period = $3`,
          [indicator, org, period],
        )
      ).rows[0].n,
    );
  const audit = async (action: string) =>
    (await client.query(`select before, after from audit_log where action = $1 order by id desc limit 1`, [action])).rows[0];

  async function refused(query: string, variables: Record<string, unknown>, reason: string, field?: string) {
    const before = await counts();
    const res = await hub.gql(query, variables);
    const e = res.errors?.[0];
    expect(e, JSON.stringify(res.data)).toBeDefined();
    const problems = e!.extensions!.problems ?? [];
    expect([e!.extensions!.reason, ...problems.map((p: any) => p.reason)], JSON.stringify(e)).toContain(reason);
    if (field) expect([e!.extensions!.field, ...problems.map((p: any) => p.field)], JSON.stringify(e)).toContain(field);
    expect(e!.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(await counts()).toEqual(before);
    return e!;
  }
  const accepted = async (query: string, variables: Record<string, unknown>) => {
    const res = await hub.gql(query, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return Object.values(res.data!)[0] as { id: string; rows: number };
  };

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 31, '2026-06');
    [a, b] = [h.branches[0]!, h.branches[1]!];
    deptA = h.departments[0]!;
    await client.query(`update department set branch_id = $1 where id = $2`, [a, deptA]);
    // Branch a starts with no assessments of its own (the random hospital may have drawn some).
    await client.query(`delete from assessment where organization_id = $1`, [a]);
    person = (
      await client.query(
        `insert into member (hospital_id, organization_id, department_id, name, gender, education, professional_title, staff_category,
           political_status, membership_status, joined_on, converted_on, birth_date)
         values ($1, $2, $3, '钱一', 'male', 'master', 'intermediate', 'nurse', 'full_member', 'active', '2012-05-01', '2013-05-01', '1985-01-01') returning id`,
        [h.hospital, a, deptA],
      )
    ).rows[0].id as number;
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
  });
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('research projects: recorded, moved to another branch and month, refused twice, deleted with a reason', async () => {
    const project = (org: number, extra: Record<string, unknown> = {}) => ({
      organizationId: gid('Organization', org),
      title: '党建引领公立医院高质量发展研究',
      level: 'MUNICIPAL',
      approvedOn: '2026-02-14',
      status: 'APPROVED',
      ...extra,
    });
    const [a2, b5] = [await cell('party_research_count', a, '2026-02'), await cell('party_research_count', b, '2026-05')];
    const { id } = await accepted(RESEARCH, { i: project(a) });
    expect(await cell('party_research_count', a, '2026-02')).toBe(a2 + 1);
    await refused(RESEARCH, { i: project(a) }, 'input/duplicate_record', 'recordResearchProject.input.title');
    await accepted(RESEARCH, { i: project(b, { id, approvedOn: '2026-05-06', status: 'IN_PROGRESS' }) });
    expect(await cell('party_research_count', a, '2026-02')).toBe(a2);
    expect(await cell('party_research_count', b, '2026-05')).toBe(b5 + 1);
    expect((await audit('research.update')).before).toMatchObject({ organization_id: a, approved_on: '2026-02-14', status: 'approved' });
    await refused(
      RESEARCH,
      { i: project(a, { title: ' ', approvedOn: '2099-01-01', organizationId: 'nonsense' }) },
      'input/required',
      'recordResearchProject.input.title',
    );
    await accepted(del('deleteResearchProject'), { id, r: '重复立项记录' });
    expect(await cell('party_research_count', b, '2026-05')).toBe(b5);
    expect(await audit('research.delete')).toMatchObject({ before: { organization_id: b }, after: { reason: '重复立项记录' } });
    await refused(del('deleteResearchProject'), { id, r: '重复立项记录' }, 'id/not_found', 'deleteResearchProject.id');
    await refused(RESEARCH, { i: project(a, { id }) }, 'id/not_found', 'recordResearchProject.input.id');
  });

  it('model posts: recorded for a holder, revoked by a change (the count drops from then on), refused without a holder, deleted', async () => {
    const post = (extra: Record<string, unknown> = {}) => ({
      type: 'MODEL_POST',
      title: '党员示范岗',
      memberId: gid('Member', person),
      level: 'HOSPITAL',
      establishedOn: '2026-01-10',
      ...extra,
    });
    const [jan, apr] = [await cell('model_post_count', a, '2026-01'), await cell('model_post_count', a, '2026-04')];
    const { id } = await accepted(POST, { i: post() });
    expect(await cell('model_post_count', a, '2026-01')).toBe(jan + 1);
    expect(await cell('model_post_count', a, '2026-04')).toBe(apr + 1);
    await accepted(POST, { i: post({ id, revokedOn: '2026-03-01' }) });
    expect(await cell('model_post_count', a, '2026-01')).toBe(jan + 1);
    expect(await cell('model_post_count', a, '2026-04')).toBe(apr);
    await refused(POST, { i: post({ revokedOn: '2025-12-31' }) }, 'input/inconsistent', 'recordModelPost.input.revokedOn');
    await refused(POST, { i: post({ memberId: null }) }, 'input/required', 'recordModelPost.input.organizationId');
    await refused(POST, { i: post({ departmentId: gid('Department', 99_999_999) }) }, 'id/not_found', 'recordModelPost.input.departmentId');
    await accepted(del('deleteModelPost'), { id, r: '误录' });
    expect(await cell('model_post_count', a, '2026-01')).toBe(jan);
    expect((await audit('model_post.delete')).before).toMatchObject({ member_id: person, revoked_on: '2026-03-01' });
    await refused(del('deleteModelPost'), { id, r: '误录' }, 'id/not_found', 'deleteModelPost.id');
  });

  it('ethics events: a banner recorded and moved to another month, amounts only on a refused red envelope, deleted', async () => {
    const event = (extra: Record<string, unknown> = {}) => ({
      type: 'BANNER',
      departmentId: gid('Department', deptA),
      occurredOn: '2026-03-08',
      ...extra,
    });
    const [mar, apr] = [await cell('ethics_banners', a, '2026-03'), await cell('ethics_banners', a, '2026-04')];
    const { id } = await accepted(ETHICS, { i: event() });
    expect(await cell('ethics_banners', a, '2026-03')).toBe(mar + 1);
    await accepted(ETHICS, { i: event({ id, occurredOn: '2026-04-02', memberId: gid('Member', person) }) });
    expect(await cell('ethics_banners', a, '2026-03')).toBe(mar);
    expect(await cell('ethics_banners', a, '2026-04')).toBe(apr + 1);
    await refused(ETHICS, { i: event({ amount: '200' }) }, 'input/inconsistent', 'recordEthicsEvent.input.amount');
    await refused(ETHICS, { i: event({ type: 'REFUSED_RED_ENVELOPE' }) }, 'input/required', 'recordEthicsEvent.input.amount');
    await refused(
      ETHICS,
      { i: event({ type: 'REFUSED_RED_ENVELOPE', amount: '0' }) },
      'input/out_of_range',
      'recordEthicsEvent.input.amount',
    );
    const before = await cell('refused_red_envelope_amount', a, '2026-03');
    await accepted(ETHICS, { i: event({ type: 'REFUSED_RED_ENVELOPE', amount: '500.50' }) });
    expect(await cell('refused_red_envelope_amount', a, '2026-03')).toBe(before + 500.5);
    await accepted(del('deleteEthicsEvent'), { id, r: '重复登记' });
    expect(await cell('ethics_banners', a, '2026-04')).toBe(apr);
    expect(await audit('ethics.delete')).toMatchObject({
      before: { type: 'banner', occurred_on: '2026-04-02' },
      after: { reason: '重复登记' },
    });
    await refused(del('deleteEthicsEvent'), { id, r: '重复登记' }, 'id/not_found', 'deleteEthicsEvent.id');
  });

  it('assessments: one per subject and year, counted in its December, regraded and deleted', async () => {
    const branch = (extra: Record<string, unknown> = {}) => ({
      subjectType: 'BRANCH',
      organizationId: gid('Organization', a),
      year: 2025,
      grade: 'GOOD',
      ...extra,
    });
    const dec = async () =>
      (
        await client.query(
          `select numerator::float8 as num, denominator::float8 as den from indicator_cell where indicator_id = 'assessment_good_rate' and org_id = $1 and period = '2025-12'`,
          [a],
        )
      ).rows[0] ?? { num: 0, den: 0 };
    const start = await dec();
    const { id } = await accepted(ASSESSMENT, { i: branch() });
    expect(await dec()).toEqual({ num: start.num + 1, den: start.den + 1 });
    await refused(ASSESSMENT, { i: branch({ grade: 'FAIR' }) }, 'input/duplicate_record', 'recordAssessment.input.year');
    await accepted(ASSESSMENT, { i: branch({ id, grade: 'FAIR', score: '72.5' }) });
    expect(await dec()).toEqual({ num: start.num, den: start.den + 1 });
    const e = await refused(
      ASSESSMENT,
      { i: branch({ subjectType: 'MEMBER', organizationId: null, year: 2099, score: '101' }) },
      'input/required',
    );
    expect(e.extensions!.problems.map((p: any) => p.field).toSorted()).toEqual(
      ['recordAssessment.input.memberId', 'recordAssessment.input.score', 'recordAssessment.input.year'].toSorted(),
    );
    // A person's assessment is filed under their own branch.
    const mine = await accepted(ASSESSMENT, {
      i: { subjectType: 'MEMBER', memberId: gid('Member', person), year: 2025, grade: 'EXCELLENT' },
    });
    expect(await dec()).toEqual({ num: start.num + 1, den: start.den + 2 });
    await accepted(del('deleteAssessment'), { id: mine.id, r: '录错年度' });
    await accepted(del('deleteAssessment'), { id, r: '录错年度' });
    expect(await dec()).toEqual(start);
    expect((await audit('assessment.delete')).before).toMatchObject({ subject_type: 'branch', grade: 'fair', score: 72.5 });
    await refused(del('deleteAssessment'), { id, r: '录错年度' }, 'id/not_found', 'deleteAssessment.id');
  });

  it('reported figures: withdrawn with a reason (the report kept in the audit log), a second time not found', async () => {
    const o = gid('Organization', a);
    await accepted(REPORT, { o, v: 93.5 });
    await refused(WITHDRAW, { o, p: '2026-02', r: '' }, 'input/reason_required', 'withdrawIndicatorReport.reason');
    await refused(WITHDRAW, { o, p: '2026-13', r: '报错了期间' }, 'period/invalid', 'withdrawIndicatorReport.period');
    await accepted(WITHDRAW, { o, p: '2026-02', r: '报错了期间' });
    expect(Number((await client.query(`select count(*) from indicator_report where org_id = $1`, [a])).rows[0].count)).toBe(0);
    expect(await audit('indicator.report.withdraw')).toMatchObject({
      before: { indicator_id: 'outpatient_satisfaction', period: '2026-02', value: 93.5 },
      after: { reason: '报错了期间' },
    });
    await refused(WITHDRAW, { o, p: '2026-02', r: '报错了期间' }, 'id/not_found', 'withdrawIndicatorReport.period');
  });

  it('should refuse a branch secretary another branch’s project, post, event, assessment and report, writing nothing', async () => {
    const project = await accepted(RESEARCH, {
      i: {
        organizationId: gid('Organization', b),
        title: '别的支部的课题',
        level: 'HOSPITAL',
        approvedOn: '2026-03-01',
        status: 'APPROVED',
      },
    });
    await accepted(REPORT, { o: gid('Organization', b), v: 90 });
    const cookie = await signedIn(hub.url, hub.db.url, 'a.facts', AccountRole.SECRETARY, [a]);
    const as = (q: string, v: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const before = await counts();
    for (const [q, v] of [
      [del('deleteResearchProject'), { id: project.id, r: '不是我们的' }],
      [
        RESEARCH,
        {
          i: {
            id: project.id,
            organizationId: gid('Organization', a),
            title: '拿来',
            level: 'HOSPITAL',
            approvedOn: '2026-03-01',
            status: 'APPROVED',
          },
        },
      ],
      [
        POST,
        { i: { type: 'MODEL_POST', title: '岗', organizationId: gid('Organization', b), level: 'HOSPITAL', establishedOn: '2026-01-01' } },
      ],
      [ASSESSMENT, { i: { subjectType: 'BRANCH', organizationId: gid('Organization', b), year: 2025, grade: 'POOR' } }],
      [WITHDRAW, { o: gid('Organization', b), p: '2026-02', r: '不是我们的' }],
    ] as const) {
      const res = await as(q, v);
      expect(res.errors?.[0]?.extensions, q).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/out_of_scope' });
    }
    expect({ ...(await counts()), audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
  });

  it('should refuse analysts and administrators every correction, whatever it names, writing nothing', async () => {
    const project = await accepted(RESEARCH, {
      i: { organizationId: gid('Organization', a), title: '留着的课题', level: 'HOSPITAL', approvedOn: '2026-03-02', status: 'APPROVED' },
    });
    const x = gid('Activity', 1);
    const documents = [
      `mutation { deleteActivity(id: "${x}", reason: "重复录入") { id } }`,
      `mutation { cancelActivity(id: "${x}", reason: "改期了") { id } }`,
      `mutation { correctAttendance(input: { activityId: "${x}", memberId: "${gid('Member', person)}", status: ABSENT, reason: "登记有误" }) { id } }`,
      `mutation { deleteHonor(id: "${gid('Honor', 1)}", reason: "误录") { id } }`,
      `mutation { updateHonor(id: "${gid('Honor', 1)}", input: { hospitalId: "${gid('Hospital', h.hospital)}", recipientType: HOSPITAL, title: "改", category: PARTY, level: HOSPITAL, awardedOn: "2026-01-02" }) { id } }`,
      `mutation { deleteResearchProject(id: "${project.id}", reason: "误录") { id } }`,
      `mutation { recordModelPost(input: { type: MODEL_POST, title: "岗", organizationId: "${gid('Organization', a)}", level: HOSPITAL, establishedOn: "2026-01-01" }) { id } }`,
      `mutation { deleteModelPost(id: "${gid('ModelPost', 1)}", reason: "误录") { id } }`,
      `mutation { recordEthicsEvent(input: { type: BANNER, departmentId: "${gid('Department', deptA)}", occurredOn: "2026-01-04" }) { id } }`,
      `mutation { deleteEthicsEvent(id: "${gid('EthicsEvent', 1)}", reason: "误录") { id } }`,
      `mutation { recordAssessment(input: { subjectType: BRANCH, organizationId: "${gid('Organization', a)}", year: 2024, grade: GOOD }) { id } }`,
      `mutation { deleteAssessment(id: "${gid('Assessment', 1)}", reason: "误录") { id } }`,
      `mutation { deleteSurveyResponses(surveyId: "${gid('Survey', h.surveys[0]!)}", respondedFrom: "2026-01-01", respondedTo: "2026-01-31", reason: "录错了") { rows } }`,
      `mutation { withdrawIndicatorReport(orgId: "${gid('Organization', a)}", indicatorId: "outpatient_satisfaction", period: "2026-02", reason: "报错") { rows } }`,
    ];
    const before = await counts();
    for (const role of [AccountRole.ANALYST, AccountRole.ADMIN]) {
      const client = await hub.as(role);
      for (const q of documents) {
        const res = await client.gql(q);
        expect(res.errors?.[0]?.extensions, `${role}: ${q}`).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/forbidden' });
      }
    }
    expect({ ...(await counts()), audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
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
