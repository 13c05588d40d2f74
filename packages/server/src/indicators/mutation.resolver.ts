/**
 * Mutations that move indicators (see writes.ts for the transaction each runs in). Every input is
 * checked whole before anything is written; the error lists every bad field (extensions.problems).
 * Who may do what comes with the access-control work: until then the API is open, as the rest of it is;
 * the actor recorded in the audit log is the `x-hub-actor` header, or "anonymous".
 */
import { indicator } from '@party-hub/schema/indicators';
import { Arg, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import {
  ActivityStatus,
  ActivityType,
  AttendanceRole,
  AttendanceStatus,
  DevelopmentStage,
  HonorCategory,
  HonorLevel,
  MetricCode,
  PositionRole,
  RecipientType,
} from '../domain/enums.js';
import { d } from '../graphql/describe.js';
import { fromGlobalId, toGlobalId } from '../graphql/global-id.js';
import { LocalDate } from '../graphql/scalars.js';
import type { Queryable } from './cells.js';
import type { StoredIndicatorId } from './sql.js';
import { deptOrgs, knownIndicator, moved, Problems, requireDate, transact, type WriteContext } from './writes.js';

// ── which indicators each kind of write can move ──────────────────────────────────────────────────
const ACTIVITY_IDS: StoredIndicatorId[] = [
  'general_meeting_rate',
  'committee_meeting_rate',
  'group_meeting_rate',
  'party_lecture_rate',
  'theme_party_day_rate',
  'three_meetings_one_lesson_rate',
  'annual_review_completion_rate',
  'org_life_attendance_rate',
  'central_group_study_count',
  'political_birthday_coverage',
  'volunteer_participation_rate',
  'volunteer_person_times',
  'service_event_count',
  'service_beneficiaries',
];
const SURVEY_IDS: StoredIndicatorId[] = ['outpatient_satisfaction', 'inpatient_satisfaction', 'staff_satisfaction'];
const MEMBER_IDS: StoredIndicatorId[] = [
  'new_probationary_count',
  'activist_count',
  'development_target_count',
  'high_knowledge_share_new',
  'frontline_share_new',
  'development_timeline_compliance',
  'on_time_conversion_rate',
  'member_share_of_staff',
  'senior_title_member_share',
  'branch_setup_compliance_rate',
  'dept_branch_coverage_rate',
  'volunteer_participation_rate',
  'political_birthday_coverage',
];
const POSITION_IDS: StoredIndicatorId[] = [
  'secretary_dept_head_rate',
  'dual_leader_secretary_rate',
  'branch_setup_compliance_rate',
  'committee_meeting_rate',
  'three_meetings_one_lesson_rate',
];
const METRIC_IDS: StoredIndicatorId[] = ['member_share_of_staff', 'senior_title_member_share'];

// ── inputs ────────────────────────────────────────────────────────────────────────────────────────

@InputType({ description: d('一人的出勤', 'One person’s attendance') })
class AttendanceInput {
  @Field(() => ID, { nullable: true, description: d('人员全局ID（党外群众为空）', 'Member global id (null for people outside the Party)') })
  memberId?: string | null;

  @Field(() => AttendanceStatus, { description: d('出勤状态', 'Status') })
  status!: AttendanceStatus;

  @Field(() => AttendanceRole, { nullable: true, description: d('角色（默认参加）', 'Role (attendee by default)') })
  role?: AttendanceRole | null;

  @Field(() => Float, { nullable: true, description: d('时长（小时）', 'Hours') })
  hours?: number | null;
}

@InputType({ description: d('记录（或修改）一次活动及其出勤', 'Record (or change) an activity and its attendance') })
class RecordActivityInput {
  @Field(() => ID, { nullable: true, description: d('要修改的活动全局ID（新建时为空）', 'Activity to change (null to create one)') })
  id?: string | null;

  @Field(() => ID, { description: d('开展活动的党组织', 'Organisation holding it') })
  organizationId!: string;

  @Field(() => ActivityType, { description: d('活动类型', 'Type') })
  type!: ActivityType;

  @Field(() => String, { description: d('标题', 'Title') })
  title!: string;

  @Field(() => LocalDate, { description: d('日期', 'Date') })
  heldOn!: string;

  @Field(() => ActivityStatus, { nullable: true, description: d('状态（默认已开展）', 'Status (held by default)') })
  status?: ActivityStatus | null;

  @Field(() => Int, { nullable: true, description: d('应到人数', 'Expected attendance') })
  expectedCount?: number | null;

  @Field(() => Int, { nullable: true, description: d('受益群众人数', 'People served') })
  beneficiaryCount?: number | null;

  @Field(() => [AttendanceInput], {
    nullable: true,
    description: d('出勤（给出时整体替换）', 'Attendance (replaces the whole list when given)'),
  })
  attendance?: AttendanceInput[] | null;
}

@InputType({ description: d('一份满意度答卷', 'One survey response') })
class SurveyResponseInput {
  @Field(() => ID, { nullable: true, description: d('科室全局ID', 'Department global id') })
  departmentId?: string | null;

  @Field(() => LocalDate, { description: d('答卷日期', 'Date') })
  respondedOn!: string;

  @Field(() => Int, { description: d('总体评分（0–100）', 'Overall score (0–100)') })
  overallScore!: number;

  @Field(() => Boolean, {
    nullable: true,
    description: d(
      '是否满意：不填时按本调查的满意阈值（satisfiedFrom）判定；填写时须与阈值一致',
      'Satisfied: when omitted, judged by the survey’s cutoff (satisfiedFrom); when given, it must agree with it',
    ),
  })
  isSatisfied?: boolean | null;
}

@InputType({ description: d('授予一项荣誉', 'Award an honor') })
class AwardHonorInput {
  @Field(() => ID, { description: d('医院', 'Hospital') })
  hospitalId!: string;

  @Field(() => RecipientType, { description: d('获奖对象类型', 'Recipient type') })
  recipientType!: RecipientType;

  @Field(() => ID, { nullable: true, description: d('获奖人员', 'Recipient person') })
  memberId?: string | null;

  @Field(() => ID, { nullable: true, description: d('获奖党组织', 'Recipient organisation') })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: d('获奖科室', 'Recipient department') })
  departmentId?: string | null;

  @Field(() => String, { description: d('荣誉名称', 'Title') })
  title!: string;

  @Field(() => HonorCategory, { description: d('类别', 'Category') })
  category!: HonorCategory;

  @Field(() => HonorLevel, { description: d('级别', 'Level') })
  level!: HonorLevel;

  @Field(() => LocalDate, { description: d('授予日期', 'Awarded on') })
  awardedOn!: string;
}

@InputType({
  description: d(
    '任命职务（同一支部同一职务的现任者于前一日卸任）',
    'Assign a position (the current holder of the same role ends the day before)',
  ),
})
class AssignPositionInput {
  @Field(() => ID, { description: d('党组织', 'Organisation') })
  organizationId!: string;

  @Field(() => ID, { description: d('人员', 'Member') })
  memberId!: string;

  @Field(() => PositionRole, { description: d('职务', 'Role') })
  role!: PositionRole;

  @Field(() => LocalDate, { description: d('任职日期', 'Starts on') })
  startOn!: string;

  @Field(() => Boolean, { defaultValue: false, description: d('是否科室负责人', 'Heads the department') })
  isDeptHead!: boolean;

  @Field(() => Boolean, { defaultValue: false, description: d('是否学科带头人', 'Discipline leader') })
  isDisciplineLeader!: boolean;

  @Field(() => Boolean, { defaultValue: false, description: d('是否“双带头人”', '“Dual leader”') })
  isDualLeader!: boolean;
}

@InputType({ description: d('一项科室业务数据', 'One department figure') })
class MetricValueInput {
  @Field(() => MetricCode, { description: d('指标代码', 'Code') })
  code!: MetricCode;

  @Field(() => Float, { description: d('数值', 'Value') })
  value!: number;
}

@InputType({ description: d('融合指数中一个指标的权重', 'The weight of one indicator in the integration index') })
class IntegrationWeightInput {
  @Field(() => String, { description: d('指标ID（越高越好的指标）', 'Indicator id (a higher-is-better indicator)') })
  indicatorId!: string;

  @Field(() => Float, { description: d('权重（≥ 0；按总和归一）', 'Weight (≥ 0; normalised by the sum)') })
  weight!: number;
}

@ObjectType({ description: d('写入结果', 'Result of a write') })
class WriteResult {
  @Field(() => ID, { nullable: true, description: d('写入对象的全局ID', 'Global id of what was written') })
  id!: string | null;

  @Field(() => Int, { description: d('写入行数', 'Rows written') })
  rows!: number;
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────────────

function idOf(p: Problems, field: string, value: string | null | undefined, type: string): number | null {
  if (value == null) return null;
  const decoded = fromGlobalId(value);
  if (!decoded || decoded.type !== type) {
    p.add(field, 'id/invalid', `“${value}” 不是有效的 ${type} ID`, `“${value}” is not a ${type} id`);
    return null;
  }
  return decoded.id;
}

async function exists(db: Queryable, table: string, id: number | null): Promise<boolean> {
  if (id == null) return false;
  return (await db.query(`select 1 from ${table} where id = $1`, [id])).rowCount === 1;
}

async function mustExist(p: Problems, db: Queryable, field: string, table: string, id: number | null, type: string) {
  if (id != null && !(await exists(db, table, id))) p.add(field, 'id/not_found', `${type} ${id} 不存在`, `${type} ${id} does not exist`);
}

function writeContext(ctx: Context): WriteContext {
  return { pool: ctx.reader.db.pool, actor: ctx.actor ?? 'anonymous' };
}

/** The furthest development step reached: 1 applicant … 5 full member, 9 out (withdrawn or cancelled). */
const RANK: Record<string, number> = {
  application_submitted: 1,
  activist_confirmed: 2,
  activist_review: 2,
  target_confirmed: 3,
  political_review: 3,
  training_completed: 3,
  public_notice: 3,
  branch_vote_admit: 3,
  committee_approved: 4,
  oath_taken: 4,
  conversion_requested: 4,
  branch_vote_convert: 4,
  probation_extended: 4,
  conversion_approved: 5,
  withdrawn: 9,
  probation_cancelled: 9,
};
const STATUS_OF_RANK = ['masses', 'applicant', 'activist', 'development_target', 'probationary', 'full_member'];

// ── resolver ──────────────────────────────────────────────────────────────────────────────────────

@Resolver()
export class IndicatorWriteResolver {
  @Mutation(() => WriteResult, {
    description: d(
      '记录、修改或取消活动（含出勤），同一事务内更新指标',
      'Record, change or cancel an activity with its attendance; indicators move in the same transaction',
    ),
  })
  async recordActivity(
    @Ctx() ctx: Context,
    @Arg('input', () => RecordActivityInput, { description: d('活动', 'The activity') }) input: RecordActivityInput,
  ): Promise<WriteResult> {
    const p = new Problems('recordActivity.input');
    const activityId = idOf(p, 'id', input.id, 'Activity');
    const orgId = idOf(p, 'organizationId', input.organizationId, 'Organization');
    requireDate(p, 'heldOn', input.heldOn);
    if (!input.title.trim()) p.add('title', 'input/required', '标题不能为空', 'title is required');
    for (const [field, v] of [
      ['expectedCount', input.expectedCount],
      ['beneficiaryCount', input.beneficiaryCount],
    ] as const) {
      if (v != null && v < 0) p.add(field, 'input/negative', '不能为负数', 'must not be negative');
    }
    const members = (input.attendance ?? []).map((a, i) => idOf(p, `attendance.${i}.memberId`, a.memberId, 'Member'));
    (input.attendance ?? []).forEach((a, i) => {
      if (a.hours != null && (a.hours < 0 || a.hours > 24))
        p.add(`attendance.${i}.hours`, 'input/out_of_range', '时长应在 0–24 小时', 'hours must be 0–24');
    });
    const seen = new Set<number>();
    members.forEach((m, i) => {
      if (m == null) return;
      if (seen.has(m)) p.add(`attendance.${i}.memberId`, 'input/duplicate', '同一人重复出现', 'the same person appears twice');
      seen.add(m);
    });
    const db = ctx.reader.db.pool;
    await mustExist(p, db, 'organizationId', 'organization', orgId, 'Organization');
    if (activityId != null) await mustExist(p, db, 'id', 'activity', activityId, 'Activity');
    const known = members.filter((m): m is number => m != null);
    if (known.length) {
      const { rows } = await db.query(`select id from member where id = any($1::int[])`, [known]);
      const found = new Set(rows.map((r) => r.id as number));
      members.forEach((m, i) => {
        if (m != null && !found.has(m)) p.add(`attendance.${i}.memberId`, 'id/not_found', `人员 ${m} 不存在`, `member ${m} does not exist`);
      });
    }
    p.check();
    return transact(writeContext(ctx), async (client) => {
      const before = activityId ? (await client.query(`select * from activity where id = $1 for update`, [activityId])).rows[0] : null;
      const oldAttendees = activityId
        ? (await client.query(`select member_id from attendance where activity_id = $1 and member_id is not null`, [activityId])).rows.map(
            (r) => r.member_id as number,
          )
        : [];
      const memberOrgs = (
        await client.query(`select distinct organization_id from member where id = any($1::int[])`, [[...oldAttendees, ...known]])
      ).rows.map((r) => r.organization_id as number);
      const from = before && before.held_on < input.heldOn ? (before.held_on as string) : input.heldOn;
      const orgs = [orgId!, ...(before ? [before.organization_id as number] : []), ...memberOrgs];
      const { value, scope } = await moved(client, orgs, from, ACTIVITY_IDS, async () => {
        const values = [
          orgId,
          input.type,
          input.title.trim(),
          input.heldOn,
          input.status ?? ActivityStatus.HELD,
          input.expectedCount ?? null,
          input.beneficiaryCount ?? null,
        ];
        const id = activityId
          ? (
              await client.query(
                `update activity set organization_id = $2, type = $3, title = $4, held_on = $5, status = $6, expected_count = $7,
                   beneficiary_count = $8, updated_at = now() where id = $1 returning id`,
                [activityId, ...values],
              )
            ).rows[0].id
          : (
              await client.query(
                `insert into activity (organization_id, type, title, held_on, status, expected_count, beneficiary_count)
                 values ($1, $2, $3, $4, $5, $6, $7) returning id`,
                values,
              )
            ).rows[0].id;
        let rows = 1;
        if (input.attendance) {
          await client.query(`delete from attendance where activity_id = $1`, [id]);
          const a = input.attendance;
          if (a.length) {
            const r = await client.query(
              `insert into attendance (activity_id, member_id, status, role, hours)
               select $1, * from unnest($2::int[], $3::text[], $4::text[], $5::float8[])`,
              [id, members, a.map((x) => x.status), a.map((x) => x.role ?? AttendanceRole.ATTENDEE), a.map((x) => x.hours ?? null)],
            );
            rows += r.rowCount ?? 0;
          }
        }
        return { id: id as number, rows };
      });
      return {
        result: { id: toGlobalId('Activity', value.id), rows: value.rows },
        scope,
        audit: {
          action: activityId ? 'activity.update' : 'activity.create',
          entity: 'activity',
          entityId: value.id,
          before,
          after: input,
          indicators: ACTIVITY_IDS,
        },
      };
    });
  }

  @Mutation(() => WriteResult, { description: d('取消活动（不再计入指标）', 'Cancel an activity (it no longer counts)') })
  async cancelActivity(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('活动全局ID', 'Activity global id') }) id: string,
  ): Promise<WriteResult> {
    const p = new Problems('cancelActivity');
    const activityId = idOf(p, 'id', id, 'Activity');
    await mustExist(p, ctx.reader.db.pool, 'id', 'activity', activityId, 'Activity');
    p.check();
    return transact(writeContext(ctx), async (client) => {
      const before = (await client.query(`select * from activity where id = $1 for update`, [activityId])).rows[0];
      const memberOrgs = (
        await client.query(
          `select distinct m.organization_id from attendance t join member m on m.id = t.member_id where t.activity_id = $1`,
          [activityId],
        )
      ).rows.map((r) => r.organization_id as number);
      const { scope } = await moved(client, [before.organization_id, ...memberOrgs], before.held_on, ACTIVITY_IDS, () =>
        client.query(`update activity set status = 'cancelled', updated_at = now() where id = $1`, [activityId]),
      );
      return {
        result: { id, rows: 1 },
        scope,
        audit: {
          action: 'activity.cancel',
          entity: 'activity',
          entityId: activityId,
          before,
          after: { status: 'cancelled' },
          indicators: ACTIVITY_IDS,
        },
      };
    });
  }

  @Mutation(() => WriteResult, {
    description: d(
      '批量提交满意度答卷：全部有效才写入，否则列出每一条错误',
      'Submit survey responses as a batch: all or nothing, every bad row reported',
    ),
  })
  async submitSurveyResponses(
    @Ctx() ctx: Context,
    @Arg('surveyId', () => ID, { description: d('调查全局ID', 'Survey global id') }) surveyId: string,
    @Arg('responses', () => [SurveyResponseInput], { description: d('答卷（最多 10000 份）', 'Responses (at most 10,000)') })
    responses: SurveyResponseInput[],
  ): Promise<WriteResult> {
    const p = new Problems('submitSurveyResponses');
    const survey = idOf(p, 'surveyId', surveyId, 'Survey');
    const db = ctx.reader.db.pool;
    await mustExist(p, db, 'surveyId', 'survey', survey, 'Survey');
    if (!responses.length) p.add('responses', 'input/required', '至少一份答卷', 'at least one response');
    if (responses.length > 10_000) p.add('responses', 'input/too_many', '一次最多 10000 份', 'at most 10,000 at once');
    const depts = responses.map((r, i) => idOf(p, `responses.${i}.departmentId`, r.departmentId, 'Department'));
    const scale =
      survey == null
        ? null
        : (await db.query(`select scale, satisfied_from::float8 as cutoff from survey where id = $1`, [survey])).rows[0];
    const satisfied = responses.map((r) => (scale ? r.overallScore >= scale.cutoff : false));
    const { rows: deptRows } = await db.query(`select id from department where id = any($1::int[])`, [depts.filter((x) => x != null)]);
    const deptFound = new Set(deptRows.map((r) => r.id as number));
    responses.forEach((r, i) => {
      requireDate(p, `responses.${i}.respondedOn`, r.respondedOn);
      const [lo, hi] = scale?.scale === 'likert_5' ? [1, 5] : [0, 100];
      if (r.overallScore < lo || r.overallScore > hi) {
        p.add(
          `responses.${i}.overallScore`,
          'input/out_of_range',
          `评分应在 ${lo}–${hi}（本调查的量表）`,
          `score must be ${lo}–${hi} (this survey’s scale)`,
        );
      }
      if (scale && r.isSatisfied != null && r.isSatisfied !== satisfied[i]) {
        p.add(
          `responses.${i}.isSatisfied`,
          'input/inconsistent',
          `与本调查的满意阈值（≥ ${scale.cutoff}）不一致`,
          `disagrees with this survey’s cutoff (satisfied from ${scale.cutoff})`,
        );
      }
      const dep = depts[i];
      if (dep != null && !deptFound.has(dep))
        p.add(`responses.${i}.departmentId`, 'id/not_found', `科室 ${dep} 不存在`, `department ${dep} does not exist`);
    });
    p.check();
    return transact(writeContext(ctx), async (client) => {
      const byDept = await deptOrgs(
        client,
        depts.filter((x): x is number => x != null),
      );
      const committee = (
        await client.query(`select h.committee_id from survey s join hospital h on h.id = s.hospital_id where s.id = $1`, [survey])
      ).rows[0].committee_id;
      const orgs = [committee, ...byDept.values()];
      const from = responses.map((r) => r.respondedOn).toSorted()[0]!;
      const { value, scope } = await moved(client, orgs, from, SURVEY_IDS, async () =>
        client.query(
          `insert into survey_response (survey_id, department_id, responded_on, overall_score, is_satisfied)
           select $1, * from unnest($2::int[], $3::date[], $4::smallint[], $5::boolean[])`,
          [survey, depts, responses.map((r) => r.respondedOn), responses.map((r) => r.overallScore), satisfied],
        ),
      );
      return {
        result: { id: surveyId, rows: value.rowCount ?? 0 },
        scope,
        audit: {
          action: 'survey.responses',
          entity: 'survey',
          entityId: survey,
          after: { count: responses.length, from },
          indicators: SURVEY_IDS,
        },
      };
    });
  }

  @Mutation(() => WriteResult, { description: d('授予荣誉', 'Award an honor') })
  async awardHonor(
    @Ctx() ctx: Context,
    @Arg('input', () => AwardHonorInput, { description: d('荣誉', 'The honor') }) input: AwardHonorInput,
  ): Promise<WriteResult> {
    const p = new Problems('awardHonor.input');
    const hospital = idOf(p, 'hospitalId', input.hospitalId, 'Hospital');
    const member = idOf(p, 'memberId', input.memberId, 'Member');
    const org = idOf(p, 'organizationId', input.organizationId, 'Organization');
    const dept = idOf(p, 'departmentId', input.departmentId, 'Department');
    requireDate(p, 'awardedOn', input.awardedOn);
    if (!input.title.trim()) p.add('title', 'input/required', '名称不能为空', 'title is required');
    if (input.recipientType === RecipientType.PERSON && member == null)
      p.add('memberId', 'input/required', '个人荣誉须指定人员', 'a person’s honor needs memberId');
    if ([RecipientType.BRANCH, RecipientType.GENERAL_BRANCH, RecipientType.COMMITTEE].includes(input.recipientType) && org == null) {
      p.add('organizationId', 'input/required', '组织荣誉须指定党组织', 'an organisation’s honor needs organizationId');
    }
    if (input.recipientType === RecipientType.DEPARTMENT && dept == null)
      p.add('departmentId', 'input/required', '科室荣誉须指定科室', 'a department’s honor needs departmentId');
    const db = ctx.reader.db.pool;
    await mustExist(p, db, 'hospitalId', 'hospital', hospital, 'Hospital');
    await mustExist(p, db, 'memberId', 'member', member, 'Member');
    await mustExist(p, db, 'organizationId', 'organization', org, 'Organization');
    await mustExist(p, db, 'departmentId', 'department', dept, 'Department');
    p.check();
    return transact(writeContext(ctx), async (client) => {
      const { rows } = await client.query(
        `select coalesce($2::int, (select organization_id from member where id = $3),
           (select coalesce(d.branch_id, h2.committee_id) from department d join hospital h2 on h2.id = d.hospital_id where d.id = $4),
           h.committee_id) as org from hospital h where h.id = $1`,
        [hospital, org, member, dept],
      );
      const { value, scope } = await moved(
        client,
        [rows[0].org],
        input.awardedOn,
        ['honors_count'],
        async () =>
          (
            await client.query(
              `insert into honor (hospital_id, recipient_type, member_id, organization_id, department_id, title, category, level, awarded_on)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
              [hospital, input.recipientType, member, org, dept, input.title.trim(), input.category, input.level, input.awardedOn],
            )
          ).rows[0].id as number,
      );
      return {
        result: { id: toGlobalId('Honor', value), rows: 1 },
        scope,
        audit: { action: 'honor.award', entity: 'honor', entityId: value, after: input, indicators: ['honors_count'] },
      };
    });
  }

  @Mutation(() => WriteResult, {
    description: d(
      '记录党员发展的一个环节；按《发展党员工作细则》的顺序校验（不可跳过或倒退）',
      'Record a development step, checked against the order of the development rules (no skipping, no going back)',
    ),
  })
  async changeMemberStage(
    @Ctx() ctx: Context,
    @Arg('memberId', () => ID, { description: d('人员全局ID', 'Member global id') }) memberId: string,
    @Arg('stage', () => DevelopmentStage, { description: d('发展环节', 'Development step') }) stage: DevelopmentStage,
    @Arg('on', () => LocalDate, { description: d('日期', 'Date') }) on: string,
  ): Promise<WriteResult> {
    const p = new Problems('changeMemberStage');
    const member = idOf(p, 'memberId', memberId, 'Member');
    requireDate(p, 'on', on);
    const db = ctx.reader.db.pool;
    await mustExist(p, db, 'memberId', 'member', member, 'Member');
    if (member != null && !p.list.length) {
      const { rows } = await db.query(`select stage, event_date::text as on from development_event where member_id = $1`, [member]);
      const reached = Math.max(0, ...rows.map((r) => RANK[r.stage as string]!));
      const last = rows
        .map((r) => r.on as string)
        .toSorted()
        .at(-1);
      const next = RANK[stage]!;
      if (reached === 9)
        p.add(
          'stage',
          'stage/closed',
          '该人员的发展已终止（撤回或取消资格）',
          'this person’s development has ended (withdrawn or cancelled)',
        );
      else if (next !== 9 && (next < reached || next > reached + 1)) {
        p.add('stage', 'stage/out_of_order', `不能从第 ${reached} 阶段直接到 ${stage}`, `${stage} cannot follow stage ${reached}`);
      }
      if (last && on < last) p.add('on', 'stage/before_last', `日期早于上一环节（${last}）`, `date is before the previous step (${last})`);
    }
    p.check();
    return transact(writeContext(ctx), async (client) => {
      const before = (
        await client.query(
          `select id, organization_id, department_id, political_status, joined_on::text, converted_on::text from member where id = $1 for update`,
          [member],
        )
      ).rows[0];
      const dept = before.department_id ? (await deptOrgs(client, [before.department_id])).get(before.department_id) : undefined;
      const { scope } = await moved(client, [before.organization_id, ...(dept ? [dept] : [])], on, MEMBER_IDS, async () => {
        try {
          await client.query(`insert into development_event (member_id, stage, event_date) values ($1, $2, $3)`, [member, stage, on]);
        } catch (err) {
          // The database's order rules (Migration20261129060000): a coded error, nothing written.
          const e = err as { code?: string; constraint?: string; message: string };
          if (e.code !== '23514' || !e.constraint?.startsWith('development_event')) throw err;
          const problems = new Problems('changeMemberStage');
          problems.add('stage', 'stage/out_of_order', `该环节不符合发展党员程序顺序（${e.message}）`, e.message);
          problems.check();
        }
        const rank = RANK[stage]!;
        if (rank === 9) return;
        await client.query(
          `update member set political_status = $2,
             joined_on = case when $3 = 'branch_vote_admit' then $4::date else joined_on end,
             converted_on = case when $3 = 'conversion_approved' then $4::date else converted_on end, updated_at = now()
           where id = $1`,
          [member, STATUS_OF_RANK[rank], stage, on],
        );
      });
      return {
        result: { id: memberId, rows: 2 },
        scope,
        audit: { action: 'member.stage', entity: 'member', entityId: member, before, after: { stage, on }, indicators: MEMBER_IDS },
      };
    });
  }

  @Mutation(() => WriteResult, { description: d('任命职务（如新任支部书记）', 'Assign a position (e.g. a new branch secretary)') })
  async assignPosition(
    @Ctx() ctx: Context,
    @Arg('input', () => AssignPositionInput, { description: d('职务', 'The position') }) input: AssignPositionInput,
  ): Promise<WriteResult> {
    const p = new Problems('assignPosition.input');
    const org = idOf(p, 'organizationId', input.organizationId, 'Organization');
    const member = idOf(p, 'memberId', input.memberId, 'Member');
    requireDate(p, 'startOn', input.startOn);
    const db = ctx.reader.db.pool;
    await mustExist(p, db, 'organizationId', 'organization', org, 'Organization');
    await mustExist(p, db, 'memberId', 'member', member, 'Member');
    p.check();
    return transact(writeContext(ctx), async (client) => {
      const { value, scope } = await moved(client, [org!], input.startOn, POSITION_IDS, async () => {
        // One holder at a time for the roles that have one: the current one ends the day before.
        if (input.role !== PositionRole.GROUP_LEADER && input.role !== PositionRole.ORGANIZATION_MEMBER) {
          await client.query(
            `update position set end_on = $3::date - 1, updated_at = now()
             where organization_id = $1 and role = $2 and start_on < $3 and (end_on is null or end_on >= $3)`,
            [org, input.role, input.startOn],
          );
        }
        return (
          await client.query(
            `insert into position (organization_id, member_id, role, start_on, is_dept_head, is_discipline_leader, is_dual_leader)
             values ($1, $2, $3, $4, $5, $6, $7) returning id`,
            [org, member, input.role, input.startOn, input.isDeptHead, input.isDisciplineLeader, input.isDualLeader],
          )
        ).rows[0].id as number;
      });
      return {
        result: { id: toGlobalId('Position', value), rows: 1 },
        scope,
        audit: { action: 'position.assign', entity: 'position', entityId: value, after: input, indicators: POSITION_IDS },
      };
    });
  }

  @Mutation(() => WriteResult, {
    description: d('报送科室某月业务数据（同代码覆盖）', 'Report a department’s figures for a month (same code replaces)'),
  })
  async recordDepartmentMetrics(
    @Ctx() ctx: Context,
    @Arg('departmentId', () => ID, { description: d('科室全局ID', 'Department global id') }) departmentId: string,
    @Arg('month', () => String, { description: d('月份 YYYY-MM', 'Month, YYYY-MM') }) month: string,
    @Arg('values', () => [MetricValueInput], { description: d('各项数据', 'Figures') }) values: MetricValueInput[],
  ): Promise<WriteResult> {
    const p = new Problems('recordDepartmentMetrics');
    const dept = idOf(p, 'departmentId', departmentId, 'Department');
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      p.add('month', 'input/invalid_month', `“${month}” 不是月份（YYYY-MM）`, `“${month}” is not a month (YYYY-MM)`);
    values.forEach((v, i) => {
      if (!Number.isFinite(v.value) || v.value < 0) p.add(`values.${i}.value`, 'input/negative', '数值不能为负', 'must not be negative');
    });
    await mustExist(p, ctx.reader.db.pool, 'departmentId', 'department', dept, 'Department');
    p.check();
    const first = `${month}-01`;
    return transact(writeContext(ctx), async (client) => {
      const org = (await deptOrgs(client, [dept!])).get(dept!)!;
      const { scope } = await moved(client, [org], first, METRIC_IDS, async () => {
        for (const v of values) {
          await client.query(`delete from department_metric where department_id = $1 and month = $2 and code = $3`, [dept, first, v.code]);
          await client.query(`insert into department_metric (department_id, month, code, value) values ($1, $2, $3, $4)`, [
            dept,
            first,
            v.code,
            v.value,
          ]);
        }
      });
      return {
        result: { id: departmentId, rows: values.length },
        scope,
        audit: { action: 'department.metrics', entity: 'department', entityId: dept, after: { month, values }, indicators: METRIC_IDS },
      };
    });
  }

  @Mutation(() => WriteResult, {
    description: d(
      '设定指标目标：对该组织及其下级自生效日起适用（不影响此前期间）',
      'Set a target for an organisation and everything under it, from a date on (earlier periods keep theirs)',
    ),
  })
  async setIndicatorTarget(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID, {
      description: d('党组织全局ID（目标适用于其全部下级）', 'Organisation global id (the target applies to its whole subtree)'),
    })
    orgId: string,
    @Arg('indicatorId', () => String, { description: d('指标ID', 'Indicator id') }) indicatorId: string,
    @Arg('effectiveFrom', () => LocalDate, { description: d('生效日期', 'Effective from') }) effectiveFrom: string,
    @Arg('target', () => Float, { nullable: true, description: d('目标值（与指标同单位）', 'Target, in the indicator’s unit') }) target:
      | number
      | null,
    @Arg('warning', () => Float, { nullable: true, description: d('预警阈值', 'Warning threshold') }) warning: number | null,
  ): Promise<WriteResult> {
    const p = new Problems('setIndicatorTarget');
    const org = idOf(p, 'orgId', orgId, 'Organization');
    requireDate(p, 'effectiveFrom', effectiveFrom);
    if (knownIndicator(p, 'indicatorId', indicatorId)) {
      const def = indicator(indicatorId)!;
      if (def.direction === 'CONTEXT' && target != null)
        p.add('target', 'target/context_only', '仅供参考的指标不设目标', 'context-only indicators take no target');
      if (target != null && warning != null && (def.direction === 'HIGHER' ? warning > target : warning < target)) {
        p.add(
          'warning',
          'target/warning_side',
          '预警阈值应在目标的不利一侧',
          'the warning threshold must be on the worse side of the target',
        );
      }
    }
    await mustExist(p, ctx.reader.db.pool, 'orgId', 'organization', org, 'Organization');
    p.check();
    return transact(writeContext(ctx), async (client) => {
      const before = (
        await client.query(`select target, warning from indicator_target where org_id = $1 and indicator_id = $2 and effective_from = $3`, [
          org,
          indicatorId,
          effectiveFrom,
        ])
      ).rows[0];
      const { rows } = await client.query(
        `insert into indicator_target (org_id, indicator_id, effective_from, target, warning) values ($1, $2, $3, $4, $5)
         on conflict (org_id, indicator_id, effective_from) do update set target = excluded.target, warning = excluded.warning, created_at = now()
         returning id`,
        [org, indicatorId, effectiveFrom, target, warning],
      );
      return {
        result: { id: null, rows: 1 },
        scope: { orgIds: [org!], from: effectiveFrom },
        audit: {
          action: 'target.set',
          entity: 'indicator_target',
          entityId: rows[0].id,
          before,
          after: { indicatorId, effectiveFrom, target, warning },
          indicators: [indicatorId],
        },
      };
    });
  }

  @Mutation(() => WriteResult, {
    description: d(
      '设定融合指数的权重：该组织（如一家医院）及其下级自生效日起使用这一组权重，替代目录默认权重',
      'Set the integration index’s weights: the organisation (e.g. a hospital) and everything under it use this set from a date on, instead of the catalog’s defaults',
    ),
  })
  async setIntegrationWeights(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID, { description: d('党组织全局ID', 'Organisation global id') }) orgId: string,
    @Arg('effectiveFrom', () => LocalDate, { description: d('生效日期', 'Effective from') }) effectiveFrom: string,
    @Arg('weights', () => [IntegrationWeightInput], { description: d('全部权重（整组替换）', 'The whole set (replaces it)') })
    weights: IntegrationWeightInput[],
  ): Promise<WriteResult> {
    const p = new Problems('setIntegrationWeights');
    const org = idOf(p, 'orgId', orgId, 'Organization');
    requireDate(p, 'effectiveFrom', effectiveFrom);
    const seen = new Set<string>();
    weights.forEach((w, i) => {
      const field = `weights.${i}`;
      if (!knownIndicator(p, `${field}.indicatorId`, w.indicatorId)) return;
      const def = indicator(w.indicatorId)!;
      if (def.direction !== 'HIGHER' || def.rollup === 'DERIVED' || def.target == null) {
        p.add(
          `${field}.indicatorId`,
          'weight/not_normalisable',
          `${w.indicatorId} 不是有目标的“越高越好”指标，无法归一`,
          `${w.indicatorId} is not a higher-is-better indicator with a target: it cannot be normalised`,
        );
      }
      if (seen.has(w.indicatorId)) p.add(`${field}.indicatorId`, 'input/duplicate', '指标重复', 'the same indicator appears twice');
      seen.add(w.indicatorId);
      if (!Number.isFinite(w.weight) || w.weight < 0)
        p.add(`${field}.weight`, 'input/negative', '权重不能为负', 'a weight must not be negative');
    });
    if (!weights.length || weights.reduce((t, w) => t + (w.weight > 0 ? w.weight : 0), 0) <= 0) {
      p.add('weights', 'weight/empty', '至少一个正权重', 'at least one positive weight');
    }
    await mustExist(p, ctx.reader.db.pool, 'orgId', 'organization', org, 'Organization');
    p.check();
    return transact(writeContext(ctx), async (client) => {
      const before = (
        await client.query(`select indicator_id, weight::float8 from integration_weight where org_id = $1 and effective_from = $2`, [
          org,
          effectiveFrom,
        ])
      ).rows;
      await client.query(`delete from integration_weight where org_id = $1 and effective_from = $2`, [org, effectiveFrom]);
      await client.query(
        `insert into integration_weight (org_id, indicator_id, effective_from, weight) select $1, i, $2, w from unnest($3::text[], $4::numeric[]) as x(i, w)`,
        [org, effectiveFrom, weights.map((w) => w.indicatorId), weights.map((w) => w.weight)],
      );
      return {
        result: { id: null, rows: weights.length },
        scope: { orgIds: [org!], from: effectiveFrom },
        audit: {
          action: 'weights.set',
          entity: 'integration_weight',
          entityId: org,
          before,
          after: { effectiveFrom, weights },
          indicators: ['integration_index'],
        },
      };
    });
  }
}
