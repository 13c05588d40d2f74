/**
 * The indicator engine's GraphQL surface: the catalog (with each indicator's target for an
 * organisation), the board of one organisation and period, series ready for a chart, and the breakdown
 * by child organisation. Values come from the rollup cells (engine.ts).
 */
import {
  CATEGORIES,
  DEPARTMENT_BREAKDOWN,
  INDICATORS,
  NULL_REASONS,
  PeriodError,
  ROLLUPS,
  STATUSES,
  UNITS,
  currentMonth,
  indicator as definition,
  parsePeriod,
  periodsBetween,
  type Grain,
  type Indicator,
  type Period,
} from '@party-hub/schema/indicators';
import { GraphQLScalarType, Kind, type GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Info,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
  registerEnumType,
} from 'type-graphql';
import type { Context } from '../../context.js';
import { badInput, ErrorCode, HubError, orgNotFound, Reason } from '../../errors.js';
import { d } from '../../graphql/describe.js';
import { decodeId, toGlobalId } from '../../graphql/global-id.js';
import { loadEntity } from '../../graphql/resolve.js';
import { LocalDate } from '../../graphql/scalars.js';
import { MAX_EVIDENCE_PAGE, MAX_SERIES_POINTS, STATEMENT_COST } from '../../graphql/limits.js';
import { sql } from '../../db/sql.js';
import { Department } from '../organization/department.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { EVIDENCE_SQL, evidenceSql } from '../../indicators/evidence.js';
import { childrenOf, orgInfo } from '../../org-tree/tree.js';
import { ALL_IDS, board as boardOf, change, departmentPoints, points, type Point } from '../../indicators/engine.js';
import type { IndicatorChange } from '../../domain/changes.js';
import type { StoredIndicatorId } from '../../indicators/sql.js';

// ── scalars and enums ─────────────────────────────────────────────────────────────────────────────

const periodError = (input: unknown, message: string) =>
  new HubError({
    code: ErrorCode.badInput,
    reason: Reason.periodInvalid,
    field: ['period'],
    zh: `“${String(input)}” 不是有效的期间：请用 2025-06（月）、2025-Q2（季度）、2025（年）或 2025-YTD（年初至今）`,
    en: message,
  });

function parse(value: unknown): Period {
  if (typeof value !== 'string') throw periodError(value, 'a period is a string such as 2025-06, 2025-Q2, 2025 or 2025-YTD');
  try {
    return parsePeriod(value);
  } catch (err) {
    if (err instanceof PeriodError) throw periodError(value, err.message);
    throw err;
  }
}

export const PeriodScalar = new GraphQLScalarType<Period, string>({
  name: 'Period',
  description: d(
    '统计期间：2025-06（月）、2025-Q2（季度）、2025（年）、2025-YTD（年初至今，当年至本月）；月份按 Asia/Shanghai',
    'Reporting period: 2025-06 (month), 2025-Q2 (quarter), 2025 (year), 2025-YTD (year to date: this year up to this month); months in Asia/Shanghai',
  ),
  serialize: (value) => (typeof value === 'string' ? value : (value as Period).key),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : (ast as { value?: unknown }).value),
});

export enum IndicatorStatus {
  MET = 'MET',
  WARNING = 'WARNING',
  NOT_MET = 'NOT_MET',
  NO_TARGET = 'NO_TARGET',
}
registerEnumType(IndicatorStatus, {
  name: 'IndicatorStatus',
  description: d('指标状态', 'Status against the target'),
  valuesConfig: Object.fromEntries(Object.entries(STATUSES).map(([k, t]) => [k, { description: d(t.zh, t.en) }])),
});

export enum NullReason {
  NOT_REPORTED = 'NOT_REPORTED',
  NO_SUBJECTS = 'NO_SUBJECTS',
}
registerEnumType(NullReason, {
  name: 'IndicatorNullReason',
  description: d('值为空的原因（从不以0代替）', 'Why a value is null (never shown as 0)'),
  valuesConfig: Object.fromEntries(Object.entries(NULL_REASONS).map(([k, t]) => [k, { description: d(t.zh, t.en) }])),
});

export enum PeriodGrain {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
  YTD = 'YTD',
}
registerEnumType(PeriodGrain, {
  name: 'PeriodGrain',
  description: d('期间粒度', 'Period grain'),
  valuesConfig: {
    MONTH: { description: d('月', 'Month') },
    QUARTER: { description: d('季度', 'Quarter') },
    YEAR: { description: d('年', 'Year') },
    YTD: { description: d('年初至今（逐月累计）', 'Year to date, month by month') },
  },
});

export enum IndicatorDirection {
  HIGHER = 'HIGHER',
  LOWER = 'LOWER',
  CONTEXT = 'CONTEXT',
}
registerEnumType(IndicatorDirection, {
  name: 'IndicatorDirection',
  description: d('指标方向', 'Which way is better'),
  valuesConfig: {
    HIGHER: { description: d('越高越好', 'Higher is better') },
    LOWER: { description: d('越低越好', 'Lower is better') },
    CONTEXT: { description: d('仅供参考（无目标）', 'Context only (no target)') },
  },
});

export enum IndicatorCategory {
  ORGANIZATION = 'ORGANIZATION',
  ORG_LIFE = 'ORG_LIFE',
  MEMBERSHIP = 'MEMBERSHIP',
  SERVICE = 'SERVICE',
  ETHICS = 'ETHICS',
  SATISFACTION = 'SATISFACTION',
  INTEGRATION = 'INTEGRATION',
}
registerEnumType(IndicatorCategory, {
  name: 'IndicatorCategory',
  description: d('指标类别', 'Indicator category'),
  valuesConfig: Object.fromEntries(Object.entries(CATEGORIES).map(([k, t]) => [k, { description: d(t.zh, t.en) }])),
});

export enum IndicatorRollup {
  EVENTS = 'EVENTS',
  AT_PERIOD_END = 'AT_PERIOD_END',
  ANY_IN_PERIOD = 'ANY_IN_PERIOD',
  DISTINCT_IN_PERIOD = 'DISTINCT_IN_PERIOD',
  DERIVED = 'DERIVED',
}
registerEnumType(IndicatorRollup, {
  name: 'IndicatorRollup',
  description: d('汇总方式', 'How the indicator rolls up'),
  valuesConfig: Object.fromEntries(Object.entries(ROLLUPS).map(([k, t]) => [k, { description: d(t.zh, t.en) }])),
});

// ── object types ──────────────────────────────────────────────────────────────────────────────────

@ObjectType({ description: d('中英文文本', 'Text in Chinese and English') })
export class LocalizedText {
  @Field(() => String, { description: d('中文', 'Chinese') })
  zh!: string;

  @Field(() => String, { description: d('英文', 'English') })
  en!: string;
}

@ObjectType({
  description: d('指标目标（按组织向下继承，按生效日期区分版本）', 'A target: inherited down the tree, versioned by effective date'),
})
export class IndicatorTargetInfo {
  @Field(() => Float, { nullable: true, description: d('目标值（与指标同单位）', 'Target, in the indicator’s unit') })
  target!: number | null;

  @Field(() => Float, { nullable: true, description: d('预警阈值', 'Warning threshold') })
  warning!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: d(
      '按指标粒度设定的目标原值（计数类指标的目标按期间月数折算，如季度为月目标的 3 倍）',
      'The target as set, per period of the indicator’s grain (counts are pro-rated to the period’s months: a quarter is three monthly targets)',
    ),
  })
  asSet!: number | null;

  @Field(() => Float, { nullable: true, description: d('按粒度设定的预警阈值原值', 'The warning threshold as set, per grain period') })
  warningAsSet!: number | null;

  @Field(() => Boolean, { description: d('是否为目录默认值', 'Whether this is the catalog’s default') })
  isDefault!: boolean;

  @Field(() => LocalDate, { nullable: true, description: d('生效日期（默认值为空）', 'Effective from (null for the default)') })
  effectiveFrom!: string | null;

  setOnOrgId!: number | null;
}

@ObjectType({ description: d('指标定义（来自 packages/schema 的指标目录）', 'An indicator of the catalog (packages/schema)') })
export class IndicatorDefinition {
  @Field(() => ID, { description: d('稳定标识，如 secretary_dept_head_rate', 'Stable id, e.g. secretary_dept_head_rate') })
  id!: string;

  @Field(() => LocalizedText, { description: d('名称', 'Name') })
  name!: LocalizedText;

  @Field(() => LocalizedText, { description: d('说明', 'Description') })
  description!: LocalizedText;

  @Field(() => IndicatorCategory, { description: d('类别', 'Category') })
  category!: IndicatorCategory;

  @Field(() => LocalizedText, { description: d('类别名称', 'Category name') })
  categoryName!: LocalizedText;

  @Field(() => LocalizedText, { description: d('单位', 'Unit') })
  unit!: LocalizedText;

  @Field(() => Boolean, {
    description: d('是否为百分比（值 = 分子 / 分母 × 100）', 'Whether it is a percentage (value = numerator / denominator × 100)'),
  })
  isRate!: boolean;

  @Field(() => IndicatorDirection, { description: d('方向', 'Direction') })
  direction!: IndicatorDirection;

  @Field(() => PeriodGrain, { description: d('考核周期', 'Grain it is judged at') })
  grain!: PeriodGrain;

  @Field(() => LocalizedText, { description: d('计算公式', 'Formula') })
  formula!: LocalizedText;

  @Field(() => LocalizedText, { description: d('分子', 'Numerator') })
  numerator!: LocalizedText;

  @Field(() => LocalizedText, { nullable: true, description: d('分母（计数类指标为空）', 'Denominator (null for counts)') })
  denominator!: LocalizedText | null;

  @Field(() => String, { description: d('依据（制度或文件）', 'The rule or document it comes from') })
  source!: string;

  @Field(() => IndicatorRollup, { description: d('汇总方式', 'How it rolls up') })
  rollup!: IndicatorRollup;

  @Field(() => LocalizedText, { description: d('汇总方式说明', 'How it rolls up, in words') })
  rollupNote!: LocalizedText;

  @Field(() => Boolean, { description: d('是否为总览页核心指标', 'Shown as a card on the overview') })
  headline!: boolean;

  @Field(() => Boolean, {
    description: d(
      '记录按科室归属，可按科室分解（indicatorBreakdown 的 by: DEPARTMENT）',
      'Its records belong to departments: it breaks down by department (indicatorBreakdown’s by: DEPARTMENT)',
    ),
  })
  byDepartment!: boolean;

  @Field(() => IndicatorTargetInfo, {
    description: d(
      '该组织在该期间适用的目标（orgId 与 period 见 indicatorCatalog 参数）',
      'The target for the organisation and period asked (indicatorCatalog’s arguments)',
    ),
  })
  target!: IndicatorTargetInfo;
}

@ObjectType({ description: d('某组织某期间的指标值', 'An indicator’s value for one organisation and period') })
export class IndicatorPoint {
  @Field(() => PeriodScalar, { description: d('期间', 'Period') })
  period!: string;

  @Field(() => LocalDate, { description: d('期间首日', 'First day') })
  periodStart!: string;

  @Field(() => LocalDate, { description: d('期间末日', 'Last day') })
  periodEnd!: string;

  @Field(() => Float, {
    nullable: true,
    description: d(
      '值（百分比类为 0–100；无数据时为空，见 nullReason）',
      'Value (0–100 for rates; null when there is nothing, see nullReason)',
    ),
  })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: d('分子', 'Numerator') })
  numerator!: number | null;

  @Field(() => Float, { nullable: true, description: d('分母（计数类为空）', 'Denominator (null for counts)') })
  denominator!: number | null;

  @Field(() => NullReason, { nullable: true, description: d('值为空的原因', 'Why the value is null') })
  nullReason!: NullReason | null;

  @Field(() => IndicatorTargetInfo, { description: d('适用目标', 'Target that applies') })
  target!: IndicatorTargetInfo;

  @Field(() => IndicatorStatus, { nullable: true, description: d('状态（无值时为空）', 'Status (null when there is no value)') })
  status!: IndicatorStatus | null;
}

@ObjectType({ description: d('指标值，含上期和上年同期', 'A value with the previous period and the same period a year earlier') })
export class IndicatorValue extends IndicatorPoint {
  @Field(() => IndicatorDefinition, { description: d('指标', 'Indicator') })
  indicator!: IndicatorDefinition;

  @Field(() => IndicatorPoint, { description: d('上期（环比）', 'Previous period') })
  previous!: IndicatorPoint;

  @Field(() => IndicatorPoint, { description: d('上年同期（同比）', 'Same period a year earlier') })
  yearAgo!: IndicatorPoint;

  @Field(() => Float, {
    nullable: true,
    description: d('较上期变化（百分比类为百分点）', 'Change from the previous period (percentage points for rates)'),
  })
  changeFromPrevious!: number | null;

  @Field(() => Float, { nullable: true, description: d('较上年同期变化', 'Change from a year earlier') })
  changeFromYearAgo!: number | null;
}

@ObjectType({ description: d('一个组织一个期间的指标看板', 'The indicator board of one organisation and period') })
export class IndicatorBoard {
  orgId!: number;

  @Field(() => PeriodScalar, { description: d('期间', 'Period') })
  period!: string;

  @Field(() => [IndicatorValue], { description: d('指标值（按请求顺序）', 'Values, in the order asked') })
  values!: IndicatorValue[];
}

@ObjectType({ description: d('指标时间序列（已补齐空档，可直接绘图）', 'An indicator over time, gap-filled and ready for a chart') })
export class IndicatorSeries {
  @Field(() => IndicatorDefinition, { description: d('指标', 'Indicator') })
  indicator!: IndicatorDefinition;

  @Field(() => PeriodGrain, { description: d('粒度', 'Grain') })
  grain!: PeriodGrain;

  @Field(() => [IndicatorPoint], {
    description: d('各期的值（按时间顺序，无数据的期间也在）', 'One point per period, in order, empty periods included'),
  })
  points!: IndicatorPoint[];
}

export enum BreakdownBy {
  CHILD_ORGANIZATION = 'CHILD_ORGANIZATION',
  DEPARTMENT = 'DEPARTMENT',
}
registerEnumType(BreakdownBy, {
  name: 'BreakdownBy',
  description: d('分解维度', 'What to break an indicator down by'),
  valuesConfig: {
    CHILD_ORGANIZATION: { description: d('下级党组织（期末存续的）', 'Child organisations present at the period’s end') },
    DEPARTMENT: {
      description: d(
        '科室（仅限按科室归属的指标，见 IndicatorDefinition.byDepartment；无科室的记录只计入合计）',
        'Departments (indicators attributed to departments only, see IndicatorDefinition.byDepartment; records without a department count in the total only)',
      ),
    },
  },
});

@ObjectType({ description: d('下级组织或科室的指标值（已排名）', 'A child organisation’s or a department’s value, ranked') })
export class IndicatorBreakdownRow {
  orgId!: number | null;
  departmentId!: number | null;

  @Field(() => Int, { nullable: true, description: d('名次（1 为最好；无值为空）', 'Rank (1 is best; null without a value)') })
  rank!: number | null;

  @Field(() => IndicatorPoint, { description: d('值', 'Value') })
  point!: IndicatorPoint;
}

@ObjectType({ description: d('指标按下级组织或科室分解', 'An indicator broken down by child organisation or department') })
export class IndicatorBreakdown {
  @Field(() => IndicatorDefinition, { description: d('指标', 'Indicator') })
  indicator!: IndicatorDefinition;

  @Field(() => BreakdownBy, { description: d('分解维度', 'What it is broken down by') })
  by!: BreakdownBy;

  @Field(() => PeriodScalar, { description: d('期间', 'Period') })
  period!: string;

  @Field(() => IndicatorPoint, { description: d('本组织合计', 'The organisation’s own total') })
  total!: IndicatorPoint;

  @Field(() => [IndicatorBreakdownRow], { description: d('下级组织或科室（按名次）', 'Child organisations or departments, by rank') })
  rows!: IndicatorBreakdownRow[];
}

@ObjectType({ description: d('指标依据的一条记录', 'One record behind an indicator') })
export class EvidenceRecord {
  @Field(() => String, {
    description: d('记录类型（如 Organization、Activity、SurveyResponse）', 'Record type (Organization, Activity, SurveyResponse …)'),
  })
  recordType!: string;

  @Field(() => ID, { description: d('记录全局ID（可用 node 查询）', 'Record global id (for node())') })
  recordId!: string;

  @Field(() => String, { description: d('说明（人员不显示姓名）', 'Label (people are never named)') })
  label!: string;

  @Field(() => LocalDate, { nullable: true, description: d('日期', 'Date') })
  date!: string | null;

  @Field(() => Float, { description: d('计入分子的数量', 'What it adds to the numerator') })
  numerator!: number;

  @Field(() => Float, { description: d('计入分母的数量', 'What it adds to the denominator') })
  denominator!: number;

  @Field(() => Boolean, { description: d('是否计入分子', 'Counted in the numerator') })
  counted!: boolean;

  @Field(() => LocalizedText, { description: d('计入或未计入的原因', 'Why it is counted or not') })
  reason!: LocalizedText;

  orgId!: number;
}

@ObjectType({ description: d('指标依据（分页）', 'The records behind an indicator (paged)') })
export class IndicatorEvidence {
  @Field(() => IndicatorDefinition, { description: d('指标', 'Indicator') })
  indicator!: IndicatorDefinition;

  @Field(() => PeriodScalar, { description: d('期间', 'Period') })
  period!: string;

  @Field(() => Float, { description: d('分子（= 全部记录计入分子之和）', 'Numerator (= the sum over all records)') })
  numerator!: number;

  @Field(() => Float, { description: d('分母（= 全部记录计入分母之和）', 'Denominator (= the sum over all records)') })
  denominator!: number;

  @Field(() => Int, { description: d('符合筛选的记录数', 'Records matching the filter') })
  totalCount!: number;

  @Field(() => Boolean, { description: d('是否还有下一页', 'Whether there is a next page') })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: d('本页最后一条的游标（传给 after）', 'Cursor of the last record (pass as after)') })
  endCursor!: string | null;

  @Field(() => [EvidenceRecord], { description: d('本页记录', 'Records of this page') })
  nodes!: EvidenceRecord[];
}

// ── mapping ───────────────────────────────────────────────────────────────────────────────────────

const text = (t: { zh: string; en: string }): LocalizedText => ({ zh: t.zh, en: t.en });

const catalogTarget = (def: Indicator): Point['target'] => ({
  target: def.target,
  warning: def.warning,
  setTarget: def.target,
  setWarning: def.warning,
  setOnOrgId: null,
  effectiveFrom: null,
});

function targetInfo(t: Point['target']): IndicatorTargetInfo {
  return {
    target: t.target,
    warning: t.warning,
    asSet: t.setTarget,
    warningAsSet: t.setWarning,
    isDefault: t.setOnOrgId == null,
    effectiveFrom: t.effectiveFrom,
    setOnOrgId: t.setOnOrgId,
  };
}

function definitionOf(def: Indicator, target: Point['target']): IndicatorDefinition {
  return {
    id: def.id,
    name: text(def.name),
    description: text(def.description),
    category: def.category as IndicatorCategory,
    categoryName: text(CATEGORIES[def.category]),
    unit: text(UNITS[def.unit]),
    isRate: def.denominator != null && def.unit === 'PERCENT',
    direction: def.direction as IndicatorDirection,
    grain: def.grain as PeriodGrain,
    formula: text(def.formula),
    numerator: text(def.numerator),
    denominator: def.denominator ? text(def.denominator) : null,
    source: def.source,
    rollup: def.rollup as IndicatorRollup,
    rollupNote: text(ROLLUPS[def.rollup]),
    headline: def.headline,
    byDepartment: DEPARTMENT_BREAKDOWN.has(def.id as never),
    target: targetInfo(target),
  };
}

function pointOut(p: Point): IndicatorPoint {
  return {
    period: p.period.key,
    periodStart: p.period.start,
    periodEnd: p.period.end,
    value: p.value,
    numerator: p.numerator,
    denominator: p.denominator,
    nullReason: p.nullReason as NullReason | null,
    target: targetInfo(p.target),
    status: p.status as IndicatorStatus | null,
  };
}

// ── arguments ─────────────────────────────────────────────────────────────────────────────────────

function indicatorIds(ids: string[] | null | undefined, field: string[]): string[] {
  if (!ids) return [...ALL_IDS];
  ids.forEach((id, i) => {
    if (!definition(id)) {
      throw badInput(
        Reason.indicatorUnknown,
        [...field, String(i)],
        `指标 “${id}” 不存在（见 indicatorCatalog）`,
        `no indicator “${id}” (see indicatorCatalog)`,
      );
    }
  });
  return [...new Set(ids)];
}

async function orgIdOf(ctx: Context, globalId: string, field: string[]): Promise<number> {
  const id = decodeId(globalId, 'Organization', field);
  if (!(await orgInfo(ctx.reader, id))) {
    throw orgNotFound(globalId, field);
  }
  return id;
}

/** At most this many records in one page of evidence. */

const cursorOf = (offset: number) => Buffer.from(`evidence:${offset}`).toString('base64url');
function offsetOf(cursor: string): number {
  const m = /^evidence:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badInput(Reason.cursorInvalid, ['indicatorEvidence', 'after'], `游标 “${cursor}” 无效`, `cursor “${cursor}” is not valid`);
  return Number(m[1]);
}

/** At most this many periods in one series (ten years of months). */

const ORG_ARG = d('党组织全局ID（含其全部下级）', 'Organisation global id (its whole subtree)');
const PERIOD_ARG = d('期间：2025-06、2025-Q2、2025、2025-YTD', 'Period: 2025-06, 2025-Q2, 2025, 2025-YTD');
const IDS_ARG = d('指标ID（默认全部）', 'Indicator ids (all when omitted)');

// ── resolvers ─────────────────────────────────────────────────────────────────────────────────────

@Resolver()
export class IndicatorResolver {
  @Query(() => [IndicatorDefinition], {
    complexity: ({ childComplexity }) => 2 * STATEMENT_COST + childComplexity,
    description: d(
      '指标目录，含该组织在该期间适用的目标与预警阈值',
      'The indicator catalog, with each target and warning threshold for an organisation and period',
    ),
  })
  async indicatorCatalog(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID, {
      nullable: true,
      description: d('党组织全局ID（不填为目录默认目标）', 'Organisation global id (catalog defaults when omitted)'),
    })
    orgId?: string | null,
    @Arg('period', () => PeriodScalar, { nullable: true, description: d('期间（默认本月）', 'Period (this month when omitted)') })
    period?: Period | null,
  ): Promise<IndicatorDefinition[]> {
    const p = period ?? parsePeriod(`${currentMonth().year}-${String(currentMonth().month).padStart(2, '0')}`);
    if (!orgId) return INDICATORS.map((def) => definitionOf(def, catalogTarget(def)));
    const org = await orgIdOf(ctx, orgId, ['indicatorCatalog', 'orgId']);
    const all = await points(ctx.reader, [org], [p], ALL_IDS);
    return INDICATORS.map((def) => definitionOf(def, all.get(`${org}|${p.key}|${def.id}`)!.target));
  }

  @Query(() => IndicatorBoard, {
    complexity: ({ childComplexity }) => 3 * STATEMENT_COST + childComplexity,
    description: d(
      '一个组织（含全部下级）一个期间的全部指标：值、分子分母、目标、状态、环比与同比',
      'Every indicator for one organisation (its whole subtree) and period: value, numerator and denominator, target, status, previous period and a year earlier',
    ),
  })
  async indicators(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID, { description: ORG_ARG }) orgId: string,
    @Arg('period', () => PeriodScalar, { description: PERIOD_ARG }) period: Period,
    @Arg('ids', () => [String], { nullable: true, description: IDS_ARG }) ids?: string[] | null,
  ): Promise<IndicatorBoard> {
    const wanted = indicatorIds(ids, ['indicators', 'ids']);
    const org = await orgIdOf(ctx, orgId, ['indicators', 'orgId']);
    const values = await boardOf(ctx.reader, org, period, wanted);
    return {
      orgId: org,
      period: period.key,
      values: values.map((v) => ({
        ...pointOut(v),
        indicator: definitionOf(definition(v.indicatorId)!, v.target),
        previous: pointOut(v.previous),
        yearAgo: pointOut(v.yearAgo),
        changeFromPrevious: change(v, v.previous),
        changeFromYearAgo: change(v, v.yearAgo),
      })),
    };
  }

  @Query(() => [IndicatorSeries], {
    complexity: ({ childComplexity }) => 3 * STATEMENT_COST + childComplexity,
    description: d(
      '指标时间序列：逐期补齐、含目标，可直接绘图',
      'Indicators over time: one point per period (gaps filled), target included, ready for a chart',
    ),
  })
  async indicatorSeries(
    @Ctx() ctx: Context,
    @Arg('ids', () => [String], { description: d('指标ID', 'Indicator ids') }) ids: string[],
    @Arg('orgId', () => ID, { description: ORG_ARG }) orgId: string,
    @Arg('from', () => PeriodScalar, { description: d('起始期间（含）', 'First period (included)') }) from: Period,
    @Arg('to', () => PeriodScalar, { description: d('截止期间（含）', 'Last period (included)') }) to: Period,
    @Arg('grain', () => PeriodGrain, { defaultValue: PeriodGrain.MONTH, description: d('粒度', 'Grain') }) grain: PeriodGrain,
  ): Promise<IndicatorSeries[]> {
    const wanted = indicatorIds(ids, ['indicatorSeries', 'ids']);
    if (from.start > to.end) {
      throw badInput(
        Reason.periodRange,
        ['indicatorSeries', 'from'],
        `起始期间 ${from.key} 晚于截止期间 ${to.key}`,
        `from ${from.key} is after to ${to.key}`,
      );
    }
    const periods = periodsBetween(grain as Grain, from, to);
    if (periods.length > MAX_SERIES_POINTS) {
      throw badInput(
        Reason.seriesTooLong,
        ['indicatorSeries', 'to'],
        `序列最多 ${MAX_SERIES_POINTS} 期（本次 ${periods.length} 期）：请缩短范围或用更粗的粒度`,
        `a series has at most ${MAX_SERIES_POINTS} periods (this one ${periods.length}): shorten it or use a coarser grain`,
      );
    }
    const org = await orgIdOf(ctx, orgId, ['indicatorSeries', 'orgId']);
    const all = await points(ctx.reader, [org], periods, wanted);
    return wanted.map((id) => {
      const pts = periods.map((p) => all.get(`${org}|${p.key}|${id}`)!);
      return { indicator: definitionOf(definition(id)!, pts.at(-1)!.target), grain, points: pts.map(pointOut) };
    });
  }

  @Query(() => IndicatorBreakdown, {
    complexity: ({ childComplexity }) => 4 * STATEMENT_COST + childComplexity,
    description: d(
      '指标按下级组织或科室分解并排名（含状态）',
      'An indicator broken down by child organisation or by department, ranked, with status',
    ),
  })
  async indicatorBreakdown(
    @Ctx() ctx: Context,
    @Arg('id', () => String, { description: d('指标ID', 'Indicator id') }) id: string,
    @Arg('orgId', () => ID, { description: ORG_ARG }) orgId: string,
    @Arg('period', () => PeriodScalar, { description: PERIOD_ARG }) period: Period,
    @Arg('by', () => BreakdownBy, {
      defaultValue: BreakdownBy.CHILD_ORGANIZATION,
      description: d('分解维度（默认下级党组织）', 'What to break it down by (child organisations by default)'),
    })
    by: BreakdownBy = BreakdownBy.CHILD_ORGANIZATION,
  ): Promise<IndicatorBreakdown> {
    const [wanted] = indicatorIds([id], ['indicatorBreakdown', 'id']);
    const def = definition(wanted!)!;
    if (by === BreakdownBy.DEPARTMENT && !DEPARTMENT_BREAKDOWN.has(def.id as never)) {
      throw badInput(
        Reason.breakdownByDepartment,
        ['indicatorBreakdown', 'by'],
        `指标 ${def.id}（${def.name.zh}）不按科室归属，不能按科室分解；可按科室分解的：${[...DEPARTMENT_BREAKDOWN].join('、')}`,
        `${def.id} (${def.name.en}) is not attributed to departments and cannot be broken down by department; these can: ${[...DEPARTMENT_BREAKDOWN].join(', ')}`,
      );
    }
    const org = await orgIdOf(ctx, orgId, ['indicatorBreakdown', 'orgId']);
    let total: Point;
    let rows: { orgId: number | null; departmentId: number | null; point: Point }[];
    if (by === BreakdownBy.DEPARTMENT) {
      const [all, depts] = await Promise.all([
        points(ctx.reader, [org], [period], [wanted!]),
        departmentPoints(ctx.reader, org, period, wanted as StoredIndicatorId),
      ]);
      total = all.get(`${org}|${period.key}|${wanted}`)!;
      rows = depts.map((p) => ({ orgId: null, departmentId: p.orgId, point: p }));
    } else {
      // Children present at the period's end (a branch dissolved before it does not appear).
      const children = (await childrenOf(ctx.reader, org))
        .filter((c) => (c.foundedOn == null || c.foundedOn <= period.end) && (c.dissolvedOn == null || c.dissolvedOn > period.start))
        .map((c) => c.id);
      const all = await points(ctx.reader, [org, ...children], [period], [wanted!]);
      total = all.get(`${org}|${period.key}|${wanted}`)!;
      rows = children.map((c) => ({ orgId: c, departmentId: null, point: all.get(`${c}|${period.key}|${wanted}`)! }));
    }
    const sign = def.direction === 'LOWER' ? 1 : -1;
    rows.sort((a, b) =>
      a.point.value == null
        ? b.point.value == null
          ? a.point.orgId - b.point.orgId
          : 1
        : b.point.value == null
          ? -1
          : sign * (a.point.value - b.point.value) || a.point.orgId - b.point.orgId,
    );
    let rank = 0;
    return {
      indicator: definitionOf(def, total.target),
      by,
      period: period.key,
      total: pointOut(total),
      rows: rows.map((r) => ({
        orgId: r.orgId,
        departmentId: r.departmentId,
        rank: r.point.value == null ? null : ++rank,
        point: pointOut(r.point),
      })),
    };
  }

  @Query(() => IndicatorEvidence, {
    complexity: ({ childComplexity, args }) =>
      3 * STATEMENT_COST + Math.min(Number(args.first ?? 50), MAX_EVIDENCE_PAGE) * Math.max(1, childComplexity),
    description: d(
      '指标依据：构成分子和分母的记录，逐条标明是否计入及原因；分子分母之和与指标值一致',
      'The records behind an indicator: every record of the numerator and the denominator, counted or not and why; their sums equal the numerator and denominator',
    ),
  })
  async indicatorEvidence(
    @Ctx() ctx: Context,
    @Arg('id', () => String, { description: d('指标ID', 'Indicator id') }) id: string,
    @Arg('orgId', () => ID, { description: ORG_ARG }) orgId: string,
    @Arg('period', () => PeriodScalar, { description: PERIOD_ARG }) period: Period,
    @Arg('counted', () => Boolean, {
      nullable: true,
      description: d('只看计入（true）或未计入（false）的记录', 'Only counted (true) or only not counted (false)'),
    })
    counted?: boolean | null,
    @Arg('first', () => Int, { defaultValue: 50, description: d('每页条数（≤ 1000）', 'Page size (≤ 1000)') }) first?: number,
    @Arg('after', () => String, { nullable: true, description: d('游标（上一页的 endCursor）', 'Cursor (the previous page’s endCursor)') })
    after?: string | null,
  ): Promise<IndicatorEvidence> {
    const [wanted] = indicatorIds([id], ['indicatorEvidence', 'id']);
    const def = definition(wanted!)!;
    if (!(wanted! in EVIDENCE_SQL)) {
      throw badInput(
        Reason.indicatorUnknown,
        ['indicatorEvidence', 'id'],
        `${wanted} 由其他指标计算，请查看其组成指标的依据`,
        `${wanted} is computed from other indicators: ask for theirs`,
      );
    }
    const size = first ?? 50;
    if (size < 1 || size > MAX_EVIDENCE_PAGE) {
      throw badInput(
        Reason.paginationRange,
        ['indicatorEvidence', 'first'],
        `first 应在 1–${MAX_EVIDENCE_PAGE}`,
        `first must be 1–${MAX_EVIDENCE_PAGE}`,
      );
    }
    const offset = after ? offsetOf(after) : 0;
    const org = await orgIdOf(ctx, orgId, ['indicatorEvidence', 'orgId']);
    const subtree = (
      await ctx.reader.rows<{ id: number }>(
        sql`select id from organization where path like (select path from organization where id = ${org}) || '%'`,
      )
    ).map((r) => r.id);
    const rows = await ctx.reader.rows<{
      numerator: number;
      denominator: number;
      total: number;
      record_type: string | null;
      record_id: number;
      label: string;
      on_date: string | null;
      org_id: number;
      num: number;
      den: number;
    }>({
      text: evidenceSql(wanted as StoredIndicatorId),
      values: [[period.key], [period.start], [period.end], subtree, counted ?? null, size, offset],
    } as never);
    const head = rows[0]!;
    const page = rows.filter((r) => r.record_type != null);
    const yes = { zh: def.numerator.zh, en: def.numerator.en };
    // "未计入：满意答卷" read as if satisfied answers were left out: say which side it is on.
    const no = {
      zh: `不计入分子（不属于“${def.numerator.zh}”），计入分母`,
      en: `not in the numerator (not “${def.numerator.en}”), in the denominator`,
    };
    return {
      indicator: definitionOf(def, catalogTarget(def)),
      period: period.key,
      numerator: head.numerator,
      denominator: head.denominator,
      totalCount: head.total,
      hasNextPage: offset + page.length < head.total,
      endCursor: page.length ? cursorOf(offset + page.length) : null,
      nodes: page.map((r) => ({
        recordType: r.record_type!,
        recordId: toGlobalId(r.record_type!, r.record_id),
        label: r.label,
        date: r.on_date,
        numerator: r.num,
        denominator: r.den,
        counted: r.num !== 0,
        reason: r.num !== 0 || r.den === 0 ? yes : no,
        orgId: r.org_id,
      })),
    };
  }
}

/** The organisation of a board, a breakdown row or a target: the read path's Organization, batched. */
@Resolver(() => IndicatorBoard)
export class IndicatorBoardResolver {
  @FieldResolver(() => Organization, { description: d('党组织', 'Organisation') })
  organization(@Root() board: IndicatorBoard, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadEntity(ctx, info, 'Organization', board.orgId);
  }
}

@Resolver(() => IndicatorBreakdownRow)
export class IndicatorBreakdownRowResolver {
  @FieldResolver(() => Organization, {
    nullable: true,
    description: d('下级党组织（按科室分解时为空）', 'Child organisation (null when broken down by department)'),
  })
  organization(@Root() row: IndicatorBreakdownRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return row.orgId == null ? null : loadEntity(ctx, info, 'Organization', row.orgId);
  }

  @FieldResolver(() => Department, {
    nullable: true,
    description: d('科室（按下级组织分解时为空）', 'Department (null when broken down by child organisation)'),
  })
  department(@Root() row: IndicatorBreakdownRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return row.departmentId == null ? null : loadEntity(ctx, info, 'Department', row.departmentId);
  }
}

@Resolver(() => EvidenceRecord)
export class EvidenceRecordResolver {
  @FieldResolver(() => Organization, { description: d('记录所属党组织', 'The organisation it counts under') })
  organization(@Root() r: EvidenceRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadEntity(ctx, info, 'Organization', r.orgId);
  }
}

@Resolver(() => IndicatorTargetInfo)
export class IndicatorTargetResolver {
  @FieldResolver(() => Organization, {
    nullable: true,
    description: d('设定目标的党组织（默认值为空）', 'Where the target was set (null for the default)'),
  })
  setOn(@Root() t: IndicatorTargetInfo, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return t.setOnOrgId == null ? null : loadEntity(ctx, info, 'Organization', t.setOnOrgId);
  }
}

// ── live ──────────────────────────────────────────────────────────────────────────────────────────

@ObjectType({ description: d('指标变化通知：只含键，订阅方据此重新查询', 'Indicators changed: keys only, the subscriber re-queries') })
export class IndicatorChangeEvent {
  @Field(() => [ID], {
    nullable: true,
    description: d(
      '变化的党组织及其上级（全局ID）；为空表示全部刷新',
      'Changed organisations and their ancestors (global ids); null means refresh everything',
    ),
  })
  orgIds!: string[] | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: d('最早变化日期（此后各期可能变化）', 'First changed day (periods from it on may have moved)'),
  })
  from!: string | null;

  @Field(() => [String], { description: d('可能变化的指标ID（空表示全部）', 'Indicators that may have moved (empty: all)') })
  indicatorIds!: string[];

  @Field(() => Boolean, {
    description: d('是否需全部刷新（如服务器与数据库重连后）', 'Refresh everything (e.g. after the server reconnected to the database)'),
  })
  refreshAll!: boolean;

  @Field(() => Date, { description: d('通知时间', 'When the change was announced') })
  at!: Date;
}

@Resolver()
export class IndicatorLiveResolver {
  @Subscription(() => IndicatorChangeEvent, {
    description: d(
      '订阅某组织（含下级）的指标变化（graphql-ws，同一 /graphql 路径）',
      'Changes of the indicators of an organisation (its subtree), over graphql-ws on the same /graphql path',
    ),
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const org = await orgIdOf(ctx, (args as { orgId: string }).orgId, ['indicatorsChanged', 'orgId']);
      if (!ctx.feed) throw new Error('no indicator feed on this server');
      return ctx.feed.subscribe(org);
    },
  })
  indicatorsChanged(
    @Root() change: IndicatorChange,
    @Arg('orgId', () => ID, { description: ORG_ARG }) _orgId: string,
  ): IndicatorChangeEvent {
    return {
      orgIds: change.orgIds?.map((o) => toGlobalId('Organization', o)) ?? null,
      from: change.from,
      indicatorIds: change.indicatorIds,
      refreshAll: change.orgIds === null,
      at: change.at,
    };
  }
}
