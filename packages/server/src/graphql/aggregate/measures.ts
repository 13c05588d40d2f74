/**
 * Measures: which ones an operation selects on the groups (a measure is computed only when asked,
 * under its response key), and each one's SQL over the grouped rows `x`, with the columns of `t` the
 * inner select must expose for it.
 */
import { ident, raw, sql, type Sql } from '../../db/sql.js';
import { badInput, Reason } from '../../errors.js';
import { fieldsOn, type ResolveTree } from '../selection.js';
import { T, X } from './aliases.js';
import type { Entity } from './entity.js';
import { AggregateFunction } from './enums.js';
import type { MeasureInput } from './types.js';

interface Planned {
  /** SQL of the measure over the grouped rows `x`. */
  sql: Sql;
  /** Columns of `t` the inner select must expose for it. */
  needs: Map<string, Sql>;
}

/** The measures of one field each, by function (COUNT, PERCENTILE and RATIO aside). */
const OVER_FIELD: Partial<Record<AggregateFunction, (col: Sql) => Sql>> = {
  [AggregateFunction.COUNT_DISTINCT]: (col) => sql`count(distinct ${col})::int`,
  [AggregateFunction.SUM]: (col) => sql`sum(${col})::float8`,
  [AggregateFunction.AVG]: (col) => sql`avg(${col})::float8`,
  [AggregateFunction.MIN]: (col) => sql`min(${col})::float8`,
  [AggregateFunction.MAX]: (col) => sql`max(${col})::float8`,
  [AggregateFunction.MEDIAN]: (col) => sql`(percentile_cont(0.5) within group (order by ${col}))::float8`,
};

/** The measured field's column in `x` (numeric unless counted distinct), added to `needs`. */
function fieldColumn(e: Entity, m: MeasureInput, at: string[], needs: Map<string, Sql>): Sql {
  if (!m.field) throw badInput(Reason.aggregateInvalid, [...at, 'field'], `${m.fn} 需要 field`, `${m.fn} needs a field`);
  const f = e.fields.get(m.field);
  if (!f) throw badInput(Reason.aggregateInvalid, [...at, 'field'], `没有字段 ${m.field}`, `no field ${m.field}`);
  if (m.fn !== AggregateFunction.COUNT_DISTINCT && !f.numeric) {
    throw badInput(
      Reason.aggregateNotNumeric,
      [...at, 'field'],
      `${m.fn} 只能用于数值字段，${m.field} 不是数值字段`,
      `${m.fn} needs a numeric field; ${m.field} is not numeric`,
    );
  }
  const alias = `c_${f.name}`;
  needs.set(alias, sql`${T}.${ident(f.column)}`);
  return sql`${X}.${ident(alias)}`;
}

function percentileSql(e: Entity, m: MeasureInput, at: string[], needs: Map<string, Sql>): Sql {
  const p = m.p;
  if (p == null) throw badInput(Reason.aggregateInvalid, [...at, 'p'], 'PERCENTILE 需要 p', 'PERCENTILE needs p');
  if (!(p >= 0 && p <= 1))
    throw badInput(Reason.aggregateInvalid, [...at, 'p'], `p 应在 0–1（如 0.9）`, `p must be from 0 to 1 (e.g. 0.9)`);
  return sql`(percentile_cont(${raw(String(p))}) within group (order by ${fieldColumn(e, m, at, needs)}))::float8`;
}

/**
 * A ratio the entity defines, in percent: rows meeting its numerator among rows meeting its denominator; or
 * either count alone (a rate comes with its counts: 3 of 4 is not 75 of 100).
 */
function ratioSql(e: Entity, m: MeasureInput, at: string[], needs: Map<string, Sql>): Sql {
  const r = m.ratio ? e.ratios.get(m.ratio) : undefined;
  if (!r) {
    throw badInput(
      Reason.aggregateInvalid,
      [...at, 'ratio'],
      e.ratios.size ? 'RATIO 需要 ratio' : `${e.spec.queryName} 没有定义比率`,
      e.ratios.size ? 'RATIO needs a ratio' : `${e.spec.queryName} defines no ratio`,
    );
  }
  const num = `r_${r.name}_num`;
  const den = `r_${r.name}_den`;
  needs.set(num, r.def.numerator(T));
  needs.set(den, r.def.denominator(T));
  if (m.fn === AggregateFunction.RATIO_NUMERATOR) return sql`(count(*) filter (where ${X}.${ident(num)}))::int`;
  if (m.fn === AggregateFunction.RATIO_DENOMINATOR) return sql`(count(*) filter (where ${X}.${ident(den)}))::int`;
  return sql`(100.0 * count(*) filter (where ${X}.${ident(num)}) / nullif(count(*) filter (where ${X}.${ident(den)}), 0))::float8`;
}

/** One measure's SQL (`at` is its argument's path, for the errors). */
function measureSql(e: Entity, m: MeasureInput, at: string[]): Planned {
  const needs = new Map<string, Sql>();
  switch (m.fn) {
    case AggregateFunction.COUNT:
      return { sql: raw('count(*)::int'), needs };
    case AggregateFunction.PERCENTILE:
      return { sql: percentileSql(e, m, at, needs), needs };
    case AggregateFunction.RATIO:
    case AggregateFunction.RATIO_NUMERATOR:
    case AggregateFunction.RATIO_DENOMINATOR:
      return { sql: ratioSql(e, m, at, needs), needs };
    default:
      return { sql: OVER_FIELD[m.fn]!(fieldColumn(e, m, at, needs)), needs };
  }
}

/** Plans a measure's SQL; what it needs from the rows gathers in `needs`, shared by every measure of the statement. */
export type PlanMeasure = (m: MeasureInput, at: string[]) => Sql;

export function measurePlanner(e: Entity): { plan: PlanMeasure; needs: Map<string, Sql> } {
  const needs = new Map<string, Sql>();
  const plan: PlanMeasure = (m, at) => {
    const p = measureSql(e, m, at);
    p.needs.forEach((v, k) => needs.set(k, v));
    return p.sql;
  };
  return { plan, needs };
}

/** The group fields that are measures over a field, by GraphQL field name. */
const FIELD_MEASURES: Record<string, AggregateFunction> = {
  countDistinct: AggregateFunction.COUNT_DISTINCT,
  sum: AggregateFunction.SUM,
  avg: AggregateFunction.AVG,
  min: AggregateFunction.MIN,
  max: AggregateFunction.MAX,
  median: AggregateFunction.MEDIAN,
  percentile: AggregateFunction.PERCENTILE,
};

/** The measures the operation selects on the groups, by response key. */
export function selectedMeasures(e: Entity, tree: ResolveTree): Map<string, MeasureInput> {
  const out = new Map<string, MeasureInput>();
  for (const f of fieldsOn(tree, `${e.typeName}Aggregate`).values()) {
    if (f.name !== 'groups') continue;
    // The compared group's measures (and the change's) come from the same statement, under their aliases.
    const compared = [...fieldsOn(f, `${e.typeName}AggregateGroup`).values()].filter((m) => m.name === 'compared' || m.name === 'change');
    const selected = [
      ...compared.flatMap((c) => [...fieldsOn(c, `${e.typeName}AggregateGroup`)]),
      ...fieldsOn(f, `${e.typeName}AggregateGroup`),
    ];
    for (const [mk, m] of selected) {
      const args = m.args as { field?: string; p?: number };
      const fn = FIELD_MEASURES[m.name];
      if (fn) out.set(mk, { fn, field: args.field ?? null, p: args.p ?? null });
      else {
        const ratio = [...e.ratios.entries()].find(([, r]) => [r.name, `${r.name}Numerator`, `${r.name}Denominator`].includes(m.name));
        if (ratio) {
          const fn = m.name.endsWith('Numerator')
            ? AggregateFunction.RATIO_NUMERATOR
            : m.name.endsWith('Denominator')
              ? AggregateFunction.RATIO_DENOMINATOR
              : AggregateFunction.RATIO;
          out.set(mk, { fn, ratio: ratio[0] });
        }
      }
    }
  }
  return out;
}
