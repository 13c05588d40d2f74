import { Check, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DecimalType } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { MetricCode } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { Decimal, LocalDate } from '../../graphql/scalars.js';
import { Department } from '../organization/department.entity.js';

/** A monthly business figure of a department (业务指标), e.g. outpatient visits or staff count. */
@Entity({ tableName: 'department_metric' })
@Unique({ properties: ['department', 'month', 'code'] })
@Index({ properties: ['code', 'month'] })
// The first of a month (see Migration20261124040000 for why not date_trunc).
@Check({ name: 'department_metric_month', expression: 'extract(day from month) = 1' })
@ObjectType({
  implements: BaseEntity,
  simpleResolvers: true,
  description: d('科室月度业务指标', 'Monthly business figure of a department'),
})
export class DepartmentMetric extends TimestampedEntity {
  @Field(() => Department, { description: d('科室', 'Department') })
  @ManyToOne(() => Department, { deleteRule: 'cascade' })
  department!: Department;

  @Field(() => LocalDate, { description: d('月份（当月1日）', 'Month (its first day)') })
  @Property({ type: 'date' })
  month!: string;

  @Field(() => MetricCode, { description: d('指标代码', 'Metric code') })
  @Enum({ items: () => MetricCode })
  code!: MetricCode;

  @Field(() => Decimal, { description: d('数值', 'Value') })
  @Property({ type: new DecimalType('string'), precision: 14, scale: 2 })
  value!: string;
}
