/** An import's new and changed rows written in one statement each (one array a column, unnested). */
import type { Queryable } from '../../indicators/cells.js';

/** A column written, and its PostgreSQL type (the array's element type). */
export interface BulkColumn<R> {
  name: keyof R & string;
  type: string;
}

/** Inserts `create` in one statement; sets the columns `set` of `update` (by id) in one, with updated_at. */
export async function writeRows<R>(
  db: Queryable,
  table: string,
  columns: readonly BulkColumn<R>[],
  set: readonly (keyof R & string)[],
  plan: { create: readonly R[]; update: readonly (R & { id: number })[] },
): Promise<void> {
  const names = columns.map((c) => c.name).join(', ');
  const unnest = (offset: number) => columns.map((c, i) => `$${i + 1 + offset}::${c.type}[]`).join(', ');
  const arrays = (rows: readonly R[]) => columns.map((c) => rows.map((r) => r[c.name]));
  if (plan.create.length)
    await db.query(`insert into ${table} (${names}) select * from unnest(${unnest(0)}) as r(${names})`, arrays(plan.create));
  if (plan.update.length)
    await db.query(
      `update ${table} t set ${set.map((c) => `${c} = r.${c}`).join(', ')}, updated_at = now()
       from unnest($1::int[], ${unnest(1)}) as r(id, ${names}) where t.id = r.id`,
      [plan.update.map((u) => u.id), ...arrays(plan.update)],
    );
}
