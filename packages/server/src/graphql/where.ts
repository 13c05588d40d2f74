/**
 * Compiles a typed filter input into one SQL condition with parameters. Every key of every entity's
 * `XFilter` is handled here by its kind (id, subtree, relation id, relation filter, column by scalar
 * type, and/or/not), so the inputs the schema derives and the SQL they mean cannot drift apart.
 */
import { badInput, orgNotFound, Reason } from '../errors.js';
import { decodeId, fromGlobalId } from './global-id.js';
import { MAX_FILTER_DEPTH } from './limits.js';
import { modelOf, type ColumnField, type EntityModel } from './model.js';
import { specOf } from './define-list.js';
import type { Reader } from '../db/reader.js';
import { and, escapeLike, ident, limit, or, raw, sql, type Sql } from '../db/sql.js';
import { assertInScope, assertMayName, outOfScope } from './scope.js';

type Input = Record<string, unknown>;

/** Above this many ids, a scope through two relations stays a subquery instead of an id list. */
const MAX_SCOPE_IDS = 5000;

const OPS: Record<string, string> = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

function operators(col: Sql, c: ColumnField, input: Input, field: string[]): Sql[] {
  const out: Sql[] = [];
  for (const [op, v] of Object.entries(input)) {
    if (v === undefined || v === null) continue;
    if (op in OPS) out.push(sql`${col} ${raw(OPS[op])} ${v}`);
    else if (op === 'in') out.push(sql`${col} = any(${v})`);
    else if (op === 'notIn') out.push(sql`not (${col} = any(${v}))`);
    else if (op === 'contains') out.push(sql`${col} ilike ${`%${escapeLike(v as string)}%`}`);
    else if (op === 'startsWith') out.push(sql`${col} ilike ${`${escapeLike(v as string)}%`}`);
    else if (op === 'isNull') out.push(v ? sql`${col} is null` : sql`${col} is not null`);
    else throw badInput(Reason.filterInvalid, [...field, op], `${c.name} 不支持过滤操作 ${op}`, `${c.name} has no filter operator ${op}`);
  }
  return out;
}

function idOperators(col: Sql, type: string, input: Input, field: string[]): Sql[] {
  const out: Sql[] = [];
  if (typeof input.eq === 'string') out.push(sql`${col} = ${decodeId(input.eq, type, [...field, 'eq'])}`);
  if (Array.isArray(input.in)) {
    const ids = input.in.map((v, i) => decodeId(String(v), type, [...field, 'in', String(i)]));
    // bigint[]: compares with an int id as well (one index operator family) and holds a partitioned table's bigint ids.
    out.push(sql`${col} = any(${ids}::bigint[])`);
  }
  if (typeof input.isNull === 'boolean') out.push(input.isNull ? sql`${col} is null` : sql`${col} is not null`);
  return out;
}

/** The ids in a materialised path ("/1/7/42/" → {1,7,42}): what organization_ancestors_index indexes. */
export const ancestors = (t: Sql): Sql => sql`string_to_array(trim(both '/' from ${t}."path"), '/')::int[]`;

/** "The organisation is in X's subtree", by X's id; X is remembered so the statement can check it exists. */
function inSubtree(q: Compile, id: number, globalId: string, field: string[], o: Sql): Sql {
  if (!q.orgs.has(id)) q.orgs.set(id, { globalId, field });
  return sql`${ancestors(o)} @> array[${id}]::int[]`;
}

/**
 * Marks every access-scope predicate in the SQL, so that a test can check that each statement a scoped
 * session runs over a fact table carries one (http/scope.test.ts).
 */
export const SCOPE_MARK = '/* access scope */';

/**
 * The request account's access scope on `model` (rows aliased `t`): its rows under one of the account's
 * roots, through the same relation paths `orgId` takes; null when nothing restricts it (reference data, or
 * an account that reaches the whole tree). One predicate inside the statement: no post-filter, so counts,
 * pages, nested connections and aggregates all see the same rows.
 */
export async function accessScope(q: Compile, model: EntityModel, t: Sql): Promise<Sql | null> {
  const roots = q.reader.scope;
  const spec = specOf(model.name);
  if (roots === null || spec.reference) return null;
  if (!roots.length) return sql`${raw(SCOPE_MARK)} false`;
  const under = (o: Sql) => sql`${ancestors(o)} && ${[...roots]}::int[]`;
  const key = `access:${roots.join(',')}`;
  return sql`${raw(SCOPE_MARK)} (${or(await Promise.all(spec.scope.map((p) => scopeCondition(q, model, t, p, under, key, true))))})`;
}

/** The global ids in a write's input, with where each is. */
function idsIn(value: unknown, field: string[], out: { type: string; id: number; globalId: string; field: string[] }[] = []) {
  if (typeof value === 'string') {
    const decoded = fromGlobalId(value);
    if (decoded) out.push({ ...decoded, globalId: value, field });
  } else if (Array.isArray(value)) value.forEach((v, i) => idsIn(v, [...field, String(i)], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) idsIn(v, [...field, k], out);
  return out;
}

/**
 * Refuses a write whose input names an organisation or a record outside the account's scope
 * (auth/out_of_scope), before the write reads anything: its own checks would otherwise answer first, and
 * their words tell what is there (“only an active full member can hold a position”, “already recorded as …”).
 * An id of no such record passes (the write says it does not exist); reference data (departments, surveys)
 * is checked by the organisations the write locks.
 */
export async function assertInputInScope(reader: Reader, input: unknown, field: string[]): Promise<void> {
  if (reader.scope === null) return;
  for (const ref of idsIn(input, field)) {
    if (ref.type === 'Organization') {
      await assertInScope(reader, ref.id, ref.globalId, ref.field);
      continue;
    }
    let model: EntityModel;
    try {
      model = modelOf(ref.type);
      if (specOf(ref.type).reference) continue;
    } catch {
      continue; // not an entity's id: the write refuses it itself
    }
    const q = compiling(reader);
    const t = ident('t');
    const scope = (await accessScope(q, model, t))!;
    const [row] = await reader.rows<{ inside: boolean }>(
      sql`select ${scope} as inside from ${ident(model.table)} ${t} where ${t}."id" = ${ref.id}`,
    );
    if (row && !row.inside) throw outOfScope(ref.globalId, ref.field);
  }
}

/** A filter's condition and the access scope, together. */
export async function scopedFilter(
  q: Compile,
  model: EntityModel,
  filter: Input | null | undefined,
  t: Sql,
  field: string[],
): Promise<Sql> {
  const where = await compileFilter(q, model, filter, t, field);
  const scope = await accessScope(q, model, t);
  return scope ? and([where, scope]) : where;
}

/**
 * A column for the statement that uses `q`'s conditions: how many of the organisations named by
 * `orgId` exist (so an unknown one is reported without a round trip of its own); null when none.
 */
export function orgCheck(q: Compile): Sql | null {
  if (!q.orgs.size) return null;
  return sql`(select count(*)::int from "organization" where "id" = any(${[...q.orgs.keys()]}::int[]))`;
}

/** Throws NOT_FOUND, naming the argument, when `found` (orgCheck's value) shows an organisation missing. */
export async function verifyOrgs(q: Compile, found: number | undefined): Promise<void> {
  if (!q.orgs.size || found === q.orgs.size) return;
  const rows = await q.reader.rows<{ id: number }>(sql`select "id" from "organization" where "id" = any(${[...q.orgs.keys()]}::int[])`);
  const present = new Set(rows.map((r) => r.id));
  for (const [id, { globalId, field }] of q.orgs) {
    if (present.has(id)) continue;
    throw orgNotFound(globalId, field);
  }
}

/** Aliases for subqueries, numbered per statement so equal filters give equal SQL text. */
export class Aliases {
  #n = 0;
  next(): Sql {
    return ident(`s${++this.#n}`);
  }
}

function relationOf(model: EntityModel, name: string) {
  const rel = model.allRelations.get(name);
  if (!rel) throw new Error(`${model.name} has no relation "${name}" (scope path)`);
  return rel;
}

/** Ids of the rows at the end of the first hop of `path` whose organisation lies in the subtree. */
function scopeSubquery(model: EntityModel, path: string[], subtree: (o: Sql) => Sql, aliases: Aliases): Sql {
  const [hop, ...rest] = path;
  const target = modelOf(relationOf(model, hop).target);
  const s = aliases.next();
  const where = rest.length
    ? sql`${s}.${ident(relationOf(target, rest[0]).column)} in (${scopeSubquery(target, rest, subtree, aliases)})`
    : subtree(s);
  return sql`select ${s}."id" from ${ident(target.table)} ${s} where ${where}`;
}

/**
 * "Under X" through a path of relations. One hop: a semi-join on the organisation path index. Two or
 * more (survey response → department → branch): the first hop's ids are looked up first, so the big
 * table is filtered by `department_id = any(…)` on its own index — as one statement with joins and an
 * OR of paths PostgreSQL scans the table instead (`pnpm bench`: a quarter of 30 M responses, 1 s
 * against tens of ms).
 */
async function scopeCondition(
  q: Compile,
  model: EntityModel,
  t: Sql,
  path: string,
  subtree: (o: Sql) => Sql,
  key: string,
  mark = false,
): Promise<Sql> {
  if (path === '') return subtree(t);
  const hops = path.split('.');
  const fk = sql`${t}.${ident(relationOf(model, hops[0]).column)}`;
  const sub = scopeSubquery(model, hops, subtree, q.aliases);
  if (hops.length === 1) return sql`${fk} in (${sub})`;
  const ids = await q.reader.memo(`scope:${model.name}:${path}:${key}`, async () => {
    const rows = await q.reader.rows<{ id: number }>(
      sql`${raw(mark ? `${SCOPE_MARK} ` : '')}${sub} order by 1 limit ${limit(MAX_SCOPE_IDS + 1)}`,
    );
    return rows.map((r) => r.id);
  });
  return ids.length > MAX_SCOPE_IDS ? sql`${fk} in (${sub})` : sql`${fk} = any(${ids}::int[])`;
}

async function orgScope(q: Compile, model: EntityModel, t: Sql, value: string, field: string[]): Promise<Sql> {
  const id = decodeId(value, 'Organization', field);
  await assertInScope(q.reader, id, value, field);
  const subtree = (o: Sql) => inSubtree(q, id, value, field, o);
  const paths = specOf(model.name).scope;
  return or(await Promise.all(paths.map((p) => scopeCondition(q, model, t, p, subtree, value))));
}

/** What compiling one statement's conditions shares: the request's reader, the statement's aliases, the organisations named. */
export interface Compile {
  reader: Reader;
  aliases: Aliases;
  orgs: Map<number, { globalId: string; field: string[] }>;
}

export const compiling = (reader: Reader): Compile => ({ reader, aliases: new Aliases(), orgs: new Map() });

/** Compiles `filter` on `model` (rows aliased `t`) into a condition; TRUE when empty. */
export async function compileFilter(
  q: Compile,
  model: EntityModel,
  filter: Input | null | undefined,
  t: Sql,
  field: string[],
  depth = 0,
): Promise<Sql> {
  if (!filter) return raw('true');
  const parts: Sql[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    const at = [...field, key];
    if (key === 'and' || key === 'or') {
      const subs = await Promise.all((value as Input[]).map((f, i) => compileFilter(q, model, f, t, [...at, String(i)], depth)));
      parts.push(key === 'and' ? and(subs) : or(subs));
    } else if (key === 'not') parts.push(sql`not (${await compileFilter(q, model, value as Input, t, at, depth)})`);
    else if (key === 'orgId') parts.push(await orgScope(q, model, t, value as string, at));
    else if (key === 'id') {
      assertMayName(q.reader, model.name, at);
      parts.push(...idOperators(sql`${t}."id"`, model.name, value as Input, at));
    } else if (key.endsWith('Id') && model.relations.has(key.slice(0, -2))) {
      const rel = model.relations.get(key.slice(0, -2))!;
      assertMayName(q.reader, rel.target, at);
      parts.push(...idOperators(sql`${t}.${ident(rel.column)}`, rel.target, value as Input, at));
    } else if (model.relations.has(key)) {
      if (depth >= MAX_FILTER_DEPTH) {
        throw badInput(
          Reason.filterTooDeep,
          at,
          `关系过滤最多嵌套 ${MAX_FILTER_DEPTH} 层`,
          `relation filters nest at most ${MAX_FILTER_DEPTH} levels`,
        );
      }
      const rel = model.relations.get(key)!;
      const target = modelOf(rel.target);
      const s = q.aliases.next();
      const inner = await compileFilter(q, target, value as Input, s, at, depth + 1);
      parts.push(sql`${t}.${ident(rel.column)} in (select ${s}."id" from ${ident(target.table)} ${s} where ${inner})`);
    } else if (specOf(model.name).computedFilters?.[key]) {
      const computed = specOf(model.name).computedFilters![key]!;
      parts.push(...operators(computed.value(t), { name: key, scalar: 'int' } as ColumnField, value as Input, at));
    } else {
      const c = model.columns.get(key);
      if (!c) throw badInput(Reason.filterInvalid, at, `不能按 ${key} 过滤`, `cannot filter on ${key}`);
      const col = sql`${t}.${ident(c.column)}`;
      parts.push(...(c.scalar === 'boolean' ? [sql`${col} = ${value}`] : operators(col, c, value as Input, at)));
    }
  }
  return and(parts);
}
