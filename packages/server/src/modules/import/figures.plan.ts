/**
 * Department monthly figures checked as recordDepartmentMetrics checks them (modules/metric/metric.writes.ts):
 * a month not before the earliest fact nor after this month, a value from 0 to 10¹⁰ (kept to two decimals, as
 * the column stores it), each metric once per department and month; the department found by full name among
 * the existing ones in the importer's scope. Then written: new figures inserted, changed ones updated, in one
 * statement each. Read-only planning; the writer runs in the commit's transaction.
 */
import { EARLIEST_FACT, today } from '../../domain/dates.js';
import { Reason } from '../../errors.js';
import type { Queryable } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import { FIGURES } from './figures.columns.js';
import { countOf, type KindPlan, type KindPlanInput } from './kind.js';
import { Checker, Departments, duplicateKeys, hospitals, nameKey, type Dept } from './lookup.js';
import type { SheetRecord } from './rows.js';

export interface Figure {
  department_id: number;
  /** The month's first day. */
  month: string;
  code: string;
  value: number;
}

export interface FiguresPlan extends KindPlan {
  create: Figure[];
  update: (Figure & { id: number })[];
  from: string | null;
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** The hospital a row names (null: none named, or a problem). */
function hospitalOf(c: Checker, r: SheetRecord, all: Awaited<ReturnType<typeof hospitals>>): number | null | undefined {
  if (r.values.hospital === undefined) return null;
  const found = (all.get(nameKey(String(r.values.hospital))) ?? []).filter((h) => h.inScope);
  if (found.length === 1) return found[0].id;
  c.add(
    r,
    'hospital',
    Reason.idNotFound,
    '您的管辖范围内没有这家医院（按全称查找）',
    'no such hospital in your scope (looked up by full name)',
  );
  return undefined;
}

/** recordDepartmentMetrics's rule: the month's first day a plausible date (not before the earliest fact, not after today). */
function monthOk(c: Checker, r: SheetRecord): boolean {
  const first = `${String(r.values.month)}-01`;
  if (first >= EARLIEST_FACT && first <= today()) return true;
  c.add(
    r,
    'month',
    Reason.dateOutOfRange,
    first < EARLIEST_FACT ? `日期不能早于 ${EARLIEST_FACT}` : '已发生的事实日期不能晚于今天',
    first < EARLIEST_FACT ? `a date cannot be before ${EARLIEST_FACT}` : 'a fact that happened cannot be dated after today',
  );
  return false;
}

async function stored(db: Queryable, figures: Figure[]): Promise<Map<string, { id: number; value: string }>> {
  const { rows } = await db.query<{ id: number; department_id: number; month: string; code: string; value: string }>(
    `select m.id, m.department_id, m.month::text as month, m.code, m.value::text as value from department_metric m
     join unnest($1::int[], $2::date[], $3::text[]) as k(d, mo, c) on m.department_id = k.d and m.month = k.mo and m.code = k.c`,
    [figures.map((f) => f.department_id), figures.map((f) => f.month), figures.map((f) => f.code)],
  );
  return new Map(rows.map((r) => [`${r.department_id}|${r.month}|${r.code}`, { id: r.id, value: r.value }]));
}

const keyOf = (f: Figure) => `${f.department_id}|${f.month}|${f.code}`;

export async function planFigures({ db, sheets, roots }: KindPlanInput): Promise<FiguresPlan> {
  const sheet = sheets[0]!;
  const plan: FiguresPlan = { problems: [], orgIds: [], counts: [], create: [], update: [], from: null };
  if (sheet.problems.some((p) => p.reason === Reason.importColumnMissing)) return plan;
  const c = new Checker(FIGURES, sheet, plan.problems);
  const depts = await Departments.load(db, roots);
  const hosps = await hospitals(db, roots);
  const rows: { r: SheetRecord; f: Figure; dept: Dept }[] = [];
  for (const r of sheet.records) {
    if (r.bad) continue;
    const hospital = hospitalOf(c, r, hosps);
    if (hospital === undefined || !monthOk(c, r)) continue;
    const dept = depts.find(c, r, 'department', hospital);
    if (!dept) continue;
    const v = r.values;
    rows.push({
      r,
      dept,
      f: { department_id: dept.id, month: `${String(v.month)}-01`, code: String(v.code), value: cents(Number(v.value)) },
    });
  }
  const keys = new Map(rows.map((x) => [x.r, keyOf(x.f)]));
  duplicateKeys(c, sheet.records, 'code', (r) => keys.get(r) ?? null, {
    zh: '同一科室、月份和指标',
    en: 'the same department, month and metric',
  });
  const before = await stored(
    db,
    rows.map((x) => x.f),
  );
  let unchanged = 0;
  const orgs = new Set<number>();
  for (const { r, f, dept } of rows) {
    if (r.bad) continue;
    const b = before.get(keyOf(f));
    if (b && Number(b.value) === f.value) {
      unchanged++;
      continue;
    }
    if (b) plan.update.push({ ...f, id: b.id });
    else plan.create.push(f);
    orgs.add(dept.org);
    if (!plan.from || f.month < plan.from) plan.from = f.month;
  }
  plan.orgIds = [...orgs].toSorted((a, b) => a - b);
  plan.counts = countOf(sheet, plan.create.length, plan.update.length, unchanged);
  return plan;
}

/** New figures in one statement, changed ones in one. */
export async function writeFigures(tx: WriteTx, plan: FiguresPlan): Promise<void> {
  const { create, update } = plan;
  if (create.length)
    await tx.client.query(
      `insert into department_metric (department_id, month, code, value) select * from unnest($1::int[], $2::date[], $3::text[], $4::numeric[])`,
      [create.map((f) => f.department_id), create.map((f) => f.month), create.map((f) => f.code), create.map((f) => f.value)],
    );
  if (update.length)
    await tx.client.query(
      `update department_metric m set value = r.value, updated_at = now() from unnest($1::int[], $2::numeric[]) as r(id, value) where m.id = r.id`,
      [update.map((f) => f.id), update.map((f) => f.value)],
    );
}
