/**
 * Reported and undisclosed figures (报送值 / 未披露): what an organisation says of an indicator for a period
 * of the indicator's grain (or a longer one) when the hub has no records of it, or withholds. Published
 * Party-building reports redact figures (锦旗XX面) and hospitals keep some outside the hub (the national
 * satisfaction platform's quarterly score); neither is 0 and neither is 未填报.
 *
 * How the engine reads them (engine.ts, points()):
 * - records win: where the organisation's cell has records, its own report is shown beside them
 *   (`reported`, a discrepancy) and never replaces them;
 * - without records, its own report is the value (provenance REPORTED), or the value is null with the
 *   reason NOT_DISCLOSED;
 * - below it, the reports of organisations without records that no report between covers add to its total
 *   (a count its value, a rate its numerator and denominator); an undisclosed one, or a rate reported
 *   without its counts, makes the total `incomplete` (a parent never reads a partial sum as whole).
 * Reports are a few rows: kept per instance (instance-cache) and dropped when a write announces a change.
 */
import { cached } from '../db/instance-cache.js';
import type { Reader } from '../db/reader.js';
import { sql } from '../db/sql.js';
import { orgInfo } from '../org-tree/tree.js';

export interface ReportRow {
  id: number;
  orgId: number;
  depth: number;
  indicatorId: string;
  period: string;
  disclosure: 'reported' | 'not_disclosed';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  reportedAt: string;
}

/** A report as the API shows it beside a value. */
export interface ReportedFigure {
  period: string;
  disclosure: 'REPORTED' | 'NOT_DISCLOSED';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  reportedAt: string;
}

export const figureOf = (r: ReportRow): ReportedFigure => ({
  period: r.period,
  disclosure: r.disclosure === 'reported' ? 'REPORTED' : 'NOT_DISCLOSED',
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
  source: r.source,
  reportedAt: r.reportedAt,
});

function reportRows(reader: Reader): Promise<ReportRow[]> {
  return cached(reader, 'reports', ['indicator_report', 'organization'], () =>
    reader.rows<ReportRow>(
      sql`select r.id, r.org_id as "orgId", o.depth, r.indicator_id as "indicatorId", r.period, r.disclosure,
            r.value::float8 as value, r.numerator::float8 as numerator, r.denominator::float8 as denominator, r.source,
            to_char(r.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') as "reportedAt"
          from indicator_report r join organization o on o.id = r.org_id order by o.depth, r.org_id`,
    ),
  );
}

export type ReportKey = `${string}|${string}`;

const NONE: ReadonlyMap<ReportKey, ReportRow[]> = new Map();

/**
 * The reports of these indicators and period keys, by `indicator|period`. Without any report (the usual case) an
 * empty map at once: the keys (`keysOf`, the judged spans of every asked period) are not even worked out.
 */
export async function reportsByKey(
  reader: Reader,
  ids: ReadonlySet<string>,
  keysOf: () => ReadonlySet<string>,
): Promise<ReadonlyMap<ReportKey, ReportRow[]>> {
  const rows = await reportRows(reader);
  if (!rows.length) return NONE;
  const periodKeys = keysOf();
  const out = new Map<ReportKey, ReportRow[]>();
  for (const r of rows) {
    if (!ids.has(r.indicatorId) || !periodKeys.has(r.period)) continue;
    const key: ReportKey = `${r.indicatorId}|${r.period}`;
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  }
  return out;
}

/** The reports of organisations strictly under `org` (shallowest first). */
export async function reportsUnder(reader: Reader, org: number, reports: readonly ReportRow[]): Promise<ReportRow[]> {
  const out: ReportRow[] = [];
  for (const r of reports) {
    if (r.orgId === org) continue;
    const info = await orgInfo(reader, r.orgId);
    if (info?.ancestors.includes(org)) out.push(r);
  }
  return out;
}

/**
 * Which reports under an organisation count in its total: those of organisations without records of their
 * own, not covered by such a report of an organisation between (a hospital's reported total covers its
 * branches' reports). `hasRecords` answers for an organisation.
 */
export async function effectiveReports(
  reader: Reader,
  org: number,
  under: readonly ReportRow[],
  hasRecords: (orgId: number) => boolean,
): Promise<ReportRow[]> {
  const counted: ReportRow[] = [];
  for (const r of under) {
    if (hasRecords(r.orgId)) continue;
    const ancestors = (await orgInfo(reader, r.orgId))?.ancestors ?? [];
    const between = ancestors.slice(ancestors.indexOf(org) + 1, -1);
    if (counted.some((c) => between.includes(c.orgId))) continue;
    counted.push(r);
  }
  return counted;
}
