/**
 * 上报指标 / reported figures: one figure a row — an organisation's value of an indicator for a period it keeps
 * outside the hub, or that it is not disclosed (未公开). The indicator is named by its id or its Chinese name in
 * the catalog, the period as 2026-01, 2026-Q1 or 2026 (the indicator's grain or longer). The natural key is the
 * organisation, the indicator and the period (reportIndicatorValue keeps one report of each).
 */
import { MAX_REPORTED_COUNT, SOURCE_LENGTH } from '../indicator/report.writes.js';
import type { Column, KindSpec } from './columns.js';
import { booleanColumn, freeTextColumn, numberColumn, orgColumn, textColumn } from './declare.js';

const count = { min: 0, max: MAX_REPORTED_COUNT };

export const REPORT_COLUMNS: readonly Column[] = [
  orgColumn('organization', true, '报送数值的党组织（数值为其整个下级范围的）；'),
  textColumn('indicator', '指标', ['indicator', '指标名称', '指标编号', 'indicator id'], true, 100, '指标编号或指标目录中的中文名称'),
  textColumn(
    'period',
    '期间',
    ['period', '统计期间', '年月'],
    true,
    12,
    '如 2026-01（月）、2026-Q1（季度）或 2026（年）；不短于指标的考核周期',
  ),
  booleanColumn(
    'undisclosed',
    '未公开',
    ['not disclosed', 'undisclosed', '未披露'],
    false,
    '填“是”表示该期间不公开（不填数值）；空白为“否”',
  ),
  numberColumn('value', '数值', ['value', '报送值', '数量'], false, '计数类指标必填；比率填 0–100，或填分子与分母', count),
  numberColumn('numerator', '分子', ['numerator'], false, '仅比率类指标：与分母同时填写', count),
  numberColumn('denominator', '分母', ['denominator'], false, '仅比率类指标：大于 0', count),
  freeTextColumn('source', '来源', ['source', '数据来源'], false, SOURCE_LENGTH, '如 全国党员管理信息系统、年度报告'),
];

export const REPORTS: KindSpec = {
  kind: 'reports',
  sheet: '上报指标',
  sheetAliases: ['reports', '报送值', '报送指标'],
  title: '上报指标导入模板 / Reported figures import template',
  columns: REPORT_COLUMNS,
  naturalKey: {
    fields: ['organization', 'indicator', 'period'],
    zh: '以党组织 + 指标 + 期间识别同一报送值：已有的不同则整条更正（来源空白即清空），没有的新建，相同的不变',
    en: 'a report is its organisation, indicator and period: a different one is corrected whole (a blank source clears it), a new one is created, the same one left alone',
  },
};
