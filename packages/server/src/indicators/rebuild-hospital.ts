/**
 * A rebuild of the cells one hospital at a time (`pnpm indicators:rebuild --hospital <id|all>`).
 *
 * `rebuildCells` (cells.ts) recomputes every cell in one transaction: 633 s at province scale, so at national
 * scale (≈ 3,000 hospitals, ≈ 30× the province) hours in one transaction that a crash throws away whole. Here
 * the unit is one hospital: its subtree's cells are recomputed from the base tables in a transaction of their
 * own, and every organisation above it (its provincial body, the national one) gets the difference between
 * the hospital's committee's new and old cells, so those stay exact without recomputing any other hospital.
 * `all` walks the hospitals in id order, one transaction each, recording each one done in
 * `indicator_rebuild_progress` in the same transaction: an interrupted run (killed, the machine restarted)
 * resumes after the last hospital it committed; `--restart` forgets the progress and starts over.
 *
 * What cells.ts is relied on for: only its exported functions (the stored range, its periods, the organisation
 * locks writes take) and the own-cell statements of sql.ts. The ancestors' difference is added here in the
 * same key order every write uses (organisation, period, indicator), so it never deadlocks with a write.
 */
import type { MonthRange, Queryable } from './cells.js';
import { lockOrganisations, noJit, periodsOf, storedRange } from './cells.js';
import { STORED_IDS, ownCellsSql } from './sql.js';

export interface HospitalRebuild {
  hospitalId: number;
  /** Cells of the hospital's subtree after the rebuild. */
  cells: number;
  /** Cells of the subtree whose value the rebuild changed (0 when they were exact). */
  changed: number;
  ms: number;
}

/** The hospital's committee, its path and its subtree's organisations (in id order). */
async function hospitalSubtree(db: Queryable, hospitalId: number) {
  const { rows: found } = await db.query<{ committee: number; path: string }>(
    `select o.id as committee, o.path from hospital h join organization o on o.id = h.committee_id where h.id = $1`,
    [hospitalId],
  );
  if (!found[0]) throw new Error(`没有编号为 ${hospitalId} 的医院 / no hospital with id ${hospitalId} (E_REBUILD_NO_HOSPITAL)`);
  const { committee, path } = found[0];
  const { rows: subtree } = await db.query<{ id: number }>(`select id from organization where path like $1 || '%' order by id`, [path]);
  return { committee, path, orgIds: subtree.map((r) => r.id) };
}

/** fresh_cell (temporary, dropped at commit): the subtree's cells recomputed from the base tables. */
async function fillFresh(db: Queryable, range: MonthRange, orgIds: number[]): Promise<void> {
  const periods = periodsOf(range);
  const values = [periods.map((p) => p.key), periods.map((p) => p.start), periods.map((p) => p.end), orgIds];
  await db.query(`create temporary table fresh_cell (like indicator_cell) on commit drop`);
  await noJit(db);
  for (const id of STORED_IDS) {
    // The subtree totals of the subtree's organisations only: its own cells rolled up to the committee.
    await db.query(
      `with own as (${ownCellsSql(id)})
       insert into fresh_cell (indicator_id, org_id, period, numerator, denominator)
       select '${id}', anc.id, own.key, sum(own.num), sum(own.den)
       from own join organization o on o.id = own.org_id
       cross join unnest(string_to_array(trim(both '/' from o.path), '/')::int[]) as anc(id)
       where anc.id = any($4::int[])
       group by anc.id, own.key`,
      values,
    );
  }
}

/**
 * cell_change (temporary, dropped at commit): what differs between the subtree's stored cells and fresh_cell, a
 * cell to set (the fresh values) or to remove (no fresh cell). Returns how many cells' values differ. Only those
 * are written, not the whole subtree deleted and inserted again: a rebuild mostly finds the cells exact, and
 * rewriting a province hospital's 446,472 cells (each insert through the key, the second index and the
 * organisation's foreign key) took 18.5 of its 27 s and left as many dead rows.
 */
async function diffCells(db: Queryable, orgIds: number[]): Promise<number> {
  await db.query(
    `create temporary table cell_change on commit drop as
     select indicator_id, org_id, period, f.numerator, f.denominator,
       coalesce(s.numerator, 0) <> coalesce(f.numerator, 0) or coalesce(s.denominator, 0) <> coalesce(f.denominator, 0) as differs
     from (select * from indicator_cell where org_id = any($1::int[])) s
       full join fresh_cell f using (indicator_id, org_id, period)
     where s.org_id is null or f.org_id is null or s.numerator <> f.numerator or s.denominator <> f.denominator`,
    [orgIds],
  );
  const { rows: changed } = await db.query<{ n: number }>(`select count(*) filter (where differs)::int as n from cell_change`);
  return changed[0]!.n;
}

/** Writes cell_change into the stored cells: the differing ones set, the stray ones removed. */
async function applyChanges(db: Queryable): Promise<void> {
  await db.query(
    `delete from indicator_cell c using cell_change x
     where x.numerator is null and c.org_id = x.org_id and c.period = x.period and c.indicator_id = x.indicator_id`,
  );
  await db.query(
    `insert into indicator_cell (indicator_id, org_id, period, numerator, denominator)
     select indicator_id, org_id, period, numerator, denominator from cell_change where numerator is not null
     order by org_id, period, indicator_id
     on conflict (org_id, period, indicator_id) do update
       set numerator = excluded.numerator, denominator = excluded.denominator`,
  );
}

/**
 * Rebuilds one hospital's cells in the caller's transaction: the subtree of its committee recomputed from
 * the base tables, the committee's difference added to every organisation above it.
 */
export async function rebuildHospital(db: Queryable, hospitalId: number): Promise<HospitalRebuild> {
  const started = performance.now();
  const range = await storedRange(db);
  if (!range)
    throw new Error(
      '指标单元格尚未建立，请先运行 `pnpm indicators:rebuild` / the indicator cells were never built: run `pnpm indicators:rebuild` first',
    );
  const { committee, path, orgIds } = await hospitalSubtree(db, hospitalId);
  // The subtree's writes wait for the rebuild (and it for them): a write committing between the recount and
  // the replacement would otherwise be lost from the subtree and counted twice above it.
  await lockOrganisations(db, orgIds);
  await fillFresh(db, range, orgIds);
  const changed = await diffCells(db, orgIds);
  // Above the committee: its new cells less its old ones (kept aside before the old ones go).
  await db.query(
    `create temporary table committee_diff on commit drop as
     select indicator_id, period, sum(num) as num, sum(den) as den from (
       select indicator_id, period, numerator as num, denominator as den from fresh_cell where org_id = $1
       union all
       select indicator_id, period, -numerator, -denominator from indicator_cell where org_id = $1) x
     group by 1, 2 having sum(num) <> 0 or sum(den) <> 0`,
    [committee],
  );
  await applyChanges(db);
  const { rows: count } = await db.query<{ n: number }>(`select count(*)::int as n from fresh_cell`);
  // Added to each ancestor last, in the writes' key order: the rows of the bodies above (shared by every
  // hospital under them) stay locked only from here to the commit, so rebuilds of several hospitals at once
  // mostly overlap.
  await db.query(
    `insert into indicator_cell (indicator_id, org_id, period, numerator, denominator)
     select d.indicator_id, anc.id, d.period, d.num, d.den
     from committee_diff d cross join unnest(string_to_array(trim(both '/' from $2::text), '/')::int[]) as anc(id)
     where anc.id <> $1
     order by 2, 3, 1
     on conflict (org_id, period, indicator_id) do update
       set numerator = indicator_cell.numerator + excluded.numerator,
           denominator = indicator_cell.denominator + excluded.denominator`,
    [committee, path],
  );
  await db.query(`drop table committee_diff`);
  await db.query(`drop table cell_change`);
  await db.query(`drop table fresh_cell`);
  return { hospitalId, cells: count[0]!.n, changed, ms: performance.now() - started };
}

export interface RebuildAllOptions {
  /** Forget the recorded progress first: every hospital is rebuilt again. */
  restart?: boolean;
  /** Called after each hospital's transaction committed; throwing stops the run (as a kill would). */
  onHospital?: (done: HospitalRebuild, index: number, total: number) => void | Promise<void>;
}

export interface RebuildAllResult {
  /** Hospitals rebuilt by this run. */
  rebuilt: HospitalRebuild[];
  /** Hospitals an earlier, interrupted run had already rebuilt (skipped). */
  skipped: number;
  total: number;
}

/**
 * Rebuilds every hospital, one transaction each, on a connection of its own (not in a transaction: this
 * function opens and commits them). Each hospital done is recorded in its own transaction, so a rerun after
 * an interruption starts at the first hospital not recorded.
 */
export async function rebuildAllHospitals(db: Queryable, options: RebuildAllOptions = {}): Promise<RebuildAllResult> {
  if (options.restart) await db.query(`delete from indicator_rebuild_progress`);
  const { rows: todo } = await db.query<{ id: number }>(
    `select h.id from hospital h where not exists (select 1 from indicator_rebuild_progress p where p.hospital_id = h.id) order by h.id`,
  );
  const { rows: all } = await db.query<{ n: number }>(`select count(*)::int as n from hospital`);
  const total = all[0]!.n;
  const skipped = total - todo.length;
  const rebuilt: HospitalRebuild[] = [];
  for (const { id } of todo) {
    await db.query('begin');
    try {
      const r = await rebuildHospital(db, id);
      await db.query(
        `insert into indicator_rebuild_progress (hospital_id, cells, ms, rebuilt_at) values ($1, $2, $3, now())
         on conflict (hospital_id) do update set cells = excluded.cells, ms = excluded.ms, rebuilt_at = now()`,
        [id, r.cells, Math.round(r.ms)],
      );
      await db.query('commit');
      rebuilt.push(r);
    } catch (err) {
      await db.query('rollback').catch(() => undefined);
      throw err;
    }
    await options.onHospital?.(rebuilt.at(-1)!, skipped + rebuilt.length, total);
  }
  return { rebuilt, skipped, total };
}
