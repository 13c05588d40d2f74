/**
 * A table to take away, for every page that exports one (the evidence, the overview's board, the branch table):
 * CSV that Excel opens in Chinese (UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting) or an .xlsx workbook
 * (exceljs, loaded only when someone exports, so it stays out of the first download), every text cell
 * neutralised against formula injection.
 */
export type Cell = string | number | boolean | null | undefined;

const BOM = '\uFEFF';

/**
 * A text cell that a spreadsheet would take for a formula (starting with = + - @, a tab or a carriage
 * return: OWASP's CSV injection) gets a leading apostrophe, so it arrives as the text it is. Numbers stay
 * numbers. Used for every exported cell, CSV and Excel alike.
 */
export function neutralise(v: Cell): Cell {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = String(neutralise(v));
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows (the first being the header) as CSV text with a BOM. */
export function toCsv(rows: Cell[][]): string {
  return BOM + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function download(blob: Blob, filename: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function csvBlob(rows: Cell[][]): Blob {
  return new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' });
}

/** An .xlsx with one sheet: a bold, frozen header and columns wide enough for Chinese. */
export async function xlsxBlob(rows: Cell[][], sheetName: string): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '), { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const r of rows) ws.addRow(r.map((c) => (c === undefined ? null : neutralise(c))));
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col, i) => {
    const longest = Math.max(...rows.map((r) => [...String(r[i] ?? '')].reduce((n, ch) => n + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0)));
    col.width = Math.min(60, Math.max(8, longest + 2));
  });
  const buf = await wb.xlsx.writeBuffer();
  return new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
