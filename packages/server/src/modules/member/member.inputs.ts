import { Field, ID, InputType } from 'type-graphql';
import { MaxLength, NotBlank } from '../../graphql/bounds.js';
import { PositionRole } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';

@InputType({
  description: d(
    '任命职务（同一支部同一职务的现任者于前一日卸任）',
    'Assign a position (the current holder of the same role ends the day before)',
  ),
})
export class AssignPositionInput {
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

@InputType({
  description: d('更正一个发展环节（改日期或删除），须说明理由', 'Correct a development step (its date, or remove it), with a reason'),
})
export class DevelopmentStepCorrectionInput {
  @Field(() => LocalDate, { nullable: true, description: d('正确的日期（与 remove 二选一）', 'The right date (or remove)') })
  on?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: d('删除这一环节（误录）', 'Remove the step (recorded by mistake)') })
  remove!: boolean;

  @Field(() => String, { description: d('理由（记入审计日志）', 'Reason (kept in the audit log)') })
  @NotBlank()
  @MaxLength(500)
  reason!: string;
}
