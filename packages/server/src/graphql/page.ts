/**
 * Page primitives shared by root lists, nested connections and aggregates: keyset (cursor) pagination in
 * both directions over any declared ordering, with the id as the final tie-break; cursors; the
 * connection over a fetched page.
 */
import { badInput, Reason } from '../errors.js';
import { ident, join, or, and, raw, sql, type Sql, textArray } from '../db/sql.js';
import type { Row } from '../db/reader.js';
import { EMPTY_PAGE, type ConnectionShape, type PageInfo } from './connection.js';
import { DEFAULT_PAGE, MAX_PAGE } from './limits.js';
import type { EntityModel } from './model.js';

export interface ListArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  filter?: Record<string, unknown> | null;
  orderBy?: { field: string; direction: 'ASC' | 'DESC' }[] | null;
}

type Kind = 'int' | 'float' | 'decimal' | 'string' | 'boolean' | 'date' | 'datetime';

export interface OrderKey {
  /** The key's expression for rows aliased `t`. */
  expr: (t: Sql) => Sql;
  desc: boolean;
  nullable: boolean;
  kind: Kind;
}

const idKey = (desc: boolean): OrderKey => ({ expr: (t) => sql`${t}."id"`, desc, nullable: false, kind: 'int' });

function orderKeys(model: EntityModel, args: ListArgs, field: string[]): OrderKey[] {
  const keys: OrderKey[] = [];
  for (const [i, o] of (args.orderBy ?? []).entries()) {
    const desc = o.direction === 'DESC';
    // The id is unique: it ends the ordering, nothing after it could change it.
    if (o.field === 'id') return [...keys, idKey(desc)];
    const c = model.columns.get(o.field);
    if (!c) throw badInput(Reason.orderInvalid, [...field, 'orderBy', String(i)], `不能按 ${o.field} 排序`, `cannot order by ${o.field}`);
    const col = (t: Sql) => sql`${t}.${ident(c.column)}`;
    // Enums sort by their declared order (ranked ones lowest first), never by the stored text.
    const order = c.enum ? textArray(c.enum.ascending) : undefined;
    if (order) keys.push({ expr: (t) => sql`array_position(${order}, ${col(t)})`, desc, nullable: c.nullable, kind: 'int' });
    else keys.push({ expr: col, desc, nullable: c.nullable, kind: c.scalar as Kind });
  }
  return [...keys, idKey(keys[0]?.desc ?? false)];
}

const encodeCursor = (values: unknown[]): string => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');

function validCursorValue(v: unknown, k: OrderKey): boolean {
  if (v === null) return k.nullable;
  if (k.kind === 'int' || k.kind === 'float') return typeof v === 'number' && Number.isFinite(v);
  if (k.kind === 'boolean') return typeof v === 'boolean';
  if (k.kind === 'date') return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
  return typeof v === 'string' && v.length <= 1000;
}

function decodeCursor(value: string, keys: OrderKey[], field: string[]): unknown[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== keys.length || !decoded.every((v, i) => validCursorValue(v, keys[i]))) {
    throw badInput(Reason.cursorInvalid, field, '游标无效（或与当前排序不匹配）', 'invalid cursor (or one made for another ordering)');
  }
  return decoded;
}

/** NULL sorts as the largest value (PostgreSQL's default: last ascending, first descending). */
function afterValue(x: Sql, k: OrderKey, v: unknown): Sql {
  if (!k.nullable) return sql`${x} ${raw(k.desc ? '<' : '>')} ${v}`;
  if (v === null) return k.desc ? sql`${x} is not null` : raw('false');
  return k.desc ? sql`${x} < ${v}` : sql`(${x} > ${v} or ${x} is null)`;
}

const equal = (x: Sql, v: unknown): Sql => (v === null ? sql`${x} is null` : sql`${x} = ${v}`);

/** Rows (aliased `t`) strictly after the cursor in the given order. */
export function keyset(keys: OrderKey[], values: unknown[], t: Sql): Sql {
  const xs = keys.map((k) => k.expr(t));
  if (keys.every((k) => !k.nullable && k.desc === keys[0].desc)) {
    // One row comparison: what a (col, id) index serves directly.
    return sql`(${join(xs)}) ${raw(keys[0].desc ? '<' : '>')} (${join(values.map((v) => sql`${v}`))})`;
  }
  return or(keys.map((k, i) => and([...keys.slice(0, i).map((_, j) => equal(xs[j], values[j])), afterValue(xs[i], k, values[i])])));
}

export function pageSize(args: ListArgs, field: string[]): { size: number; backward: boolean } {
  for (const key of ['first', 'last'] as const) {
    const v = args[key];
    if (v !== undefined && v !== null && (v < 0 || v > MAX_PAGE)) {
      throw badInput(
        Reason.paginationRange,
        [...field, key],
        `${key} 必须在 0 到 ${MAX_PAGE} 之间`,
        `${key} must be between 0 and ${MAX_PAGE}`,
      );
    }
  }
  if (args.first != null && args.last != null) {
    throw badInput(Reason.paginationBoth, [...field, 'last'], 'first 与 last 不能同时使用', 'first and last cannot be used together');
  }
  return args.last != null ? { size: args.last, backward: true } : { size: args.first ?? DEFAULT_PAGE, backward: false };
}

/** Everything a page statement needs, checked before any SQL runs. */
export interface PagePlan {
  keys: OrderKey[];
  size: number;
  backward: boolean;
  cursor: unknown[] | null;
  hasCursor: { after: boolean; before: boolean };
}

export function planPage(model: EntityModel, args: ListArgs, field: string[]): PagePlan {
  const { size, backward } = pageSize(args, field);
  const keys = orderKeys(model, args, field);
  const after = args.after ? decodeCursor(args.after, keys, [...field, 'after']) : null;
  const before = args.before ? decodeCursor(args.before, keys, [...field, 'before']) : null;
  // Paging backwards is paging forwards in the reversed order from `before`.
  const directed = backward ? keys.map((k) => ({ ...k, desc: !k.desc })) : keys;
  return { keys: directed, size, backward, cursor: backward ? before : after, hasCursor: { after: !!after, before: !!before } };
}

const direction = (k: OrderKey) => raw(k.desc ? 'desc' : 'asc');

/** `order by …`, the keys selected as "__k0"… for the rows' cursors, and the same order over those keys. */
export function orderSql(plan: PagePlan, t: Sql): { order: Sql; keyColumns: Sql; aggregateOrder: Sql } {
  return {
    order: join(plan.keys.map((k) => sql`${k.expr(t)} ${direction(k)}`)),
    keyColumns: join(plan.keys.map((k, i) => sql`${k.expr(t)} as ${ident(`__k${i}`)}`)),
    aggregateOrder: join(plan.keys.map((k, i) => sql`${ident(`__k${i}`)} ${direction(k)}`)),
  };
}

/** A connection over rows already materialised (size + 1 at most: the extra one says whether more follow). */
export function toConnection(plan: PagePlan, fetched: Row[], count: () => Promise<number> | number): ConnectionShape<Row> {
  const more = fetched.length > plan.size;
  const nodes = more ? fetched.slice(0, plan.size) : fetched;
  if (plan.backward) nodes.reverse();
  // A bigint id (a partitioned fact table's, db/partitions.ts) reads back as a string: a number in the cursor.
  const cursor = (r: Row) =>
    encodeCursor(plan.keys.map((k, i) => (k.kind === 'int' && typeof r[`__k${i}`] === 'string' ? Number(r[`__k${i}`]) : r[`__k${i}`])));
  const pageInfo: PageInfo = nodes.length
    ? {
        hasNextPage: plan.backward ? plan.hasCursor.before : more,
        hasPreviousPage: plan.backward ? more : plan.hasCursor.after,
        startCursor: cursor(nodes[0]),
        endCursor: cursor(nodes.at(-1)!),
      }
    : { ...EMPTY_PAGE, hasNextPage: !plan.backward && more, hasPreviousPage: plan.backward && more };
  return {
    nodes,
    get edges() {
      return nodes.map((node) => ({ cursor: cursor(node), node }));
    },
    pageInfo,
    get totalCount() {
      return count();
    },
  };
}
