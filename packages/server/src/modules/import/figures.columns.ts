/**
 * 科室月度业务数据 / department monthly figures: one figure a row (department + month + metric → value), the
 * natural key the department, the month and the metric. The department is named by its full name (and its
 * hospital's, when two hospitals have one of that name).
 */
import { MetricCode } from '../../domain/enums.js';
import type { Column, KindSpec } from './columns.js';
import { enumColumn, monthColumn, numberColumn, textColumn } from './declare.js';

/** The largest figure a department reports (as recordDepartmentMetrics: a figure past 10¹⁰ is a typo). */
export const MAX_FIGURE = 10_000_000_000;

export const FIGURE_COLUMNS: readonly Column[] = [
  textColumn('department', '科室', ['department', '科室名称', '所在科室'], true, 200, '本院科室的完整名称（须已存在且在您的管辖范围内）'),
  monthColumn('month', '月份', ['month', '统计月份', '年月'], true, '如 2025-03 或 2025年3月；不晚于本月'),
  enumColumn('code', '指标', ['metric', 'code', '指标名称', '业务指标'], true, 'MetricCode', { ...MetricCode }, '从下拉列表选择'),
  numberColumn('value', '数值', ['value', '数量', '数据'], true, '0–10¹⁰，最多两位小数', { min: 0, max: MAX_FIGURE }),
  textColumn('hospital', '医院', ['hospital', '医院名称'], false, 200, '可空；两家医院有同名科室时填写医院全称'),
];

export const FIGURES: KindSpec = {
  kind: 'figures',
  sheet: '科室月度数据',
  sheetAliases: ['figures', '业务数据', '月度数据'],
  title: '科室月度业务数据导入模板 / Department monthly figures import template',
  columns: FIGURE_COLUMNS,
  naturalKey: {
    fields: ['department', 'month', 'code'],
    zh: '以科室 + 月份 + 指标识别同一数据：已有的数值不同则更新，没有的新建，相同的不变',
    en: 'a figure is its department, month and metric: a different value updates it, a new one is created, the same one left alone',
  },
};
