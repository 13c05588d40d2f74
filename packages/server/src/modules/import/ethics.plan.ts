/**
 * Medical-ethics events checked as recordEthicsEvent checks them (modules/ethics/ethics.writes.ts, its own
 * amount rule and the date's plausibility): the department found by full name among the existing ones in the
 * importer's scope, the staff member, if any, among the department's hospital's people in the scope; each
 * event once in the file. An event counts under its department's branch, else the hospital's committee. The
 * n-th event of one type, department, person and day (同日序号) is the n-th stored one of them (by id); a
 * number may skip none (a gap would be created again by every import of the same file). New events inserted,
 * a changed amount updated. Planning reads only.
 */
import { EthicsEventType } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import type { Queryable } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import { checkAmount } from '../ethics/ethics.writes.js';
import { ETHICS } from './ethics.columns.js';
import { countOf, type KindPlan, type KindPlanInput } from './kind.js';
import { Checker, Departments, duplicateKeys, hospitals, hospitalNamed, people, personOf, writeRules, type Dept } from './lookup.js';
import type { SheetRecord } from './rows.js';

export interface EthicsRow {
  type: string;
  department_id: number;
  member_id: number | null;
  occurred_on: string;
  amount: string | null;
}

export interface EthicsPlan extends KindPlan {
  create: EthicsRow[];
  update: { id: number; amount: string | null }[];
  from: string | null;
}

interface Planned {
  r: SheetRecord;
  e: EthicsRow;
  seq: number;
  dept: Dept;
}

/** The event's group (type, department, person, day); its number within the group makes it one event. */
const groupOf = (e: EthicsRow) => [e.type, e.department_id, e.member_id, e.occurred_on].join('|');

/** The amount as the write takes it (a decimal string), or null. */
const amountOf = (v: string | number | boolean | undefined) => (v === undefined ? null : String(v));

const sameAmount = (a: string | null, b: string | null) => (a == null ? b == null : b != null && Number(a) === Number(b));

/** One row as an event (null after a problem). */
function eventOf(
  c: Checker,
  r: SheetRecord,
  depts: Departments,
  hosps: Awaited<ReturnType<typeof hospitals>>,
  persons: Awaited<ReturnType<typeof people>>,
): Planned | null {
  const v = r.values;
  const rules = writeRules(c, r, (p) => {
    p.plausibleDate('occurredOn', v.occurredOn);
    checkAmount(p, String(v.type) as EthicsEventType, amountOf(v.amount));
    return true;
  });
  const hospital = hospitalNamed(c, r, 'hospital', hosps);
  if (!rules || hospital === undefined) return null;
  const dept = depts.find(c, r, 'department', hospital?.id ?? null);
  if (!dept) return null;
  const person = v.idCardNo === undefined ? null : personOf(c, r, 'idCardNo', dept.hospital, persons);
  if (v.idCardNo !== undefined && !person) return null;
  const e = {
    type: String(v.type),
    department_id: dept.id,
    member_id: person?.id ?? null,
    occurred_on: String(v.occurredOn),
    amount: amountOf(v.amount),
  };
  return { r, e, seq: v.seq === undefined ? 1 : Number(v.seq), dept };
}

/** The stored events of the rows' groups, by group and number within it. */
async function stored(db: Queryable, rows: EthicsRow[]): Promise<Map<string, { id: number; amount: string | null }[]>> {
  const col = <K extends keyof EthicsRow>(k: K) => rows.map((e) => e[k]);
  const { rows: found } = await db.query<EthicsRow & { id: number }>(
    `select distinct e.id, e.type, e.department_id, e.member_id, e.occurred_on::text as occurred_on, e.amount::text as amount
     from ethics_event e join unnest($1::text[], $2::int[], $3::int[], $4::date[]) as k(t, d, m, o)
       on e.type = k.t and e.department_id = k.d and e.member_id is not distinct from k.m and e.occurred_on = k.o
     order by e.id`,
    [col('type'), col('department_id'), col('member_id'), col('occurred_on')],
  );
  const out = new Map<string, { id: number; amount: string | null }[]>();
  for (const e of found) out.set(groupOf(e), [...(out.get(groupOf(e)) ?? []), { id: e.id, amount: e.amount }]);
  return out;
}

/** A number past the stored ones and the file's lower ones (a gap): a problem. */
function gaps(c: Checker, rows: Planned[], before: Map<string, unknown[]>): void {
  const seen = new Map<string, Set<number>>();
  for (const x of rows) seen.set(groupOf(x.e), (seen.get(groupOf(x.e)) ?? new Set()).add(x.seq));
  for (const x of rows) {
    const known = before.get(groupOf(x.e))?.length ?? 0;
    const numbers = seen.get(groupOf(x.e))!;
    for (let n = known + 1; n < x.seq; n++)
      if (!numbers.has(n)) {
        c.add(
          x.r,
          'seq',
          Reason.inputInconsistent,
          `同日序号须连续：库中和本文件都没有第 ${n} 件`,
          `the numbers within a day run on: neither the hub nor the file has number ${n}`,
        );
        break;
      }
  }
}

/** The plan of an ethics file: events to create, amounts to update, events left unchanged; every problem. */
export async function planEthics({ db, sheets, roots }: KindPlanInput): Promise<EthicsPlan> {
  const sheet = sheets[0]!;
  const plan: EthicsPlan = { problems: [], orgIds: [], counts: [], create: [], update: [], from: null };
  if (sheet.problems.some((p) => p.reason === Reason.importColumnMissing)) return plan;
  const c = new Checker(ETHICS, sheet, plan.problems);
  const depts = await Departments.load(db, roots);
  const hosps = await hospitals(db, roots);
  const ids = sheet.records.flatMap((r) => (r.values.idCardNo ? [String(r.values.idCardNo)] : []));
  const persons = await people(db, ids, roots);
  const rows = sheet.records.flatMap((r) => (r.bad ? [] : (eventOf(c, r, depts, hosps, persons) ?? [])));
  const keys = new Map(rows.map((x) => [x.r, `${groupOf(x.e)}|${x.seq}`]));
  duplicateKeys(c, sheet.records, 'seq', (r) => keys.get(r) ?? null, {
    zh: '同一类型、科室、人员、日期和同日序号',
    en: 'the same type, department, person, day and number within it',
  });
  const before = await stored(
    db,
    rows.map((x) => x.e),
  );
  gaps(
    c,
    rows.filter((x) => !x.r.bad),
    before,
  );
  let unchanged = 0;
  const orgs = new Set<number>();
  for (const { r, e, seq, dept } of rows) {
    if (r.bad) continue;
    const b = before.get(groupOf(e))?.[seq - 1];
    if (b && sameAmount(b.amount, e.amount)) {
      unchanged++;
      continue;
    }
    if (b) plan.update.push({ id: b.id, amount: e.amount });
    else plan.create.push(e);
    orgs.add(dept.org);
    if (!plan.from || e.occurred_on < plan.from) plan.from = e.occurred_on;
  }
  plan.orgIds = [...orgs].toSorted((a, b) => a - b);
  plan.counts = countOf(sheet, plan.create.length, plan.update.length, unchanged);
  return plan;
}

/** New events in one statement, changed amounts in one. */
export async function writeEthics(tx: WriteTx, plan: EthicsPlan): Promise<void> {
  const { create, update } = plan;
  const col = <K extends keyof EthicsRow>(k: K) => create.map((e) => e[k]);
  if (create.length)
    await tx.client.query(
      `insert into ethics_event (type, department_id, member_id, occurred_on, amount)
       select * from unnest($1::text[], $2::int[], $3::int[], $4::date[], $5::numeric[])`,
      [col('type'), col('department_id'), col('member_id'), col('occurred_on'), col('amount')],
    );
  if (update.length)
    await tx.client.query(
      `update ethics_event e set amount = r.amount, updated_at = now() from unnest($1::int[], $2::numeric[]) as r(id, amount) where e.id = r.id`,
      [update.map((u) => u.id), update.map((u) => u.amount)],
    );
}
