/** 科室业务数据 / Department business figures. */
import { defineFeature } from '../../graphql/feature.js';
import { MetricWriteResolver } from './metric.resolver.js';
import { DepartmentMetric } from './department-metric.entity.js';
import { DepartmentMetricList } from './metric.lists.js';

export const metric = defineFeature({
  name: 'metric',
  entities: [DepartmentMetric],
  lists: [DepartmentMetricList],
  resolvers: [MetricWriteResolver],
});
