import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { Max, Min } from '../../graphql/bounds.js';
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

/** The largest number of respondents one result may report (a survey of a whole province in a month is far below). */
export const MAX_RESPONDENTS = 10_000_000;

@InputType({ description: d('一条满意度调查汇总结果', 'One survey result in aggregate') })
export class SurveyResultInput {
  @Field(() => ID, { description: d('调查全局ID', 'Survey global id') })
  surveyId!: string;

  @Field(() => ID, { nullable: true, description: d('科室全局ID（空：全院）', 'Department global id (none: the whole hospital)') })
  departmentId?: string | null;

  @Field(() => LocalDate, { description: d('月份（当月1日，不晚于本月）', 'Month (its first day, not after this month)') })
  month!: string;

  @Field(() => Int, { description: d('样本量（答卷数）', 'Respondents') })
  @Min(1)
  @Max(MAX_RESPONDENTS)
  respondents!: number;

  @Field(() => Int, { description: d('满意人数（不超过样本量）', 'Satisfied (at most the respondents)') })
  @Min(0)
  @Max(MAX_RESPONDENTS)
  satisfied!: number;

  @Field(() => Float, {
    nullable: true,
    description: d('平均分（按本调查的量表，最多两位小数）', 'Mean score (on this survey’s scale, at most two decimals)'),
  })
  @Min(0)
  @Max(100)
  meanScore?: number | null;
}
