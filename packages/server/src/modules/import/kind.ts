/**
 * What a kind of import is, for the service (import.service.ts) that dry-runs and commits any of them: its
 * sheets' column declarations, a planner (reads only: what a commit would create, update and leave unchanged,
 * every row problem, the organisations it touches), the first day its writes move the cells from, a writer
 * (in the shared write transaction), the tables it writes and its audit action. The kinds themselves are
 * listed in kinds.ts.
 */
import type { Queryable } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import type { KindSpec } from './columns.js';
import type { ParsedSheet, RowProblem } from './rows.js';

/** What one sheet's rows come to. */
export interface SheetCount {
  sheet: string;
  rows: number;
  create: number;
  update: number;
  unchanged: number;
}

export interface KindPlan {
  problems: RowProblem[];
  /** Every organisation the commit touches (locked, scope-checked, their cells moved). */
  orgIds: number[];
  /** By sheet, in the order of the kind's sheets (the ones the file lacks left out). */
  counts: SheetCount[];
}

export interface KindPlanInput {
  db: Queryable;
  /** The file's sheets, in the order of the kind's (null: the file lacks it). */
  sheets: readonly (ParsedSheet | null)[];
  /** The importer's scope roots (null: the whole tree). */
  roots: readonly number[] | null;
}

export interface ImportKindDef<P extends KindPlan = KindPlan> {
  /** The GraphQL ImportKind value (lower case), the CLI's --kind and the template's file name. */
  name: string;
  /** Its sheets: the first is what a CSV holds. */
  sheets: readonly KindSpec[];
  /** The tables its writer changes (the write transaction refuses others). */
  tables: readonly string[];
  audit: { action: string; entity: string };
  plan(input: KindPlanInput): Promise<P>;
  /** The first day the plan's writes reach (every period ending on or after it may move). */
  firstDay(tx: WriteTx, plan: P): Promise<string>;
  /** Writes the plan (inside `tx.moving`, under the organisations' locks). */
  write(tx: WriteTx, plan: P): Promise<void>;
  /** What the audit entry says beyond the file hash and counts (names and counts, never personal values). */
  auditAfter?(plan: P): Record<string, unknown>;
}

/** Counts of one sheet. */
export const countOf = (sheet: ParsedSheet | null, create: number, update: number, unchanged: number): SheetCount[] =>
  sheet ? [{ sheet: sheet.sheet, rows: sheet.records.length, create, update, unchanged }] : [];
