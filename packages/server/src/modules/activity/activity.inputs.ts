import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ActivityStatus, ActivityType, AttendanceRole, AttendanceStatus } from '../../domain/enums.js';
import { ArrayMaxSize, Max, MaxLength, Min, NotBlank, ValidateNested } from '../../graphql/bounds.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';

/** Most people one activity's attendance may list in one call (a larger write holds its branch's lock too long). */
export const MAX_ATTENDANCE = 500;
/** Longest reason for leave or absence (`attendance.reason`). */
export const MAX_ABSENCE_REASON = 200;
const ABSENCE_REASON = d(
  `请假/缺席原因（最多 ${MAX_ABSENCE_REASON} 字；出席的不填）`,
  `Reason for leave or absence (at most ${MAX_ABSENCE_REASON} characters; none for one present)`,
);
/** Most people an activity can expect (a hospital-wide meeting). */
export const MAX_EXPECTED = 10_000;
/** Most people one service activity can serve. */
export const MAX_BENEFICIARIES = 1_000_000;

@InputType({ description: d('一人的出勤', 'One person’s attendance') })
export class AttendanceInput {
  @Field(() => ID, { nullable: true, description: d('人员全局ID（党外群众为空）', 'Member global id (null for people outside the Party)') })
  memberId?: string | null;

  @Field(() => AttendanceStatus, { description: d('出勤状态', 'Status') })
  status!: AttendanceStatus;

  @Field(() => AttendanceRole, { nullable: true, description: d('角色（默认参加）', 'Role (attendee by default)') })
  role?: AttendanceRole | null;

  @Field(() => Float, { nullable: true, description: d('时长（小时，0–24）', 'Hours (0–24)') })
  @Min(0)
  @Max(24)
  hours?: number | null;

  @Field(() => String, { nullable: true, description: ABSENCE_REASON })
  @MaxLength(MAX_ABSENCE_REASON)
  reason?: string | null;
}

@InputType({ description: d('记录（或修改）一次活动及其出勤', 'Record (or change) an activity and its attendance') })
export class RecordActivityInput {
  @Field(() => ID, { nullable: true, description: d('要修改的活动全局ID（新建时为空）', 'Activity to change (null to create one)') })
  id?: string | null;

  @Field(() => ID, { description: d('开展活动的党组织', 'Organisation holding it') })
  organizationId!: string;

  @Field(() => ActivityType, { description: d('活动类型', 'Type') })
  type!: ActivityType;

  @Field(() => String, { description: d('标题', 'Title') })
  @NotBlank()
  @MaxLength(300)
  title!: string;

  @Field(() => LocalDate, {
    description: d('日期（已开展的不晚于今天；计划中的可在一年内）', 'Date (not after today once held; up to a year ahead when planned)'),
  })
  heldOn!: string;

  @Field(() => ActivityStatus, { nullable: true, description: d('状态（默认已开展）', 'Status (held by default)') })
  status?: ActivityStatus | null;

  @Field(() => String, {
    nullable: true,
    description: d(
      '节日标签（学雷锋、七一、重阳、护士节、医师节等；最多 32 字）',
      'Festival tag (Lei Feng day, July 1st, Nurses day …; at most 32 characters)',
    ),
  })
  @MaxLength(32)
  festivalTag?: string | null;

  @Field(() => String, { nullable: true, description: d('地点（最多 200 字）', 'Location (at most 200 characters)') })
  @MaxLength(200)
  location?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: d(`应到人数（0–${MAX_EXPECTED}）`, `Expected attendance (0–${MAX_EXPECTED.toLocaleString('en')})`),
  })
  @Min(0)
  @Max(MAX_EXPECTED)
  expectedCount?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: d(`受益群众人数（0–${MAX_BENEFICIARIES}）`, `People served (0–${MAX_BENEFICIARIES.toLocaleString('en')})`),
  })
  @Min(0)
  @Max(MAX_BENEFICIARIES)
  beneficiaryCount?: number | null;

  @Field(() => [AttendanceInput], {
    nullable: true,
    description: d(
      `出勤（给出时整体替换；最多 ${MAX_ATTENDANCE} 人；组织生活须为本组织党员）`,
      `Attendance (replaces the whole list when given; at most ${MAX_ATTENDANCE}; at organisational life, members of the organisation only)`,
    ),
  })
  @ArrayMaxSize(MAX_ATTENDANCE)
  @ValidateNested()
  attendance?: AttendanceInput[] | null;
}

@InputType({
  description: d(
    '更正一人在一次活动中的出勤（改状态、补录或删除），无需重录整次活动；须说明理由',
    'Correct one person’s attendance at an activity (its status, a person left out, or one listed by mistake) without retyping the meeting; with a reason',
  ),
})
export class CorrectAttendanceInput {
  @Field(() => ID, { description: d('活动全局ID', 'Activity global id') })
  activityId!: string;

  @Field(() => ID, { description: d('人员全局ID', 'Member global id') })
  memberId!: string;

  @Field(() => AttendanceStatus, {
    nullable: true,
    description: d('正确的出勤状态（未登记的人则补录；与 remove 二选一）', 'The right status (adds the person if not listed; or remove)'),
  })
  status?: AttendanceStatus | null;

  @Field(() => String, { nullable: true, description: ABSENCE_REASON })
  @MaxLength(MAX_ABSENCE_REASON)
  absenceReason?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: d('删除这条出勤（误录）', 'Remove this attendance (listed by mistake)') })
  remove!: boolean;

  @Field(() => String, { description: d('理由（至少 2 个字；记入审计日志）', 'Reason (at least 2 characters; kept in the audit log)') })
  reason!: string;
}
