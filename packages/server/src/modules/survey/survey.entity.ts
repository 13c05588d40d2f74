import { BigIntType, DecimalType } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { SurveyCadence, SurveyKind, SurveyScale, SurveySource } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { Decimal, LocalDate } from '../../graphql/scalars.js';
import { Department } from '../organization/department.entity.js';
import { Hospital } from '../organization/organization.entity.js';
import { monthPartitions } from '../../db/partitions.js';

/** A satisfaction survey programme (国考 #53–#55 platform data or the hospital's own survey). */
@Entity({ tableName: 'survey' })
@ObjectType({ implements: BaseEntity, simpleResolvers: true, description: d('满意度调查', 'Satisfaction survey') })
export class Survey extends TimestampedEntity {
  @Field(() => Hospital, { description: d('医院', 'Hospital') })
  @ManyToOne(() => Hospital, { deleteRule: 'restrict' })
  @Index()
  hospital!: Hospital;

  @Field(() => String, { description: d('名称', 'Title') })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => SurveyKind, { description: d('调查对象', 'Who is surveyed') })
  @Enum({ items: () => SurveyKind })
  kind!: SurveyKind;

  @Field(() => SurveySource, { description: d('来源', 'Source') })
  @Enum({ items: () => SurveySource })
  source!: SurveySource;

  @Field(() => SurveyCadence, { description: d('频次', 'Cadence') })
  @Enum({ items: () => SurveyCadence })
  cadence!: SurveyCadence;

  @Field(() => SurveyScale, { description: d('计分方式', 'Scale') })
  @Enum({ items: () => SurveyScale })
  scale!: SurveyScale;

  @Field(() => Decimal, {
    description: d(
      '满意阈值：总体评分不低于此值记为“满意”（按本调查的量表；不同量表从不混在一个数里）',
      'Satisfied from: an overall score at or above it counts as satisfied (on this survey’s scale; scales are never mixed in one number)',
    ),
  })
  @Property({ type: new DecimalType('string'), precision: 6, scale: 2 })
  satisfiedFrom!: string;

  @Field(() => LocalDate, { nullable: true, description: d('开始日期', 'Started on') })
  @Property({ type: 'date', nullable: true })
  startedOn?: string;
}

/**
 * One answered questionnaire. The patient's identity is never stored. Scores are on the survey's
 * scale (0–100, or 1–5 for Likert); dimension scores are optional.
 *
 * Partitioned by month on `responded_on` (db/partitions.ts: the window, the job that extends it,
 * Migration20261205100000 that converted the table): the primary key carries the partition key, as
 * PostgreSQL requires; `id` alone is unique by its sequence. The survey's hospital is stored on the row
 * (the read path filters a hospital's responses without joining survey).
 */
@Entity({
  tableName: 'survey_response',
  partitionBy: {
    type: 'range',
    expression: 'respondedOn',
    // A getter: read when a schema diff is computed, so a hub running across a month end declares the
    // partitions the hourly job has made since it started.
    get partitions() {
      return monthPartitions('survey_response');
    },
  },
})
@Index({ properties: ['survey', 'respondedOn'] })
@Index({ properties: ['department', 'respondedOn'] })
@Index({ properties: ['hospital', 'respondedOn'] })
@Check({
  name: 'survey_response_scores',
  expression:
    // `between` spelt out, as PostgreSQL stores it, so the schema diff sees no change.
    'overall_score >= 0 and overall_score <= 100' +
    ' and (attitude_score is null or (attitude_score >= 0 and attitude_score <= 100))' +
    ' and (environment_score is null or (environment_score >= 0 and environment_score <= 100))' +
    ' and (process_score is null or (process_score >= 0 and process_score <= 100))',
})
@ObjectType({
  implements: BaseEntity,
  simpleResolvers: true,
  description: d('满意度调查答卷（不含患者身份）', 'Survey response (no patient identity)'),
})
export class SurveyResponse extends BaseEntity {
  /** bigint: a province's responses may pass 2³¹ ids (the global id carries up to 2⁵³). */
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  override id!: number;

  @Field(() => Survey, { description: d('所属调查', 'Survey') })
  @ManyToOne(() => Survey, { deleteRule: 'cascade' })
  survey!: Survey;

  @Field(() => Hospital, { description: d('医院（所属调查的医院）', 'Hospital (the survey’s)') })
  @ManyToOne(() => Hospital, { deleteRule: 'restrict' })
  hospital!: Hospital;

  @Field(() => Department, { nullable: true, description: d('科室', 'Department') })
  @ManyToOne(() => Department, { nullable: true, deleteRule: 'set null' })
  department?: Department;

  @Field(() => LocalDate, { description: d('答卷日期', 'Responded on') })
  @PrimaryKey({ type: 'date' })
  @Index()
  respondedOn!: string;

  @Field(() => Int, { description: d('总体评分', 'Overall score') })
  @Property({ type: 'smallint' })
  overallScore!: number;

  @Field(() => Boolean, { description: d('是否满意', 'Satisfied') })
  @Property({ type: 'boolean' })
  isSatisfied!: boolean;

  @Field(() => Int, { nullable: true, description: d('服务态度评分', 'Attitude score') })
  @Property({ type: 'smallint', nullable: true })
  attitudeScore?: number;

  @Field(() => Int, { nullable: true, description: d('就医环境评分', 'Environment score') })
  @Property({ type: 'smallint', nullable: true })
  environmentScore?: number;

  @Field(() => Int, { nullable: true, description: d('就诊流程评分', 'Process score') })
  @Property({ type: 'smallint', nullable: true })
  processScore?: number;
}

/**
 * A survey's result in aggregate form, as the national satisfaction platform (国考 #53–#55) or a third party
 * reports it: for one department (none: the whole hospital) and month, how many answered, how many were
 * satisfied and their mean score. A survey, department and month has either this or individual responses,
 * never both (survey.writes.ts refuses the second).
 */
@Entity({ tableName: 'survey_result' })
@Index({
  name: 'survey_result_survey_department_month_unique',
  expression: `create unique index "survey_result_survey_department_month_unique" on "survey_result" ("survey_id", coalesce("department_id", 0), "month")`,
})
@Index({ properties: ['department', 'month'] })
// The first of a month (as department_metric.month).
@Check({ name: 'survey_result_month', expression: 'extract(day from month) = 1' })
@Check({
  name: 'survey_result_counts',
  // Spelt out as PostgreSQL stores it, so the schema diff sees no change.
  expression: 'respondents > 0 and satisfied >= 0 and satisfied <= respondents',
})
@Check({ name: 'survey_result_mean', expression: 'mean_score is null or (mean_score >= 0 and mean_score <= 100)' })
@ObjectType({ implements: BaseEntity, simpleResolvers: true, description: d('满意度调查汇总结果', 'Survey result in aggregate') })
export class SurveyResult extends TimestampedEntity {
  @Field(() => Survey, { description: d('所属调查', 'Survey') })
  @ManyToOne(() => Survey, { deleteRule: 'cascade' })
  survey!: Survey;

  @Field(() => Department, { nullable: true, description: d('科室（空：全院）', 'Department (none: the whole hospital)') })
  @ManyToOne(() => Department, { nullable: true, deleteRule: 'set null' })
  department?: Department;

  @Field(() => LocalDate, { description: d('月份（当月1日）', 'Month (its first day)') })
  @Property({ type: 'date' })
  @Index()
  month!: string;

  @Field(() => Int, { description: d('样本量（答卷数）', 'Respondents') })
  @Property({ type: 'integer' })
  respondents!: number;

  @Field(() => Int, { description: d('满意人数', 'Satisfied') })
  @Property({ type: 'integer' })
  satisfied!: number;

  @Field(() => Decimal, { nullable: true, description: d('平均分（0–100）', 'Mean score (0–100)') })
  @Property({ type: new DecimalType('string'), precision: 6, scale: 2, nullable: true })
  meanScore?: string;
}
