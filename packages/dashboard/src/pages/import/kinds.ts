/**
 * What can be imported, one line a kind: the GraphQL ImportKind and its template's name on the hub
 * (`GET /import/template/<template>.xlsx`). The kind's words come from the schema's labels. Plus the checks
 * made here before a file is sent (the hub makes them again) and the small conversions the page needs.
 * Pure: tested in Node.
 */
import type { ImportKind } from '@party-hub/schema/client';

export const IMPORT_KINDS: readonly { kind: ImportKind; template: string }[] = [
  { kind: 'MEMBERS', template: 'members' },
  { kind: 'ACTIVITIES', template: 'activities' },
  { kind: 'FIGURES', template: 'figures' },
  { kind: 'RESEARCH', template: 'research' },
  { kind: 'MODELPOSTS', template: 'modelposts' },
  { kind: 'HONORS', template: 'honors' },
  { kind: 'SURVEYS', template: 'surveys' },
  // 组织架构: the organisations, departments and branch links (three sheets).
  { kind: 'TREE', template: 'tree' },
  // A person's history: the development record (发展党员) and the positions held (党内职务).
  { kind: 'DEVELOPMENT', template: 'development' },
  { kind: 'POSITIONS', template: 'positions' },
  { kind: 'ETHICS', template: 'ethics' },
  { kind: 'ASSESSMENTS', template: 'assessments' },
  { kind: 'REPORTS', template: 'reports' },
];

export const templateHref = (template: string): string => `/import/template/${template}.xlsx`;

/** A part of a year an export may cover: the whole year, or one quarter (a hospital's year of attendance passes 20,000 rows). */
export type YearPart = 'year' | 'Q1' | 'Q2' | 'Q3' | 'Q4';
export const YEAR_PARTS: readonly YearPart[] = ['year', 'Q1', 'Q2', 'Q3', 'Q4'];

const PART_DAYS: Record<YearPart, [string, string]> = {
  year: ['01-01', '12-31'],
  Q1: ['01-01', '03-31'],
  Q2: ['04-01', '06-30'],
  Q3: ['07-01', '09-30'],
  Q4: ['10-01', '12-31'],
};

/**
 * What the hub holds of a kind, in its template's layout (built, and audited where it holds personal data, by the
 * hub; it imports back unchanged): of one year or quarter (`from`/`to`; kinds without dates take it whole), or all.
 */
export function exportHref(template: string, year: number | null, part: YearPart = 'year'): string {
  if (!year) return `/export/${template}.xlsx`;
  const [from, to] = PART_DAYS[part];
  return `/export/${template}.xlsx?from=${year}-${from}&to=${year}-${to}`;
}

/** The years offered for an export: this one and the nine before. */
export const exportYears = (today = new Date()): number[] => Array.from({ length: 10 }, (_, i) => today.getFullYear() - i);

/** The file name the hub gives (Content-Disposition), else the kind's. */
export function downloadName(disposition: string | null, template: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? `${template}.xlsx`;
}

/** The hub's limit on a file (decoded). */
export const MAX_BYTES = 10 * 1024 * 1024;
export const ACCEPT = '.xlsx,.csv';

/** Why a chosen file is not sent (a message key of the page's), or null. */
export function fileProblem(file: { name: string; size: number }): string | null {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return 'imports.fileType';
  if (file.size > MAX_BYTES) return 'imports.fileSize';
  if (file.size === 0) return 'imports.fileEmpty';
  return null;
}

/** The bytes as the hub takes them (base64), in chunks: a 10 MB file overflows one String.fromCharCode call. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The errors workbook's file name: the uploaded file's, marked. */
export const errorsFileName = (name: string): string => `${name.replace(/\.(xlsx|csv)$/i, '')}-错误说明.xlsx`;

/** Whether the commit may be asked: a dry run of the file chosen now (the page drops it on another), clean and not committed. */
export function mayCommit(report: { problemCount: number; committed: boolean } | null): boolean {
  return !!report && !report.committed && report.problemCount === 0;
}
