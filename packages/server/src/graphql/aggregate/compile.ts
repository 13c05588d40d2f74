/**
 * One aggregate compiled into one statement: the inner select gives each filtered row its keys and
 * the columns its measures need; the outer one groups them (with GROUPING SETS for the totals), measures
 * each group, keeps those `having` allows and orders them — the asked ordering first, then the keys.
 */
import type { Reader } from '../../db/reader.js';
import { and, ident, join, limit as limitSql, raw, sql, textArray, type Sql } from '../../db/sql.js';
import { badInput, Reason } from '../../errors.js';
import { MAX_GROUPS } from '../limits.js';
import { OrderDirection } from '../type-factories.js';
import { compiling, orgCheck } from '../where.js';
import { T, X } from './aliases.js';
import { checkArgs } from './check.js';
import { entities, type KeyDef } from './entity.js';
import { assertMayName } from '../scope.js';
import { AggregateTotals } from './enums.js';
import { measurePlanner, type PlanMeasure } from './measures.js';
import { widened } from './compare.js';
import { readGroups } from './read.js';
import { Rows } from './rows.js';
import { guarded, PERSON_COLUMN, personsOf, smallGroup } from './suppress.js';
import { HAVING_OPS, type AggregateArgs, type GroupRow, type HavingOp, type MeasureInput } from './types.js';

export interface CompiledAggregate {
  statement: Sql;
  read: (rows: unknown[][]) => Promise<{ groups: GroupRow[] }>;
}

function havingSql(having: NonNullable<AggregateArgs['having']>, plan: PlanMeasure, at: string[]): Sql[] {
  return having.flatMap((h, i) => {
    const m = plan(h.measure, [...at, 'having', String(i), 'measure']);
    return (Object.keys(HAVING_OPS) as HavingOp[])
      .filter((op) => h[op] != null)
      .map((op) => sql`${m} ${raw(HAVING_OPS[op].sql)} ${h[op]}::float8`);
  });
}

/** Key `i` of the grouped rows. */
const kx = (i: number) => sql`${X}.${ident(`k${i}`)}`;
/** How key `i` sorts: an enum by its declared order, anything else by its value. */
const keyOrder = (k: KeyDef, i: number): Sql =>
  k.kind === 'enum' || k.kind === 'band' ? sql`array_position(${textArray(k.ascending!)}, ${kx(i)})` : kx(i);

type Ordering = NonNullable<AggregateArgs['orderBy']>[number];

function orderingSql(o: Ordering, i: number, keys: KeyDef[], plan: PlanMeasure, at: string[]): Sql {
  const dir = raw(o.direction === OrderDirection.DESC ? 'desc nulls last' : 'asc nulls last');
  if ((o.key == null) === (o.measure == null)) {
    throw badInput(
      Reason.aggregateInvalid,
      [...at, 'orderBy', String(i)],
      '每项排序需要 key 或 measure 之一',
      'each ordering needs either key or measure',
    );
  }
  if (o.key == null) return sql`${plan(o.measure!, [...at, 'orderBy', String(i), 'measure'])} ${dir}`;
  const idx = keys.findIndex((k) => k.value === o.key);
  if (idx < 0) {
    throw badInput(Reason.aggregateInvalid, [...at, 'orderBy', String(i), 'key'], `${o.key} 不在 groupBy 中`, `${o.key} is not in groupBy`);
  }
  return sql`${keyOrder(keys[idx]!, idx)} ${dir}`;
}

/** The asked ordering, then the keys in order: each group's detail rows before its subtotal, the grand total last. */
function orderSql(orderBy: Ordering[], keys: KeyDef[], grouped: boolean, plan: PlanMeasure, at: string[]): Sql[] {
  const order = orderBy.map((o, i) => orderingSql(o, i, keys, plan, at));
  keys.forEach((k, i) => {
    if (grouped) order.push(sql`grouping(${kx(i)})`);
    order.push(sql`${keyOrder(k, i)} asc nulls last`);
  });
  return order;
}

function groupClause(totals: AggregateTotals, keyList: Sql | null): Sql {
  if (!keyList) return raw('');
  switch (totals) {
    case AggregateTotals.ROLLUP:
      return sql` group by rollup (${keyList})`;
    case AggregateTotals.CUBE:
      return sql` group by cube (${keyList})`;
    case AggregateTotals.GRAND_TOTAL:
      return sql` group by grouping sets ((${keyList}), ())`;
    default:
      return sql` group by ${keyList}`;
  }
}

interface Outer {
  inner: Sql;
  /** With small-cell suppression: the condition of a small group and the persons it stands on (suppress.ts). */
  small: { condition: Sql; persons: Sql } | null;
  check: Sql | null;
  keys: KeyDef[];
  totals: AggregateTotals;
  measures: Sql[];
  having: Sql[];
  order: Sql[];
  cap: number;
}

/** The grouping select over the inner one: the organisation check, the keys, the grouping bits, the count, the measures. */
function outerSelect({ inner, small, check, keys, totals, measures, having, order, cap }: Outer): Sql {
  const keyList = keys.length ? join(keys.map((_, i) => kx(i))) : null;
  const columns: Sql[] = [
    check ?? raw('null::int'),
    ...keys.map((k, i) => (k.kind === 'date' ? sql`${kx(i)}::text` : kx(i))),
    keyList && totals !== AggregateTotals.NONE ? sql`grouping(${keyList})` : raw('0'),
    small ? guarded(small.condition, raw('count(*)::int')) : raw('count(*)::int'),
    ...measures,
    ...(small ? [small.persons] : []),
  ];
  return sql`select ${join(columns)}
    from (${inner}) ${X}${groupClause(totals, keyList)}
    ${having.length ? sql`having ${and(having)}` : raw('')}
    ${order.length ? sql`order by ${join(order)}` : raw('')} limit ${limitSql(cap + 1)}`;
}

/**
 * One aggregate's statement and how its rows become groups. `measures` are the selected measures by
 * response key. Exported for the benchmark's SQL floor (the same statement run straight on pg).
 */
export async function compileAggregate(
  typeName: string,
  reader: Reader,
  args: AggregateArgs,
  measuresAsked: Map<string, MeasureInput>,
): Promise<CompiledAggregate> {
  const e = entities.get(typeName);
  if (!e) throw new Error(`${typeName} has no aggregate`);
  const at = [e.queryName];
  const { keys, tz, totals, fillKeys, compareKey } = checkArgs(e, args, at);
  for (const k of keys) if (k.kind === 'relation' && k.target) assertMayName(reader, k.target, [...at, 'groupBy']);
  const q = compiling(reader);
  const rows = new Rows(e, q, keys);
  // compareTo reads the rows of the period before the filter's first one too (one statement); read.ts drops its groups.
  const where = await rows.where(compareKey ? widened(args.filter, compareKey, args.compareTo!) : args.filter, at);
  const { plan: planned, needs } = measurePlanner(e);
  // Small cells (suppress.ts): each row's person is read, and every figure of a small group is null.
  const persons = reader.minCell > 0 ? e.spec.aggregate?.persons : undefined;
  const small = persons ? { condition: smallGroup(persons, reader.minCell), persons: personsOf(persons) } : null;
  if (persons && persons !== 'id') needs.set(PERSON_COLUMN, sql`${T}.${ident(persons)}`);
  const plan: PlanMeasure = small ? (m, path) => guarded(small.condition, planned(m, path)) : planned;
  const measures = [...measuresAsked].map(([key, m]) => ({ key, sql: plan(m, [...at, 'groups', key]) }));
  const having = havingSql(args.having ?? [], plan, at);
  const order = orderSql(args.orderBy ?? [], keys, totals !== AggregateTotals.NONE && keys.length > 0, plan, at);
  const inner = await rows.select(reader, tz, needs, where);
  const check = orgCheck(q);
  const cap = Math.min(args.limit ?? MAX_GROUPS, MAX_GROUPS);
  const statement = outerSelect({ inner, small, check, keys, totals, measures: measures.map((m) => m.sql), having, order, cap });
  const reading = {
    q,
    check,
    at,
    args,
    keys,
    fillKeys,
    compareKey,
    measures: measures.map((m) => m.key),
    cap,
    minCell: small ? reader.minCell : 0,
  };
  return { statement, read: (result) => readGroups(result, reading) };
}
