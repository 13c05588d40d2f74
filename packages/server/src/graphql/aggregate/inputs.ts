/**
 * The inputs of one aggregate, declared with type-graphql on named classes (as list-types.ts does):
 * its enums (keys, measurable fields, ratios), a measure, a condition on one (having), an ordering, and
 * the root field's arguments.
 */
import { ArgsType, Field, Float, InputType, Int, type ClassType } from 'type-graphql';
import { registerBilingualEnum } from '../../domain/bilingual-enum.js';
import { d } from '../describe.js';
import { MAX_GROUPS } from '../limits.js';
import { CompareTo, named, OrderDirection } from '../type-factories.js';
import { labelOf, type Entity } from './entity.js';
import { AggregateFunction, AggregateTotals } from './enums.js';
import { HAVING_OPS } from './types.js';

/** An enum whose values are their own names, each with its bilingual label. */
const enumOf = (name: string, description: string, values: [string, string][]) =>
  registerBilingualEnum(Object.fromEntries(values.map(([v]) => [v, v])), name, description, Object.fromEntries(values));

export interface AggregateEnums {
  /** The keys (`XGroupBy`). */
  GroupBy: object;
  /** The measurable fields (`XAggregateField`). */
  FieldEnum: object;
  /** The ratios (`XRatio`), when the list defines any. */
  RatioEnum: object | undefined;
}

export function declareEnums(e: Entity): AggregateEnums {
  const { typeName: T, spec } = e;
  const GroupBy = enumOf(
    `${T}GroupBy`,
    d(
      `${spec.zh}的分组键（日期按时区分段，周从周一起）`,
      `What ${spec.queryName} can be grouped by (dates bucketed in the time zone; weeks start on Monday)`,
    ),
    [...e.keys.values()].map((k) => [k.value, d(k.zh, k.en)]),
  );
  const FieldEnum = enumOf(
    `${T}AggregateField`,
    d(
      `${spec.zh}可度量的字段（数值字段可求和、平均等；任何字段可计不同值个数）`,
      `Fields of ${spec.queryName} to measure (numeric ones for sums, averages …; any for distinct counts)`,
    ),
    [...e.fields.entries()].map(([v, f]) => {
      const [zh, en] = labelOf(e.model, f.name);
      return [v, d(`${zh}${f.numeric ? '（数值）' : ''}`, `${en}${f.numeric ? ' (numeric)' : ''}`)];
    }),
  );
  const RatioEnum = e.ratios.size
    ? enumOf(
        `${T}Ratio`,
        d(`${spec.zh}的比率`, `Ratios of ${spec.queryName}`),
        [...e.ratios.entries()].map(([v, r]) => [v, d(r.def.zh, r.def.en)]),
      )
    : undefined;
  return { GroupBy, FieldEnum, RatioEnum };
}

/** `XMeasure`: a measure named in an argument (having, orderBy). */
export function declareMeasure(e: Entity, { FieldEnum, RatioEnum }: AggregateEnums): ClassType {
  const Measure = named(`${e.typeName}Measure`);
  Field(() => AggregateFunction, { description: d('度量', 'Measure') })(Measure.prototype, 'fn');
  Field(() => FieldEnum, { nullable: true, description: d('字段（COUNT 与 RATIO 不需要）', 'Field (not for COUNT and RATIO)') })(
    Measure.prototype,
    'field',
  );
  Field(() => Float, { nullable: true, description: d('百分位（0–1，PERCENTILE 用）', 'Percentile, 0–1 (PERCENTILE)') })(
    Measure.prototype,
    'p',
  );
  if (RatioEnum)
    Field(() => RatioEnum, { nullable: true, description: d('比率（RATIO 用）', 'Ratio (RATIO)') })(Measure.prototype, 'ratio');
  InputType(Measure.name, {
    description: d(`${e.spec.zh}的一个度量（用于 having 与 orderBy）`, `A measure of ${e.spec.queryName} (for having and orderBy)`),
  })(Measure);
  return Measure;
}

/** `XHaving`: a condition on a measure. */
export function declareHaving(e: Entity, Measure: ClassType): ClassType {
  const Having = named(`${e.typeName}Having`);
  Field(() => Measure, { description: d('度量', 'Measure') })(Having.prototype, 'measure');
  for (const [op, { zh, en }] of Object.entries(HAVING_OPS))
    Field(() => Float, { nullable: true, description: d(zh, en) })(Having.prototype, op);
  InputType(Having.name, { description: d('分组条件（对度量）', 'A condition on a measure (HAVING)') })(Having);
  return Having;
}

/** `XAggregateOrder`: an ordering of the groups, by a key or by a measure. */
export function declareOrder(e: Entity, GroupBy: object, Measure: ClassType): ClassType {
  const Order = named(`${e.typeName}AggregateOrder`);
  Field(() => GroupBy, { nullable: true, description: d('按分组键（与 measure 二选一）', 'By a key (or measure)') })(
    Order.prototype,
    'key',
  );
  Field(() => Measure, { nullable: true, description: d('按度量（与 key 二选一）', 'By a measure (or key)') })(Order.prototype, 'measure');
  Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: d('方向', 'Direction') })(Order.prototype, 'direction');
  InputType(Order.name, { description: d('分组排序', 'Ordering of groups') })(Order);
  return Order;
}

export interface ArgTypes {
  /** The list's own filter input. */
  Filter: () => ClassType;
  GroupBy: object;
  Having: ClassType;
  Order: ClassType;
}

/** `XAggregateArgs`: the root field's arguments. */
export function declareArgs(e: Entity, { Filter, GroupBy, Having, Order }: ArgTypes): ClassType {
  const AggArgs = named(`${e.typeName}AggregateArgs`);
  const arg = (name: string, type: () => unknown, description: string, extra: Record<string, unknown> = {}) =>
    Field(type as never, { nullable: true, description, ...extra })(AggArgs.prototype, name);
  arg('filter', Filter, d('过滤条件（与列表相同，含 orgId 子树）', 'Filter (the list’s own, orgId subtree included)'));
  arg('groupBy', () => [GroupBy], d('分组键（可多个；不填为一组）', 'Keys to group by (several at once; none: one group)'));
  arg('having', () => [Having], d('度量条件（全部满足）', 'Conditions on measures (all must hold)'));
  arg('orderBy', () => [Order], d('排序（默认按键升序）', 'Ordering (by default the keys, ascending)'));
  arg('limit', () => Int, d(`前 N 组（≤ ${MAX_GROUPS}）`, `The first N groups (≤ ${MAX_GROUPS})`));
  arg('totals', () => AggregateTotals, d('小计与总计', 'Subtotals and totals'), { defaultValue: AggregateTotals.NONE, nullable: false });
  arg(
    'fillGaps',
    () => Boolean,
    d(
      '补齐空分组：日期键的空时间段；党组织层级与关联键（如科室）在过滤条件 orgId 之下的全部（没有记录的计 0）',
      'Fill empty groups: a date key’s empty buckets; every organisation of a grouped level, and every row a relation key points to (a department), under the filter’s orgId (0 where there is none)',
    ),
    {
      defaultValue: false,
      nullable: false,
    },
  );
  arg(
    'timeZone',
    () => String,
    d(
      '时间段所用时区（默认 Asia/Shanghai，见 HUB_TIME_ZONE）',
      'Time zone of date buckets (Asia/Shanghai unless HUB_TIME_ZONE says otherwise)',
    ),
  );
  arg(
    'compareTo',
    () => CompareTo,
    d(
      '每组附上比较期间的同一组（compared：前一个时间段或上年同期；需恰好一个本表的日期分组键，不能与 totals、limit 同用）',
      'Give each group the same group in the period compared with (compared: the bucket before, or a year before; needs exactly one date key of the fact’s own, and neither totals nor limit)',
    ),
  );
  for (const [name, band] of Object.entries(e.spec.aggregate?.bands ?? {}))
    arg(
      `${name}BandEdges`,
      () => [Int],
      d(
        `${band.zh}分段的起点（升序，默认 ${band.edges.join('、')}：<${band.edges[0]}、${band.edges[0]}–${band.edges[1]! - 1} …）`,
        `Where each ${band.en.toLowerCase()} band starts (ascending; default ${band.edges.join(', ')}: <${band.edges[0]}, ${band.edges[0]}–${band.edges[1]! - 1} …)`,
      ),
    );
  if (e.spec.aggregate?.bands)
    arg(
      'asOfYear',
      () => Int,
      d(
        '分段取值的年度（默认今年；年龄按该年周岁计算，与党内统计同口径）',
        'The year banded values are taken in (this year by default; an age is the age reached that year, as the Party’s statistics count it)',
      ),
    );
  ArgsType()(AggArgs);
  return AggArgs;
}
