/**
 * Analyst aggregates: for every fact with `aggregate` in its list declaration, a root field next to its
 * list (`surveyResponsesAggregate`) that groups the rows the list's own filter matches by typed keys —
 * enums, booleans and whole numbers, relations (a department, a survey), the organisation at a level of
 * the tree above each row (its branch, general branch or hospital), dates bucketed by day, week, month,
 * quarter or year — and measures each group: count, distinct count, sum, average, minimum, maximum,
 * median, percentiles and the ratios the entity defines, with `having`, ordering by a key or a measure,
 * top-N, subtotals and a grand total (GROUPING SETS), and empty time buckets filled on request.
 *
 * Each aggregate is one SQL statement, planned from what the operation selects (a measure is only
 * computed when asked, under its alias). The GraphQL types are derived from the same metadata as the
 * list's (model.ts), so personal columns, which the schema does not expose, can be neither grouped nor
 * measured. Written here rather than taken from a library: PostGraphile's pg-aggregates is a plugin of
 * PostGraphile's own schema builder, and nothing maintained plugs a group-by into type-graphql.
 */
import { isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { Context } from '../../context.js';
import { badInput, Reason } from '../../errors.js';
import { MAX_GROUPS } from '../limits.js';
import { modelOf, type EntityModel } from '../model.js';
import { levelMap } from '../../org-tree/tree.js';
import type { Reader } from '../../db/reader.js';
import { asEntity } from '../global-id.js';
import { OrderDirection } from '../type-factories.js';
import { loadEntity } from '../resolve.js';
import { fieldsOn, treeOf, type ResolveTree } from '../selection.js';
import { and, ident, join, limit as limitSql, raw, sql, textArray, type Sql } from '../../db/sql.js';
import { compileFilter, compiling, orgCheck, verifyOrgs, type Compile } from '../where.js';
import { entities, type Entity, type KeyDef } from './entity.js';
import { fillGaps, filterRange } from './fill.js';
import { AggregateFunction, AggregateTotals, LEVELS, type Level } from './enums.js';
import type { AggregateArgs, GroupRow, MeasureInput } from './types.js';

export { aggregateResolvers } from './declare.js';
export { AggregateFunction, AggregateTotals } from './enums.js';
export type { AggregateArgs, GroupRow, MeasureInput } from './types.js';

/** Time zone of date buckets unless the query names one (HUB_TIME_ZONE). */
let defaultTimeZone = 'Asia/Shanghai';
export const setDefaultTimeZone = (tz: string) => void (defaultTimeZone = tz);

// ── compiling one aggregate into one statement ────────────────────────────────────────────────────

const X = ident('x');
const T = ident('t');

const validTimeZones = new Set<string>([...Intl.supportedValuesOf('timeZone'), 'UTC']);

/**
 * The rows' to-one relations that a statement joins (one hop), each once: shared by organisation paths,
 * keys through a relation and a filter on that relation — which then becomes the join's own condition
 * (an inner join on a to-one relation keeps exactly the rows `fk in (select …)` would), so PostgreSQL
 * reads the related table once, through the filter, instead of once for the filter and again in full.
 */
/** The alias a statement joins a row's to-one relation under (filters, keys and organisation paths share it). */
const relationAlias = (name: string) => ident(`r_${name}`);

class Hops {
  readonly #joins = new Map<string, { table: string; column: string; condition: Sql | null }>();
  constructor(readonly model: EntityModel) {}

  alias(name: string): Sql {
    if (!this.#joins.has(name)) {
      const rel = this.model.allRelations.get(name)!;
      this.#joins.set(name, { table: modelOf(rel.target).table, column: rel.column, condition: null });
    }
    return relationAlias(name);
  }

  restrict(name: string, condition: Sql): void {
    this.alias(name);
    this.#joins.get(name)!.condition = condition;
  }

  sql(): Sql[] {
    return [...this.#joins].map(([name, j]) => {
      const a = relationAlias(name);
      const on = sql`${a}."id" = ${T}.${ident(j.column)}`;
      return j.condition ? sql`join ${ident(j.table)} ${a} on ${on} and ${j.condition}` : sql`left join ${ident(j.table)} ${a} on ${on}`;
    });
  }
}

/** The organisation each row belongs to: the first of its scope paths that reaches one (a coalesce over LEFT JOINs). */
function rowOrg(e: Entity, q: Compile, hops: Hops): { joins: Sql[]; expr: Sql } {
  const joins: Sql[] = [];
  const ends: Sql[] = [];
  for (const path of e.spec.scope) {
    let model = e.model;
    let alias: Sql = T;
    const names = path.split('.');
    for (const [i, hop] of names.entries()) {
      const rel = model.allRelations.get(hop)!;
      if (i === names.length - 1) {
        ends.push(sql`${alias}.${ident(rel.column)}`);
        break;
      }
      if (i === 0) alias = hops.alias(hop);
      else {
        const next = q.aliases.next();
        joins.push(sql`left join ${ident(modelOf(rel.target).table)} ${next} on ${next}."id" = ${alias}.${ident(rel.column)}`);
        alias = next;
      }
      model = modelOf(rel.target);
    }
  }
  return { joins, expr: ends.length === 1 ? ends[0]! : sql`coalesce(${join(ends)})` };
}

function keySql(k: KeyDef, tz: string): Sql {
  const at = k.via ? relationAlias(k.via.name) : T;
  switch (k.kind) {
    case 'date': {
      const col = sql`${at}.${ident(k.column!)}`;
      const local = k.datetime ? sql`(${col} at time zone ${raw(`'${tz}'`)})` : sql`${col}::timestamp`;
      return sql`date_trunc(${raw(`'${k.bucket!.toLowerCase()}'`)}, ${local})::date`;
    }
    case 'org':
      throw new Error('organisation levels come from the tree (levelMap)');
    default:
      return sql`${at}.${ident(k.column!)}`;
  }
}

interface Planned {
  /** SQL of the measure over the grouped rows `x`. */
  sql: Sql;
  /** Columns of `t` the inner select must expose for it. */
  needs: Map<string, Sql>;
}

function measureSql(e: Entity, m: MeasureInput, field: string[]): Planned {
  const needs = new Map<string, Sql>();
  const col = (): Sql => {
    if (!m.field) throw badInput(Reason.aggregateInvalid, [...field, 'field'], `${m.fn} 需要 field`, `${m.fn} needs a field`);
    const f = e.fields.get(m.field);
    if (!f) throw badInput(Reason.aggregateInvalid, [...field, 'field'], `没有字段 ${m.field}`, `no field ${m.field}`);
    if (m.fn !== AggregateFunction.COUNT_DISTINCT && !f.numeric) {
      throw badInput(
        Reason.aggregateNotNumeric,
        [...field, 'field'],
        `${m.fn} 只能用于数值字段，${m.field} 不是数值字段`,
        `${m.fn} needs a numeric field; ${m.field} is not numeric`,
      );
    }
    const alias = `c_${f.name}`;
    needs.set(alias, sql`${T}.${ident(f.column)}`);
    return sql`${X}.${ident(alias)}`;
  };
  const percentile = (p: number) => {
    if (!(p >= 0 && p <= 1))
      throw badInput(Reason.aggregateInvalid, [...field, 'p'], `p 应在 0–1（如 0.9）`, `p must be from 0 to 1 (e.g. 0.9)`);
    return raw(String(p));
  };
  switch (m.fn) {
    case AggregateFunction.COUNT:
      return { sql: raw('count(*)::int'), needs };
    case AggregateFunction.COUNT_DISTINCT:
      return { sql: sql`count(distinct ${col()})::int`, needs };
    case AggregateFunction.SUM:
      return { sql: sql`sum(${col()})::float8`, needs };
    case AggregateFunction.AVG:
      return { sql: sql`avg(${col()})::float8`, needs };
    case AggregateFunction.MIN:
      return { sql: sql`min(${col()})::float8`, needs };
    case AggregateFunction.MAX:
      return { sql: sql`max(${col()})::float8`, needs };
    case AggregateFunction.MEDIAN:
      return { sql: sql`(percentile_cont(0.5) within group (order by ${col()}))::float8`, needs };
    case AggregateFunction.PERCENTILE:
      if (m.p == null) throw badInput(Reason.aggregateInvalid, [...field, 'p'], 'PERCENTILE 需要 p', 'PERCENTILE needs p');
      return { sql: sql`(percentile_cont(${percentile(m.p)}) within group (order by ${col()}))::float8`, needs };
    case AggregateFunction.RATIO: {
      const r = m.ratio ? e.ratios.get(m.ratio) : undefined;
      if (!r) {
        throw badInput(
          Reason.aggregateInvalid,
          [...field, 'ratio'],
          e.ratios.size ? 'RATIO 需要 ratio' : `${e.spec.queryName} 没有定义比率`,
          e.ratios.size ? 'RATIO needs a ratio' : `${e.spec.queryName} defines no ratio`,
        );
      }
      const num = `r_${r.name}_num`;
      const den = `r_${r.name}_den`;
      needs.set(num, r.def.numerator(T));
      needs.set(den, r.def.denominator(T));
      return {
        sql: sql`(100.0 * count(*) filter (where ${X}.${ident(num)}) / nullif(count(*) filter (where ${X}.${ident(den)}), 0))::float8`,
        needs,
      };
    }
  }
}

/** The measures the operation selects on the groups, by response key. */
function selectedMeasures(e: Entity, tree: ResolveTree): Map<string, MeasureInput> {
  const out = new Map<string, MeasureInput>();
  for (const f of fieldsOn(tree, `${e.typeName}Aggregate`).values()) {
    if (f.name !== 'groups') continue;
    for (const [mk, m] of fieldsOn(f, `${e.typeName}AggregateGroup`)) {
      const args = m.args as { field?: string; p?: number };
      const fn = (
        {
          countDistinct: AggregateFunction.COUNT_DISTINCT,
          sum: AggregateFunction.SUM,
          avg: AggregateFunction.AVG,
          min: AggregateFunction.MIN,
          max: AggregateFunction.MAX,
          median: AggregateFunction.MEDIAN,
          percentile: AggregateFunction.PERCENTILE,
        } as Record<string, AggregateFunction>
      )[m.name];
      if (fn) out.set(mk, { fn, field: args.field ?? null, p: args.p ?? null });
      else {
        const ratio = [...e.ratios.entries()].find(([, r]) => r.name === m.name);
        if (ratio) out.set(mk, { fn: AggregateFunction.RATIO, ratio: ratio[0] });
      }
    }
  }
  return out;
}

/** Twelve significant digits: what a percentile's interpolation leaves behind (98.60000000000036) goes. */
const tidy = (x: number | null): number | null => (x == null ? null : Number(x.toPrecision(12)));

/**
 * One aggregate's statement and how its rows become groups. `measures` are the selected measures by
 * response key. Exported for the benchmark's SQL floor (the same statement run straight on pg).
 */
export async function compileAggregate(
  typeName: string,
  reader: Reader,
  args: AggregateArgs,
  measuresAsked: Map<string, MeasureInput>,
): Promise<{ statement: Sql; read: (rows: unknown[][]) => Promise<{ groups: GroupRow[] }> }> {
  const e = entities.get(typeName);
  if (!e) throw new Error(`${typeName} has no aggregate`);
  const at = [e.queryName];
  const groupBy = args.groupBy ?? [];
  const keys = groupBy.map((v, i) => {
    const k = e.keys.get(v);
    if (!k) throw badInput(Reason.aggregateInvalid, [...at, 'groupBy', String(i)], `不能按 ${v} 分组`, `cannot group by ${v}`);
    return k;
  });
  if (new Set(groupBy).size !== groupBy.length) {
    throw badInput(Reason.aggregateInvalid, [...at, 'groupBy'], '分组键重复', 'a key is repeated in groupBy');
  }
  const tz = args.timeZone ?? defaultTimeZone;
  if (!validTimeZones.has(tz)) {
    throw badInput(
      Reason.aggregateTimeZone,
      [...at, 'timeZone'],
      `未知时区 “${tz}”（如 Asia/Shanghai）`,
      `unknown time zone “${tz}” (e.g. Asia/Shanghai)`,
    );
  }
  if (args.limit != null && (args.limit < 1 || args.limit > MAX_GROUPS)) {
    throw badInput(Reason.aggregateInvalid, [...at, 'limit'], `limit 应在 1–${MAX_GROUPS}`, `limit must be 1–${MAX_GROUPS}`);
  }
  const dateKeys = keys.filter((k) => k.kind === 'date');
  if (args.fillGaps && dateKeys.length !== 1) {
    throw badInput(
      Reason.aggregateInvalid,
      [...at, 'fillGaps'],
      'fillGaps 需要恰好一个日期分组键',
      'fillGaps needs exactly one date key in groupBy',
    );
  }
  if (args.fillGaps && (args.limit != null || args.orderBy?.some((o) => o.measure))) {
    throw badInput(
      Reason.aggregateInvalid,
      [...at, 'fillGaps'],
      'fillGaps 不能与 limit 或按度量排序同用（补齐的空段会改变前 N 名）',
      'fillGaps cannot be combined with limit or ordering by a measure (filled buckets would change the top N)',
    );
  }
  const totals = args.totals ?? AggregateTotals.NONE;

  const q = compiling(reader);
  // Relations the statement joins anyway (organisation paths, keys through a relation) take their part of the filter as the join condition.
  const hops = new Hops(e.model);
  const levels = [...new Set(keys.filter((k) => k.kind === 'org').map((k) => k.level!))];
  const joined = new Set([
    ...keys.filter((k) => k.via).map((k) => k.via!.name),
    ...(levels.length ? e.spec.scope.filter((p) => p.includes('.')).map((p) => p.split('.')[0]!) : []),
  ]);
  const rest: Record<string, unknown> = { ...args.filter };
  for (const [name, value] of Object.entries(args.filter ?? {})) {
    if (!joined.has(name) || value == null || !e.model.relations.has(name)) continue;
    const target = modelOf(e.model.relations.get(name)!.target);
    hops.restrict(name, await compileFilter(q, target, value as never, hops.alias(name), [...at, 'filter', name], 1));
    delete rest[name];
  }
  const where = await compileFilter(q, e.model, rest as never, T, [...at, 'filter']);
  const needs = new Map<string, Sql>();
  const plan = (m: MeasureInput, field: string[]) => {
    const p = measureSql(e, m, field);
    p.needs.forEach((v, k) => needs.set(k, v));
    return p.sql;
  };
  const measures = [...measuresAsked].map(([key, m]) => ({ key, sql: plan(m, [...at, 'groups', key]) }));
  const having = (args.having ?? []).flatMap((h, i) => {
    const m = plan(h.measure, [...at, 'having', String(i), 'measure']);
    const ops = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
    return Object.entries(ops)
      .filter(([op]) => h[op as keyof typeof ops] != null)
      .map(([op, sym]) => sql`${m} ${raw(sym)} ${h[op as keyof typeof ops]}::float8`);
  });
  const kx = (i: number) => sql`${X}.${ident(`k${i}`)}`;
  const keyOrder = (i: number): Sql => {
    const k = keys[i]!;
    return k.kind === 'enum' ? sql`array_position(${textArray(k.ascending!)}, ${kx(i)})` : kx(i);
  };
  const order: Sql[] = [];
  for (const [i, o] of (args.orderBy ?? []).entries()) {
    const dir = raw(o.direction === OrderDirection.DESC ? 'desc nulls last' : 'asc nulls last');
    if ((o.key == null) === (o.measure == null)) {
      throw badInput(
        Reason.aggregateInvalid,
        [...at, 'orderBy', String(i)],
        '每项排序需要 key 或 measure 之一',
        'each ordering needs either key or measure',
      );
    }
    if (o.key != null) {
      const idx = groupBy.indexOf(o.key);
      if (idx < 0) {
        throw badInput(
          Reason.aggregateInvalid,
          [...at, 'orderBy', String(i), 'key'],
          `${o.key} 不在 groupBy 中`,
          `${o.key} is not in groupBy`,
        );
      }
      order.push(sql`${keyOrder(idx)} ${dir}`);
    } else order.push(sql`${plan(o.measure!, [...at, 'orderBy', String(i), 'measure'])} ${dir}`);
  }
  // Then the keys in order, each group's detail rows before its subtotal, the grand total last.
  const grouped = totals !== AggregateTotals.NONE && keys.length > 0;
  for (let i = 0; i < keys.length; i++) {
    if (grouped) order.push(sql`grouping(${kx(i)})`);
    order.push(sql`${keyOrder(i)} asc nulls last`);
  }

  // The inner select: keys and the columns the measures need, for the filtered rows.
  const org = levels.length ? rowOrg(e, q, hops) : undefined;
  for (const k of keys) if (k.via) hops.alias(k.via.name);
  const joins = [...hops.sql(), ...(org?.joins ?? [])];
  // Each organisation's level, from the instance's copy of the tree: an array indexed by organisation id.
  const levelOf = new Map<Level, Sql>();
  for (const l of levels) levelOf.set(l, sql`(${await levelMap(reader, LEVELS[l].kinds)}::int[])[${org!.expr}]`);
  const inner: Sql[] = keys.map((k, i) => sql`${k.kind === 'org' ? levelOf.get(k.level!)! : keySql(k, tz)} as ${ident(`k${i}`)}`);
  for (const [alias, expr] of needs) inner.push(sql`${expr} as ${ident(alias)}`);
  if (!inner.length) inner.push(raw('1 as one'));
  const check = orgCheck(q);
  const keyList = keys.length ? join(keys.map((_, i) => kx(i))) : raw('');
  const groupClause = !keys.length
    ? raw('')
    : totals === AggregateTotals.ROLLUP
      ? sql` group by rollup (${keyList})`
      : totals === AggregateTotals.CUBE
        ? sql` group by cube (${keyList})`
        : totals === AggregateTotals.GRAND_TOTAL
          ? sql` group by grouping sets ((${keyList}), ())`
          : sql` group by ${keyList}`;
  const cap = Math.min(args.limit ?? MAX_GROUPS, MAX_GROUPS);
  const outer: Sql[] = [
    check ?? raw('null::int'),
    ...keys.map((k, i) => (k.kind === 'date' ? sql`${kx(i)}::text` : kx(i))),
    grouped ? sql`grouping(${keyList})` : raw('0'),
    raw('count(*)::int'),
    ...measures.map((m) => m.sql),
  ];
  const statement = sql`select ${join(outer)}
    from (select ${join(inner)} from ${ident(e.model.table)} ${T} ${joins.length ? join(joins, ' ') : raw('')} where ${and([where])}) ${X}${groupClause}
    ${having.length ? sql`having ${and(having)}` : raw('')}
    ${order.length ? sql`order by ${join(order)}` : raw('')} limit ${limitSql(cap + 1)}`;
  return { statement, read: (rows) => readGroups(rows) };

  async function readGroups(rows: unknown[][]): Promise<{ groups: GroupRow[] }> {
    if (check) await verifyOrgs(q, rows.length ? (rows[0]![0] as number) : undefined);
    if (rows.length > cap) {
      if (args.limit == null) {
        throw badInput(
          Reason.aggregateTooManyGroups,
          [...at, 'groupBy'],
          `分组超过 ${MAX_GROUPS} 个：请加过滤条件、用更粗的时间段或设 limit`,
          `more than ${MAX_GROUPS} groups: add a filter, use a coarser bucket or set a limit`,
        );
      }
      rows.length = cap;
    }
    let groups: GroupRow[] = rows.map((v) => {
      const bits = v[1 + keys.length] as number;
      const keyValues: Record<string, unknown> = {};
      const groupedBy: string[] = [];
      keys.forEach((k, i) => {
        const notGrouped = (bits >> (keys.length - 1 - i)) & 1;
        if (!notGrouped) groupedBy.push(k.value);
        keyValues[k.field] = v[1 + i];
      });
      const m: Record<string, number | null> = {};
      measures.forEach((x, i) => (m[x.key] = tidy(v[3 + keys.length + i] as number | null)));
      return {
        keys: keyValues,
        groupedBy,
        isSubtotal: groupedBy.length > 0 && groupedBy.length < keys.length,
        isTotal: keys.length > 0 && groupedBy.length === 0,
        isFilled: false,
        count: v[2 + keys.length] as number,
        m,
      };
    });
    if (args.fillGaps)
      groups = fillGaps(
        groups,
        keys,
        dateKeys[0]!,
        filterRange(args.filter, dateKeys[0]!.name!),
        measures.map((m) => m.key),
      );
    return { groups };
  }
}

async function run(e: Entity, reader: Reader, args: AggregateArgs, tree: ResolveTree): Promise<{ groups: GroupRow[] }> {
  const { statement, read } = await compileAggregate(e.typeName, reader, args, selectedMeasures(e, tree));
  return read(await reader.arrays(statement, 'analytics'));
}

// ── resolvers, attached to the built schema ───────────────────────────────────────────────────────

const ID_ONLY = new Set(['id', 'rowId', '__typename']);

/** Gives the built schema the aggregates' resolvers (as attachResolvers does for the lists). */
export function attachAggregateResolvers(schema: GraphQLSchema): void {
  const query = schema.getQueryType()!.getFields();
  for (const e of entities.values()) {
    query[e.queryName]!.resolve = ((_root: unknown, args: AggregateArgs, ctx: Context, info: GraphQLResolveInfo) =>
      run(e, ctx.reader, args, treeOf(info))) as never;
    const group = schema.getType(`${e.typeName}AggregateGroup`);
    if (!isObjectType(group)) throw new Error(`${e.typeName}AggregateGroup is not an object type`);
    const measure = ((row: GroupRow, _args: unknown, _ctx: unknown, info: GraphQLResolveInfo) =>
      row.m[info.path.key as string] ?? null) as never;
    for (const [name, f] of Object.entries(group.getFields())) {
      if (!['keys', 'groupedBy', 'isSubtotal', 'isTotal', 'isFilled', 'count'].includes(name)) f.resolve = measure;
    }
    const keysType = schema.getType(`${e.typeName}GroupKeys`);
    if (!isObjectType(keysType)) throw new Error(`${e.typeName}GroupKeys is not an object type`);
    const fields = keysType.getFields();
    for (const k of e.keys.values()) {
      if (k.kind !== 'relation' && k.kind !== 'org') continue;
      fields[k.field]!.resolve = ((keys: Record<string, unknown>, _a: unknown, ctx: Context, info: GraphQLResolveInfo) => {
        const id = keys[k.field];
        if (id == null) return null;
        // Asked for its id only (a chart's series key): no statement needed. Decided once per place in the
        // operation (every group row shares it), not by parsing the selection again for each row.
        const idOnly = ctx.reader.perPlace(info.fieldNodes, `${k.target}:id-only`, () =>
          [...fieldsOn(treeOf(info), k.target!).values()].every((f) => ID_ONLY.has(f.name)),
        );
        if (idOnly) return asEntity(modelOf(k.target!), { id: id as number });
        return loadEntity(ctx, info, k.target!, id as number);
      }) as never;
    }
  }
}
