/**
 * Appointments checked as assignPosition checks them (modules/member/position.writes.ts, with its rule
 * functions): a role the organisation's kind has (ROLE_KINDS), and for a position still held an active full
 * member who belongs to the organisation (ineligible); a start date at most a year ahead, an end date not after
 * today and not before the start. Terms of one role in one organisation may not overlap for one person, nor at
 * all for a single-holder role (SINGLE_HOLDER: a secretary …), counting the stored terms and the file's
 * together (an earlier holder's end date is given in the file, never set by it). The organisation (for a
 * term that ended, one dissolved since too) and the person are found among the existing ones in the importer's scope (never created); a position counts under
 * its organisation. New appointments inserted, changed ones (end date, flags) updated. Planning reads only.
 */
import { today } from '../../domain/dates.js';
import type { PositionRole } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import type { Queryable } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import { ineligible, SINGLE_HOLDER } from '../member/position.writes.js';
import { countOf, type KindPlan, type KindPlanInput } from './kind.js';
import { Checker, duplicateKeys, Organisations, people, personOf, plausibleDate } from './lookup.js';
import { POSITIONS } from './positions.columns.js';
import type { SheetRecord } from './rows.js';
import { unnestOf, type SqlColumn } from './unnest.js';

export interface PositionRow {
  organization_id: number;
  member_id: number;
  role: PositionRole;
  start_on: string;
  end_on: string | null;
  is_dept_head: boolean;
  is_discipline_leader: boolean;
  is_dual_leader: boolean;
}

export interface PositionsPlan extends KindPlan {
  create: PositionRow[];
  update: (PositionRow & { id: number })[];
  from: string | null;
}

const FLAGS = [
  ['isDeptHead', 'is_dept_head'],
  ['isDisciplineLeader', 'is_discipline_leader'],
  ['isDualLeader', 'is_dual_leader'],
] as const;

const keyOf = (p: PositionRow) => [p.member_id, p.organization_id, p.role, p.start_on].join('|');
const group = (p: PositionRow) => `${p.organization_id}|${p.role}`;

interface Row {
  r: SheetRecord;
  p: PositionRow;
}

interface Statuses {
  political_status: string;
  membership_status: string;
}

/** The dates of a row: the start at most a year ahead, the end (given) not after today nor before the start. */
function datesOk(c: Checker, r: SheetRecord): boolean {
  if (!plausibleDate(c, r, 'startOn', 'planned')) return false;
  if (r.values.endOn === undefined) return true;
  if (!plausibleDate(c, r, 'endOn')) return false;
  if (String(r.values.endOn) >= String(r.values.startOn)) return true;
  c.add(r, 'endOn', Reason.inputInconsistent, '离任日期不能早于任职日期', 'the end date cannot be before the start date');
  return false;
}

/** A row as an appointment (null after a problem). */
function rowOf(
  c: Checker,
  r: SheetRecord,
  orgs: Organisations,
  persons: Awaited<ReturnType<typeof people>>,
  statuses: Map<number, Statuses>,
): Row | null {
  if (!datesOk(c, r)) return null;
  const open = r.values.endOn === undefined;
  // A term that ended may be in an organisation dissolved since.
  const org = orgs.find(c, r, 'organization', undefined, !open);
  if (!org) return null;
  if (org.hospital == null) {
    c.add(r, 'organization', Reason.notInOrganization, '该党组织不属于任何医院', 'this organisation belongs to no hospital');
    return null;
  }
  const person = personOf(c, r, 'idCardNo', org.hospital, persons);
  if (!person) return null;
  const role = String(r.values.role) as PositionRole;
  const s = statuses.get(person.id)!;
  const broken = ineligible({ kind: org.kind, ...s, inside: person.path.startsWith(org.holderPath) }, role).filter(
    (x) => x.on === 'role' || open,
  );
  for (const x of broken) c.add(r, x.on === 'role' ? 'role' : 'idCardNo', x.reason, x.zh, x.en);
  if (broken.length) return null;
  const v = r.values;
  return {
    r,
    p: {
      organization_id: org.id,
      member_id: person.id,
      role,
      start_on: String(v.startOn),
      end_on: open ? null : String(v.endOn),
      is_dept_head: v.isDeptHead === true,
      is_discipline_leader: v.isDisciplineLeader === true,
      is_dual_leader: v.isDualLeader === true,
    },
  };
}

async function storedPositions(db: Queryable, rows: PositionRow[]): Promise<(PositionRow & { id: number })[]> {
  const { rows: found } = await db.query<PositionRow & { id: number }>(
    `select s.id, s.organization_id, s.member_id, s.role, s.start_on::text as start_on, s.end_on::text as end_on, s.is_dept_head,
       s.is_discipline_leader, s.is_dual_leader
     from position s join (select distinct * from unnest($1::int[], $2::text[])) as k(o, role) on s.organization_id = k.o and s.role = k.role
     order by s.id`,
    [rows.map((p) => p.organization_id), rows.map((p) => p.role)],
  );
  return found;
}

const overlaps = (a: PositionRow, b: PositionRow) => a.start_on <= (b.end_on ?? '9999-12-31') && b.start_on <= (a.end_on ?? '9999-12-31');

/** Terms after the commit that overlap: the same person's twice, or two holders of a single-holder role; each a problem on the file's row. */
function checkOverlaps(c: Checker, changed: Row[], after: (PositionRow & { id?: number; r?: SheetRecord })[]): void {
  for (const { r, p } of changed) {
    const other = after.find(
      (o) =>
        o.r !== r &&
        group(o) === group(p) &&
        keyOf(o) !== keyOf(p) &&
        overlaps(o, p) &&
        (o.member_id === p.member_id || SINGLE_HOLDER(p.role)),
    );
    if (!other) continue;
    const where = other.r
      ? { zh: `第 ${other.r.row} 行`, en: `row ${other.r.row}` }
      : { zh: toGlobalId('Position', other.id!), en: toGlobalId('Position', other.id!) };
    if (other.member_id === p.member_id)
      c.add(
        r,
        'startOn',
        Reason.duplicate,
        `该人员此时已任此职（${where.zh}）`,
        `this person holds this position at that time already (${where.en})`,
      );
    else
      c.add(
        r,
        'startOn',
        Reason.positionOverlap,
        `与该职务的另一任期重叠（${where.zh}）：请填写前任的离任日期`,
        `overlaps another term of this position (${where.en}): give the earlier holder’s end date`,
      );
  }
}

/** The rows against the stored appointments (a blank keeps what is stored): the changed ones, how many are unchanged, all terms after. */
function sortOut(rows: Row[], byKey: Map<string, PositionRow & { id: number }>) {
  const after = new Map<string, PositionRow & { id?: number; r?: SheetRecord }>([...byKey.values()].map((s) => [keyOf(s), s]));
  const changed: Row[] = [];
  let unchanged = 0;
  for (const x of rows) {
    if (x.r.bad) continue;
    const b = byKey.get(keyOf(x.p));
    const v = x.r.values;
    const p: PositionRow = b
      ? {
          ...x.p,
          end_on: x.p.end_on ?? b.end_on,
          ...Object.fromEntries(FLAGS.map(([f, col]) => [col, v[f] !== undefined ? v[f] === true : b[col]])),
        }
      : x.p;
    if (b && p.end_on === b.end_on && FLAGS.every(([, col]) => p[col] === b[col])) {
      unchanged++;
      continue;
    }
    after.set(keyOf(p), { ...p, id: b?.id, r: x.r });
    changed.push({ r: x.r, p });
  }
  return { changed, unchanged, after };
}

/** The plan of a positions file: appointments to create, update, leave unchanged; every problem. */
export async function planPositions({ db, sheets, roots }: KindPlanInput): Promise<PositionsPlan> {
  const sheet = sheets[0]!;
  const plan: PositionsPlan = { problems: [], orgIds: [], counts: [], create: [], update: [], from: null };
  if (sheet.problems.some((p) => p.reason === Reason.importColumnMissing)) return plan;
  const c = new Checker(POSITIONS, sheet, plan.problems);
  const orgs = await Organisations.load(db, roots);
  const persons = await people(
    db,
    sheet.records.flatMap((r) => (r.values.idCardNo ? [String(r.values.idCardNo)] : [])),
    roots,
  );
  const { rows: st } = await db.query<Statuses & { id: number }>(
    `select id, political_status, membership_status from member where id = any($1::int[])`,
    [[...persons.values()].flat().map((p) => p.id)],
  );
  const statuses = new Map(st.map((s) => [s.id, s]));
  const rows = sheet.records.flatMap((r) => (r.bad ? [] : [rowOf(c, r, orgs, persons, statuses)].filter((x): x is Row => !!x)));
  const keys = new Map(rows.map((x) => [x.r, keyOf(x.p)]));
  duplicateKeys(c, sheet.records, 'startOn', (r) => keys.get(r) ?? null, {
    zh: '同一人员、党组织、职务和任职日期',
    en: 'the same person, organisation, role and start date',
  });
  const stored = await storedPositions(
    db,
    rows.map((x) => x.p),
  );
  const byKey = new Map(stored.map((s) => [keyOf(s), s]));
  const { changed, unchanged, after } = sortOut(rows, byKey);
  checkOverlaps(c, changed, [...after.values()]);
  const orgIds = new Set<number>();
  const dates: string[] = [];
  for (const { r, p } of changed) {
    if (r.bad) continue;
    const b = byKey.get(keyOf(p));
    if (b) plan.update.push({ ...p, id: b.id });
    else plan.create.push(p);
    orgIds.add(p.organization_id);
    const flagsChanged = !b || FLAGS.some(([, col]) => p[col] !== b[col]);
    dates.push(flagsChanged ? p.start_on : [b.end_on, p.end_on].filter((d): d is string => !!d).toSorted()[0]!);
  }
  plan.from = dates.toSorted()[0] ?? null;
  plan.orgIds = [...orgIds].toSorted((a, b) => a - b);
  plan.counts = countOf(sheet, plan.create.length, plan.update.length, unchanged);
  return plan;
}

const COLUMNS: SqlColumn<PositionRow>[] = [
  { name: 'organization_id', type: 'int' },
  { name: 'member_id', type: 'int' },
  { name: 'role', type: 'text' },
  { name: 'start_on', type: 'date' },
  { name: 'end_on', type: 'date' },
  { name: 'is_dept_head', type: 'boolean' },
  { name: 'is_discipline_leader', type: 'boolean' },
  { name: 'is_dual_leader', type: 'boolean' },
];

/** New appointments in one statement, changed ones in one. */
export async function writePositions(tx: WriteTx, plan: PositionsPlan): Promise<void> {
  const { names, casts, arrays } = unnestOf(COLUMNS);
  if (plan.create.length)
    await tx.client.query(`insert into position (${names}) select * from unnest(${casts(0)}) as r(${names})`, arrays(plan.create));
  if (plan.update.length)
    await tx.client.query(
      `update position s set end_on = r.end_on, is_dept_head = r.is_dept_head, is_discipline_leader = r.is_discipline_leader,
         is_dual_leader = r.is_dual_leader, updated_at = now()
       from unnest($1::int[], ${casts(1)}) as r(id, ${names}) where s.id = r.id`,
      [plan.update.map((u) => u.id), ...arrays(plan.update)],
    );
}

/** The first day a positions commit reaches. */
export const positionsFirstDay = async (_tx: WriteTx, plan: PositionsPlan) => plan.from ?? today();
