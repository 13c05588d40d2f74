/**
 * The monthly partitions' window, as plain dates (no database): the entity declares it, the migration creates
 * it, and the hourly job (db/partitions.ts) keeps it ahead.
 */
import { today } from './dates.js';

/** The first month with a partition of its own (the demo data starts in 2023-06). */
export const PARTITIONED_FROM = '2023-01';
/** Months after the current one that already have their partition (the hourly job keeps them ahead). */
export const MONTHS_AHEAD = 3;

/**
 * The partitioned tables and how their month bounds are written: survey_response by a `date`, audit_log by a
 * `timestamptz` whose months are UTC months (bounds with an explicit offset, so the session's time zone when
 * a partition is made never moves them).
 */
export const PARTITION_BOUNDS = {
  survey_response: (month: string) => `'${month}-01'`,
  audit_log: (month: string) => `'${month}-01 00:00:00+00'`,
} as const;
export type PartitionedTable = keyof typeof PARTITION_BOUNDS;

export interface MonthPartition {
  name: string;
  values: string;
}

/** 'YYYY-MM' plus n months. */
export function addMonths(month: string, n: number): string {
  const m = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/** The table's partitions for the window that ends MONTHS_AHEAD months after `day`'s month, oldest first. */
export function monthPartitions(table: PartitionedTable, day: string = today()): MonthPartition[] {
  const last = addMonths(day.slice(0, 7), MONTHS_AHEAD);
  const out: MonthPartition[] = [
    { name: `${table}_before`, values: `for values from (minvalue) to (${PARTITION_BOUNDS[table](PARTITIONED_FROM)})` },
  ];
  for (let m = PARTITIONED_FROM; m <= last; m = addMonths(m, 1)) out.push(monthPartition(table, m));
  return out;
}

/** The partition of one month ('YYYY-MM'). */
export function monthPartition(table: PartitionedTable, month: string): MonthPartition {
  const bound = PARTITION_BOUNDS[table];
  return { name: `${table}_${month.replace('-', '_')}`, values: `for values from (${bound(month)}) to (${bound(addMonths(month, 1))})` };
}
