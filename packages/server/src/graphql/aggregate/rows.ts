/**
 * The inner select of an aggregate: the rows its filter matches, with each row's keys and the columns
 * its measures need. The rows' to-one relations it joins (one hop) are joined once each, shared by
 * organisation paths, keys through a relation and a filter on that relation — which then becomes the
 * join's own condition (an inner join on a to-one relation keeps exactly the rows `fk in (select …)`
 * would), so PostgreSQL reads the related table once, through the filter, instead of once for the
 * filter and again in full.
 */
import type { Reader } from '../../db/reader.js';
import { and, ident, join, raw, sql, type Sql } from '../../db/sql.js';
import { levelMap } from '../../org-tree/tree.js';
import { modelOf, type EntityModel } from '../model.js';
import { compileFilter, scopedFilter, type Compile } from '../where.js';
import { relationAlias, T } from './aliases.js';
import type { Entity, KeyDef } from './entity.js';
import { LEVELS, type Level } from './enums.js';

/** The to-one relations a statement joins, each once, with the part of the filter that restricts it. */
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

/** The SQL of a key's value on a row (organisation levels excepted: they come from the tree). */
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
    case 'band': {
      const { def, edges, year } = k.band!;
      const v = def.value(at, sql`${year!}::int`);
      const labels = k.ascending!;
      const whens = edges!.map((x, i) => sql`when ${v} < ${x}::int then ${labels[i]!}::text`);
      return sql`case when ${v} is null then null ${join(whens, ' ')} else ${labels.at(-1)!}::text end`;
    }
    default:
      return sql`${at}.${ident(k.column!)}`;
  }
}

export class Rows {
  readonly #hops: Hops;
  /** The organisation levels grouped by. */
  readonly #levels: Level[];

  constructor(
    readonly e: Entity,
    readonly q: Compile,
    readonly keys: KeyDef[],
  ) {
    this.#hops = new Hops(e.model);
    this.#levels = [...new Set(keys.filter((k) => k.kind === 'org').map((k) => k.level!))];
  }

  /** The filter's where clause: its parts on relations the statement joins anyway become their joins' conditions. */
  async where(filter: Record<string, unknown> | null | undefined, at: string[]): Promise<Sql> {
    const { e, q } = this;
    const joined = new Set([
      ...this.keys.filter((k) => k.via).map((k) => k.via!.name),
      ...(this.#levels.length ? e.spec.scope.filter((p) => p.includes('.')).map((p) => p.split('.')[0]!) : []),
    ]);
    const rest: Record<string, unknown> = { ...filter };
    for (const [name, value] of Object.entries(filter ?? {})) {
      if (!joined.has(name) || value == null || !e.model.relations.has(name)) continue;
      const target = modelOf(e.model.relations.get(name)!.target);
      this.#hops.restrict(name, await compileFilter(q, target, value as never, this.#hops.alias(name), [...at, 'filter', name], 1));
      delete rest[name];
    }
    return scopedFilter(q, e.model, rest as never, T, [...at, 'filter']);
  }

  /** The select: key `i` as `k<i>`, then the columns the measures need (`needs`), from the rows `where` keeps. */
  async select(reader: Reader, tz: string, needs: Map<string, Sql>, where: Sql): Promise<Sql> {
    const org = this.#levels.length ? this.#rowOrg() : undefined;
    for (const k of this.keys) if (k.via) this.#hops.alias(k.via.name);
    const joins = [...this.#hops.sql(), ...(org?.joins ?? [])];
    // Each organisation's level, from the instance's copy of the tree: an array indexed by organisation id.
    const levelOf = new Map<Level, Sql>();
    for (const l of this.#levels) levelOf.set(l, sql`(${await levelMap(reader, LEVELS[l].kinds)}::int[])[${org!.expr}]`);
    const columns: Sql[] = this.keys.map((k, i) => sql`${k.kind === 'org' ? levelOf.get(k.level!)! : keySql(k, tz)} as ${ident(`k${i}`)}`);
    for (const [alias, expr] of needs) columns.push(sql`${expr} as ${ident(alias)}`);
    if (!columns.length) columns.push(raw('1 as one'));
    return sql`select ${join(columns)} from ${ident(this.e.model.table)} ${T} ${joins.length ? join(joins, ' ') : raw('')} where ${and([where])}`;
  }

  /** The organisation each row belongs to: the first of its scope paths that reaches one (a coalesce over LEFT JOINs). */
  #rowOrg(): { joins: Sql[]; expr: Sql } {
    const joins: Sql[] = [];
    const ends: Sql[] = [];
    for (const path of this.e.spec.scope) {
      let model = this.e.model;
      let alias: Sql = T;
      const names = path.split('.');
      for (const [i, hop] of names.entries()) {
        const rel = model.allRelations.get(hop)!;
        if (i === names.length - 1) {
          ends.push(sql`${alias}.${ident(rel.column)}`);
          break;
        }
        if (i === 0) alias = this.#hops.alias(hop);
        else {
          const next = this.q.aliases.next();
          joins.push(sql`left join ${ident(modelOf(rel.target).table)} ${next} on ${next}."id" = ${alias}.${ident(rel.column)}`);
          alias = next;
        }
        model = modelOf(rel.target);
      }
    }
    return { joins, expr: ends.length === 1 ? ends[0]! : sql`coalesce(${join(ends)})` };
  }
}
