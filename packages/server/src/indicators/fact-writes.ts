/**
 * Recording, changing and deleting a fact that is one row (an honor, a research project, a model post, an
 * ethics event, an assessment) in the shared write transaction (writes.ts): the organisations the row
 * counts under before and after are locked first, then the row; the cells move from the earliest day the
 * row reached before or reaches after (a date moved from March to January moves both months); the audit
 * entry keeps the whole row before and after (a deletion: the row and the reason). A row gone meanwhile is
 * a coded not found (id/not_found), never a 500; deleting it again too.
 */
import { Reason } from '../errors.js';
import { toGlobalId } from '../graphql/global-id.js';
import { Problems } from '../graphql/problems.js';
import type { WriteResult } from '../graphql/write-result.js';
import type { Queryable } from './cells.js';
import { ScopeChanged, transact, type WriteContext, type WriteTx } from './writes.js';

/** A row as PostgreSQL's to_jsonb gives it: snake_case columns, dates as YYYY-MM-DD. */
export type FactRow = Record<string, unknown>;

export interface FactKind {
  /** Its table (the write's only one). */
  table: string;
  /** The GraphQL type of its global ids. */
  type: string;
  /** The audit actions' prefix: `<action>.create`, `.update`, `.delete`. */
  action: string;
  /** The organisations whose own cells the row counts under (from its column values). */
  orgsOf(db: Queryable, row: FactRow): Promise<(number | null)[]>;
  /** The first day whose periods the row's facts reach. */
  from(row: FactRow): string;
  /** Refuses (under the locks) a row that would repeat another: `id` is the row changed, null when new. */
  refuseDuplicate?(db: Queryable, row: FactRow, id: number | null): Promise<void>;
}

const rowOf = async (db: Queryable, kind: FactKind, id: number, lock: string): Promise<FactRow | null> =>
  ((await db.query(`select to_jsonb(x) as row from ${kind.table} x where x.id = $1 ${lock}`, [id])).rows[0]?.row as FactRow) ?? null;

/** id/not_found under `root`.`field`: a row deleted meanwhile (or before). */
function gone(root: string, field: string, kind: FactKind, id: number): never {
  const p = new Problems(root);
  p.add(
    field,
    Reason.idNotFound,
    `${kind.type} ${id} 不存在（可能已删除）`,
    `${kind.type} ${id} does not exist (it may have been deleted)`,
  );
  p.check();
  throw new Error('unreachable');
}

const known = (ids: (number | null)[]) => [...new Set(ids.filter((o): o is number => o != null))];

/**
 * Locks the organisations of the row as it is and as it will be, then the row; starts again when, once
 * locked, the row counts under an organisation not locked (it, or a person it names, moved meanwhile).
 */
async function lockRow(tx: WriteTx, kind: FactKind, at: { root: string; field: string }, id: number, values: FactRow) {
  const seen = await rowOf(tx.client, kind, id, '');
  if (!seen) gone(at.root, at.field, kind, id);
  const orgIds = known([...(await kind.orgsOf(tx.client, seen)), ...(await kind.orgsOf(tx.client, { ...seen, ...values }))]);
  await tx.lock(orgIds);
  const before = await rowOf(tx.client, kind, id, 'for update');
  if (!before) gone(at.root, at.field, kind, id);
  const now = known([...(await kind.orgsOf(tx.client, before)), ...(await kind.orgsOf(tx.client, { ...before, ...values }))]);
  if (now.some((o) => !orgIds.includes(o))) throw new ScopeChanged();
  return { before, orgIds };
}

const earliest = (dates: string[]) => dates.toSorted()[0]!;

/**
 * Records a new row (`id` null) or changes one (the columns in `values`, snake_case), from the checked
 * input; `root` and `field` name the id in problems (e.g. "recordResearchProject.input", "id").
 */
export async function saveFact(
  ctx: WriteContext,
  kind: FactKind,
  at: { root: string; field: string },
  id: number | null,
  values: FactRow,
): Promise<WriteResult> {
  return transact(ctx, { tables: [kind.table] }, async (tx) => {
    const db = tx.client;
    const { before, orgIds } =
      id == null ? { before: null, orgIds: known(await kind.orgsOf(db, values)) } : await lockRow(tx, kind, at, id, values);
    if (id == null) await tx.lock(orgIds);
    const after = { ...before, ...values };
    await kind.refuseDuplicate?.(db, after, id);
    const from = earliest([kind.from(after), ...(before ? [kind.from(before)] : [])]);
    const columns = Object.keys(values);
    const written = await tx.moving({ orgIds, from }, async () => {
      const { rows } =
        id == null
          ? await db.query(
              `insert into ${kind.table} (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
              Object.values(values),
            )
          : await db.query(
              `update ${kind.table} set ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() where id = $1 returning id`,
              [id, ...Object.values(values)],
            );
      return rows[0].id as number;
    });
    tx.audit({
      action: `${kind.action}.${id == null ? 'create' : 'update'}`,
      entity: kind.table,
      entityId: written,
      before,
      after: await rowOf(db, kind, written, ''),
    });
    return { id: toGlobalId(kind.type, written), rows: 1 };
  });
}

/** Checks a deletion's id and reason (every problem at once); the row's id. */
export async function checkDeletion(ctx: WriteContext, kind: FactKind, root: string, globalId: string, reason: string): Promise<number> {
  const p = new Problems(root);
  const id = p.id('id', globalId, kind.type);
  p.reason('reason', reason);
  await p.mustExist(ctx.pool, 'id', kind.table, id, kind.type);
  p.check();
  return id!;
}

/** Deletes a row with a reason (≥ 2 characters): the audit entry keeps the row as it was and the reason. */
export async function deleteFact(ctx: WriteContext, kind: FactKind, root: string, globalId: string, reason: string): Promise<WriteResult> {
  const id = await checkDeletion(ctx, kind, root, globalId, reason);
  return transact(ctx, { tables: [kind.table] }, async (tx) => {
    const { before, orgIds } = await lockRow(tx, kind, { root, field: 'id' }, id, {});
    await tx.moving({ orgIds, from: kind.from(before) }, () => tx.client.query(`delete from ${kind.table} where id = $1`, [id]));
    tx.audit({ action: `${kind.action}.delete`, entity: kind.table, entityId: id, before, after: { reason: reason.trim() } });
    return { id: globalId, rows: 1 };
  });
}

/**
 * Refuses (input/duplicate_record, naming it) a row equal to another on `columns` (its natural key),
 * the row being changed aside. `root` names where the problem goes, on `field`.
 */
export async function refuseSame(
  db: Queryable,
  kind: FactKind,
  at: { root: string; field: string },
  row: FactRow,
  columns: readonly string[],
  id: number | null,
): Promise<void> {
  const { rows } = await db.query(
    `select id from ${kind.table} where ${columns.map((c, i) => `${c} is not distinct from $${i + 2}`).join(' and ')} and id <> $1 limit 1`,
    [id ?? 0, ...columns.map((c) => row[c])],
  );
  if (!rows.length) return;
  const p = new Problems(at.root);
  const existing = toGlobalId(kind.type, rows[0].id as number);
  p.add(at.field, Reason.duplicate, `已有相同记录（${existing}）`, `already recorded as ${existing}`);
  p.check();
}
