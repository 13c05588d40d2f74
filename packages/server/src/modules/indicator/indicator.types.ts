/**
 * The indicator engine's GraphQL types: the period scalar, the catalog's enums (built from the catalog in
 * packages/schema, never declared again), definitions, values, boards, series, breakdowns, evidence and
 * change events.
 */
import {
  CATEGORIES,
  DIRECTIONS,
  GRAINS,
  NULL_REASONS,
  PACES,
  PROVENANCES,
  PeriodError,
  ROLLUPS,
  STATUSES,
  parsePeriod,
  type Category,
  type Direction,
  type Grain,
  type NullReason as CatalogNullReason,
  type Provenance,
  type PaceRule,
  type Period,
  type Rollup,
  type Status,
} from '@party-hub/schema/indicators';
import { GraphQLScalarType, Kind } from 'graphql';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { registerBilingualEnum } from '../../domain/bilingual-enum.js';
import { ErrorCode, HubError, Reason } from '../../errors.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { CompareTo } from '../../graphql/type-factories.js';

// ── the period scalar ─────────────────────────────────────────────────────────────────────────────

const periodError = (input: unknown, message: string) =>
  new HubError({
    code: ErrorCode.badInput,
    reason: Reason.periodInvalid,
    field: ['period'],
    zh: `“${String(input)}” 不是有效的期间：请用 2025-06（月）、2025-Q2（季度）、2025-H1（半年）、2025（年）、2025-YTD（年初至今）或 2025-QTD11（季初至今）`,
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
    '统计期间：2025-06（月）、2025-Q2（季度）、2025-H1（半年）、2025（年）、2025-YTD（年初至今，当年至本月）、2025-QTD11（季初至今：10—11月）；月份按 Asia/Shanghai',
    'Reporting period: 2025-06 (month), 2025-Q2 (quarter), 2025-H1 (half-year), 2025 (year), 2025-YTD (year to date: this year up to this month), 2025-QTD11 (quarter to date: October–November); months in Asia/Shanghai',
  ),
  serialize: (value) => (typeof value === 'string' ? value : (value as Period).key),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : (ast as { value?: unknown }).value),
});

// ── the catalog's enums ───────────────────────────────────────────────────────────────────────────

type Labelled<K extends string> = Record<K, { zh: string; en: string }>;

/** A GraphQL enum made from one of the catalog's labelled records: its keys are the values. */
function catalogEnum<K extends string>(name: string, description: string, labels: Labelled<K>): { [k in K]: k } {
  const e = Object.fromEntries(Object.keys(labels).map((k) => [k, k])) as { [k in K]: k };
  const texts = Object.fromEntries(Object.entries<{ zh: string; en: string }>(labels).map(([k, t]) => [k, d(t.zh, t.en)]));
  return registerBilingualEnum(e, name, description, texts as Record<K, string>);
}

export const IndicatorStatus = catalogEnum<Status>(
  'IndicatorStatus',
  d(
    '指标状态：按指标的考核周期判断，考核期（季度、年度或当月）未结束时为 IN_PROGRESS，从不在截止前判为未达标',
    'Status against the target, judged at the indicator’s grain: IN_PROGRESS until its quarter, year or month has ended, never NOT_MET before its deadline',
  ),
  STATUSES,
);
export type IndicatorStatus = Status;
export const NullReason = catalogEnum<CatalogNullReason>(
  'IndicatorNullReason',
  d('值为空的原因（从不以0代替）', 'Why a value is null (never shown as 0)'),
  NULL_REASONS,
);
export type NullReason = CatalogNullReason;
export const IndicatorProvenance = catalogEnum<Provenance>(
  'IndicatorProvenance',
  d(
    '值的来源：据记录计算、报送值或未披露（有记录时以记录为准）',
    'Where a value comes from: the records, a reported figure or withheld (records win)',
  ),
  PROVENANCES,
);
export type IndicatorProvenance = Provenance;
export const IndicatorDisclosure = registerBilingualEnum(
  { REPORTED: 'REPORTED', NOT_DISCLOSED: 'NOT_DISCLOSED' } as const,
  'IndicatorDisclosure',
  d('报送的是数值还是“未披露”', 'Whether a report gives a figure or withholds it'),
  { REPORTED: d('报送数值', 'A figure is reported'), NOT_DISCLOSED: d('未披露：单位保有但不公开', 'Not disclosed: kept but withheld') },
);
export type IndicatorDisclosure = keyof typeof IndicatorDisclosure;
export const PeriodGrain = catalogEnum<Grain>('PeriodGrain', d('期间粒度', 'Period grain'), GRAINS);
export type PeriodGrain = Grain;
export const IndicatorDirection = catalogEnum<Direction>('IndicatorDirection', d('指标方向', 'Which way is better'), DIRECTIONS);
export type IndicatorDirection = Direction;
export const IndicatorCategory = catalogEnum<Category>('IndicatorCategory', d('指标类别', 'Indicator category'), CATEGORIES);
export type IndicatorCategory = Category;
export const IndicatorPace = catalogEnum<Exclude<PaceRule, null>>(
  'IndicatorPace',
  d('进行中的值如何判断进度', 'How an in-progress value is judged on pace'),
  PACES,
);
export type IndicatorPace = Exclude<PaceRule, null>;
export const IndicatorRollup = catalogEnum<Rollup>('IndicatorRollup', d('汇总方式', 'How the indicator rolls up'), ROLLUPS);
export type IndicatorRollup = Rollup;

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

  @Field(() => LocalizedText, {
    description: d(
      '考核规则：周期、截止时间、周期内各月如何显示、如何判断进度、如何比较',
      'How it is judged: its grain, its deadline, what a month inside the grain shows, its pace, what it is compared with',
    ),
  })
  judgement!: LocalizedText;

  @Field(() => IndicatorPace, {
    nullable: true,
    description: d(
      '进度规则（为空：周期内完成一次即可的职责，截止前不判断进度；或无目标）',
      'Its pace rule (null: a duty done once within its grain has no pace before the deadline; or no target)',
    ),
  })
  pace!: IndicatorPace | null;

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

@ObjectType({
  description: d(
    '报送值：单位直接报送的某指标某期间数值，或“未披露”（reportIndicatorValue）',
    'A reported figure: a value an organisation reports for an indicator and period directly, or “not disclosed” (reportIndicatorValue)',
  ),
})
export class IndicatorReportedFigure {
  @Field(() => PeriodScalar, {
    description: d('报送的期间（指标考核周期或更长）', 'The period reported (the indicator’s grain or longer)'),
  })
  period!: string;

  @Field(() => IndicatorDisclosure, { description: d('数值或未披露', 'A figure, or withheld') })
  disclosure!: IndicatorDisclosure;

  @Field(() => Float, { nullable: true, description: d('报送的值（未披露时为空）', 'The value reported (null when withheld)') })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: d('分子（比率类，如报送）', 'Numerator (rates, when reported)') })
  numerator!: number | null;

  @Field(() => Float, { nullable: true, description: d('分母（比率类，如报送）', 'Denominator (rates, when reported)') })
  denominator!: number | null;

  @Field(() => String, {
    nullable: true,
    description: d('来源（如国家满意度平台、年度报告）', 'Source (the national platform, the annual report …)'),
  })
  source!: string | null;

  @Field(() => String, { description: d('报送时间（北京时间，ISO 8601）', 'When it was reported (Beijing time, ISO 8601)') })
  reportedAt!: string;
}

@ObjectType({ description: d('某组织某期间的指标值', 'An indicator’s value for one organisation and period') })
export class IndicatorPoint {
  @Field(() => PeriodScalar, { description: d('期间（所问的期间）', 'Period (as asked)') })
  period!: string;

  @Field(() => PeriodScalar, {
    description: d(
      '实际计算的期间：期间短于指标考核周期时为周期初至今（如季度指标在 2026-11 为 2026-QTD11，即 10—11 月）',
      'The span measured: the period itself, or its grain to date when the period is shorter than the indicator’s grain (a quarterly indicator in 2026-11 is 2026-QTD11, October–November)',
    ),
  })
  judgedPeriod!: string;

  @Field(() => Boolean, {
    description: d(
      '是否已成定局：考核周期已结束且该月已过（否则状态为 IN_PROGRESS）',
      'Whether it is final: its grain has ended and the month is past (else the status is IN_PROGRESS)',
    ),
  })
  complete!: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: d(
      '进行中的值是否达到进度（按 IndicatorDefinition.pace；已成定局、无进度规则或当月未结束时为空）',
      'For an in-progress value, whether it is on pace (IndicatorDefinition.pace; null when final, without a pace rule, or while its last month runs)',
    ),
  })
  onPace!: boolean | null;

  @Field(() => Boolean, {
    description: d(
      '小样本：比率的分母少于 5（目录 SMALL_BASE），百分比波动大，不单凭百分比判断升降',
      'Small base: a rate over fewer than 5 subjects (the catalog’s SMALL_BASE); its percentage swings and is never a mover by itself',
    ),
  })
  smallBase!: boolean;

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

  @Field(() => IndicatorProvenance, {
    description: d(
      '值的来源：RECORDS（据记录）、REPORTED（无记录，按报送值）、NOT_DISCLOSED（未披露：值为空，不是0，也不是未填报）',
      'Where the value comes from: RECORDS, REPORTED (no records: the reported figure) or NOT_DISCLOSED (null, never 0, never “not reported”)',
    ),
  })
  provenance!: IndicatorProvenance;

  @Field(() => IndicatorReportedFigure, {
    nullable: true,
    description: d(
      '本组织对该期间的报送（有记录时并列显示，供核对差异；无记录时即为该值）',
      'The organisation’s own report for the span measured: beside the records where there are any (a discrepancy to check), the value itself where there are none',
    ),
  })
  reported!: IndicatorReportedFigure | null;

  @Field(() => Boolean, {
    description: d(
      '不完整：下级有未披露的值（或只报比率未报分子分母），合计只含其余部分',
      'Incomplete: an organisation under it did not disclose (or reported a rate without its counts); the total covers the rest only',
    ),
  })
  incomplete!: boolean;

  @Field(() => IndicatorStatus, {
    nullable: true,
    description: d(
      '状态（无值时为空；考核周期未结束为 IN_PROGRESS）',
      'Status (null when there is no value; IN_PROGRESS until its grain has ended)',
    ),
  })
  status!: IndicatorStatus | null;
}

@ObjectType({ description: d('指标值，含上期和上年同期', 'A value with the previous period and the same period a year earlier') })
export class IndicatorValue extends IndicatorPoint {
  @Field(() => IndicatorDefinition, { description: d('指标', 'Indicator') })
  indicator!: IndicatorDefinition;

  @Field(() => IndicatorPoint, {
    description: d(
      '上期（环比，按考核周期同口径：季度指标的季初至今对上季度同月份）',
      'Previous period, like for like at the grain (a quarter to date against the same months of the previous quarter)',
    ),
  })
  previous!: IndicatorPoint;

  @Field(() => IndicatorPoint, {
    description: d('上年同期（同比，同口径）', 'The same span a year earlier'),
  })
  yearAgo!: IndicatorPoint;

  @Field(() => IndicatorPoint, {
    description: d(
      '最近一个已结束的考核周期（本值已成定局时即本值；如 11 月的季度指标为第三季度）',
      'The last complete period of its grain (this value when it is final; for a quarterly indicator in November, Q3)',
    ),
  })
  lastComplete!: IndicatorPoint;

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

export const BreakdownBy = registerBilingualEnum(
  { CHILD_ORGANIZATION: 'CHILD_ORGANIZATION', DEPARTMENT: 'DEPARTMENT' } as const,
  'BreakdownBy',
  d('分解维度', 'What to break an indicator down by'),
  {
    CHILD_ORGANIZATION: d('下级党组织（期末存续的）', 'Child organisations present at the period’s end'),
    DEPARTMENT: d(
      '科室（仅限按科室归属的指标，见 IndicatorDefinition.byDepartment；无科室的记录只计入合计）',
      'Departments (indicators attributed to departments only, see IndicatorDefinition.byDepartment; records without a department count in the total only)',
    ),
  },
);
export type BreakdownBy = (typeof BreakdownBy)[keyof typeof BreakdownBy];

/** Shared with the aggregates (graphql/type-factories.ts). */
export { CompareTo };

/** The kinds of record an indicator's evidence lists (indicators/evidence.ts names them; a test ties the two). */
export const EvidenceRecordType = registerBilingualEnum(
  {
    ORGANIZATION: 'Organization',
    DEPARTMENT: 'Department',
    MEMBER: 'Member',
    DEVELOPMENT_EVENT: 'DevelopmentEvent',
    ACTIVITY: 'Activity',
    ATTENDANCE: 'Attendance',
    SURVEY_RESPONSE: 'SurveyResponse',
    SURVEY_RESULT: 'SurveyResult',
    HONOR: 'Honor',
    MODEL_POST: 'ModelPost',
    ETHICS_EVENT: 'EthicsEvent',
    RESEARCH_PROJECT: 'ResearchProject',
    ASSESSMENT: 'Assessment',
  } as const,
  'EvidenceRecordType',
  d('指标依据的记录类型（即可用 node 查询的类型）', 'Kind of record behind an indicator (the type node() returns)'),
  {
    ORGANIZATION: d('党组织', 'Organisation'),
    DEPARTMENT: d('科室', 'Department'),
    MEMBER: d('人员', 'Person'),
    DEVELOPMENT_EVENT: d('发展环节', 'Development step'),
    ACTIVITY: d('活动', 'Activity'),
    ATTENDANCE: d('出勤', 'Attendance'),
    SURVEY_RESPONSE: d('满意度答卷', 'Survey response'),
    SURVEY_RESULT: d('满意度调查汇总结果', 'Survey result in aggregate'),
    HONOR: d('荣誉', 'Honor'),
    MODEL_POST: d('示范岗', 'Model post'),
    ETHICS_EVENT: d('医德医风事件', 'Medical-ethics event'),
    RESEARCH_PROJECT: d('党建课题', 'Party-building research project'),
    ASSESSMENT: d('考核', 'Assessment'),
  },
);
export type EvidenceRecordType = (typeof EvidenceRecordType)[keyof typeof EvidenceRecordType];

@ObjectType({ description: d('下级组织或科室的指标值（已排名）', 'A child organisation’s or a department’s value, ranked') })
export class IndicatorBreakdownRow {
  orgId!: number | null;
  departmentId!: number | null;

  @Field(() => Int, { nullable: true, description: d('名次（1 为最好；无值为空）', 'Rank (1 is best; null without a value)') })
  rank!: number | null;

  @Field(() => IndicatorPoint, { description: d('值', 'Value') })
  point!: IndicatorPoint;

  @Field(() => IndicatorPoint, {
    nullable: true,
    description: d('比较期间的值（指定 compareTo 时）', 'The value in the period compared with (when compareTo is given)'),
  })
  compared!: IndicatorPoint | null;

  @Field(() => Float, {
    nullable: true,
    description: d(
      '变化：本期减比较期（比率为百分点）；任一方无值或未指定 compareTo 时为空',
      'Change: this period minus the one compared with (percentage points for rates); null when either has no value or without compareTo',
    ),
  })
  change!: number | null;
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

  @Field(() => CompareTo, { nullable: true, description: d('比较的期间（compareTo）', 'What it is compared with (compareTo)') })
  compareTo!: CompareTo | null;

  @Field(() => PeriodScalar, {
    nullable: true,
    description: d('比较期间（同口径，如 2025-QTD11）', 'The period compared with, like for like (e.g. 2025-QTD11)'),
  })
  comparedPeriod!: string | null;

  @Field(() => IndicatorPoint, {
    nullable: true,
    description: d('比较期间的本组织合计', 'The organisation’s total in the period compared with'),
  })
  totalCompared!: IndicatorPoint | null;

  @Field(() => Float, { nullable: true, description: d('合计的变化', 'The change of the total') })
  totalChange!: number | null;

  @Field(() => [IndicatorBreakdownRow], { description: d('下级组织或科室（按名次）', 'Child organisations or departments, by rank') })
  rows!: IndicatorBreakdownRow[];
}

@ObjectType({ description: d('指标依据的一条记录', 'One record behind an indicator') })
export class EvidenceRecord {
  @Field(() => EvidenceRecordType, { description: d('记录类型', 'Kind of record') })
  recordType!: EvidenceRecordType;

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

  @Field(() => Float, {
    nullable: true,
    description: d(
      '分子（= 全部记录计入分子之和；隐藏时为空，见 nullReason）',
      'Numerator (= the sum over all records; null when withheld, see nullReason)',
    ),
  })
  numerator!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: d('分母（= 全部记录计入分母之和；隐藏时为空）', 'Denominator (= the sum over all records; null when withheld)'),
  })
  denominator!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: d('符合筛选的记录数（隐藏时为空）', 'Records matching the filter (null when withheld)'),
  })
  totalCount!: number | null;

  @Field(() => NullReason, {
    nullable: true,
    description: d(
      '计数为空的原因：SUPPRESSED＝涉及人数过少，对无个人数据权限的角色隐藏',
      'Why the counts are null: SUPPRESSED = too few persons, withheld from a role without personal access',
    ),
  })
  nullReason?: NullReason | null;

  @Field(() => Boolean, { description: d('是否还有下一页', 'Whether there is a next page') })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: d('本页最后一条的游标（传给 after）', 'Cursor of the last record (pass as after)') })
  endCursor!: string | null;

  @Field(() => [EvidenceRecord], { description: d('本页记录', 'Records of this page') })
  nodes!: EvidenceRecord[];
}

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

  @Field(() => String, {
    nullable: true,
    description: d(
      '读取位置（配置只读副本时）：重新查询时放在请求头 x-hub-read-after，以读到这次变化',
      'Read position (with read replicas): send it as the x-hub-read-after header when re-querying, to read this change',
    ),
  })
  readAfter!: string | null;
}

@ObjectType({
  description: d(
    '数据覆盖的期间：指标可查询的第一个月到本月（由各类事实的最早日期决定，最多十年）',
    'The months the data covers: from the first month any indicator can be asked for to this month (the earliest date of any fact, at most ten years back)',
  ),
})
export class DataRange {
  @Field(() => PeriodScalar, { description: d('第一个月', 'First month') })
  from!: string;

  @Field(() => PeriodScalar, { description: d('最后一个月（本月）', 'Last month (this month)') })
  to!: string;

  @Field(() => LocalDate, { description: d('第一天', 'First day') })
  firstDay!: string;

  @Field(() => LocalDate, { description: d('最后一天', 'Last day') })
  lastDay!: string;
}

@ObjectType({ description: d('融合指数中一个指标的权重', 'The weight of one indicator in the integration index') })
export class IndexWeight {
  @Field(() => IndicatorDefinition, { description: d('指标', 'Indicator') })
  indicator!: IndicatorDefinition;

  @Field(() => Float, { description: d('权重（按总和归一）', 'Weight (normalised by the sum)') })
  weight!: number;

  @Field(() => Float, { description: d('占全部权重的百分比', 'Share of all the weights, in percent') })
  share!: number;
}

@ObjectType({
  description: d(
    '某组织某期间适用的融合指数权重：向上最近设定的一组，否则为目录默认',
    'The integration index’s weights for an organisation and period: the nearest set up the tree, else the catalog’s defaults',
  ),
})
export class IndexWeights {
  @Field(() => Boolean, { description: d('是否为目录默认权重', 'Whether these are the catalog’s defaults') })
  isDefault!: boolean;

  @Field(() => LocalDate, { nullable: true, description: d('生效日期（默认为空）', 'Effective from (null for the defaults)') })
  effectiveFrom!: string | null;

  @Field(() => [IndexWeight], { description: d('各指标权重', 'The weights') })
  weights!: IndexWeight[];

  setOnOrgId!: number | null;
}

export const IndexBasis = registerBilingualEnum(
  { CURRENT: 'CURRENT', LAST_COMPLETE: 'LAST_COMPLETE' } as const,
  'IndexBasis',
  d('融合指数组成计入的值', 'Which value a component of the integration index counts'),
  {
    CURRENT: d('本期的值（已成定局，或有进度规则的进行中的值）', 'This period’s value (final, or in progress with a pace rule)'),
    LAST_COMPLETE: d(
      '最近一个已结束考核周期的值（周期内完成一次即可的职责在进行中时，不以未完成的部分计）',
      'The last complete grain’s value (a once-per-grain duty in progress is not counted at a partial figure)',
    ),
  },
);
export type IndexBasis = (typeof IndexBasis)[keyof typeof IndexBasis];

@ObjectType({
  description: d(
    '融合指数的一个组成：得分 = min(100, 值 ÷ 目标 × 100)，贡献 = 权重 × 得分 ÷ 计入的权重之和；各贡献之和即指数',
    'One component of the integration index: score = min(100, value ÷ target × 100), contribution = weight × score ÷ the weights that count; the contributions add up to the index',
  ),
})
export class IndexComponentInfo {
  @Field(() => IndicatorDefinition, { description: d('指标', 'Indicator') })
  indicator!: IndicatorDefinition;

  @Field(() => Float, { description: d('权重', 'Weight') })
  weight!: number;

  @Field(() => IndicatorPoint, {
    description: d(
      '计入指数的该指标的值（见 basis：本期，或进行中且无进度规则时的最近一个已结束考核周期）',
      'The indicator’s value the index counts (see basis: this period’s, or its last complete grain’s while it is in progress without a pace)',
    ),
  })
  point!: IndicatorPoint;

  @Field(() => IndexBasis, { description: d('计入哪个值', 'Which value it counts') })
  basis!: IndexBasis;

  @Field(() => Float, {
    nullable: true,
    description: d('得分（无值或无目标时为空，不计入）', 'Score (null without a value or a target: it does not count)'),
  })
  score!: number | null;

  @Field(() => Float, { nullable: true, description: d('对指数的贡献', 'What it adds to the index') })
  contribution!: number | null;

  @Field(() => Boolean, { description: d('是否计入', 'Whether it counts') })
  counted!: boolean;
}

@ObjectType({ description: d('党建业务融合指数及其组成', 'The integration index, explained by its components') })
export class IntegrationIndex {
  @Field(() => PeriodScalar, { description: d('期间', 'Period') })
  period!: string;

  @Field(() => IndicatorPoint, { description: d('指数', 'The index') })
  value!: IndicatorPoint;

  @Field(() => IndexWeights, { description: d('所用权重', 'The weights used') })
  weights!: IndexWeights;

  @Field(() => [IndexComponentInfo], {
    description: d('各组成（贡献之和即指数）', 'The components (their contributions add up to the index)'),
  })
  components!: IndexComponentInfo[];
}
