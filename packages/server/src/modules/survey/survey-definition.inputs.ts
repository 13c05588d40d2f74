import { Field, Float, InputType } from 'type-graphql';
import { SurveyCadence, SurveyKind, SurveyScale, SurveySource } from '../../domain/enums.js';
import { Max, MaxLength, Min, NotBlank } from '../../graphql/bounds.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';

@InputType({ description: d('满意度调查的定义', 'A satisfaction survey’s definition') })
export class SurveyInput {
  @Field(() => String, { description: d('名称（院内不重复）', 'Title (unique in its hospital)') })
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @Field(() => SurveyKind, { description: d('调查对象', 'Who is surveyed') })
  kind!: SurveyKind;

  @Field(() => SurveySource, { description: d('来源', 'Source') })
  source!: SurveySource;

  @Field(() => SurveyCadence, { description: d('频次', 'Cadence') })
  cadence!: SurveyCadence;

  @Field(() => SurveyScale, { description: d('计分方式', 'Scale') })
  scale!: SurveyScale;

  @Field(() => Float, {
    description: d(
      '满意阈值：总体评分不低于此值记为“满意”（五级量表 1–5，其余 0–100，最多两位小数）',
      'Satisfied from: an overall score at or above it is satisfied (1–5 on a Likert scale, else 0–100; two decimals at most)',
    ),
  })
  @Min(0)
  @Max(100)
  satisfiedFrom!: number;

  @Field(() => LocalDate, { nullable: true, description: d('开始日期', 'Started on') })
  startedOn?: string | null;
}
