import { Field, ID, InputType, Int } from 'type-graphql';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';

@InputType({ description: d('一份满意度答卷', 'One survey response') })
export class SurveyResponseInput {
  @Field(() => ID, { nullable: true, description: d('科室全局ID', 'Department global id') })
  departmentId?: string | null;

  @Field(() => LocalDate, { description: d('答卷日期', 'Date') })
  respondedOn!: string;

  // Its range is the survey's own scale (1–5 or 0–100), checked against the survey.
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
