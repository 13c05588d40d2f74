/**
 * Taking the evidence away: every page of it (not just the one in view), as CSV or as an Excel
 * workbook. exceljs is loaded only when someone exports, so it stays out of the first download.
 */
import { IndicatorEvidenceDocument, type IndicatorEvidenceQuery, type IndicatorEvidenceQueryVariables } from '@party-hub/schema/client';
import { request } from '../../api/client.ts';
import { neutralise, toCsv, type Cell, type EvidenceNode } from './csv.ts';

/** All records matching the filter, page by page through the cursors. */
export async function fetchAllEvidence(
  vars: Omit<IndicatorEvidenceQueryVariables, 'first' | 'after'>,
  onProgress: (done: number, total: number) => void,
): Promise<EvidenceNode[]> {
  const out: EvidenceNode[] = [];
  let after: string | null = null;
  for (;;) {
    const page: IndicatorEvidenceQuery = await request(IndicatorEvidenceDocument, { ...vars, first: 1000, after });
    const ev = page.indicatorEvidence;
    if (!ev) return out;
    out.push(...ev.nodes);
    onProgress(out.length, ev.totalCount);
    if (!ev.hasNextPage || !ev.endCursor || ev.nodes.length === 0) return out;
    after = ev.endCursor;
  }
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
