import { Field, ID, InputType } from 'type-graphql';
import { EthicsEventType } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { Decimal, LocalDate } from '../../graphql/scalars.js';

@InputType({
  description: d('记录（或修改）一件医德医风事件（不记录患者信息）', 'Record (or change) a medical-ethics event (never the patient)'),
})
export class RecordEthicsEventInput {
  @Field(() => ID, { nullable: true, description: d('要修改的事件全局ID（新建时为空）', 'Event to change (null to record one)') })
  id?: string | null;

  @Field(() => EthicsEventType, { description: d('类型', 'Type') })
  type!: EthicsEventType;

  @Field(() => ID, { description: d('科室', 'Department') })
  departmentId!: string;

  @Field(() => ID, { nullable: true, description: d('相关医务人员（可空）', 'Staff member (optional)') })
  memberId?: string | null;

  @Field(() => Decimal, {
    nullable: true,
    description: d(
      '金额（元，仅拒收红包，须填写；最多两位小数）',
      'Amount in yuan (refused red envelopes only, and required there; two decimals at most)',
    ),
  })
  amount?: string | null;

  @Field(() => LocalDate, { description: d('发生日期', 'Occurred on') })
  occurredOn!: string;
}
