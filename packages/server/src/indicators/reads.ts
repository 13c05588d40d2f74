/**
 * Which tables each stored indicator's statement reads, taken from the statement itself (sql.ts): a
 * write names the tables it changes, and the indicators it can move are exactly those whose statement
 * reads one of them — nothing listed by hand, so a new indicator or a new write cannot be forgotten.
 * The match is on `from <name>` and `join <name>` (CTE names and functions match too, but no write
 * changes a table of theirs); it errs on the side of moving an indicator that does not change, never
 * of missing one that does (the property test proves cells equal a rebuild after random writes).
 */
import { STORED_IDS, ownCellsSql, type StoredIndicatorId } from './sql.js';

const SOURCE = /\b(?:from|join)\s+([a-z_][a-z0-9_]*)/gi;

/** The names each indicator's statement reads from. */
export const TABLES_READ: ReadonlyMap<StoredIndicatorId, ReadonlySet<string>> = new Map(
  STORED_IDS.map((id) => [id, new Set([...ownCellsSql(id).matchAll(SOURCE)].map((m) => m[1]!.toLowerCase()))]),
);

/** The stored indicators whose statement reads any of these tables, in catalog order. */
export function indicatorsReading(tables: readonly string[]): StoredIndicatorId[] {
  return STORED_IDS.filter((id) => tables.some((t) => TABLES_READ.get(id)!.has(t)));
}
