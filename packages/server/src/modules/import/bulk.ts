/**
 * An import's checked rows settled against the stored ones of the same natural key (what to create, update,
 * leave unchanged), then written in one statement each (one array a column, unnested): for the one-sheet kinds
 * of single rows (honours, research projects, model posts).
 */
import type { Queryable } from '../../indicators/cells.js';
import { countOf, type KindPlan } from './kind.js';
import { duplicateKeys, type Checker } from './lookup.js';
import type { SheetRecord } from './rows.js';
import { unnestOf, type SqlColumn } from './unnest.js';

/** A row whose cells passed the checks: the row it would store, the organisations it counts under, its day. */
export interface Checked<R> {
  r: SheetRecord;
  row: R;
  orgIds: readonly number[];
  day: string;
}

export interface Settled<R> extends Omit<KindPlan, 'problems'> {
  create: R[];
  update: (R & { id: number })[];
  /** The first day of what is created or changed (null: nothing). */
  from: string | null;
}

/**
 * What checked rows come to: a row repeating an earlier row's natural key is a problem (on `duplicate.field`);
 * the others are looked up among the stored rows (`stored`, by id: the first of a key counts). New ones are
 * created; stored ones whose `changed` columns differ, after `merge` (e.g. a blank cell keeping what is
 * stored), updated; the rest unchanged.
 */
export async function settle<R>(
  c: Checker,
  rows: readonly Checked<R>[],
  how: {
    keyOf: (row: R) => string;
    duplicate: { field: string; zh: string; en: string };
    stored: (rows: R[]) => Promise<(R & { id: number })[]>;
    changed: readonly (keyof R)[];
    merge?: (row: R, before: R) => R;
  },
): Promise<Settled<R>> {
  const keys = new Map(rows.map((x) => [x.r, how.keyOf(x.row)]));
  const { field, ...what } = how.duplicate;
  duplicateKeys(c, c.sheet.records, field, (r) => keys.get(r) ?? null, what);
  const before = new Map<string, R & { id: number }>();
  for (const b of await how.stored(rows.map((x) => x.row))) if (!before.has(how.keyOf(b))) before.set(how.keyOf(b), b);
  const out: Settled<R> = { orgIds: [], counts: [], create: [], update: [], from: null };
  let unchanged = 0;
  const orgs = new Set<number>();
  for (const { r, row, orgIds, day } of rows) {
    if (r.bad) continue;
    const b = before.get(how.keyOf(row));
    const after = b && how.merge ? how.merge(row, b) : row;
    if (b && how.changed.every((k) => b[k] === after[k])) {
      unchanged++;
      continue;
    }
    if (b) out.update.push({ ...after, id: b.id });
    else out.create.push(row);
    for (const o of orgIds) orgs.add(o);
    if (!out.from || day < out.from) out.from = day;
  }
  out.orgIds = [...orgs].toSorted((a, b) => a - b);
  out.counts = countOf(c.sheet, out.create.length, out.update.length, unchanged);
  return out;
}

/** A column written, and its PostgreSQL type (the array's element type). */
export type BulkColumn<R> = SqlColumn<R>;

/** Inserts `create` in one statement; sets the columns `set` of `update` (by id) in one, with updated_at. */
export async function writeRows<R>(
  db: Queryable,
  table: string,
  columns: readonly BulkColumn<R>[],
  set: readonly (keyof R & string)[],
  plan: { create: readonly R[]; update: readonly (R & { id: number })[] },
): Promise<void> {
  const { names, casts: unnest, arrays } = unnestOf(columns);
  if (plan.create.length)
    await db.query(`insert into ${table} (${names}) select * from unnest(${unnest(0)}) as r(${names})`, arrays(plan.create));
  if (plan.update.length)
    await db.query(
      `update ${table} t set ${set.map((c) => `${c} = r.${c}`).join(', ')}, updated_at = now()
       from unnest($1::int[], ${unnest(1)}) as r(id, ${names}) where t.id = r.id`,
      [plan.update.map((u) => u.id), ...arrays(plan.update)],
    );
}
