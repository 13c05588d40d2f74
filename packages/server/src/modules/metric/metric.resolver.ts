import { Ctx, Field, FieldResolver, ID, InputType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { MetricCode } from '../../domain/enums.js';
import { defineList } from '../../graphql/define-list.js';
import { d } from '../../graphql/describe.js';
import { DateFilter, enumFilter, FloatFilter, IdFilter } from '../../graphql/filters.js';
import { Department } from '../organization/department.entity.js';
import { DepartmentMetric } from './department-metric.entity.js';

@InputType({ description: d('业务指标过滤条件', 'Filter on department business figures') })
export class DepartmentMetricFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, {
    nullable: true,
    description: d('子树过滤（按科室所在党支部或医院）', "Subtree filter (by the department's branch or hospital)"),
  })
  orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('科室', 'Department') }) departmentId?: IdFilter;
  @Field(() => enumFilter(MetricCode, 'MetricCode'), { nullable: true, description: d('指标代码', 'Metric code') }) code?: object;
  @Field(() => DateFilter, { nullable: true, description: d('月份', 'Month') }) month?: DateFilter;
  @Field(() => FloatFilter, { nullable: true, description: d('数值', 'Value') }) value?: object;
  @Field(() => [DepartmentMetricFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: DepartmentMetricFilter[];
  @Field(() => [DepartmentMetricFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: DepartmentMetricFilter[];
}

export const DepartmentMetricListResolver = defineList({
  queryName: 'departmentMetrics',
  zh: '科室业务指标',
  en: 'Department business figures',
  filter: DepartmentMetricFilter,
  config: {
    entity: DepartmentMetric,
    orgPaths: ['department.branch', 'department.hospital.committee'],
    relations: { departmentId: { prop: 'department', type: 'Department' } },
    orderFields: {
      id: d('创建顺序（ID）', 'Creation order (id)'),
      month: d('月份', 'Month'),
      code: d('指标代码', 'Metric code'),
      value: d('数值', 'Value'),
    },
  },
});

@Resolver(() => DepartmentMetric)
export class DepartmentMetricFieldsResolver {
  @FieldResolver(() => Department, { description: d('科室', 'Department') })
  department(@Root() m: DepartmentMetric, @Ctx() ctx: Context) {
    return ctx.loaders.one(Department, m.department);
  }
}
