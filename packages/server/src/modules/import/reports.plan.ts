/**
 * Reported figures checked as reportIndicatorValue checks them (modules/indicator/report.writes.ts, its own
 * indicator, period and figure rules): the organisation found by code or full name among the existing ones in
 * the importer's scope, the indicator by id or Chinese name, each organisation, indicator and period once in
 * the file. A report is corrected whole, as the write does. No cell moves (the engine reads reports beside
 * the cells): the writer announces the indicators it changed. Planning reads only.
 */
import { INDICATORS, type Indicator } from '@party-hub/schema/indicators';
import { Reason } from '../../errors.js';
import type { Problems } from '../../graphql/problems.js';
import type { Queryable } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import { figure, reportable, reportPeriod, reportRow, type ReportFigure } from '../indicator/report.writes.js';
import { countOf, type KindPlan, type KindPlanInput } from './kind.js';
import { Checker, duplicateKeys, nameKey, Organisations, writeRules } from './lookup.js';
import { REPORTS } from './reports.columns.js';
import type { SheetRecord } from './rows.js';

export interface ReportLine {
  org_id: number;
  indicator_id: string;
  period: string;
  disclosure: 'reported' | 'not_disclosed';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  /** The period's first day (what it announces from). */
  start: string;
}

export interface ReportsPlan extends KindPlan {
  /** New reports and corrected ones alike (one upsert). */
  write: ReportLine[];
  from: string | null;
}

/** The catalog's indicators by id and by Chinese name (normalised). */
const BY_NAME = new Map<string, Indicator>(INDICATORS.flatMap((i) => [[nameKey(i.id), i] as const, [nameKey(i.name.zh), i] as const]));

/** Kept as the column stores it (four decimals). */
const stored4 = (n: number | null) => (n == null ? null : Math.round(n * 10_000) / 10_000);

/** A period typed as a month in Excel becomes a date (its first day): the month meant. */
const periodOf = (typed: string) => (/^\d{4}-\d{2}-01$/.test(typed) ? typed.slice(0, 7) : typed);

const keyOf = (x: Pick<ReportLine, 'org_id' | 'indicator_id' | 'period'>) => `${x.org_id}|${x.indicator_id}|${x.period}`;

/** The report a row's indicator, period and figure make, checked by the write's rules (null: a problem). */
function checked(p: Problems, v: SheetRecord['values']): Omit<ReportLine, 'org_id'> | null {
  const num = (f: string) => (v[f] === undefined ? null : Number(v[f]));
  const given: ReportFigure = {
    disclosure: v.undisclosed === true ? 'NOT_DISCLOSED' : 'REPORTED',
    value: num('value'),
    numerator: num('numerator'),
    denominator: num('denominator'),
  };
  const def = reportable(p, BY_NAME.get(nameKey(String(v.indicator)))?.id ?? String(v.indicator));
  const period = reportPeriod(p, periodOf(String(v.period)), def);
  const value = figure(p, given, def);
  if (!def || !period) return null;
  const row = reportRow(given, def, value, v.source === undefined ? null : String(v.source));
  return {
    indicator_id: def.id,
    period: period.key,
    start: period.start,
    ...row,
    value: stored4(row.value),
    numerator: stored4(row.numerator),
    denominator: stored4(row.denominator),
  };
}

/** One row as a report (null after a problem). */
function reportOf(c: Checker, r: SheetRecord, orgs: Organisations): ReportLine | null {
  const report = writeRules(c, r, (p) => checked(p, r.values), { indicatorId: 'indicator' });
  const org = orgs.find(c, r, 'organization');
  return report && org ? { org_id: org.id, ...report } : null;
}

async function stored(db: Queryable, rows: ReportLine[]): Promise<Map<string, Omit<ReportLine, 'start'>>> {
  const { rows: found } = await db.query<Omit<ReportLine, 'start'>>(
    `select r.org_id, r.indicator_id, r.period, r.disclosure, r.value::float8 as value, r.numerator::float8 as numerator,
       r.denominator::float8 as denominator, r.source
     from indicator_report r join unnest($1::int[], $2::text[], $3::text[]) as k(o, i, p)
       on r.org_id = k.o and r.indicator_id = k.i and r.period = k.p`,
    [rows.map((x) => x.org_id), rows.map((x) => x.indicator_id), rows.map((x) => x.period)],
  );
  return new Map(found.map((x) => [keyOf(x), x]));
}

const FIELDS = ['disclosure', 'value', 'numerator', 'denominator', 'source'] as const;

/** The plan of a reports file: reports to create, correct, leave unchanged; every problem. */
export async function planReports({ db, sheets, roots }: KindPlanInput): Promise<ReportsPlan> {
  const sheet = sheets[0]!;
  const plan: ReportsPlan = { problems: [], orgIds: [], counts: [], write: [], from: null };
  if (sheet.problems.some((p) => p.reason === Reason.importColumnMissing)) return plan;
  const c = new Checker(REPORTS, sheet, plan.problems);
  const orgs = await Organisations.load(db, roots);
  const rows = sheet.records.flatMap((r) => {
    const x = r.bad ? null : reportOf(c, r, orgs);
    return x ? [{ r, x }] : [];
  });
  const keys = new Map(rows.map(({ r, x }) => [r, keyOf(x)]));
  duplicateKeys(c, sheet.records, 'period', (r) => keys.get(r) ?? null, {
    zh: '同一党组织、指标和期间',
    en: 'the same organisation, indicator and period',
  });
  const before = await stored(
    db,
    rows.map(({ x }) => x),
  );
  let create = 0;
  let unchanged = 0;
  const touched = new Set<number>();
  for (const { r, x } of rows) {
    if (r.bad) continue;
    const b = before.get(keyOf(x));
    if (b && FIELDS.every((f) => b[f] === x[f])) {
      unchanged++;
      continue;
    }
    if (!b) create++;
    plan.write.push(x);
    touched.add(x.org_id);
    if (!plan.from || x.start < plan.from) plan.from = x.start;
  }
  plan.orgIds = [...touched].toSorted((a, b) => a - b);
  plan.counts = countOf(sheet, create, plan.write.length - create, unchanged);
  return plan;
}

const COLUMNS = [
  ['org_id', 'int'],
  ['indicator_id', 'text'],
  ['period', 'text'],
  ['disclosure', 'text'],
  ['value', 'numeric'],
  ['numerator', 'numeric'],
  ['denominator', 'numeric'],
  ['source', 'text'],
] as const;

/** New and corrected reports in one statement (as reportIndicatorValue: a conflict corrects the whole report); each announced. */
export async function writeReports(tx: WriteTx, plan: ReportsPlan): Promise<void> {
  if (!plan.write.length) return;
  const names = COLUMNS.map(([n]) => n).join(', ');
  await tx.client.query(
    `insert into indicator_report (${names}) select * from unnest(${COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')})
     on conflict (org_id, indicator_id, period) do update set disclosure = excluded.disclosure, value = excluded.value,
       numerator = excluded.numerator, denominator = excluded.denominator, source = excluded.source, created_at = now()`,
    COLUMNS.map(([n]) => plan.write.map((x) => x[n])),
  );
  for (const x of plan.write) tx.announce({ orgIds: [x.org_id], from: x.start }, [x.indicator_id, 'integration_index']);
}
