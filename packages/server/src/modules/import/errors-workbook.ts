/**
 * The workbook handed back after a dry run with problems: each data sheet's rows as they came (values only),
 * with a 错误说明 column after the last one holding every problem of the row (column, reason in Chinese and
 * English); problems of the file or its header in the header row. Written with exceljs's streaming writer,
 * read again row by row from the file: never a whole workbook in memory.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { KindSpec } from './columns.js';
import { readRows } from './read.js';
import type { ParsedSheet, RowProblem } from './rows.js';
import { resolved, shown, type Raw } from './values.js';

const describe = (p: RowProblem) =>
  `${p.column ? `${p.column}列` : ''}${p.header ? `“${p.header}”` : ''}${p.column || p.header ? '：' : ''}${p.zh} / ${p.en}`;

const plain = (cell: Raw): string | number | boolean | Date | null => {
  const v = resolved(cell ?? null);
  return v == null || typeof v !== 'object' || v instanceof Date ? (v ?? null) : shown(v);
};

/** The .xlsx bytes of the file's data sheets, each with a 错误说明 column. */
export async function errorsWorkbook(
  spec: KindSpec,
  buf: Buffer,
  sheets: ParsedSheet | readonly (ParsedSheet | null)[],
  problems: readonly RowProblem[],
): Promise<Buffer> {
  const read = (Array.isArray(sheets) ? sheets : [sheets]).filter((s): s is ParsedSheet => s != null);
  const byRow = new Map<string, string[]>();
  for (const p of problems) {
    const at = `${p.sheet}|${p.row ?? read.find((s) => s.sheet === p.sheet)?.headerRow ?? 0}`;
    byRow.set(at, [...(byRow.get(at) ?? []), describe(p)]);
  }
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  let ws: ExcelJS.Worksheet | null = null;
  let sheet: ParsedSheet | undefined;
  let last = 0;
  // A CSV's one sheet is named after the kind's sheet it was read as.
  for await (const row of readRows(buf, read.length === 1 ? read[0].sheet : spec.sheet)) {
    if (row.sheet !== sheet?.sheet) {
      ws?.commit();
      ws = null;
      sheet = read.find((s) => s.sheet === row.sheet);
      if (!sheet) continue;
      ws = wb.addWorksheet(sheet.sheet);
      ws.getColumn(Math.max(sheet.lastColumn, 1) + 1).width = 80;
      last = 0;
    }
    if (!ws || !sheet) continue;
    const at = Math.max(sheet.lastColumn, 1) + 1;
    const problemsOf = (n: number) => byRow.get(`${sheet!.sheet}|${n}`);
    for (let n = last + 1; n < row.number; n++) addRow(ws, [], problemsOf(n), n === sheet.headerRow, at);
    addRow(ws, row.cells.slice(1).map(plain), problemsOf(row.number), row.number === sheet.headerRow, at);
    last = row.number;
  }
  ws?.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

function addRow(ws: ExcelJS.Worksheet, values: unknown[], problems: string[] | undefined, header: boolean, at: number): void {
  const cells = [...values];
  cells[at - 1] = header ? ['错误说明', ...(problems ?? [])].join('\n') : (problems?.join('\n') ?? null);
  const row = ws.addRow(cells);
  if (problems?.length) row.getCell(at).font = { color: { argb: 'FFB3261E' } };
  row.commit();
}
