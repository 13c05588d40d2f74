/**
 * Partitioned facts: survey_response, partitioned by range on `responded_on`, and audit_log, on `at` (UTC
 * months), one partition a month.
 *
 * The window: one partition for everything before PARTITIONED_FROM (`survey_response_before`, from MINVALUE:
 * older data of an upgraded hub always has a place, and the migration never fails on it), then one per month
 * from PARTITIONED_FROM up to MONTHS_AHEAD months after the current one. There is no DEFAULT partition: a
 * row dated after the window is refused (PostgreSQL 23514 "no partition of relation … found for row",
 * `outOfWindow` turns it into a coded error), never parked in a default partition that would later block
 * creating its month's partition.
 *
 * The window is a function of the date alone, so the entity (SurveyResponse's `partitionBy`) and the
 * database agree: the migration creates it, the hourly job (indicators/maintain.ts) extends it as months
 * pass, and the schema diff is empty after either ran.
 */
import type pg from 'pg';
import { badInput, Reason } from '../errors.js';
import { today } from '../domain/dates.js';

export {
  PARTITIONED_FROM,
  MONTHS_AHEAD,
  addMonths,
  monthPartition,
  monthPartitions,
  type MonthPartition,
  type PartitionedTable,
} from '../domain/partitions.js';
import { addMonths, MONTHS_AHEAD, monthPartitions, type PartitionedTable } from '../domain/partitions.js';

/** The partitioned tables and their partitions, as the entity declares them (for the migration and the job). */
export const PARTITIONED_TABLES: readonly PartitionedTable[] = ['survey_response', 'audit_log'];

/**
 * What a new partition needs besides what PostgreSQL copies from its parent: an audit_log partition refuses
 * TRUNCATE as the parent does (a statement trigger is not cloned to partitions, and `truncate audit_log_2025_01`
 * names the partition alone); hub_audit_purge lets its own through (Migration20261206143200).
 */
export const partitionExtras = (table: PartitionedTable, name: string): string[] =>
  table === 'audit_log'
    ? [`create trigger "${name}_no_truncate" before truncate on "${name}" for each statement execute function hub_audit_append_only()`]
    : [];

/**
 * Creates the partitions of the window that do not exist yet (idempotent; at most one a month once the
 * window is made). `create table … partition of` takes an exclusive lock on the parent for a moment: a
 * short lock_timeout so a long read delays the job to its next run rather than queueing the writes behind it.
 */
export async function ensurePartitions(db: pg.ClientBase, day: string = today()): Promise<string[]> {
  const created: string[] = [];
  for (const table of PARTITIONED_TABLES) {
    const { rows } = await db.query<{ name: string }>(
      `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = $1::regclass`,
      [table],
    );
    const have = new Set(rows.map((r) => r.name));
    for (const p of monthPartitions(table, day).filter((x) => !have.has(x.name))) {
      await db.query(`set local lock_timeout = '5s'`);
      await db.query(`create table "${p.name}" partition of "${table}" ${p.values}`);
      for (const sql of partitionExtras(table, p.name)) await db.query(sql);
      created.push(p.name);
    }
  }
  return created;
}

/** Whether a statement failed because a row's partition key is outside every partition. */
export const isOutOfWindow = (err: unknown): boolean =>
  (err as { code?: string } | null)?.code === '23514' && /no partition of relation/.test(String((err as Error).message));

/** The coded error for a date outside the partitions' window (`field`: the date's argument path). */
export const outOfWindow = (field: string[], day: string | undefined) =>
  badInput(
    Reason.outOfWindow,
    field,
    `日期 ${day ?? ''} 超出可存储的范围（分区只建到 ${addMonths(today().slice(0, 7), MONTHS_AHEAD)}，由每小时任务向后延伸）`,
    `the date ${day ?? ''} is outside the stored window (partitions reach ${addMonths(today().slice(0, 7), MONTHS_AHEAD)}; the hourly job extends them)`,
  );
