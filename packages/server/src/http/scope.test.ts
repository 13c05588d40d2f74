/**
 * The access scope inside the statements, through the real HTTP server: a branch secretary reaches its
 * branch's subtree and nothing else — lists, counts, nested connections, `node`/`nodes`, aggregates,
 * indicators and their evidence; an argument naming an organisation outside answers auth/out_of_scope;
 * a write reaching outside is refused and leaves the tables as they were; and every statement the
 * secretary's requests run over a fact table carries the scope's mark (graphql/where.ts SCOPE_MARK).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../domain/enums.js';
import { toGlobalId } from '../graphql/global-id.js';
import { SCOPE_MARK } from '../graphql/where.js';
import { unconnectedHubOrm } from '../app/orm.js';
import { buildHubSchema } from '../app/schema.js';
import { addScope } from '../modules/account/account.writes.js';
import { HUB_TABLES } from '../seed/tables.js';
import { buildFixture, type Fixture } from '../test-support/fixtures.js';

import { postGraphQL, signedIn, startTestHub, type TestHub } from '../test-support/hub.js';
import { ADMIN_ROOTS } from '../modules/account/gate.js';
import { rollRow, rollXlsx, sheetsXlsx } from '../test-support/import-files.js';
import { createHash } from 'node:crypto';

/** Tables of facts (every hub table but the reference data every role reads). */
const REFERENCE = new Set(['organization', 'hospital', 'department', 'branch_department', 'survey']);
const FACTS = HUB_TABLES.filter((t) => !REFERENCE.has(t));
const readsFacts = (statement: string) => FACTS.some((t) => new RegExp(`\\b(from|join)\\s+"?${t}"?\\b`, 'i').test(statement));

const ACTIVITY = `mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }`;
const meeting = (org: number, member: number) => ({
  organizationId: toGlobalId('Organization', org),
  type: 'THEME_PARTY_DAY',
  title: '主题党日',
  heldOn: '2026-01-15',
  attendance: [{ memberId: toGlobalId('Member', member), status: 'PRESENT' }],
});
const [A, B] = [0, 1];

describe('http/scope', () => {
  let hub: TestHub;
  let pool: pg.Pool;
  let f: Fixture;
  let secretary: string;
  const gid = (type: string, id: number) => toGlobalId(type, id);
  const as = (query: string, variables?: Record<string, unknown>) => postGraphQL(hub.url, secretary, query, variables);
  const branch = (i: number) => f.branches[i];
  const membersOf = (i: number) => f.members.filter((m) => m.organization.id === branch(i).id);

  beforeAll(async () => {
    hub = await startTestHub();
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    f = await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 2, membersPerBranch: 3 });
    secretary = await signedIn(hub.url, hub.db.url, 'a.shuji', AccountRole.SECRETARY, [f.branches[0].id]);
    // A meeting in each branch, with its members present (as the committee).
    for (const i of [A, B]) {
      const res = await hub.gql(ACTIVITY, { i: meeting(branch(i).id, membersOf(i)[0].id) });
      expect(res.errors).toBeUndefined();
      activities.push(res.data!.recordActivity.id);
    }
  });
  afterAll(async () => {
    await pool.end();
    await hub.close();
  });

  const activities: string[] = [];

  it('should list, count and nest only the rows under its branch; the tree itself stays whole', async () => {
    const res = await as(`{
      members { totalCount nodes { id } }
      organizations { totalCount nodes { id members { totalCount } } }
      membersAggregate { groups { count } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.members.totalCount).toBe(membersOf(A).length);
    expect(res.data!.members.nodes.map((n: { id: string }) => n.id).toSorted()).toEqual(
      membersOf(A)
        .map((m) => gid('Member', m.id))
        .toSorted(),
    );
    expect(res.data!.organizations.totalCount).toBe(1 + f.generalBranches.length + f.branches.length);
    const nested = Object.fromEntries(res.data!.organizations.nodes.map((o: any) => [o.id, o.members.totalCount]));
    expect(nested[gid('Organization', branch(A).id)]).toBe(membersOf(A).length);
    expect(nested[gid('Organization', branch(B).id)]).toBe(0);
    expect(res.data!.membersAggregate.groups[0].count).toBe(membersOf(A).length);
  });

  it('should answer another branch’s member, activity and attendance ids with null (node, nodes, nested)', async () => {
    const other = membersOf(B)[0];
    const mine = membersOf(A)[0];
    const res = await as(`{
      a: node(id: "${gid('Member', other.id)}") { id }
      b: nodes(ids: ["${gid('Member', other.id)}", "${gid('Member', mine.id)}", "${activities[B]}"]) { id }
      activities { nodes { organization { id } attendances { nodes { member { id } } } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.a).toBeNull();
    expect(res.data!.b).toEqual([null, { id: gid('Member', mine.id) }, null]);
    // The committee reaches both: each id answers with its own type's row.
    const both = await hub.gql(`{ nodes(ids: ["${activities[B]}", "${gid('Member', other.id)}"]) { id } }`);
    expect(both.data!.nodes).toEqual([{ id: activities[B] }, { id: gid('Member', other.id) }]);
    for (const a of res.data!.activities.nodes) {
      expect(a.organization.id).toBe(gid('Organization', branch(A).id));
      for (const at of a.attendances.nodes) expect(membersOf(A).map((m) => gid('Member', m.id))).toContain(at.member.id);
    }
  });

  it('should refuse an argument naming another branch, or the organisation above its own, before any statement over facts', async () => {
    for (const org of [branch(B).id, f.generalBranches[0].id, f.committee.id]) {
      hub.resetQueries();
      for (const query of [
        `{ members(filter: { orgId: "${gid('Organization', org)}" }) { totalCount } }`,
        `{ indicators(orgId: "${gid('Organization', org)}", period: "2026-01") { values { value } } }`,
      ]) {
        const res = await as(query);
        expect(res.errors?.[0]?.extensions, query).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/out_of_scope' });
        expect(res.errors![0].message).toMatch(/不在本账号的权限范围内 \/ .* is outside this account's scope/);
      }
      expect(hub.queries.filter(readsFacts)).toEqual([]);
    }
    const own = await as(`{ indicators(orgId: "${gid('Organization', branch(A).id)}", period: "2026-01") { values { value } } }`);
    expect(own.errors).toBeUndefined();
  });

  it('should refuse a write that reaches another branch, and change nothing', async () => {
    const count = async () => Number((await pool.query(`select count(*) from activity`)).rows[0].count);
    const before = await count();
    const audited = Number((await pool.query(`select coalesce(max(id), 0) as n from audit_log`)).rows[0].n);
    const refused = await as(ACTIVITY, { i: meeting(branch(B).id, membersOf(B)[0].id) });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ reason: 'auth/out_of_scope' });
    expect(await count()).toBe(before);
    // The refusal is in the audit log: who, what, why.
    const { rows } = await pool.query(`select actor, action, after, address, request_id from audit_log where id > $1`, [audited]);
    expect(rows).toEqual([
      {
        actor: 'a.shuji',
        action: 'access.write_refused',
        after: {
          operation: null,
          refusals: [{ reason: 'auth/out_of_scope', field: 'recordActivity.organizationId' }],
          address: '127.0.0.1',
        },
        address: '127.0.0.1',
        request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    ]);
    // Nor may it move its own meeting to the other branch.
    const moved = await as(ACTIVITY, {
      i: { ...meeting(branch(B).id, membersOf(B)[0].id), title: '移走的主题党日', heldOn: '2026-01-20', id: activities[A] },
    });
    expect(moved.errors?.[0]?.extensions).toMatchObject({ reason: 'auth/out_of_scope' });
    const ok = await as(ACTIVITY, { i: { ...meeting(branch(A).id, membersOf(A)[0].id), title: '支部党课' } });
    expect(ok.errors).toBeUndefined();
    expect(await count()).toBe(before + 1);
  });

  it('should mark the scope in every statement its requests run over a fact table', async () => {
    hub.resetQueries();
    const queries = [
      '{ members { nodes { id department { name } positions { nodes { role } } } } }',
      '{ activities { totalCount nodes { attendances { totalCount nodes { member { id } } } } } }',
      '{ organizations { nodes { activities { totalCount } positions { nodes { id } } } } }',
      '{ honors { nodes { id } } departmentMetrics { totalCount } surveyResponses { totalCount } assessments { totalCount } }',
      '{ activitiesAggregate(groupBy: [TYPE]) { groups { count } } attendancesAggregate { groups { count } } }',
      `{ node(id: "${gid('Member', membersOf(A)[0].id)}") { id } }`,
      `{ indicatorEvidence(orgId: "${gid('Organization', branch(A).id)}", id: "org_life_attendance_rate", period: "2026-01") { totalCount nodes { recordId label } } }`,
    ];
    for (const query of queries) {
      const res = await as(query);
      expect(res.errors, `${query}: ${JSON.stringify(res.errors)}`).toBeUndefined();
    }
    const unmarked = hub.queries.filter((q) => readsFacts(q) && !q.includes(SCOPE_MARK));
    expect(unmarked).toEqual([]);
    expect(hub.queries.filter(readsFacts).length).toBeGreaterThan(queries.length);
  });

  it('should refuse every mutation of the schema aimed at another branch, changing no table and auditing each refusal', async () => {
    const [bm] = membersOf(B);
    const orgB = gid('Organization', branch(B).id);
    const deptB = gid('Department', f.departments[B].id);
    const survey = (
      await pool.query(
        `insert into survey (hospital_id, title, kind, source, cadence, scale, satisfied_from) values ($1, '门诊', 'outpatient', 'internal', 'monthly', 'percent_satisfied', 60) returning id`,
        [f.hospital.id],
      )
    ).rows[0].id as number;
    const step = await hub.gql(
      `mutation { changeMemberStage(memberId: "${gid('Member', bm.id)}", stage: WITHDRAWN, on: "2026-01-05") { id } }`,
    );
    expect(step.errors).toBeUndefined();
    const events = await hub.gql(`{ developmentEvents(filter: { memberId: { eq: "${gid('Member', bm.id)}" } }) { nodes { id } } }`);
    const eventB = events.data!.developmentEvents.nodes[0].id as string;
    const linkB = (await pool.query(`select id from branch_department where branch_id = $1`, [branch(B).id])).rows[0].id as number;
    // A term in branch B (inserted as a fixture: ending or deleting it is what the secretary of A is refused).
    const positionB = gid(
      'Position',
      (
        await pool.query(
          `insert into position (organization_id, member_id, role, start_on) values ($1, $2, 'organization_member', '2025-01-01') returning id`,
          [branch(B).id, bm.id],
        )
      ).rows[0].id as number,
    );
    const [committee, hospital, general] = [
      gid('Organization', f.committee.id),
      gid('Hospital', f.hospital.id),
      gid('Organization', f.generalBranches[0]!.id),
    ];
    // One row of each correctable kind in branch B, recorded by the committee, for the changes and deletions below.
    const inB = async (mutation: string) => {
      const res = await hub.gql(`mutation { ${mutation} }`);
      expect(res.errors, mutation).toBeUndefined();
      return (Object.values(res.data!)[0] as { id: string }).id;
    };
    const honorB = await inB(
      `awardHonor(input: { hospitalId: "${gid('Hospital', f.hospital.id)}", recipientType: BRANCH, organizationId: "${orgB}", title: "五星支部", category: PARTY, level: HOSPITAL, awardedOn: "2026-01-02" }) { id }`,
    );
    const projectB = await inB(
      `recordResearchProject(input: { organizationId: "${orgB}", title: "课题", level: HOSPITAL, approvedOn: "2026-01-03", status: APPROVED }) { id }`,
    );
    const postB = await inB(
      `recordModelPost(input: { type: MODEL_POST, title: "示范岗", organizationId: "${orgB}", level: HOSPITAL, establishedOn: "2026-01-03" }) { id }`,
    );
    const ethicsB = await inB(
      `recordEthicsEvent(input: { type: BANNER, departmentId: "${deptB}", memberId: "${gid('Member', bm.id)}", occurredOn: "2026-01-04" }) { id }`,
    );
    const assessmentB = await inB(
      `recordAssessment(input: { subjectType: BRANCH, organizationId: "${orgB}", year: 2025, grade: GOOD }) { id }`,
    );
    await inB(`reportIndicatorValue(orgId: "${orgB}", indicatorId: "staff_satisfaction", period: "2026-Q1", value: 95) { id }`);
    const resultB = await inB(
      `recordSurveyResult(input: { surveyId: "${gid('Survey', survey)}", departmentId: "${deptB}", month: "2026-02-01", respondents: 10, satisfied: 8 }) { id }`,
    );
    /** Every mutation the schema has, each aimed at branch B (the account's own are exempt: they concern no branch). */
    const aimedAtB: Record<string, string> = {
      // The tree and the reference data (modules/organization): the committee's hospital, department and links are out of a secretary's reach too.
      foundOrganization: `foundOrganization(input: { parentId: "${orgB}", kind: PARTY_GROUP, name: "越权小组", foundedOn: "2026-01-01" }) { id }`,
      renameOrganization: `renameOrganization(id: "${orgB}", name: "越权更名", on: "2026-01-01") { id }`,
      dissolveOrganization: `dissolveOrganization(id: "${orgB}", on: "2026-01-01", reason: "越权") { id }`,
      moveOrganization: `moveOrganization(id: "${orgB}", newParentId: "${committee}", on: "2026-01-01") { id }`,
      mergeOrganizations: `mergeOrganizations(ids: ["${orgB}"], intoId: "${general}", on: "2026-01-01") { id }`,
      splitOrganization: `splitOrganization(id: "${orgB}", parts: [{ name: "甲" }, { name: "乙" }], on: "2026-01-01") { id }`,
      createHospital: `createHospital(input: { committeeId: "${committee}", name: "越权医院" }) { id }`,
      updateHospital: `updateHospital(id: "${hospital}", input: { name: "越权医院" }) { id }`,
      createDepartment: `createDepartment(input: { hospitalId: "${hospital}", name: "越权科室", type: CLINICAL }) { id }`,
      updateDepartment: `updateDepartment(id: "${deptB}", input: { name: "越权科室", type: CLINICAL }) { id }`,
      closeDepartment: `closeDepartment(id: "${deptB}", on: "2026-01-01") { id }`,
      linkBranchDepartment: `linkBranchDepartment(branchId: "${orgB}", departmentId: "${deptB}", validFrom: "2026-01-01") { id }`,
      endBranchDepartmentLink: `endBranchDepartmentLink(id: "${gid('BranchDepartment', linkB)}", validTo: "2026-01-01") { id }`,
      assignPosition: `assignPosition(input: { memberId: "${gid('Member', bm.id)}", organizationId: "${orgB}", role: DEPUTY_SECRETARY, startOn: "2026-01-01" }) { id }`,
      awardHonor: `awardHonor(input: { hospitalId: "${gid('Hospital', f.hospital.id)}", recipientType: BRANCH, organizationId: "${orgB}", title: "先进党支部", category: PARTY, level: HOSPITAL, awardedOn: "2026-01-01" }) { id }`,
      cancelActivity: `cancelActivity(id: "${activities[B]}") { id }`,
      changeMemberStage: `changeMemberStage(memberId: "${gid('Member', bm.id)}", stage: ACTIVIST_CONFIRMED, on: "2025-09-01") { id }`,
      correctDevelopmentStep: `correctDevelopmentStep(eventId: "${eventB}", correction: { remove: true, reason: "误录" }) { id }`,
      createMember: `createMember(input: { organizationId: "${orgB}", name: "新人", gender: MALE, idCardNo: "11010119900101001X", education: BACHELOR, professionalTitle: JUNIOR, staffCategory: NURSE, politicalStatus: APPLICANT }) { id }`,
      endMembership: `endMembership(id: "${gid('Member', bm.id)}", on: "2026-01-05", status: DECEASED, reason: "病故") { id }`,
      transferMember: `transferMember(id: "${gid('Member', bm.id)}", toOrganizationId: "${gid('Organization', branch(A).id)}", leftOn: "2026-01-05", arrivedOn: "2026-01-06") { id }`,
      updateMember: `updateMember(id: "${gid('Member', bm.id)}", input: { isBackbone: true }) { id }`,
      recordActivity: `recordActivity(input: { organizationId: "${orgB}", type: THEME_PARTY_DAY, title: "另一次", heldOn: "2026-01-22" }) { id }`,
      recordDepartmentMetrics: `recordDepartmentMetrics(departmentId: "${deptB}", month: "2026-01", values: [{ code: COMPLAINTS, value: 1 }]) { rows }`,
      reportIndicatorValue: `reportIndicatorValue(orgId: "${orgB}", indicatorId: "outpatient_satisfaction", period: "2026-01", value: 90) { rows }`,
      setIndicatorTarget: `setIndicatorTarget(orgId: "${orgB}", indicatorId: "org_life_attendance_rate", effectiveFrom: "2026-01-01", target: 80) { rows }`,
      setIntegrationWeights: `setIntegrationWeights(orgId: "${orgB}", effectiveFrom: "2026-01-01", weights: [{ indicatorId: "org_life_attendance_rate", weight: 1 }]) { rows }`,
      createSurvey: `createSurvey(hospitalId: "${hospital}", input: { title: "越权调查", kind: OUTPATIENT, source: INTERNAL, cadence: MONTHLY, scale: PERCENT_SATISFIED, satisfiedFrom: 80 }) { id }`,
      updateSurvey: `updateSurvey(id: "${gid('Survey', survey)}", input: { title: "越权改名", kind: OUTPATIENT, source: INTERNAL, cadence: MONTHLY, scale: PERCENT_SATISFIED, satisfiedFrom: 80 }) { id }`,
      submitSurveyResponses: `submitSurveyResponses(surveyId: "${gid('Survey', survey)}", responses: [{ departmentId: "${deptB}", overallScore: 90, respondedOn: "2026-01-10" }]) { rows }`,
      deleteActivity: `deleteActivity(id: "${activities[B]}", reason: "重复录入") { id }`,
      correctAttendance: `correctAttendance(input: { activityId: "${activities[B]}", memberId: "${gid('Member', bm.id)}", status: ABSENT, reason: "登记有误" }) { id }`,
      updateHonor: `updateHonor(id: "${honorB}", input: { hospitalId: "${gid('Hospital', f.hospital.id)}", recipientType: BRANCH, organizationId: "${orgB}", title: "改名", category: PARTY, level: HOSPITAL, awardedOn: "2026-01-02" }) { id }`,
      deleteHonor: `deleteHonor(id: "${honorB}", reason: "误录") { id }`,
      recordResearchProject: `recordResearchProject(input: { organizationId: "${orgB}", title: "另一课题", level: HOSPITAL, approvedOn: "2026-01-05", status: APPROVED }) { id }`,
      endPosition: `endPosition(id: "${positionB}", endOn: "2026-01-01") { id }`,
      deletePosition: `deletePosition(id: "${positionB}", reason: "误录") { id }`,
      deleteResearchProject: `deleteResearchProject(id: "${projectB}", reason: "误录") { id }`,
      recordModelPost: `recordModelPost(input: { id: "${postB}", type: MODEL_POST, title: "示范岗", organizationId: "${orgB}", level: HOSPITAL, establishedOn: "2026-01-03", revokedOn: "2026-01-20" }) { id }`,
      deleteModelPost: `deleteModelPost(id: "${postB}", reason: "误录") { id }`,
      recordEthicsEvent: `recordEthicsEvent(input: { type: THANK_LETTER, departmentId: "${deptB}", memberId: "${gid('Member', bm.id)}", occurredOn: "2026-01-06" }) { id }`,
      deleteEthicsEvent: `deleteEthicsEvent(id: "${ethicsB}", reason: "误录") { id }`,
      recordAssessment: `recordAssessment(input: { subjectType: MEMBER, memberId: "${gid('Member', bm.id)}", year: 2025, grade: EXCELLENT }) { id }`,
      deleteAssessment: `deleteAssessment(id: "${assessmentB}", reason: "误录") { id }`,
      deleteSurveyResponses: `deleteSurveyResponses(surveyId: "${gid('Survey', survey)}", respondedFrom: "2026-01-01", respondedTo: "2026-01-31", departmentId: "${deptB}", reason: "录错了") { rows }`,
      recordSurveyResult: `recordSurveyResult(input: { surveyId: "${gid('Survey', survey)}", departmentId: "${deptB}", month: "2026-03-01", respondents: 20, satisfied: 18, meanScore: 91.5 }) { id }`,
      deleteSurveyResult: `deleteSurveyResult(id: "${resultB}", reason: "误录") { id }`,
      withdrawIndicatorReport: `withdrawIndicatorReport(orgId: "${orgB}", indicatorId: "staff_satisfaction", period: "2026-Q1", reason: "报错") { rows }`,
    };
    const own = ['signIn', 'signOut', 'changePassword', 'createApiToken', 'revokeApiToken', 'createDisplayLink'];
    // The administrator's writes concern accounts, not a branch: refused to a secretary whatever they name (admin.test.ts).
    // An import is not refused whole: each row naming branch B is that row's problem, and nothing is written.
    const roll = await rollXlsx([rollRow(0, branch(B).name)]);
    const imports = {
      importDryRun: `importDryRun(kind: MEMBERS, file: "${roll.toString('base64')}") { problems { reason } }`,
      importCommit: `importCommit(kind: MEMBERS, file: "${roll.toString('base64')}", dryRunHash: "${createHash('sha256').update(roll).digest('hex')}") { rows }`,
    };
    const schema = await buildHubSchema(unconnectedHubOrm().getMetadata());
    expect(Object.keys(schema.getMutationType()!.getFields()).toSorted()).toEqual(
      [...Object.keys(aimedAtB), ...Object.keys(imports), ...own, ...ADMIN_ROOTS].filter((name) => name !== 'accounts').toSorted(),
    );
    const checksums = async () =>
      (
        await pool.query(
          `select string_agg(t || ':' || md5, ',' order by t) as all from (
             ${HUB_TABLES.concat(['survey_result', 'indicator_cell', 'indicator_target', 'integration_weight', 'indicator_report'] as never)
               .map((t) => `select '${t}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as md5 from ${t} x`)
               .join(' union all ')}) s`,
        )
      ).rows[0].all as string;
    const before = await checksums();
    const audited = Number((await pool.query(`select coalesce(max(id), 0) as n from audit_log`)).rows[0].n);
    const wrong: string[] = [];
    for (const [name, mutation] of Object.entries(aimedAtB)) {
      const res = await as(`mutation { ${mutation} }`);
      if (res.errors?.[0]?.extensions?.reason !== 'auth/out_of_scope') wrong.push(`${name}: ${JSON.stringify(res.errors ?? res.data)}`);
      // The words name what the id is: a member's or an activity's id is a record, not an organisation.
      else if (
        name === 'updateMember' &&
        !/^记录 \S+ 不在本账号的权限范围内 \/ record \S+ is outside this account's scope$/.test(res.errors![0].message)
      )
        wrong.push(`${name}: ${res.errors![0].message}`);
    }
    expect(wrong).toEqual([]);
    const dry = await as(`mutation { ${imports.importDryRun} }`);
    expect(dry.data?.importDryRun.problems).toEqual([{ reason: 'auth/out_of_scope' }]);
    const commit = await as(`mutation { ${imports.importCommit} }`);
    expect(commit.errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    // Every other kind of import, each file naming only branch B (or what counts under it): each row a problem, nothing written.
    const kinds: Record<string, Buffer> = {
      ACTIVITIES: await sheetsXlsx({
        活动: { headers: ['党组织', '活动类型', '日期', '主题'], rows: [[branch(B).name, '主题党日', '2026-01-25', '另一次']] },
      }),
      FIGURES: await sheetsXlsx({
        科室月度数据: { headers: ['科室', '月份', '指标', '数值'], rows: [[f.departments[B].name, '2026-01', '投诉件数', 1]] },
      }),
      RESEARCH: await sheetsXlsx({
        党建课题: {
          headers: ['党组织', '课题名称', '级别', '立项日期', '状态'],
          rows: [[branch(B).name, '另一课题', '院级', '2026-01-01', '在研']],
        },
      }),
      MODELPOSTS: await sheetsXlsx({
        示范岗: {
          headers: ['类型', '名称', '科室', '命名级别', '设立日期'],
          rows: [['党员先锋岗', '另一先锋岗', f.departments[B].name, '院级', '2026-01-01']],
        },
      }),
      HONORS: await sheetsXlsx({
        荣誉表彰: {
          headers: ['获奖对象类型', '党组织', '荣誉名称', '类别', '级别', '授予日期'],
          rows: [['党支部', branch(B).name, '先进党支部', '党内表彰', '院级', '2026-01-01']],
        },
      }),
      SURVEYS: await sheetsXlsx({
        满意度结果: {
          headers: ['调查名称', '科室', '月份', '样本量', '满意人数'],
          rows: [['门诊', f.departments[B].name, '2026-04', 30, 27]],
        },
      }),
      ETHICS: await sheetsXlsx({ 医德医风: { headers: ['类型', '科室', '日期'], rows: [['锦旗', f.departments[B].name, '2026-01-10']] } }),
      ASSESSMENTS: await sheetsXlsx({
        考核评议: { headers: ['考核对象类型', '党组织', '考核年度', '等次'], rows: [['党支部', branch(B).name, 2025, '良好']] },
      }),
      REPORTS: await sheetsXlsx({
        上报指标: { headers: ['党组织', '指标', '期间', '数值'], rows: [[branch(B).name, 'service_event_count', '2026-01', 3]] },
      }),
    };
    for (const [kind, file] of Object.entries(kinds)) {
      const b64 = file.toString('base64');
      const hash = createHash('sha256').update(file).digest('hex');
      const kindDry = await as(`mutation { importDryRun(kind: ${kind}, file: "${b64}") { problems { reason } } }`);
      expect(kindDry.data?.importDryRun.problems, kind).toEqual([{ reason: 'auth/out_of_scope' }]);
      const kindCommit = await as(`mutation { importCommit(kind: ${kind}, file: "${b64}", dryRunHash: "${hash}") { rows } }`);
      expect(kindCommit.errors?.[0]?.extensions?.reason, kind).toBe('import/has_problems');
    }
    expect(await checksums()).toBe(before);
    const { rows } = await pool.query(`select action from audit_log where id > $1 and actor = 'a.shuji'`, [audited]);
    expect(rows.filter((r) => r.action === 'access.write_refused')).toHaveLength(Object.keys(aimedAtB).length);
  });

  it('should widen a signed-in secretary’s reach within a second of a scope given, on its open session', async () => {
    const count = async () => (await as('{ members { totalCount } }')).data!.members.totalCount as number;
    expect(await count()).toBe(membersOf(A).length);
    const { rows } = await pool.query(`select id from account where username = 'a.shuji'`);
    await addScope(pool, rows[0].id, [branch(B).id], 'test');
    await expect.poll(count, { timeout: 1000, interval: 50 }).toBe(membersOf(A).length + membersOf(B).length);
  });
});
