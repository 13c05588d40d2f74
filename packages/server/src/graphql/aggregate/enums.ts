/**
 * The enums every aggregate shares — what a measure computes and which totals a result adds — and the
 * two vocabularies its keys are built from: date buckets and organisation levels.
 */
import { BRANCH_KIND_VALUES, OrgKind } from '../../domain/enums.js';
import { registerBilingualEnum } from '../../domain/bilingual-enum.js';
import { d } from '../describe.js';

export enum AggregateFunction {
  COUNT = 'COUNT',
  COUNT_DISTINCT = 'COUNT_DISTINCT',
  SUM = 'SUM',
  AVG = 'AVG',
  MIN = 'MIN',
  MAX = 'MAX',
  MEDIAN = 'MEDIAN',
  PERCENTILE = 'PERCENTILE',
  RATIO = 'RATIO',
  RATIO_NUMERATOR = 'RATIO_NUMERATOR',
  RATIO_DENOMINATOR = 'RATIO_DENOMINATOR',
}

export enum AggregateTotals {
  NONE = 'NONE',
  GRAND_TOTAL = 'GRAND_TOTAL',
  ROLLUP = 'ROLLUP',
  CUBE = 'CUBE',
}

/**
 * Gives the schema the shared enums; called once, when the aggregates are declared. Not when this
 * module loads: a registered enum joins the domain enums' table, and one registered before filters.ts
 * reads that table would get an `XFilter` input no list uses.
 */
export function registerAggregateEnums(): void {
  registerBilingualEnum(AggregateFunction, 'AggregateFunction', d('聚合度量', 'An aggregate measure'), {
    COUNT: d('行数', 'Number of rows'),
    COUNT_DISTINCT: d('不同值个数（field）', 'Distinct values of field'),
    SUM: d('合计（数值字段）', 'Sum (numeric field)'),
    AVG: d('平均（数值字段）', 'Average (numeric field)'),
    MIN: d('最小值（数值字段）', 'Minimum (numeric field)'),
    MAX: d('最大值（数值字段）', 'Maximum (numeric field)'),
    MEDIAN: d('中位数（数值字段）', 'Median (numeric field)'),
    PERCENTILE: d('百分位数（数值字段，p 取 0–1）', 'Percentile (numeric field, p from 0 to 1)'),
    RATIO: d('实体定义的比率（ratio，百分比）', 'A ratio the entity defines (ratio, percent)'),
    RATIO_NUMERATOR: d('比率的分子（行数）', 'A ratio’s numerator (rows)'),
    RATIO_DENOMINATOR: d('比率的分母（行数）', 'A ratio’s denominator (rows)'),
  });
  registerBilingualEnum(AggregateTotals, 'AggregateTotals', d('小计与总计', 'Subtotals and totals'), {
    NONE: d('只有分组', 'Groups only'),
    GRAND_TOTAL: d('分组加一行总计', 'Groups and one grand-total row'),
    ROLLUP: d(
      '逐级小计：按 groupBy 顺序，前缀分组的小计与总计（ROLLUP）',
      'Subtotals by every prefix of groupBy, and the grand total (ROLLUP)',
    ),
    CUBE: d('全部组合的小计与总计（CUBE）', 'Subtotals for every combination of keys, and the grand total (CUBE)'),
  });
}

export type Bucket = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

/** Date buckets: their names, and a rough number of distinct values (for the cost before the statement runs). */
export const BUCKETS: Record<Bucket, { zh: string; en: string; cardinality: number }> = {
  DAY: { zh: '日', en: 'day', cardinality: 3650 },
  WEEK: { zh: '周', en: 'week', cardinality: 520 },
  MONTH: { zh: '月', en: 'month', cardinality: 120 },
  QUARTER: { zh: '季度', en: 'quarter', cardinality: 40 },
  YEAR: { zh: '年', en: 'year', cardinality: 10 },
};

/** Organisation levels: the nearest organisation of these kinds at or above each row's own. */
export const LEVELS = {
  BRANCH: { kinds: BRANCH_KIND_VALUES, zh: '所在党支部（含联合党支部）', en: 'its branch (joint branches included)' },
  GENERAL_BRANCH: { kinds: [OrgKind.GENERAL_BRANCH], zh: '所在党总支', en: 'its general branch' },
  HOSPITAL: { kinds: [OrgKind.COMMITTEE], zh: '所在医院党委', en: 'its hospital’s Party committee' },
} as const;
export type Level = keyof typeof LEVELS;
