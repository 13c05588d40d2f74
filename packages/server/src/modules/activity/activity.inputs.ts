import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ActivityStatus, ActivityType, AttendanceRole, AttendanceStatus } from '../../domain/enums.js';
import { Max, MaxLength, Min, NotBlank, ValidateNested } from '../../graphql/bounds.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';

@InputType({ description: d('一人的出勤', 'One person’s attendance') })
export class AttendanceInput {
  @Field(() => ID, { nullable: true, description: d('人员全局ID（党外群众为空）', 'Member global id (null for people outside the Party)') })
  memberId?: string | null;

  @Field(() => AttendanceStatus, { description: d('出勤状态', 'Status') })
  status!: AttendanceStatus;

  @Field(() => AttendanceRole, { nullable: true, description: d('角色（默认参加）', 'Role (attendee by default)') })
  role?: AttendanceRole | null;

  @Field(() => Float, { nullable: true, description: d('时长（小时）', 'Hours') })
  @Min(0)
  @Max(24)
  hours?: number | null;
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

  @Field(() => LocalDate, { description: d('日期', 'Date') })
  heldOn!: string;

  @Field(() => ActivityStatus, { nullable: true, description: d('状态（默认已开展）', 'Status (held by default)') })
  status?: ActivityStatus | null;

  @Field(() => Int, { nullable: true, description: d('应到人数', 'Expected attendance') })
  @Min(0)
  expectedCount?: number | null;

  @Field(() => Int, { nullable: true, description: d('受益群众人数', 'People served') })
  @Min(0)
  beneficiaryCount?: number | null;

  @Field(() => [AttendanceInput], {
    nullable: true,
    description: d('出勤（给出时整体替换）', 'Attendance (replaces the whole list when given)'),
  })
  @ValidateNested()
  attendance?: AttendanceInput[] | null;
}
