/**
 * The evidence as a table to take away: one pure row builder shared by CSV and Excel, and CSV text
 * that Excel opens in Chinese (UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting).
 */
import type { IndicatorEvidenceQuery } from '@party-hub/schema/client';
import type { Cell } from '../../export/table.ts';

// The table helpers moved to src/export/table.ts (every page exports now); kept importable from here.
export { neutralise, toCsv, type Cell } from '../../export/table.ts';

export type EvidenceNode = NonNullable<IndicatorEvidenceQuery['indicatorEvidence']>['nodes'][number];

/** The evidence columns: the header and one row per record (people are never named: the label is the API's). */
export function evidenceRows(
  nodes: EvidenceNode[],
  header: string[],
  lang: 'zh' | 'en',
  yesNo: [string, string],
  typeName: (t: string) => string = (t) => t,
): Cell[][] {
  return [
    header,
    ...nodes.map((n) => [
      n.date,
      n.organization.name,
      n.label,
      typeName(n.recordType),
      n.counted ? yesNo[0] : yesNo[1],
      n.numerator,
      n.denominator,
      n.reason[lang],
      n.recordId,
    ]),
  ];
}
