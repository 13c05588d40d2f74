/**
 * A kind's stored rows written as its own import template's sheets (the kind's `exports` declarations, kind.ts),
 * so a file exported from one hub imports into another, and a corrected export imports back. Streamed: rows are
 * read keyset-batched and each written row is committed to the stream, never a whole workbook in memory.
 * Used by the HTTP export (export.ts) and the command line (export.cli.ts); both audit what this returns.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import type { Queryable } from '../../indicators/cells.js';
import { begin } from '../../db/transaction.js';
import { enumChoices, type Column, type KindSpec } from './columns.js';
import type { ImportKindDef, SheetExport } from './kind.js';

const BATCH = 2000;

/** SQL of the id of the hospital whose committee is above (or is) the organisation `o` (for `SheetExport.hospital`). */
export const HOSPITAL_OF_O = `(select h.id from hospital h where string_to_array(trim(both '/' from o.path), '/')::int[] @> array[h.committee_id])`;
/** SQL naming an organisation as the import's organisation columns take it: its code, else its full name. */
export const orgName = (alias: string) => `coalesce(${alias}.code, ${alias}.name)`;
/** The row keys an audit entry keeps (counts are always whole). */
export const MAX_AUDITED_KEYS = 1000;

/** Which rows: the caller's scope roots (null: every organisation), a subtree inside it, one hospital, a span of days. */
export interface ExportFilter {
  roots: readonly number[] | null;
  under: number | null;
  hospital: number | null;
  /** Dated kinds only: the first and last day (inclusive; null: open). */
  from?: string | null;
  to?: string | null;
}

export interface ExportedSheet {
  sheet: string;
  rows: number;
  /** The first MAX_AUDITED_KEYS rows' keys (the audit names rows by id, never by value). */
  keys: number[];
}

/** A stored value as the template's cell: enum values as their Chinese label, flags as 是/否, the rest as text. */
export function cellOf(column: Column, value: string | number | boolean | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (column.type === 'boolean') return value ? '是' : '否';
  if (column.type === 'enum') return enumChoices(column).find((c) => c.value === value)?.zh ?? String(value);
  return String(value);
}

/** Does the kind carry personal data (names, ID-card or mobile numbers) in any exported sheet? */
export const personalKind = (def: ImportKindDef): boolean =>
  def.sheets.some((s, i) => def.exports?.[i] && s.columns.some((c) => c.personal || c.type === 'idCard'));

const inPath = (param: string) => `string_to_array(trim(both '/' from o.path), '/')::int[] && ${param}`;

/** The sheet's FROM … WHERE over the filter's parameters $1–$5. */
const fromWhere = (x: SheetExport) => `from ${x.from}
  where ($1::int[] is null or ${inPath('$1::int[]')})
    and ($2::int is null or ${inPath('array[$2::int]')})
    and ($3::int is null or ${x.hospital} = $3)
    and ($4::date is null or ${x.date ? `${x.date} >= $4` : 'true'})
    and ($5::date is null or ${x.date ? `${x.date} <= $5` : 'true'})
    ${x.where ? `and (${x.where})` : ''}`;
const params = (f: ExportFilter) => [f.roots, f.under, f.hospital, f.from ?? null, f.to ?? null];

/** A span of days an export covers (inclusive). */
export interface ExportSpan {
  from: string;
  to: string;
}

/**
 * Spans of whole months over which no sheet of the kind passes `max` rows (an import's limit a sheet, read.ts),
 * in date order; null when the kind fits in one file. A month alone over the limit is returned as it is: the
 * caller refuses it (it cannot be imported whole, and splitting a month's activities from their attendance
 * would leave either file wrong).
 */
export async function exportSpans(db: Queryable, def: ImportKindDef, f: ExportFilter, max: number): Promise<ExportSpan[] | null> {
  const perMonth = new Map<string, number[]>();
  const dated = def.sheets.map((_, i) => def.exports?.[i]).filter((x): x is SheetExport => !!x?.date);
  for (const [i, x] of dated.entries()) {
    const { rows } = await db.query(
      `select to_char(date_trunc('month', ${x.date}), 'YYYY-MM-DD') as month, count(*)::int as n ${fromWhere(x)} group by 1`,
      params(f),
    );
    for (const r of rows as { month: string; n: number }[])
      (
        perMonth.get(r.month) ??
        perMonth
          .set(
            r.month,
            dated.map(() => 0),
          )
          .get(r.month)!
      )[i] = r.n;
  }
  const months = [...perMonth.keys()].toSorted();
  const total = dated.map((_, i) => months.reduce((n, m) => n + perMonth.get(m)![i], 0));
  if (total.every((n) => n <= max)) return null;
  const spans: ExportSpan[] = [];
  let sums = dated.map(() => 0);
  for (const m of months) {
    const add = perMonth.get(m)!;
    if (spans.length && sums.every((n, i) => n + add[i] <= max)) {
      spans.at(-1)!.to = monthEnd(m);
      sums = sums.map((n, i) => n + add[i]);
    } else {
      spans.push({ from: m, to: monthEnd(m) });
      sums = [...add];
    }
  }
  return spans;
}

const monthEnd = (first: string) => {
  const d = new Date(`${first}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
};

function dataSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: KindSpec, footer: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({
    header: c.required ? `${c.header}*` : c.header,
    key: c.field,
    width: Math.max(10, c.header.length * 2 + 6, c.type === 'idCard' ? 22 : 0),
    style: { numFmt: '@' },
  }));
  ws.headerFooter.oddFooter = footer;
  return ws;
}

/**
 * Writes a sheet's rows from one cursor, in batches: its statement runs once (a keyset batch would repeat a
 * grouped `from`, such as the survey results', every batch), and inside the export's one snapshot.
 */
async function writeSheet(
  db: pg.PoolClient,
  ws: ExcelJS.Worksheet,
  spec: KindSpec,
  x: SheetExport,
  f: ExportFilter,
): Promise<ExportedSheet> {
  const out: ExportedSheet = { sheet: spec.sheet, rows: 0, keys: [] };
  const values = spec.columns.map((c) => `${x.source[c.field] ?? 'null'} as "${c.field}"`).join(', ');
  await db.query(`declare export_rows no scroll cursor for select ${x.key} as key, ${values} ${fromWhere(x)} order by 1`, params(f));
  for (;;) {
    const { rows } = await db.query<{ key: number } & Record<string, unknown>>(`fetch ${BATCH} from export_rows`);
    for (const r of rows) {
      ws.addRow(spec.columns.map((c) => cellOf(c, r[c.field] as string | number | boolean | null))).commit();
      if (out.keys.length < MAX_AUDITED_KEYS) out.keys.push(Number(r.key));
    }
    out.rows += rows.length;
    if (rows.length < BATCH) break;
  }
  await db.query('close export_rows');
  ws.commit();
  return out;
}

export interface ExportWho {
  /** Who exports: the account's name, or `cli:<user>`. */
  exporter: string;
  /** What the 导出信息 sheet says the scope is. */
  scopeLabel: string;
  at: string;
}

function infoSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, def: ImportKindDef, who: ExportWho, sheets: ExportedSheet[]): void {
  const ws = wb.addWorksheet('导出信息');
  ws.columns = [{ width: 14 }, { width: 70 }];
  const personal = personalKind(def);
  for (const row of [
    ['导出人', who.exporter],
    ['导出时间', who.at],
    ['范围', who.scopeLabel],
    ...sheets.map((s) => [`“${s.sheet}”行数`, s.rows]),
    ...(personal ? [['说明', '本文件含个人信息（姓名、身份证号、手机号等），仅限工作需要使用，请勿外传；本次导出已记入审计日志。']] : []),
    ['', `本文件与“${def.sheets[0].title}”格式相同：改正后可直接试导入、确认导入，也可导入另一套系统。`],
  ])
    ws.addRow(row).commit();
  ws.commit();
}

/**
 * Streams the kind's exported sheets and the 导出信息 sheet to `stream`; what it wrote, sheet by sheet.
 * `beforeEnd` runs before the file's last bytes (the audit entry: whoever holds a whole file finds it in the log).
 */
export async function exportKind(
  db: pg.Pool,
  def: ImportKindDef,
  f: ExportFilter,
  who: ExportWho,
  stream: Writable,
  beforeEnd: (sheets: ExportedSheet[]) => Promise<void>,
): Promise<ExportedSheet[]> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = who.exporter;
  wb.lastModifiedBy = who.exporter;
  wb.title = `${def.sheets[0].title}（导出人：${who.exporter}）`;
  const footer = `&L${personalKind(def) ? '含个人信息，请按规定保管' : ''}&C导出人：${who.exporter}  ${who.at}&R第 &P 页 / 共 &N 页`;
  const sheets: ExportedSheet[] = [];
  // One read-only snapshot for every sheet: an activity and its attendance come from the same moment.
  const client = await db.connect();
  let failed: Error | undefined;
  try {
    await begin(client, 'isolation level repeatable read read only');
    for (const [i, spec] of def.sheets.entries()) {
      const x = def.exports?.[i];
      if (x) sheets.push(await writeSheet(client, dataSheet(wb, spec, footer), spec, x, f));
    }
    await client.query('commit');
  } catch (err) {
    failed = err as Error;
    throw err;
  } finally {
    client.release(failed); // a connection left inside a failed transaction is dropped, not pooled
  }
  infoSheet(wb, def, who, sheets);
  await beforeEnd(sheets);
  await wb.commit();
  return sheets;
}
