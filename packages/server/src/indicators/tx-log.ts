/**
 * A test-only log for `pnpm citus:check --tx-log` (docs/SCALE.md: "The Citus path"): with HUB_TX_HOSPITAL_LOG
 * set to a file, each committed write transaction (writes.ts: transact) appends one JSON line naming the
 * hospitals whose rows it wrote, its declared tables and its audit actions. On Citus, a transaction touching
 * one hospital runs on one node; one touching several becomes a two-phase commit across nodes, which the plan
 * must know of.
 *
 * A write's hospitals are those of the organisations it locked or whose cells it moved (an organisation's
 * hospital: the one whose committee is on its path). Organisations above every hospital (upper bodies) are
 * listed apart and not counted: their cells are to be folded asynchronously from an append-only delta table
 * carrying the writer's hospital_id, not written in the transaction.
 * Unset (production), it costs nothing: no query, no file.
 */
import { appendFileSync } from 'node:fs';
import type { Queryable } from './cells.js';

export const TX_LOG_ENV = 'HUB_TX_HOSPITAL_LOG';

export interface TxHospitals {
  hospitals: number[];
  upper: number[];
}

/** The hospitals of the organisations (null when the log is off): read inside the transaction, before its commit. */
export async function txHospitals(db: Queryable, orgIds: readonly number[]): Promise<TxHospitals | null> {
  if (!process.env[TX_LOG_ENV]) return null;
  if (!orgIds.length) return { hospitals: [], upper: [] };
  const { rows } = await db.query<{ org: number; hospital: number | null }>(
    `select o.id as org, (select h.id from hospital h
                           where h.committee_id = any(string_to_array(trim(both '/' from o.path), '/')::int[])
                           order by h.id limit 1) as hospital
       from organization o where o.id = any($1::int[])`,
    [[...new Set(orgIds)]],
  );
  const hospitals = [...new Set(rows.flatMap((r) => (r.hospital == null ? [] : [r.hospital])))].toSorted((a, b) => a - b);
  const upper = rows.filter((r) => r.hospital == null).map((r) => r.org);
  return { hospitals, upper };
}

/** Appends a committed transaction's line (synchronously: several test workers append to one file, line by line). */
export function logTx(found: TxHospitals | null, tables: readonly string[], actions: readonly string[]): void {
  const file = process.env[TX_LOG_ENV];
  if (!file || !found) return;
  appendFileSync(file, `${JSON.stringify({ ...found, tables, actions })}\n`);
}
