/**
 * The GraphQL types of every aggregate, declared with type-graphql on named classes (as list-types.ts
 * does) before the schema is built: the keys of a group, a group with its measures, the result and the
 * root field with its cost. Their resolvers are attached to the built schema (resolvers.ts).
 */
import {
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  Float,
  Info,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { listSpecs } from '../define-list.js';
import { d } from '../describe.js';
import { MAX_GROUPS, STATEMENT_COST } from '../limits.js';
import { LocalDate } from '../scalars.js';
import { defineMethod as method, named } from '../type-factories.js';
import { entities, entityOf, type Entity, type KeyDef } from './entity.js';
import { registerAggregateEnums } from './enums.js';
import { declareArgs, declareEnums, declareHaving, declareMeasure, declareOrder } from './inputs.js';

/** The GraphQL type of a key's value. */
function keyType(k: KeyDef, entityTypes: Map<string, ClassType>): () => unknown {
  switch (k.kind) {
    case 'enum':
      return () => k.model!.columns.get(k.name!)!.enumType!;
    case 'boolean':
      return () => Boolean;
    case 'int':
      return () => Int;
    case 'date':
      return () => LocalDate;
    case 'band':
      return () => String;
    default:
      return () => entityTypes.get(k.target!)!;
  }
}

/** `XGroupKeys`: the keys of a group, each in its own type. */
function declareKeys(e: Entity): ClassType {
  const Keys = named(`${e.typeName}GroupKeys`);
  const entityTypes = new Map<string, ClassType>();
  for (const l of listSpecs()) entityTypes.set(l.entity.name, l.entity as ClassType);
  for (const k of e.keys.values()) {
    Field(keyType(k, entityTypes) as never, {
      nullable: true,
      description: d(`${k.zh}（未按此分组或为空时为 null）`, `${k.en} (null when not grouped by it, or empty)`),
    })(Keys.prototype, k.field);
  }
  ObjectType(Keys.name, { description: d(`${e.spec.zh}分组的键`, `The keys of a group of ${e.spec.queryName}`) })(Keys);
  return Keys;
}

/** `XAggregateGroup`: a group's keys, which keys it is grouped by, what kind of row it is, its count. */
function declareGroup(e: Entity, Keys: ClassType, GroupBy: object): ClassType {
  const Group = named(`${e.typeName}AggregateGroup`);
  Field(() => Keys, { description: d('分组键', 'Keys') })(Group.prototype, 'keys');
  Field(() => [GroupBy], {
    description: d('本行按哪些键分组（小计行少于 groupBy）', 'The keys this row is grouped by (fewer on a subtotal row)'),
  })(Group.prototype, 'groupedBy');
  Field(() => Boolean, { description: d('是否小计行', 'Whether this is a subtotal row') })(Group.prototype, 'isSubtotal');
  Field(() => Boolean, { description: d('是否总计行', 'Whether this is the grand-total row') })(Group.prototype, 'isTotal');
  Field(() => Boolean, { description: d('是否为补齐的空分组（fillGaps）', 'Whether this is an empty group filled in (fillGaps)') })(
    Group.prototype,
    'isFilled',
  );
  // Over person facts a group may be suppressed (suppress.ts): its count is null then; other counts never are.
  const persons = e.spec.aggregate?.persons != null;
  Field(() => Int, {
    nullable: persons,
    description: persons
      ? d('行数（该组被隐藏时为 null，见 suppressed）', 'Number of rows (null when the group is suppressed, see suppressed)')
      : d('行数', 'Number of rows'),
  })(Group.prototype, 'count');
  Field(() => Boolean, {
    description: d(
      '是否因人数过少而隐藏（SUPPRESSED）：无个人数据权限的角色看到涉及 1 至 HUB_MIN_CELL−1 名人员的分组时，其计数与各度量为 null；为防止由合计推算，同组中次小的一组也一并隐藏',
      'Whether it is withheld for standing on too few persons (SUPPRESSED): for a role without personal access, a group over 1 to HUB_MIN_CELL−1 persons has a null count and null measures; so that no total gives it away, the next smallest sibling is withheld too',
    ),
  })(Group.prototype, 'suppressed');
  Field(() => Group, {
    nullable: true,
    description: d(
      '比较期间的同一组（compareTo；该期没有时为空；度量用与本组相同的别名）',
      'The same group in the period compared with (compareTo; null when it had none; its measures under the same aliases)',
    ),
  })(Group.prototype, 'compared');
  Field(() => Group, {
    nullable: true,
    description: d(
      '与比较组之差（compareTo；本组减比较组：行数与所选各度量，比率为百分点；比较期没有该组时为空；度量用与本组相同的别名）',
      'The change from the group compared with (compareTo; this group minus that one: the count and each measure selected, percentage points for a ratio; null when the period compared with had no such group; measures under the same aliases)',
    ),
  })(Group.prototype, 'change');
  ObjectType(Group.name, { description: d(`${e.spec.zh}的一个分组及其度量`, `A group of ${e.spec.queryName} and its measures`) })(Group);
  return Group;
}

type MeasureArg = [name: string, type: () => unknown, description: string, nullable: boolean];

/** A measure with arguments on the group: a field resolver whose arguments get their own ArgsType. */
function measureField(Measures: ClassType, T: string, name: string, type: () => unknown, [zh, en]: [string, string], args: MeasureArg[]) {
  const ArgsClass = named(`${T}${name[0]!.toUpperCase()}${name.slice(1)}Args`);
  for (const [arg, argType, desc, nullable] of args) Field(argType as never, { nullable, description: desc })(ArgsClass.prototype, arg);
  ArgsType()(ArgsClass);
  const descriptor = method(Measures, name, (() => null) as never);
  Root()(Measures.prototype, name, 0);
  Args(() => ArgsClass)(Measures.prototype, name, 1);
  FieldResolver(type as never, { nullable: true, description: d(zh, en) })(Measures.prototype, name, descriptor);
}

/**
 * The measures of a group, declared as field resolvers (their resolve functions are replaced after the
 * build): one per function over a field, and one per ratio the list defines.
 */
function declareMeasures(e: Entity, Group: ClassType, FieldEnum: object): ClassType {
  const T = e.typeName;
  const Measures = named(`${T}AggregateGroupResolver`);
  const FIELD: MeasureArg = ['field', () => FieldEnum, d('字段', 'Field'), false];
  measureField(Measures, T, 'countDistinct', () => Int, ['不同值个数', 'Number of distinct values'], [FIELD]);
  measureField(Measures, T, 'sum', () => Float, ['合计（无值为 null）', 'Sum (null when there is nothing to sum)'], [FIELD]);
  measureField(Measures, T, 'avg', () => Float, ['平均（无值为 null）', 'Average (null when there is nothing to average)'], [FIELD]);
  measureField(Measures, T, 'min', () => Float, ['最小值', 'Minimum'], [FIELD]);
  measureField(Measures, T, 'max', () => Float, ['最大值', 'Maximum'], [FIELD]);
  measureField(Measures, T, 'median', () => Float, ['中位数', 'Median'], [FIELD]);
  measureField(
    Measures,
    T,
    'percentile',
    () => Float,
    ['百分位数（连续插值）', 'Percentile (continuous)'],
    [FIELD, ['p', () => Float, d('百分位，0–1（如 0.9）', 'Percentile, 0–1 (e.g. 0.9)'), false]],
  );
  for (const r of e.ratios.values()) {
    const descriptor = method(Measures, r.name, (() => null) as never);
    FieldResolver(() => Float, {
      nullable: true,
      description: d(`${r.def.zh}（%，分母为 0 时为 null）`, `${r.def.en} (%, null when the denominator is 0)`),
    })(Measures.prototype, r.name, descriptor);
    for (const [part, zh, en] of [
      ['Numerator', '分子', 'numerator'],
      ['Denominator', '分母', 'denominator'],
    ] as const) {
      const name = `${r.name}${part}`;
      FieldResolver(() => Int, {
        nullable: true,
        description: d(`${r.def.zh.split('：')[0]}的${zh}（行数）`, `${r.def.en.split(':')[0]}: its ${en} (rows)`),
      })(Measures.prototype, name, method(Measures, name, (() => null) as never));
    }
  }
  Resolver(() => Group)(Measures);
  return Measures;
}

/** `XAggregate`: the result, its groups. */
function declareResult(e: Entity, Group: ClassType): ClassType {
  const Result = named(`${e.typeName}Aggregate`);
  Field(() => [Group], { description: d('分组（按 orderBy 排序）', 'Groups, in orderBy order') })(Result.prototype, 'groups');
  ObjectType(Result.name, { description: d(`${e.spec.zh}的聚合结果`, `Aggregates of ${e.spec.queryName}`) })(Result);
  return Result;
}

/** The cost before any SQL: one statement, and the groups it may return times what each selects. */
function aggregateCost(e: Entity, { args, childComplexity }: ComplexityEstimatorArgs): number {
  const limit = typeof args.limit === 'number' ? args.limit : MAX_GROUPS;
  let groups = 1;
  for (const k of Array.isArray(args.groupBy) ? (args.groupBy as string[]) : []) groups *= e.keys.get(k)?.cardinality ?? 1;
  return STATEMENT_COST + Math.min(limit, groups, MAX_GROUPS) * Math.max(1, childComplexity);
}

/** The root field `<list>Aggregate`, on a resolver class of its own. */
function declareRoot(e: Entity, AggArgs: ClassType, Result: ClassType): ClassType {
  const RootClass = named(`${e.typeName}AggregateResolver`);
  const descriptor = method(RootClass, 'aggregate', (() => null) as never);
  Args(() => AggArgs)(RootClass.prototype, 'aggregate', 0);
  Ctx()(RootClass.prototype, 'aggregate', 1);
  Info()(RootClass.prototype, 'aggregate', 2);
  // Nullable: a refused aggregate (a bad key, a measure on text) answers its own error and null, and the other
  // fields of the request keep their data (a non-null field's error would null the whole response).
  Query(() => Result, {
    name: e.queryName,
    nullable: true,
    description: d(
      `${e.spec.zh}聚合：分组、时间段、度量、小计（一条 SQL；被拒时为空并附错误，同一请求的其他字段照常返回）`,
      `${e.spec.en}, aggregated: groups, time buckets, measures, subtotals (one SQL statement; null with its error when refused, the request's other fields answered as usual)`,
    ),
    complexity: (a: ComplexityEstimatorArgs) => aggregateCost(e, a),
  })(RootClass.prototype, 'aggregate', descriptor);
  Resolver()(RootClass);
  return RootClass;
}

/** Every type of one aggregate; returns its resolver classes (the group's measures, the root field). */
function declare(e: Entity, filterOf: (typeName: string) => ClassType): ClassType[] {
  const enums = declareEnums(e);
  const Measure = declareMeasure(e, enums);
  const Having = declareHaving(e, Measure);
  const Order = declareOrder(e, enums.GroupBy, Measure);
  const Keys = declareKeys(e);
  const Group = declareGroup(e, Keys, enums.GroupBy);
  const Measures = declareMeasures(e, Group, enums.FieldEnum);
  const Result = declareResult(e, Group);
  const AggArgs = declareArgs(e, { Filter: () => filterOf(e.typeName), GroupBy: enums.GroupBy, Having, Order });
  return [Measures, declareRoot(e, AggArgs, Result)];
}

let declared: ClassType[] | undefined;

/** Every aggregate's types and resolver classes (before type-graphql's buildSchema); `filterOf` gives the list's filter input. */
export function aggregateResolvers(filterOf: (typeName: string) => ClassType): ClassType[] {
  if (declared) return declared;
  registerAggregateEnums();
  const out: ClassType[] = [];
  for (const spec of listSpecs()) {
    if (!spec.aggregate) continue;
    const e = entityOf(spec);
    entities.set(e.typeName, e);
    out.push(...declare(e, filterOf));
  }
  return (declared = out);
}
