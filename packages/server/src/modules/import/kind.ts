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

/**
 * How one sheet of a kind is exported (GET /export/<kind>.xlsx, export.ts): the stored rows in the template's
 * own layout, so a file exported from one hub imports into another. Read keyset-batched on `key`.
 */
export interface SheetExport {
  /**
   * FROM and joins, without the word `from`. It must name the organisation a row counts under as `o` (the
   * caller's scope and the asked subtree are matched on `o.path`).
   */
  from: string;
  /** SQL of a unique integer per row (the batching key), e.g. `m.id`. */
  key: string;
  /** SQL of the row's hospital id (an export can be asked for one hospital). */
  hospital: string;
  /** Extra condition (SQL), if any. */
  where?: string;
  /**
   * SQL of the row's date, for dated kinds: an export can be asked for a span of days, and one whose sheet would
   * pass an import's 20,000 rows is split into spans of months (exporter.ts exportSpans).
   */
  date?: string;
  /**
   * SQL of each column's stored value by the column's field: enums as their stored value (written as the Chinese
   * label), dates as `::text`, booleans as booleans. A field not listed is left blank.
   */
  source: Record<string, string>;
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
  /** Writes the plan (inside `tx.moving`, under the organisations' locks; unless `ownCells`). */
  write(tx: WriteTx, plan: P): Promise<void>;
  /**
   * The writer moves the cells itself (its own `tx.moving`, not inside the service's bulk recount): a kind that
   * changes the organisation tree, whose new organisations' ids only the write knows.
   */
  ownCells?: boolean;
  /** What the audit entry says beyond the file hash and counts (names and counts, never personal values). */
  auditAfter?(plan: P): Record<string, unknown>;
  /** How each of its sheets is exported, in the order of `sheets` (null: that sheet is not exported). */
  exports?: readonly (SheetExport | null)[];
}

/** Counts of one sheet. */
export const countOf = (sheet: ParsedSheet | null, create: number, update: number, unchanged: number): SheetCount[] =>
  sheet ? [{ sheet: sheet.sheet, rows: sheet.records.length, create, update, unchanged }] : [];
