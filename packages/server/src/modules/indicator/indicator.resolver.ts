/**
 * The indicator engine's queries: the catalog (with each indicator's target for an organisation), the
 * board of one organisation and period, series ready for a chart, and the breakdown by child
 * organisation or department. Values come from the rollup cells (indicators/engine.ts).
 */
import {
  DEPARTMENT_BREAKDOWN,
  INDICATORS,
  INDICATOR_IDS,
  currentMonth,
  indicator as definition,
  judgedPeriod,
  parsePeriod,
  periodsBetween,
  previousPeriod,
  yearAgo,
  type Indicator,
  type Period,
} from '@party-hub/schema/indicators';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { suppressSiblings } from '../../indicators/suppress.js';
import type { Reader } from '../../db/reader.js';
import { badInput, Reason } from '../../errors.js';
import { d } from '../../graphql/describe.js';
import { MAX_SERIES_POINTS, STATEMENT_COST } from '../../graphql/limits.js';
import { board as boardOf, cellRange, change, departmentPoints, points, type Point } from '../../indicators/engine.js';
import type { StoredIndicatorId } from '../../indicators/sql.js';
import { childrenOf } from '../../org-tree/tree.js';
import {
  catalogTarget,
  definitionOf,
  IDS_ARG,
  indicatorIds,
  notFuture,
  ORG_ARG,
  orgIdOf,
  PERIOD_ARG,
  pointOut,
  valueOut,
} from './indicator.mapping.js';
import {
  BreakdownBy,
  CompareTo,
  DataRange,
  IndicatorBoard,
  IndicatorBreakdown,
  IndicatorDefinition,
  IndicatorSeries,
  PeriodGrain,
  PeriodScalar,
} from './indicator.types.js';

interface BreakdownRow {
  orgId: number | null;
  departmentId: number | null;
  point: Point;
}

function checkSeries(from: Period, to: Period, periods: Period[]): void {
  if (from.start > to.end) {
    throw badInput(
      Reason.periodRange,
      ['indicatorSeries', 'from'],
      `起始期间 ${from.key} 晚于截止期间 ${to.key}`,
      `from ${from.key} is after to ${to.key}`,
    );
  }
  if (periods.length > MAX_SERIES_POINTS) {
    throw badInput(
      Reason.seriesTooLong,
      ['indicatorSeries', 'to'],
      `序列最多 ${MAX_SERIES_POINTS} 期（本次 ${periods.length} 期）：请缩短范围或用更粗的粒度`,
      `a series has at most ${MAX_SERIES_POINTS} periods (this one ${periods.length}): shorten it or use a coarser grain`,
    );
  }
}

function checkByDepartment(def: Indicator, by: BreakdownBy): void {
  if (by !== BreakdownBy.DEPARTMENT || DEPARTMENT_BREAKDOWN.has(def.id as never)) return;
  throw badInput(
    Reason.breakdownByDepartment,
    ['indicatorBreakdown', 'by'],
    `指标 ${def.id}（${def.name.zh}）不按科室归属，不能按科室分解；可按科室分解的：${[...DEPARTMENT_BREAKDOWN].join('、')}`,
    `${def.id} (${def.name.en}) is not attributed to departments and cannot be broken down by department; these can: ${[...DEPARTMENT_BREAKDOWN].join(', ')}`,
  );
}

interface Breakdown {
  total: Point;
  rows: BreakdownRow[];
}

/** The organisation's total and one row per department under it. */
async function byDepartment(reader: Reader, org: number, period: Period, id: string): Promise<Breakdown> {
  const [all, depts] = await Promise.all([
    points(reader, [org], [period], [id]),
    departmentPoints(reader, org, period, id as StoredIndicatorId),
  ]);
  const shown = reader.minCell ? suppressSiblings(depts, reader.minCell) : depts;
  return { total: all.get(org, period.key, id)!, rows: shown.map((p) => ({ orgId: null, departmentId: p.orgId, point: p })) };
}

/** The children present at the period's end (a branch dissolved before it does not appear). */
async function presentChildren(reader: Reader, org: number, period: Period): Promise<number[]> {
  return (await childrenOf(reader, org))
    .filter((c) => (c.foundedOn == null || c.foundedOn <= period.end) && (c.dissolvedOn == null || c.dissolvedOn > period.start))
    .map((c) => c.id);
}

/** The organisation's total and one row per child present at the period's end, for each period asked (one points() call). */
async function byChild(reader: Reader, org: number, periods: Period[], id: string, children: number[]): Promise<Breakdown[]> {
  const all = await points(reader, [org, ...children], periods, [id]);
  return periods.map((p) => ({
    total: all.get(org, p.key, id)!,
    rows: children.map((c) => ({ orgId: c, departmentId: null, point: all.get(c, p.key, id)! })),
  }));
}

/** The period a breakdown is compared with: the same span of the previous grain, or of a year earlier. */
function comparedPeriod(def: Indicator, period: Period, compareTo: CompareTo): Period {
  const judged = judgedPeriod(def.grain, period);
  return compareTo === CompareTo.PREVIOUS ? previousPeriod(judged) : yearAgo(judged);
}

/** This period's breakdown and, with compareTo, the compared one's (the same rows: children present now, departments now). */
async function breakdowns(reader: Reader, org: number, period: Period, def: Indicator, by: BreakdownBy, other: Period | null) {
  if (by === BreakdownBy.DEPARTMENT) {
    const [now, past] = await Promise.all([
      byDepartment(reader, org, period, def.id),
      other ? byDepartment(reader, org, other, def.id) : Promise.resolve(null),
    ]);
    return { now, past };
  }
  const children = await presentChildren(reader, org, period);
  const [now, past = null] = await byChild(reader, org, other ? [period, other] : [period], def.id, children);
  return { now: now!, past };
}

/** Best first by the indicator's direction; rows without a value last; ties by id. */
function rankRows(def: Indicator, rows: BreakdownRow[]): (BreakdownRow & { rank: number | null })[] {
  const sign = def.direction === 'LOWER' ? 1 : -1;
  const sorted = rows.toSorted((a, b) => {
    if (a.point.value == null) return b.point.value == null ? a.point.orgId - b.point.orgId : 1;
    if (b.point.value == null) return -1;
    return sign * (a.point.value - b.point.value) || a.point.orgId - b.point.orgId;
  });
  let rank = 0;
  return sorted.map((r) => ({ ...r, rank: r.point.value == null ? null : ++rank }));
}

@Resolver()
export class IndicatorResolver {
  @Query(() => DataRange, {
    nullable: true,
    complexity: STATEMENT_COST,
    description: d(
      '数据覆盖的期间（尚无任何数据时为空）：界面据此说明“数据自…至…”，超出的月份不可选',
      'The months the data covers (null before there is any): what a client says as “data from … to …”, months outside it not offered',
    ),
  })
  async dataRange(@Ctx() ctx: Context): Promise<DataRange | null> {
    const range = await cellRange(ctx.reader);
    return range ? { from: range.first.slice(0, 7), to: range.last.slice(0, 7), firstDay: range.first, lastDay: range.last } : null;
  }

  @Query(() => [IndicatorDefinition], {
    nullable: true,
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
    const p = period
      ? notFuture(period, ['indicatorCatalog', 'period'])
      : parsePeriod(`${currentMonth().year}-${String(currentMonth().month).padStart(2, '0')}`);
    if (!orgId) return INDICATORS.map((def) => definitionOf(def, catalogTarget(def)));
    const org = await orgIdOf(ctx, orgId, ['indicatorCatalog', 'orgId']);
    const all = await points(ctx.reader, [org], [p], INDICATOR_IDS);
    return INDICATORS.map((def) => definitionOf(def, all.get(org, p.key, def.id)!.target));
  }

  @Query(() => IndicatorBoard, {
    nullable: true,
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
    notFuture(period, ['indicators', 'period']);
    const org = await orgIdOf(ctx, orgId, ['indicators', 'orgId']);
    const values = await boardOf(ctx.reader, org, period, wanted);
    return {
      orgId: org,
      period: period.key,
      values: values.map(valueOut),
    };
  }

  @Query(() => [IndicatorSeries], {
    nullable: true,
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
    notFuture(to, ['indicatorSeries', 'to']);
    const periods = periodsBetween(grain, from, to);
    checkSeries(from, to, periods);
    const org = await orgIdOf(ctx, orgId, ['indicatorSeries', 'orgId']);
    const all = await points(ctx.reader, [org], periods, wanted);
    return wanted.map((id) => {
      const pts = periods.map((p) => all.get(org, p.key, id)!);
      return { indicator: definitionOf(definition(id)!, pts.at(-1)!.target), grain, points: pts.map(pointOut) };
    });
  }

  @Query(() => IndicatorBreakdown, {
    nullable: true,
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
    @Arg('compareTo', () => CompareTo, {
      nullable: true,
      description: d(
        '同时给出比较期间的值与变化（同一条请求，同样的行）',
        'Also give each row’s value in the period compared with and the change (same request, same rows)',
      ),
    })
    compareTo?: CompareTo | null,
  ): Promise<IndicatorBreakdown> {
    const [wanted] = indicatorIds([id], ['indicatorBreakdown', 'id']);
    const def = definition(wanted!)!;
    checkByDepartment(def, by);
    notFuture(period, ['indicatorBreakdown', 'period']);
    const org = await orgIdOf(ctx, orgId, ['indicatorBreakdown', 'orgId']);
    const other = compareTo ? comparedPeriod(def, period, compareTo) : null;
    const { now, past } = await breakdowns(ctx.reader, org, period, def, by, other);
    const before = new Map(past?.rows.map((r) => [`${r.orgId}|${r.departmentId}`, r.point]));
    return {
      indicator: definitionOf(def, now.total.target),
      by,
      period: period.key,
      total: pointOut(now.total),
      compareTo: compareTo ?? null,
      comparedPeriod: other?.key ?? null,
      totalCompared: past ? pointOut(past.total) : null,
      totalChange: past ? change(now.total, past.total) : null,
      rows: rankRows(def, now.rows).map((r) => {
        const was = before.get(`${r.orgId}|${r.departmentId}`);
        return {
          orgId: r.orgId,
          departmentId: r.departmentId,
          rank: r.rank,
          point: pointOut(r.point),
          compared: was ? pointOut(was) : null,
          change: was ? change(r.point, was) : null,
        };
      }),
    };
  }
}
