/**
 * Hand-built hospitals whose answers are known by construction, one per indicator family: states at
 * period end, "at least once in the period", events and sums, distinct people, reported data, targets by
 * effective date, breakdown and series.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../graphql/global-id.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { rebuildCells } from './cells.js';

describe('indicators/scenarios', () => {
  let hub: TestHub;
  let db: pg.Client;
  let committee: number;
  let general: number;
  let branches: number[];
  let hospital: number;
  let departments: number[];
  const members: number[] = [];

  const one = async (text: string, values: unknown[] = []) => (await db.query(text, values)).rows[0].id as number;
  const board = async (org: number, period: string, ids: string[]) => {
    const res = await hub.gql(
      `query($o: ID!, $p: Period!, $ids: [String!]) { indicators(orgId: $o, period: $p, ids: $ids) {
        values { indicator { id } value numerator denominator nullReason status target { target isDefault effectiveFrom }
          judgedPeriod complete onPace smallBase lastComplete { period value status } } } }`,
      { o: toGlobalId('Organization', org), p: period, ids },
    );
    expect(res.errors).toBeUndefined();
    return Object.fromEntries(res.data!.indicators.values.map((v: any) => [v.indicator.id, v]));
  };

  beforeAll(async () => {
    hub = await startTestHub({ debug: true });
    db = new pg.Client({ connectionString: hub.db.url });
    await db.connect();
    committee = await one(
      `insert into organization (kind, category, name, founded_on) values ('committee', 'mixed', '场景医院党委', '2010-01-01') returning id`,
    );
    hospital = await one(`insert into hospital (name, level, committee_id) values ('场景医院', 'tertiary_a', $1) returning id`, [
      committee,
    ]);
    general = await one(
      `insert into organization (parent_id, kind, category, name, founded_on) values ($1, 'general_branch', 'clinical', '内科总支', '2010-01-01') returning id`,
      [committee],
    );
    branches = [];
    // 20 branches: 10 under the general branch, 10 under the committee; branch 19 dissolved on 2025-03-15.
    for (let i = 0; i < 20; i++) {
      branches.push(
        await one(
          `insert into organization (parent_id, kind, category, name, founded_on, dissolved_on, term_start, term_years)
           values ($1, $2, 'clinical', $3, '2010-01-01', $4, '2024-01-01', 3) returning id`,
          [i < 10 ? general : committee, i === 5 ? 'joint_branch' : 'branch', `支部${i}`, i === 19 ? '2025-03-15' : null],
        ),
      );
    }
    departments = [];
    for (let i = 0; i < 4; i++) {
      departments.push(
        await one(`insert into department (hospital_id, name, type, branch_id) values ($1, $2, 'clinical', $3) returning id`, [
          hospital,
          `科室${i}`,
          branches[i],
        ]),
      );
    }
    for (let i = 0; i < 10; i++) {
      members.push(
        await one(
          `insert into member (hospital_id, name, gender, education, professional_title, staff_category, department_id, political_status,
             membership_status, organization_id, joined_on, converted_on)
           values ($1, $2, 'female', $3, 'intermediate', 'nurse', $4, 'full_member', 'active', $5, '2015-02-10', '2016-02-10') returning id`,
          [hospital, `成员${i}`, i === 0 ? 'master' : 'bachelor', departments[0], branches[0]],
        ),
      );
    }
    // Secretaries since 2024: 17 of the 19 active branches' secretaries head their department (+ the dissolved one does).
    for (let i = 0; i < 20; i++) {
      await db.query(
        `insert into position (organization_id, member_id, role, start_on, is_dept_head) values ($1, $2, 'secretary', '2024-01-01', $3)`,
        [branches[i], members[i % 10], i !== 3 && i !== 7 && i !== 11],
      );
    }
    const activity = (org: number, type: string, on: string, status = 'held', beneficiaries: number | null = null) =>
      one(
        `insert into activity (organization_id, type, title, held_on, status, beneficiary_count) values ($1, $2, '活动', $3, $4, $5) returning id`,
        [org, type, on, status, beneficiaries],
      );
    // The data (and so the cells' range) starts in January 2025.
    await activity(branches[0]!, 'red_education', '2025-01-05');
    // 2025-Q2: branches 0–2 held a general meeting (two for branch 0, in different months); branch 3 none → 3 of 4 in the subtree of 0–3.
    await activity(branches[0]!, 'branch_general_meeting', '2025-04-08');
    await activity(branches[0]!, 'branch_general_meeting', '2025-06-08');
    await activity(branches[1]!, 'branch_general_meeting', '2025-05-20');
    await activity(branches[2]!, 'branch_general_meeting', '2025-06-30');
    await activity(branches[3]!, 'branch_general_meeting', '2025-07-01'); // the next quarter
    // Organisational life attendance in 2025-05: 9 present, 1 on leave, 1 exempt (not expected).
    const day = await activity(branches[0]!, 'theme_party_day', '2025-05-12');
    for (let i = 0; i < 10; i++) {
      await db.query(`insert into attendance (activity_id, member_id, status) values ($1, $2, $3)`, [
        day,
        members[i],
        i === 9 ? 'leave' : 'present',
      ]);
    }
    await db.query(`insert into attendance (activity_id, member_id, status) values ($1, null, 'exempt')`, [day]);
    // Service in 2025-05: three held (10 + 20 + 30 people served), one cancelled (50); members 1, 2, 3 served, member 1 twice.
    const served = [
      await activity(branches[0]!, 'free_clinic', '2025-05-03', 'held', 10),
      await activity(branches[0]!, 'health_lecture', '2025-05-10', 'held', 20),
    ];
    served.push(await activity(branches[0]!, 'blood_donation', '2025-05-25', 'held', 30));
    await activity(branches[0]!, 'free_clinic', '2025-05-28', 'cancelled', 50);
    for (const [a, m] of [
      [served[0], members[1]],
      [served[1], members[1]],
      [served[1], members[2]],
      [served[2], members[3]],
    ]) {
      await db.query(`insert into attendance (activity_id, member_id, status) values ($1, $2, 'present')`, [a, m]);
    }
    // Epidemic duty in 2025-05 (a service activity, but not volunteering): members 1 and 4.
    const duty = await activity(branches[0]!, 'epidemic_response', '2025-05-15');
    for (const m of [members[1], members[4]])
      await db.query(`insert into attendance (activity_id, member_id, status) values ($1, $2, 'present')`, [duty, m]);
    // Outpatient satisfaction: 2025-05 has 10 responses, 9 satisfied; 2025-06 has none.
    const survey = await one(
      `insert into survey (hospital_id, title, kind, source, cadence, scale, satisfied_from) values ($1, '门诊', 'outpatient', 'internal', 'monthly', 'percent_satisfied', 60) returning id`,
      [hospital],
    );
    for (let i = 0; i < 10; i++) {
      await db.query(
        `insert into survey_response (survey_id, hospital_id, department_id, responded_on, overall_score, is_satisfied) values ($1, (select hospital_id from survey where id = $1), $2, '2025-05-15', $3, $4)`,
        [survey, departments[i % 4], i === 0 ? 40 : 95, i !== 0],
      );
    }
    // Four admissions in 2025-05, one with a master's degree.
    for (let i = 0; i < 4; i++) {
      const m = await one(
        `insert into member (hospital_id, name, gender, education, professional_title, staff_category, political_status, membership_status, organization_id, joined_on)
         values ($1, $2, 'male', $3, 'junior', 'physician', 'probationary', 'active', $4, '2025-05-20') returning id`,
        [hospital, `新党员${i}`, i === 0 ? 'master' : 'bachelor', branches[1]],
      );
      await db.query(`insert into development_event (member_id, stage, event_date) values ($1, 'committee_approved', '2025-05-20')`, [m]);
    }
    // 科室0 (branch 0's department) reported 40 staff for April and 25 for May; June is not reported yet.
    for (const [month, value] of [
      ['2025-04-01', 40],
      ['2025-05-01', 25],
    ]) {
      await db.query(`insert into department_metric (department_id, month, code, value) values ($1, $2, 'staff_count', $3)`, [
        departments[0],
        month,
        value,
      ]);
    }
    await db.query('begin');
    await rebuildCells(db);
    await db.query('commit');
  });
  afterAll(async () => {
    await db.end();
    await hub.close();
  });

  it('states at period end: 17 of 20 secretaries head their department (85 %); a branch dissolved in March is gone by April', async () => {
    const march = await board(committee, '2025-02', ['secretary_dept_head_rate', 'branch_count']);
    expect(march.secretary_dept_head_rate).toMatchObject({ numerator: 17, denominator: 20, value: 85, status: 'WARNING' });
    expect(march.branch_count).toMatchObject({ value: 20, status: 'NO_TARGET' });
    const april = await board(committee, '2025-04', ['secretary_dept_head_rate', 'branch_count']);
    expect(april.branch_count.value).toBe(19);
    // The dissolved branch's secretary headed the department: 16 of 19.
    expect(april.secretary_dept_head_rate).toMatchObject({ numerator: 16, denominator: 19 });
    // A quarter is its last day: Q1 ends after the dissolution.
    expect((await board(committee, '2025-Q1', ['branch_count'])).branch_count.value).toBe(19);
  });

  it('at least once in the period: 3 of the general branch’s 10 branches met in Q2, never double-counting branch 0', async () => {
    const q2 = await board(general, '2025-Q2', ['general_meeting_rate']);
    expect(q2.general_meeting_rate).toMatchObject({ numerator: 3, denominator: 10, value: 30, status: 'NOT_MET' });
    // Branch 3 met on 1 July: Q3 has it, Q2 does not.
    expect((await board(branches[3]!, '2025-Q2', ['general_meeting_rate'])).general_meeting_rate.value).toBe(0);
    expect((await board(branches[3]!, '2025-Q3', ['general_meeting_rate'])).general_meeting_rate.value).toBe(100);
  });

  it('events: attendance 9 of 10 expected (the exempt one is not expected) → 90 %', async () => {
    const may = await board(branches[0]!, '2025-05', ['org_life_attendance_rate']);
    expect(may.org_life_attendance_rate).toMatchObject({ numerator: 9, denominator: 10, value: 90, status: 'MET' });
  });

  it('sums and counts over held activities only: 4 service activities, 60 people served, 4 volunteer person-times', async () => {
    const may = await board(committee, '2025-05', ['service_event_count', 'service_beneficiaries', 'volunteer_person_times']);
    expect(may.service_event_count.value).toBe(4);
    expect(may.service_beneficiaries.value).toBe(60);
    // Epidemic duty is service, not volunteering: its two present are not volunteer person-times.
    expect(may.volunteer_person_times.value).toBe(4);
    // A year adds its months.
    expect((await board(committee, '2025', ['service_beneficiaries'])).service_beneficiaries.value).toBe(60);
  });

  it('distinct people: 3 of the 10 members served (one of them twice) → 30 %', async () => {
    const may = await board(branches[0]!, '2025-05', ['volunteer_participation_rate']);
    expect(may.volunteer_participation_rate).toMatchObject({ numerator: 3, denominator: 10, value: 30 });
    // Epidemic duty counts apart (member 4 on duty only is no volunteer; member 1 is in both).
    const year = await board(branches[0]!, '2025', ['assistance_participation_rate']);
    expect(year.assistance_participation_rate).toMatchObject({ numerator: 2, denominator: 10, value: 20, status: 'NO_TARGET' });
  });

  it('reported data: 9 of 10 satisfied → 90 %; a month without responses is 未填报, never 0', async () => {
    const may = await board(committee, '2025-05', ['outpatient_satisfaction']);
    expect(may.outpatient_satisfaction).toMatchObject({ numerator: 9, denominator: 10, value: 90, status: 'MET' });
    const june = await board(committee, '2025-06', ['outpatient_satisfaction']);
    expect(june.outpatient_satisfaction).toMatchObject({ value: null, nullReason: 'NOT_REPORTED', status: null });
    // Before the data starts nothing is known either: the range reaches the earliest fact (the committee
    // founded in 2010), at most ten years back.
    expect((await board(committee, '2015-06', ['service_event_count'])).service_event_count).toMatchObject({
      value: null,
      nullReason: 'NOT_REPORTED',
    });
  });

  it('new members: 4 admitted in May, 1 highly educated → 25 %', async () => {
    const may = await board(committee, '2025-05', ['new_probationary_count', 'high_knowledge_share_new']);
    expect(may.new_probationary_count.value).toBe(4);
    // A yearly indicator in May is its year to date, in progress; the year judged after it ended.
    expect(may.high_knowledge_share_new).toMatchObject({ numerator: 1, denominator: 4, value: 25, status: 'IN_PROGRESS', complete: false });
    expect(may.high_knowledge_share_new.judgedPeriod).toBe('2025-YTD05');
    expect(may.high_knowledge_share_new.lastComplete.period).toBe('2024');
    const year = await board(committee, '2025', ['high_knowledge_share_new']);
    expect(year.high_knowledge_share_new).toMatchObject({ value: 25, status: 'WARNING', complete: true }); // target 30, warning 20
  });

  it('targets: set from 2026 on the committee, inherited by a branch; 2025 keeps the default', async () => {
    const res = await hub.gql(
      `mutation($o: ID!) { setIndicatorTarget(orgId: $o, indicatorId: "secretary_dept_head_rate", effectiveFrom: "2026-01-01", target: 80, warning: 70) { rows } }`,
      { o: toGlobalId('Organization', committee) },
    );
    expect(res.errors).toBeUndefined();
    const y2025 = await board(committee, '2025-12', ['secretary_dept_head_rate']);
    expect(y2025.secretary_dept_head_rate.target).toMatchObject({ target: 90, isDefault: true });
    expect(y2025.secretary_dept_head_rate.status).toBe('WARNING');
    const y2026 = await board(committee, '2026-01', ['secretary_dept_head_rate']);
    expect(y2026.secretary_dept_head_rate.target).toMatchObject({ target: 80, isDefault: false, effectiveFrom: '2026-01-01' });
    expect(y2026.secretary_dept_head_rate.status).toBe('MET'); // 16/19 = 84 % ≥ 80
    const branch = await board(branches[3]!, '2026-01', ['secretary_dept_head_rate']);
    expect(branch.secretary_dept_head_rate.target.target).toBe(80);
    // Refused: a warning on the better side of the target, a context-only indicator, an unknown one — all reported at once.
    const bad = await hub.gql(
      `mutation($o: ID!) { setIndicatorTarget(orgId: $o, indicatorId: "branch_count", effectiveFrom: "2026-13-01", target: 5, warning: 9) { rows } }`,
      { o: toGlobalId('Organization', committee) },
    );
    expect(bad.errors![0]!.extensions!.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });

  it('breakdown ranks the children with status; series are gap-filled and carry the target', async () => {
    const res = await hub.gql(
      `query($o: ID!) {
        indicatorBreakdown(id: "secretary_dept_head_rate", orgId: $o, period: "2025-06") {
          total { value } rows { rank organization { name } point { value numerator denominator status } } }
        indicatorSeries(ids: ["outpatient_satisfaction"], orgId: $o, from: "2025-04", to: "2025-07", grain: MONTH) {
          points { period value nullReason target { target } } } }`,
      { o: toGlobalId('Organization', committee) },
    );
    expect(res.errors).toBeUndefined();
    const rows = res.data!.indicatorBreakdown.rows;
    // The committee's children: the general branch and the 9 active direct branches (the dissolved one is gone by June).
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ rank: 1, point: { value: 100 } });
    expect(rows.at(-1).point.value).toBeLessThan(100);
    expect(rows.find((r: any) => r.organization.name === '内科总支').point).toMatchObject({ numerator: 8, denominator: 10 });
    const points = res.data!.indicatorSeries[0].points;
    expect(points.map((p: any) => p.period)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07']);
    expect(points.map((p: any) => p.value)).toEqual([null, 90, null, null]);
    expect(points.every((p: any) => p.target.target === 90)).toBe(true);
  });

  it('breakdown by department: each department its own responses, ranked; the same under a branch; refused where records have no department', async () => {
    const q = `query($o: ID!, $p: Period!, $id: String!) {
      indicatorBreakdown(id: $id, orgId: $o, period: $p, by: DEPARTMENT) {
        by total { numerator denominator } rows { rank department { name } organization { id } point { value numerator denominator nullReason status } } } }`;
    const may = await hub.gql(q, { o: toGlobalId('Organization', committee), p: '2025-05', id: 'outpatient_satisfaction' });
    expect(may.errors).toBeUndefined();
    const b = may.data!.indicatorBreakdown;
    expect(b.by).toBe('DEPARTMENT');
    expect(b.total).toMatchObject({ numerator: 9, denominator: 10 });
    // 科室0 had the one dissatisfied response (2 of 3); the others are all satisfied (3/3, 2/2, 2/2), tied and ranked by id.
    expect(b.rows.map((r: any) => [r.rank, r.department.name, r.point.numerator, r.point.denominator])).toEqual([
      [1, '科室1', 3, 3],
      [2, '科室2', 2, 2],
      [3, '科室3', 2, 2],
      [4, '科室0', 2, 3],
    ]);
    expect(b.rows[3].point).toMatchObject({ value: 66.6667, status: 'NOT_MET' });
    expect(b.rows.every((r: any) => r.organization === null)).toBe(true);
    // Under branch 0 only its own department; in June nothing was reported: 未填报, unranked.
    const branch = await hub.gql(q, { o: toGlobalId('Organization', branches[0]!), p: '2025-06', id: 'outpatient_satisfaction' });
    expect(branch.data!.indicatorBreakdown.rows).toEqual([
      {
        rank: null,
        department: { name: '科室0' },
        organization: null,
        point: { value: null, numerator: 0, denominator: 0, nullReason: 'NOT_REPORTED', status: null },
      },
    ]);
    const refused = await hub.gql(q, { o: toGlobalId('Organization', committee), p: '2025-05', id: 'secretary_dept_head_rate' });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'breakdown/not_by_department' });
    expect(refused.errors![0]!.extensions!.field).toBe('indicatorBreakdown.by');
  });

  it('a count’s target is per month and pro-rated to the period: central-group study once a month → 3 a quarter, 6 by June, 12 a year', async () => {
    const targets: Record<string, unknown> = {};
    for (const p of ['2025-05', '2025-Q2', '2025-YTD06', '2025']) {
      const res = await hub.gql(
        `query($o: ID!, $p: Period!) { indicators(orgId: $o, period: $p, ids: ["central_group_study_count", "general_meeting_rate"]) {
          values { indicator { id } target { target warning asSet warningAsSet } } } }`,
        { o: toGlobalId('Organization', committee), p },
      );
      expect(res.errors).toBeUndefined();
      targets[p] = res.data!.indicators.values.map((v: any) => [v.indicator.id, v.target]);
    }
    const study = (p: string) => (targets[p] as any[])[0][1];
    expect([study('2025-05'), study('2025-Q2'), study('2025-YTD06'), study('2025')]).toEqual([
      { target: 1, warning: 0, asSet: 1, warningAsSet: 0 },
      { target: 3, warning: 0, asSet: 1, warningAsSet: 0 },
      { target: 6, warning: 0, asSet: 1, warningAsSet: 0 },
      { target: 12, warning: 0, asSet: 1, warningAsSet: 0 },
    ]);
    // A rate keeps its target whatever the period.
    expect((targets['2025'] as any[])[1][1]).toEqual((targets['2025-05'] as any[])[1][1]);
  });

  it('reported figures: a period takes each department’s latest report in it (Q2 uses May while June is not in), a quarter without one is 未填报', async () => {
    const share = async (p: string) => (await board(branches[0]!, p, ['member_share_of_staff'])).member_share_of_staff;
    expect(await share('2025-04')).toMatchObject({ numerator: 10, denominator: 40, value: 25 });
    // A quarterly indicator: May is April–May, June the whole quarter (May's report, the latest in it).
    expect(await share('2025-05')).toMatchObject({ numerator: 10, denominator: 25, value: 40 });
    expect(await share('2025-06')).toMatchObject({ numerator: 10, denominator: 25, value: 40, complete: true });
    expect(await share('2025-07')).toMatchObject({ value: null, nullReason: 'NOT_REPORTED' });
    expect(await share('2025-Q2')).toMatchObject({ numerator: 10, denominator: 25, value: 40 });
    expect(await share('2025-YTD06')).toMatchObject({ denominator: 25 });
  });

  it('keeps the development record in order: an oath before the committee approved is refused, nothing written', async () => {
    const m = await one(
      `insert into member (hospital_id, name, gender, education, professional_title, staff_category, political_status, membership_status, organization_id, birth_date)
       values ($1, '发展对象', 'female', 'bachelor', 'junior', 'nurse', 'development_target', 'active', $2, '1995-01-01') returning id`,
      [hospital, branches[2]],
    );
    for (const [stage, on] of [
      ['application_submitted', '2023-01-10'],
      ['activist_confirmed', '2023-03-10'],
      ['target_confirmed', '2024-05-10'],
      ['branch_vote_admit', '2024-12-10'],
    ]) {
      await db.query(`insert into development_event (member_id, stage, event_date) values ($1, $2, $3)`, [m, stage, on]);
    }
    await db.query(`update member set joined_on = '2024-12-10' where id = $1`, [m]);
    const count = async () => Number((await db.query(`select count(*) from development_event where member_id = $1`, [m])).rows[0].count);
    const oath = await hub.gql(`mutation($m: ID!) { changeMemberStage(memberId: $m, stage: OATH_TAKEN, on: "2025-01-05") { rows } }`, {
      m: toGlobalId('Member', m),
    });
    expect(oath.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'stage/out_of_order',
      field: 'changeMemberStage.stage',
    });
    expect(await count()).toBe(4);
    const review = await hub.gql(
      `mutation($m: ID!) { changeMemberStage(memberId: $m, stage: ACTIVIST_REVIEW, on: "2025-01-05") { rows } }`,
      {
        m: toGlobalId('Member', m),
      },
    );
    expect(review.errors![0]!.extensions).toMatchObject({ reason: 'stage/out_of_order' });
    const approved = await hub.gql(
      `mutation($m: ID!) { changeMemberStage(memberId: $m, stage: COMMITTEE_APPROVED, on: "2025-01-05") { rows } }`,
      {
        m: toGlobalId('Member', m),
      },
    );
    expect(approved.errors).toBeUndefined();
    expect(await count()).toBe(5);
  });

  it('weights the integration index per hospital from a date on; the catalog’s defaults before', async () => {
    const o = toGlobalId('Organization', committee);
    const before = (await board(committee, '2025-05', ['integration_index', 'outpatient_satisfaction'])).integration_index;
    // Only outpatient satisfaction (90 % against a target of 90): the index is exactly 100.
    const res = await hub.gql(
      `mutation($o: ID!) { setIntegrationWeights(orgId: $o, effectiveFrom: "2025-05-01", weights: [{ indicatorId: "outpatient_satisfaction", weight: 1 }]) { rows } }`,
      { o },
    );
    expect(res.errors).toBeUndefined();
    const may = (await board(committee, '2025-05', ['integration_index'])).integration_index;
    expect(may).toMatchObject({ value: 100, denominator: 1 });
    // Before the date the defaults still apply: several indicators weighed, as before the change.
    expect(before.denominator).toBeGreaterThan(1);
    expect((await board(committee, '2025-04', ['integration_index'])).integration_index.denominator).toBeGreaterThan(1);
    // A branch under the committee uses the committee's set; a month with no outpatient data has no index.
    expect((await board(branches[0]!, '2025-06', ['integration_index'])).integration_index).toMatchObject({
      value: null,
      nullReason: 'NOT_REPORTED',
    });
    const bad = await hub.gql(
      `mutation($o: ID!) { setIntegrationWeights(orgId: $o, effectiveFrom: "2025-05-01", weights: [{ indicatorId: "complaint_count", weight: -1 }]) { rows } }`,
      { o },
    );
    expect(bad.errors![0]!.extensions!.problems.map((p: any) => p.reason).toSorted()).toEqual([
      'input/negative',
      'weight/empty',
      'weight/not_normalisable',
    ]);
  });

  it('refuses a bad period, an unknown indicator or organisation with coded errors naming the argument', async () => {
    const o = toGlobalId('Organization', committee);
    const period = await hub.gql(`query($o: ID!) { indicators(orgId: $o, period: "2025-13") { period } }`, { o });
    expect(period.errors![0]!.extensions).toMatchObject({ reason: 'period/invalid' });
    expect(period.errors![0]!.message).toMatch(/有效的期间.*\/.*period/);
    const id = await hub.gql(`query($o: ID!) { indicators(orgId: $o, period: "2025-05", ids: ["nope"]) { period } }`, { o });
    expect(id.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'indicator/unknown', field: 'indicators.ids.0' });
    const org = await hub.gql(`{ indicators(orgId: "${toGlobalId('Organization', 999999)}", period: "2025-05") { period } }`);
    expect(org.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'indicators.orgId' });
    const long = await hub.gql(
      `query($o: ID!) { indicatorSeries(ids: ["branch_count"], orgId: $o, from: "2000-01", to: "2025-01") { points { value } } }`,
      { o },
    );
    expect(long.errors![0]!.extensions).toMatchObject({ reason: 'series/too_long', field: 'indicatorSeries.to' });
  });
});
