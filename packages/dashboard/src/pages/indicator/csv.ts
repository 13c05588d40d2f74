/**
 * The evidence as a table to take away: one pure row builder shared by CSV and Excel, and CSV text
 * that Excel opens in Chinese (UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting).
 */
import type { IndicatorEvidenceQuery } from '@party-hub/schema/client';

export type Cell = string | number | boolean | null | undefined;
export type EvidenceNode = NonNullable<IndicatorEvidenceQuery['indicatorEvidence']>['nodes'][number];

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
