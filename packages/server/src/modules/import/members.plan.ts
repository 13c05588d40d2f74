/**
 * The members roll's records checked against the database and the importer's scope, and sorted into what a
 * commit would create, update and leave unchanged. Branches are named by code or exact name and must exist,
 * be active and lie inside the scope (a row outside it is an error, never skipped; no organisation is ever
 * created from a name); departments by exact name within the branch's hospital. The natural key is hospital +
 * ID-card number, else hospital + staff number (a row whose two point at two different people is refused). Read-only: the same function plans a dry run and, under the commit's locks, the commit.
 */
import { today } from '../../domain/dates.js';
import { Reason, type ReasonCode } from '../../errors.js';
import type { Queryable } from '../../indicators/cells.js';
import { columnLetter } from './columns.js';
import { MEMBERS } from './members.columns.js';
import type { ParsedSheet, RowProblem, SheetRecord } from './rows.js';
import { birthFromIdCard, normalise } from './values.js';

/** A member row as the commit writes it (the member table's columns). */
export interface MemberRow {
  hospital_id: number;
  organization_id: number;
  department_id: number | null;
  name: string;
  gender: string;
  birth_date: string | null;
  ethnicity: string | null;
  education: string;
  professional_title: string;
  staff_category: string;
  political_status: string;
  membership_status: string;
  joined_on: string | null;
  converted_on: string | null;
  is_dept_head: boolean;
  is_backbone: boolean;
  is_frontline: boolean;
  id_card_no: string;
  mobile: string | null;
  /** The hospital's staff number (工号), unique in a hospital. */
  staff_no: string | null;
}

export interface StoredMember extends MemberRow {
  id: number;
  steps: number;
  /** Whether the person's organisation lies inside the importer's scope. */
  in_scope: boolean;
}

export interface MemberPlan {
  create: MemberRow[];
  update: { id: number; before: StoredMember; after: MemberRow; fields: string[] }[];
  unchanged: number;
  problems: RowProblem[];
  /** Every organisation the commit touches (branches before and after, departments' organisations). */
  orgIds: number[];
}

interface Branch {
  id: number;
  code: string | null;
  name: string;
  hospital: number | null;
  inScope: boolean;
  dissolved: boolean;
}

const FIELD_COLUMN: Record<string, keyof MemberRow> = {
  name: 'name',
  gender: 'gender',
  birthDate: 'birth_date',
  ethnicity: 'ethnicity',
  education: 'education',
  professionalTitle: 'professional_title',
  staffCategory: 'staff_category',
  politicalStatus: 'political_status',
  membershipStatus: 'membership_status',
  joinedOn: 'joined_on',
  convertedOn: 'converted_on',
  isDeptHead: 'is_dept_head',
  isBackbone: 'is_backbone',
  isFrontline: 'is_frontline',
  idCardNo: 'id_card_no',
  mobile: 'mobile',
  staffNo: 'staff_no',
};

/** The columns a commit may write, in the member table's names (the personal ones listed by field in the audit entry). */
export const MEMBER_COLUMNS_WRITTEN = [...Object.values(FIELD_COLUMN), 'organization_id', 'department_id', 'hospital_id'] as const;

/** Every branch, found by code and by exact name (built once per file, not per row). */
interface Branches {
  byCode: Map<string, Branch[]>;
  byName: Map<string, Branch[]>;
}

const grouped = (list: Branch[], by: (b: Branch) => string | null) => {
  const out = new Map<string, Branch[]>();
  for (const b of list) {
    const k = by(b);
    if (k != null) out.set(k, [...(out.get(k) ?? []), b]);
  }
  return out;
};

async function branches(db: Queryable, roots: readonly number[] | null): Promise<Branches> {
  const { rows } = await db.query(
    `select o.id, o.code, o.name, (o.dissolved_on is not null and o.dissolved_on <= $2::date) as dissolved,
       ($1::int[] is null or string_to_array(trim(both '/' from o.path), '/')::int[] && $1::int[]) as "inScope",
       (select h.id from hospital h where h.committee_id = any(string_to_array(trim(both '/' from o.path), '/')::int[]) order by h.id limit 1) as hospital
     from organization o where o.kind in ('branch', 'joint_branch')`,
    [roots, today()],
  );
  const list = rows as Branch[];
  return {
    byCode: grouped(list, (b) => (b.code ? key(b.code) : null)),
    byName: grouped(list, (b) => key(b.name)),
  };
}

const key = (s: string) => normalise(s).toLowerCase();

class Checker {
  readonly problems: RowProblem[] = [];
  constructor(private readonly sheet: ParsedSheet) {}

  add(r: SheetRecord, field: string | null, value: string | null, reason: ReasonCode, zh: string, en: string): void {
    const column = field ? MEMBERS.columns.find((c) => c.field === field) : undefined;
    const at = field ? this.sheet.at.get(field) : undefined;
    this.problems.push({
      sheet: r.sheet,
      row: r.row,
      column: at ? columnLetter(at) : null,
      header: column?.header ?? null,
      value,
      reason,
      zh,
      en,
    });
    r.bad = true;
  }
}

/** The branch a row names (code first, then exact name), or a problem. */
function branchOf(c: Checker, r: SheetRecord, all: Branches): Branch | null {
  const named = String(r.values.branch);
  const found = all.byCode.get(key(named)) ?? all.byName.get(key(named)) ?? [];
  const visible = found.filter((b) => b.inScope);
  if (!visible.length) {
    c.add(
      r,
      'branch',
      named,
      found.length ? Reason.authOutOfScope : Reason.idNotFound,
      `党支部“${named}”不存在或不在您的管辖范围内（按编码或完整名称查找；不会新建组织）`,
      `branch “${named}” does not exist or is outside your scope (looked up by code or full name; no organisation is created)`,
    );
    return null;
  }
  if (visible.length > 1) {
    c.add(
      r,
      'branch',
      named,
      Reason.inputInconsistent,
      `有 ${visible.length} 个党支部叫“${named}”：请填写编码`,
      `${visible.length} branches are named “${named}”: give the code`,
    );
    return null;
  }
  if (visible[0].dissolved || visible[0].hospital == null) {
    c.add(
      r,
      'branch',
      named,
      Reason.notEligible,
      `党支部“${named}”已撤销或不属于任何医院`,
      `branch “${named}” is dissolved or belongs to no hospital`,
    );
    return null;
  }
  return visible[0];
}

/** Rows with an ID-card number (or a staff number) seen earlier in the file: each one a problem naming the first row. */
function duplicates(c: Checker, records: SheetRecord[]): void {
  const what = { idCardNo: { zh: '身份证号', en: 'ID-card number' }, staffNo: { zh: '工号', en: 'staff number' } } as const;
  for (const field of ['idCardNo', 'staffNo'] as const) {
    const first = new Map<string, number>();
    for (const r of records) {
      const id = r.values[field] as string | undefined;
      if (!id || r.bad) continue;
      const seen = first.get(id);
      if (seen == null) first.set(id, r.row);
      else
        c.add(r, field, id, Reason.inputDuplicate, `与第 ${seen} 行的${what[field].zh}重复`, `the same ${what[field].en} as row ${seen}`);
    }
  }
}

export interface PlanInput {
  db: Queryable;
  sheet: ParsedSheet;
  /** The importer's scope roots (null: the whole tree). */
  roots: readonly number[] | null;
}

/** The plan of a parsed members roll: creates, updates, unchanged, every problem. */
export async function planMembers({ db, sheet, roots }: PlanInput): Promise<MemberPlan> {
  const c = new Checker(sheet);
  const plan: MemberPlan = { create: [], update: [], unchanged: 0, problems: c.problems, orgIds: [] };
  if (sheet.problems.some((p) => p.reason === Reason.importColumnMissing)) return plan;
  duplicates(c, sheet.records);
  const all = await branches(db, roots);
  const rows: { r: SheetRecord; branch: Branch }[] = [];
  for (const r of sheet.records) {
    if (r.bad) continue;
    const branch = branchOf(c, r, all);
    if (branch) rows.push({ r, branch });
  }
  const depts = await departments(db, [...new Set(rows.map((x) => x.branch.hospital!))], roots);
  const stored = await storedMembers(
    db,
    rows.map((x) => [x.branch.hospital!, x.r.values.idCardNo as string, (x.r.values.staffNo as string | undefined) ?? null]),
    roots,
  );
  const orgs = new Set<number>();
  const matched = new Map<number, number>();
  for (const { r, branch } of rows) {
    const before = storedOf(c, r, branch.hospital!, stored, matched);
    if (before === null) continue;
    const dept = departmentOf(c, r, depts, branch.hospital!);
    if (dept === undefined) continue;
    const after = merged(r, branch, dept?.id ?? (r.values.department === undefined ? (before?.department_id ?? null) : null), before);
    const storedInScope = !before || roots === null || (before.in_scope && !depts.outOfScope.has(before.department_id ?? -1));
    if (!consistent(c, r, { m: after, before, storedInScope })) continue;
    if (r.bad) continue;
    for (const o of [
      after.organization_id,
      before?.organization_id,
      dept?.org,
      before ? depts.orgOf.get(before.department_id ?? -1) : undefined,
    ])
      if (o != null) orgs.add(o);
    if (!before) plan.create.push(after);
    else {
      const fields = (Object.keys(after) as (keyof MemberRow)[]).filter((k) => after[k] !== before[k]);
      if (fields.length) plan.update.push({ id: before.id, before, after, fields });
      else plan.unchanged++;
    }
  }
  plan.orgIds = [...orgs].toSorted((a, b) => a - b);
  return plan;
}

interface Departments {
  byName: Map<string, { id: number; org: number | null }[]>;
  orgOf: Map<number, number | null>;
  /** Departments whose organisation lies outside the importer's scope. */
  outOfScope: Set<number>;
}

/** A hospital's departments by name, each with the organisation its records count under and whether that lies in the scope. */
async function departments(db: Queryable, hospitals: number[], roots: readonly number[] | null): Promise<Departments> {
  const { rows } = await db.query<{ id: number; hospital_id: number; name: string; org: number | null; in_scope: boolean }>(
    `select d.id, d.hospital_id, d.name, o.id as org,
       ($2::int[] is null or string_to_array(trim(both '/' from o.path), '/')::int[] && $2::int[]) as in_scope
     from department d join hospital h on h.id = d.hospital_id join organization o on o.id = coalesce(d.branch_id, h.committee_id)
     where d.hospital_id = any($1::int[])`,
    [hospitals, roots],
  );
  const byName = new Map<string, { id: number; org: number | null }[]>();
  for (const d of rows) {
    const k = `${d.hospital_id}|${key(d.name)}`;
    byName.set(k, [...(byName.get(k) ?? []), { id: d.id, org: d.org }]);
  }
  return { byName, orgOf: new Map(rows.map((d) => [d.id, d.org])), outOfScope: new Set(rows.filter((d) => !d.in_scope).map((d) => d.id)) };
}

/** The department a row names (null: none named), or undefined after a problem. */
function departmentOf(
  c: Checker,
  r: SheetRecord,
  depts: Departments,
  hospital: number,
): { id: number; org: number | null } | null | undefined {
  const named = r.values.department as string | undefined;
  if (named === undefined) return null;
  const found = depts.byName.get(`${hospital}|${key(named)}`) ?? [];
  if (found.length === 1 && depts.outOfScope.has(found[0].id)) {
    c.add(r, 'department', named, Reason.authOutOfScope, `科室“${named}”不在您的管辖范围内`, `department “${named}” is outside your scope`);
    return undefined;
  }
  if (found.length === 1) return found[0];
  c.add(
    r,
    'department',
    named,
    found.length ? Reason.inputInconsistent : Reason.idNotFound,
    found.length ? `本院有多个科室叫“${named}”` : `本院没有科室“${named}”（按完整名称查找）`,
    found.length ? `several departments are named “${named}”` : `the hospital has no department “${named}” (looked up by full name)`,
  );
  return undefined;
}

/** The stored people a file's rows name: by `hospital|ID-card number` and by `hospital|staff number`. */
interface Stored {
  byCard: Map<string, StoredMember>;
  byStaff: Map<string, StoredMember>;
}

async function storedMembers(db: Queryable, keys: [number, string, string | null][], roots: readonly number[] | null): Promise<Stored> {
  const { rows } = await db.query<StoredMember>(
    `select distinct on (m.id) m.id, m.hospital_id, m.organization_id, m.department_id, m.name, m.gender, m.birth_date::text as birth_date,
       m.ethnicity, m.education, m.professional_title, m.staff_category, m.political_status, m.membership_status,
       m.joined_on::text as joined_on, m.converted_on::text as converted_on, m.is_dept_head, m.is_backbone, m.is_frontline,
       m.id_card_no, m.mobile, m.staff_no,
       (select count(*)::int from development_event e where e.member_id = m.id) as steps,
       ($4::int[] is null or string_to_array(trim(both '/' from o.path), '/')::int[] && $4::int[]) as in_scope
     from member m join organization o on o.id = m.organization_id
     -- Two equality joins, not one on "card or staff number" (that one PostgreSQL can only loop: every row
     -- against every person, 6 s for 5,000 rows against 6,500 people).
     where m.id in (select x.id from member x join unnest($1::int[], $2::text[]) as k(h, id) on x.hospital_id = k.h and x.id_card_no = k.id
                    union select x.id from member x join unnest($1::int[], $3::text[]) as k(h, staff) on x.hospital_id = k.h and x.staff_no = k.staff)
     order by m.id`,
    [keys.map((k) => k[0]), keys.map((k) => k[1]), keys.map((k) => k[2]), roots],
  );
  const out: Stored = { byCard: new Map(), byStaff: new Map() };
  for (const m of rows) {
    const k = `${m.hospital_id}|${m.id_card_no}`;
    // Two stored people with one number: the row cannot say which; the first stays the match, the check below refuses.
    if (m.id_card_no && out.byCard.has(k)) out.byCard.get(k)!.steps = -1;
    else if (m.id_card_no) out.byCard.set(k, m);
    if (m.staff_no) out.byStaff.set(`${m.hospital_id}|${m.staff_no}`, m);
  }
  return out;
}

/**
 * The stored person a row is (by ID-card number, else by staff number; undefined: a new one), or null after a
 * problem: its two numbers name two different people, or an earlier row of the file is the same person.
 */
function storedOf(
  c: Checker,
  r: SheetRecord,
  hospital: number,
  stored: Stored,
  matched: Map<number, number>,
): StoredMember | undefined | null {
  const byCard = stored.byCard.get(`${hospital}|${r.values.idCardNo}`);
  const staff = r.values.staffNo as string | undefined;
  const byStaff = staff ? stored.byStaff.get(`${hospital}|${staff}`) : undefined;
  if (byCard && byStaff && byCard.id !== byStaff.id) {
    // Never either person's data in the message: only that the two numbers disagree.
    c.add(
      r,
      'staffNo',
      staff!,
      Reason.inputInconsistent,
      '身份证号与工号分别属于本院两名不同的人员：请核对',
      'the ID-card number and the staff number belong to two different people of the hospital: check them',
    );
    return null;
  }
  const before = byCard ?? byStaff;
  if (!before) return undefined;
  const first = matched.get(before.id);
  if (first != null) {
    c.add(r, 'staffNo', staff ?? null, Reason.inputDuplicate, `与第 ${first} 行是同一人员`, `the same person as row ${first}`);
    return null;
  }
  matched.set(before.id, r.row);
  return before;
}

/** The row's values over the stored ones (a blank cell keeps what is stored; for a new person, the defaults). */
function merged(r: SheetRecord, branch: Branch, departmentId: number | null, before: StoredMember | undefined): MemberRow {
  const v = r.values;
  const pick = <T>(field: string, fallback: T): T => (v[field] !== undefined ? (v[field] as T) : fallback);
  const id = v.idCardNo as string;
  return {
    hospital_id: branch.hospital!,
    organization_id: branch.id,
    department_id: departmentId,
    name: v.name as string,
    gender: v.gender as string,
    birth_date: pick('birthDate', before?.birth_date ?? birthFromIdCard(id)),
    ethnicity: pick('ethnicity', before?.ethnicity ?? null),
    education: v.education as string,
    professional_title: v.professionalTitle as string,
    staff_category: v.staffCategory as string,
    political_status: v.politicalStatus as string,
    membership_status: pick('membershipStatus', before?.membership_status ?? 'active'),
    joined_on: pick('joinedOn', before?.joined_on ?? null),
    converted_on: pick('convertedOn', before?.converted_on ?? null),
    is_dept_head: pick('isDeptHead', before?.is_dept_head ?? false),
    is_backbone: pick('isBackbone', before?.is_backbone ?? false),
    is_frontline: pick('isFrontline', before?.is_frontline ?? false),
    id_card_no: id,
    mobile: pick('mobile', before?.mobile ?? null),
    staff_no: pick('staffNo', before?.staff_no ?? null),
  };
}

const plus18 = (date: string) => `${Number(date.slice(0, 4)) + 18}${date.slice(4)}`;
const MEMBER_STATUSES = new Set(['admission_pending', 'probationary', 'full_member']);

export interface RuleContext {
  m: MemberRow;
  before: StoredMember | undefined;
  /** Whether the stored person's organisation lies inside the importer's scope. */
  storedInScope: boolean;
}

export interface Rule {
  field: keyof typeof FIELD_COLUMN;
  /** Whether the row breaks the rule. */
  broken(x: RuleContext): boolean;
  reason: ReasonCode;
  zh: string;
  en: string;
}

const rule = (field: Rule['field'], broken: Rule['broken'], reason: ReasonCode, zh: string, en: string): Rule => ({
  field,
  broken,
  reason,
  zh,
  en,
});
const future = (d: string | null) => !!d && d > today();
const member = (m: MemberRow) => MEMBER_STATUSES.has(m.political_status);

/** The rules across a row's fields and against what is stored, in the order they are reported (the first broken one). */
export const RULES: readonly Rule[] = [
  rule(
    'idCardNo',
    ({ before }) => before?.steps === -1,
    Reason.duplicate,
    '库中已有多名人员使用该身份证号，请先更正',
    'several stored people have this ID-card number: correct them first',
  ),
  rule(
    'idCardNo',
    ({ before, storedInScope }) => !!before && !storedInScope,
    Reason.authOutOfScope,
    '该人员的组织关系在您管辖范围外的党组织：请由上级办理转接',
    'this person belongs to an organisation outside your scope: the transfer is for the level above',
  ),
  rule(
    'birthDate',
    ({ m }) => m.birth_date !== birthFromIdCard(m.id_card_no),
    Reason.inputInconsistent,
    '出生日期与身份证号中的不一致',
    'the birth date differs from the one in the ID-card number',
  ),
  rule(
    'gender',
    ({ m }) => (Number(m.id_card_no[16]) % 2 === 1 ? 'male' : 'female') !== m.gender,
    Reason.inputInconsistent,
    '性别与身份证号（第 17 位）不一致',
    'the gender differs from the ID-card number (its 17th digit)',
  ),
  rule('joinedOn', ({ m }) => future(m.joined_on), Reason.dateOutOfRange, '日期不能晚于今天', 'the date cannot be after today'),
  rule('convertedOn', ({ m }) => future(m.converted_on), Reason.dateOutOfRange, '日期不能晚于今天', 'the date cannot be after today'),
  rule(
    'joinedOn',
    ({ m }) => member(m) && !m.joined_on,
    Reason.inputRequired,
    '党员（含预备党员）须填入党日期',
    'a member (probationary included) needs the joining date',
  ),
  rule(
    'joinedOn',
    ({ m }) => !member(m) && !!m.joined_on,
    Reason.inputInconsistent,
    '尚未入党的人员不应有入党日期',
    'a person not yet admitted has no joining date',
  ),
  rule(
    'convertedOn',
    ({ m }) => m.political_status === 'full_member' && !m.converted_on,
    Reason.inputRequired,
    '正式党员须填转正日期',
    'a full member needs the conversion date',
  ),
  rule(
    'convertedOn',
    ({ m }) => m.political_status !== 'full_member' && !!m.converted_on,
    Reason.inputInconsistent,
    '只有正式党员有转正日期',
    'only a full member has a conversion date',
  ),
  rule(
    'convertedOn',
    ({ m }) => !!m.joined_on && !!m.converted_on && m.converted_on < m.joined_on,
    Reason.inputInconsistent,
    '转正日期早于入党日期',
    'the conversion date is before the joining date',
  ),
  rule(
    'joinedOn',
    ({ m }) => !!m.joined_on && !!m.birth_date && m.joined_on < plus18(m.birth_date),
    Reason.stageAge,
    '入党时未满十八周岁',
    'under 18 on the joining date',
  ),
  rule(
    'politicalStatus',
    ({ m, before }) =>
      !!before &&
      before.steps > 0 &&
      (before.political_status !== m.political_status || before.joined_on !== m.joined_on || before.converted_on !== m.converted_on),
    Reason.inputInconsistent,
    '该人员已有发展纪实，政治面貌和入党、转正日期由发展纪实决定：请用发展纪实的记录或更正办理',
    'this person has a development record: their status and dates follow it; record or correct a step instead',
  ),
];

/** The first rule a row breaks, as its problem; true when it breaks none. */
function consistent(c: Checker, r: SheetRecord, x: RuleContext): boolean {
  const broken = RULES.find((rule) => rule.broken(x));
  if (!broken) return true;
  const value = r.typed[broken.field] ?? x.m[FIELD_COLUMN[broken.field]];
  c.add(r, broken.field, value == null ? null : String(value), broken.reason, broken.zh, broken.en);
  return false;
}
