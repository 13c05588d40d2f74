/**
 * How an aggregate's rows become groups. A row is, in select order: the organisation check, the keys,
 * the grouping bits (1 where a key is rolled up), the count, then the measures.
 */
import type { Sql } from '../../db/sql.js';
import { badInput, Reason } from '../../errors.js';
import { MAX_GROUPS } from '../limits.js';
import { verifyOrgs, type Compile } from '../where.js';
import type { KeyDef } from './entity.js';
import { compared, widened } from './compare.js';
import { domains, fillGaps } from './fill.js';
import { suppressSmall } from './suppress.js';
import type { AggregateArgs, GroupRow } from './types.js';

/** What reading needs from the compilation. */
export interface Reading {
  q: Compile;
  check: Sql | null;
  at: string[];
  args: AggregateArgs;
  keys: KeyDef[];
  /** The keys gaps are filled along, when fillGaps is asked. */
  fillKeys?: KeyDef[] | undefined;
  /** The date key compareTo shifts along. */
  compareKey?: KeyDef | undefined;
  /** The measures' response keys, in select order. */
  measures: string[];
  /** The most groups returned (the statement reads one more, to tell). */
  cap: number;
  /** Small-cell suppression (suppress.ts): the fewest persons a group may stand on; 0: none (no persons column). */
  minCell: number;
}

/** Twelve significant digits: what a percentile's interpolation leaves behind (98.60000000000036) goes. */
const tidy = (x: number | null): number | null => (x == null ? null : Number(x.toPrecision(12)));

/** Refuses more than MAX_GROUPS groups unless a limit asked for the first N; cuts to the limit. */
function capRows(rows: unknown[][], r: Reading): void {
  if (rows.length <= r.cap) return;
  if (r.args.limit == null) {
    throw badInput(
      Reason.aggregateTooManyGroups,
      [...r.at, 'groupBy'],
      `分组超过 ${MAX_GROUPS} 个：请加过滤条件、用更粗的时间段或设 limit`,
      `more than ${MAX_GROUPS} groups: add a filter, use a coarser bucket or set a limit`,
    );
  }
  rows.length = r.cap;
}

function groupOf(v: unknown[], keys: KeyDef[], measures: string[], minCell: number): GroupRow {
  const bits = v[1 + keys.length] as number;
  const keyValues: Record<string, unknown> = {};
  const groupedBy: string[] = [];
  keys.forEach((k, i) => {
    const notGrouped = (bits >> (keys.length - 1 - i)) & 1;
    if (!notGrouped) groupedBy.push(k.value);
    keyValues[k.field] = v[1 + i];
  });
  const m: Record<string, number | null> = {};
  measures.forEach((key, i) => (m[key] = tidy(v[3 + keys.length + i] as number | null)));
  return {
    keys: keyValues,
    groupedBy,
    isSubtotal: groupedBy.length > 0 && groupedBy.length < keys.length,
    isTotal: keys.length > 0 && groupedBy.length === 0,
    isFilled: false,
    count: v[2 + keys.length] as number | null,
    m,
    ...(minCell ? { persons: v[3 + keys.length + measures.length] as number, suppressed: false } : {}),
  };
}

export async function readGroups(rows: unknown[][], r: Reading): Promise<{ groups: GroupRow[] }> {
  if (r.check) await verifyOrgs(r.q, rows.length ? (rows[0]![0] as number) : undefined);
  capRows(rows, r);
  const groups = rows.map((v) => groupOf(v, r.keys, r.measures, r.minCell));
  if (r.minCell) suppressSmall(groups, r.keys, r.minCell);
  const domain = r.fillKeys
    ? await domains(r.q.reader, groups, r.fillKeys, r.compareKey ? widened(r.args.filter, r.compareKey, r.args.compareTo!) : r.args.filter)
    : null;
  const filled = domain ? fillGaps(groups, r.keys, domain, r.measures) : groups;
  return { groups: r.compareKey ? compared(filled, r.keys, r.compareKey, r.args) : filled };
}
