import { defineList } from '../../graphql/define-list.js';
import { DepartmentMetric } from './department-metric.entity.js';

export const DepartmentMetricList = defineList({
  entity: DepartmentMetric,
  queryName: 'departmentMetrics',
  zh: '科室业务指标',
  en: 'Department business figures',
  scope: ['department.branch', 'department.hospital.committee'],
  scopeNote: ['子树过滤（按科室所在党支部或医院）', "Subtree filter (by the department's branch or hospital)"],
  orderBy: ['month', 'code', 'value'],
  aggregate: {},
});
