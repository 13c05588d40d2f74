/**
 * Taking the evidence away: every page of it (not just the one in view), as CSV or as an Excel
 * workbook. exceljs is loaded only when someone exports, so it stays out of the first download.
 */
import { IndicatorEvidenceDocument, type IndicatorEvidenceQuery, type IndicatorEvidenceQueryVariables } from '@party-hub/schema/client';
import { request } from '../../api/client.ts';
import type { EvidenceNode } from './csv.ts';

export { csvBlob, download, xlsxBlob } from '../../export/table.ts';

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
    onProgress(out.length, ev.totalCount ?? out.length);
    if (!ev.hasNextPage || !ev.endCursor || ev.nodes.length === 0) return out;
    after = ev.endCursor;
  }
}
