import { Entity, Enum, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { SPANS } from '../../domain/development.js';
import { DevelopmentSpanKind, DevelopmentStage } from '../../domain/enums.js';
import { BaseEntity } from '../../graphql/base.entity.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { Member } from './member.entity.js';

/** Whole calendar months from a to b (2024-03-15 → 2025-03-14 is 11, → 2025-03-15 is 12), as the rules count them. */
const completedMonths = (a: string, b: string) =>
  `((extract(year from ${b}) - extract(year from ${a})) * 12 + extract(month from ${b}) - extract(month from ${a})` +
  ` - case when extract(day from ${b}) < extract(day from ${a}) then 1 else 0 end)::int`;

/**
 * The view behind DevelopmentSpan: per person and stretch of the procedure (domain/development.ts:
 * SPANS), the first date of its first step and of the next, and the whole months between. Its id is
 * the person's × 10 + the stretch's place, so it is stable.
 */
export const DEVELOPMENT_SPAN_VIEW = `select f.member_id * 10 + s.ordinal as id, f.member_id, s.span, s.from_stage, s.to_stage,
  f.first_on as started_on, t.first_on as ended_on, ${completedMonths('f.first_on', 't.first_on')} as months, s.minimum_months,
  s.minimum_months is not null and ${completedMonths('f.first_on', 't.first_on')} < s.minimum_months as below_minimum
from (values ${SPANS.map((s, i) => `(${i + 1}, '${s.span}', '${s.from}', '${s.to}', ${s.minimumMonths ?? 'null'})`).join(', ')})
  as s(ordinal, span, from_stage, to_stage, minimum_months)
join (select member_id, stage, min(event_date) as first_on from development_event group by member_id, stage) f on f.stage = s.from_stage
join (select member_id, stage, min(event_date) as first_on from development_event group by member_id, stage) t
  on t.member_id = f.member_id and t.stage = s.to_stage and t.first_on >= f.first_on`;

/**
 * A person's time through one stretch of the development procedure (发展党员各阶段用时), derived from the
 * development record: what the development page's "months per stage" and the analyst's percentiles per
 * stretch and year are measured over. Read-only: a view over development_event.
 */
@Entity({ tableName: 'development_span', view: true, expression: DEVELOPMENT_SPAN_VIEW })
@ObjectType({
  implements: BaseEntity,
  simpleResolvers: true,
  description: d(
    '发展党员各阶段用时（由发展纪实计算：某人从一个环节到下一个环节的整月数）',
    'Time through a stretch of the development procedure (from the development record: whole months from one step to the next)',
  ),
})
export class DevelopmentSpan extends BaseEntity {
  @Field(() => Member, { description: d('人员', 'Person') })
  @ManyToOne(() => Member, { createForeignKeyConstraint: false })
  member!: Member;

  @Field(() => DevelopmentSpanKind, { description: d('阶段', 'Stretch') })
  @Enum({ items: () => DevelopmentSpanKind })
  span!: DevelopmentSpanKind;

  @Field(() => DevelopmentStage, { description: d('起始环节', 'From step') })
  @Enum({ items: () => DevelopmentStage })
  fromStage!: DevelopmentStage;

  @Field(() => DevelopmentStage, { description: d('结束环节', 'To step') })
  @Enum({ items: () => DevelopmentStage })
  toStage!: DevelopmentStage;

  @Field(() => LocalDate, { description: d('开始日期（起始环节的首个日期）', 'Started on (the first date of the from step)') })
  @Property({ type: 'date' })
  startedOn!: string;

  @Field(() => LocalDate, { description: d('结束日期（结束环节的首个日期）', 'Ended on (the first date of the to step)') })
  @Property({ type: 'date' })
  endedOn!: string;

  @Field(() => Int, { description: d('用时（整月数）', 'Whole months it took') })
  @Property({ type: 'integer' })
  months!: number;

  @Field(() => Int, {
    nullable: true,
    description: d('规定的最短月数（无规定为空）', 'The rules’ minimum in months (null where they set none)'),
  })
  @Property({ type: 'integer', nullable: true })
  minimumMonths?: number;

  @Field(() => Boolean, { description: d('是否短于规定的最短时间', 'Shorter than the rules’ minimum') })
  @Property({ type: 'boolean' })
  belowMinimum!: boolean;
}
