/**
 * Honours checked as awardHonor checks them (modules/honor/honor.writes.ts): exactly the recipient cell its
 * type takes (the others blank), an organisation of the kind the type says, a recipient of the hospital, a
 * date not after today; the same honour once in the file. The recipient is found among the existing people,
 * organisations and departments in the importer's scope (never created); the honour counts under the
 * recipient organisation, the person's, the department's, else the hospital's committee, which must lie in
 * the scope. New honours inserted, changed ones (category, level, issuer) updated. Planning reads only.
 */
import { BRANCH_KIND_VALUES, OrgKind, RecipientType } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import type { Queryable } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import { settle, writeRows, type BulkColumn, type Checked } from './bulk.js';
import { HONORS } from './honors.columns.js';
import type { KindPlan, KindPlanInput } from './kind.js';
import {
  Checker,
  Departments,
  hospitalNamed,
  hospitals,
  Organisations,
  people,
  personNamed,
  type Hospital,
  type Person,
} from './lookup.js';
import type { SheetRecord } from './rows.js';

export interface HonorRow {
  hospital_id: number;
  recipient_type: string;
  member_id: number | null;
  organization_id: number | null;
  department_id: number | null;
  title: string;
  category: string;
  level: string;
  awarded_on: string;
  issuer: string | null;
  issuer_kind: string | null;
}

export interface HonorsPlan extends KindPlan {
  create: HonorRow[];
  update: (HonorRow & { id: number })[];
  from: string | null;
}

/** The cell each recipient type takes (the others must be blank), and the organisation kinds it takes. */
const RECIPIENT: Record<string, { field: 'idCardNo' | 'organization' | 'department' | null; kinds?: readonly string[] }> = {
  [RecipientType.PERSON]: { field: 'idCardNo' },
  [RecipientType.BRANCH]: { field: 'organization', kinds: BRANCH_KIND_VALUES },
  [RecipientType.GENERAL_BRANCH]: { field: 'organization', kinds: [OrgKind.GENERAL_BRANCH] },
  [RecipientType.COMMITTEE]: { field: 'organization', kinds: [OrgKind.COMMITTEE] },
  [RecipientType.DEPARTMENT]: { field: 'department' },
  [RecipientType.TEAM]: { field: null },
  [RecipientType.HOSPITAL]: { field: null },
};
const FIELDS = ['idCardNo', 'organization', 'department'] as const;

interface Lookups {
  orgs: Organisations;
  depts: Departments;
  hosps: Map<string, Hospital[]>;
  byId: Map<number, Hospital>;
  persons: Map<string, Person[]>;
}

/** Exactly the recipient cell its type takes. */
function recipientCells(c: Checker, r: SheetRecord): boolean {
  const wanted = RECIPIENT[String(r.values.recipientType)].field;
  for (const f of FIELDS) {
    const header = HONORS.columns.find((x) => x.field === f)!.header;
    if (f === wanted && r.values[f] === undefined)
      c.add(r, f, Reason.inputRequired, `该类获奖对象须填写“${header}”`, `this kind of recipient needs “${header}”`);
    if (f !== wanted && r.values[f] !== undefined)
      c.add(r, f, Reason.inputInconsistent, `该类获奖对象不填写“${header}”`, `this kind of recipient takes no “${header}”`);
  }
  return !r.bad;
}

type Recipient = Pick<HonorRow, 'hospital_id' | 'member_id' | 'organization_id' | 'department_id'> & { counts: number };

/** The recipient of a row (null after a problem): its ids, the hospital, the organisation it counts under. */
function recipient(c: Checker, r: SheetRecord, x: Lookups): Recipient | null {
  const type = String(r.values.recipientType) as RecipientType;
  const hospital = hospitalNamed(c, r, 'hospital', x.hosps);
  if (hospital === undefined) return null;
  let found: Recipient | null = null;
  if (type === RecipientType.PERSON) {
    const p = personNamed(c, r, 'idCardNo', x.persons, hospital?.id ?? null);
    if (p) found = { hospital_id: p.hospital, member_id: p.id, organization_id: null, department_id: null, counts: p.org };
  } else if (RECIPIENT[type].field === 'organization') {
    const org = x.orgs.find(c, r, 'organization');
    if (org && !RECIPIENT[type].kinds!.includes(org.kind))
      c.add(
        r,
        'organization',
        Reason.inputInconsistent,
        '党组织类型与获奖对象类型不符',
        'the organisation’s kind does not match the recipient type',
      );
    else if (org && org.hospital == null)
      c.add(r, 'organization', Reason.notInOrganization, '该党组织不属于任何医院', 'this organisation belongs to no hospital');
    else if (org) found = { hospital_id: org.hospital!, member_id: null, organization_id: org.id, department_id: null, counts: org.id };
  } else if (type === RecipientType.DEPARTMENT) {
    const dept = x.depts.find(c, r, 'department', hospital?.id ?? null);
    if (dept) found = { hospital_id: dept.hospital, member_id: null, organization_id: null, department_id: dept.id, counts: dept.org };
  } else {
    const all = [...x.hosps.values()].flat();
    const only = all.filter((h) => h.inScope);
    const h = hospital ?? (only.length === 1 ? only[0] : null);
    if (h) found = { hospital_id: h.id, member_id: null, organization_id: null, department_id: null, counts: h.committee };
    else if (!only.length && all.length)
      c.add(
        r,
        'recipientType',
        Reason.authOutOfScope,
        '团队或医院的荣誉计入医院党委，不在您的管辖范围内',
        'a team’s or the hospital’s honour counts under the hospital’s committee, outside your scope',
      );
    else c.add(r, 'hospital', Reason.inputRequired, '团队或医院获奖须填写“医院”', 'a team’s or the hospital’s honour needs the hospital');
  }
  if (found && hospital && found.hospital_id !== hospital.id) {
    c.add(r, 'hospital', Reason.notInOrganization, '获奖对象不属于该医院', 'the recipient does not belong to this hospital');
    return null;
  }
  return found;
}

/** A plausible date, as the GraphQL writes take one. */
const dateOk = (c: Checker, r: SheetRecord): boolean => c.rule(r, (p) => p.plausibleDate('awardedOn', r.values.awardedOn));

const keyOf = (h: HonorRow) =>
  [h.hospital_id, h.recipient_type, h.member_id, h.organization_id, h.department_id, h.title, h.awarded_on].join('|');

async function stored(db: Queryable, rows: HonorRow[]): Promise<(HonorRow & { id: number })[]> {
  const col = <K extends keyof HonorRow>(k: K) => rows.map((h) => h[k]);
  const { rows: found } = await db.query<HonorRow & { id: number }>(
    `select h.id, h.hospital_id, h.recipient_type, h.member_id, h.organization_id, h.department_id, h.title, h.category, h.level,
       h.awarded_on::text as awarded_on, h.issuer, h.issuer_kind
     from honor h join unnest($1::int[], $2::text[], $3::int[], $4::int[], $5::int[], $6::text[], $7::date[]) as k(ho, rt, m, o, d, t, a)
       on h.hospital_id = k.ho and h.recipient_type = k.rt and h.member_id is not distinct from k.m and h.organization_id is not distinct from k.o
       and h.department_id is not distinct from k.d and h.title = k.t and h.awarded_on = k.a order by h.id`,
    [
      col('hospital_id'),
      col('recipient_type'),
      col('member_id'),
      col('organization_id'),
      col('department_id'),
      col('title'),
      col('awarded_on'),
    ],
  );
  return found;
}

async function lookups(db: Queryable, records: SheetRecord[], roots: readonly number[] | null): Promise<Lookups> {
  const hosps = await hospitals(db, roots);
  return {
    orgs: await Organisations.load(db, roots),
    depts: await Departments.load(db, roots),
    hosps,
    byId: new Map([...hosps.values()].flat().map((h) => [h.id, h])),
    persons: await people(
      db,
      records.flatMap((r) => (r.values.idCardNo ? [String(r.values.idCardNo)] : [])),
      roots,
    ),
  };
}

/** The plan of an honours file: honours to create, update, leave unchanged; every problem. */
export async function planHonors({ db, sheets, roots }: KindPlanInput): Promise<HonorsPlan> {
  const sheet = sheets[0]!;
  const plan: HonorsPlan = { problems: [], orgIds: [], counts: [], create: [], update: [], from: null };
  if (sheet.problems.some((p) => p.reason === Reason.importColumnMissing)) return plan;
  const c = new Checker(HONORS, sheet, plan.problems);
  const found = await lookups(db, sheet.records, roots);
  const rows: Checked<HonorRow>[] = [];
  for (const r of sheet.records) {
    if (r.bad || !recipientCells(c, r) || !dateOk(c, r)) continue;
    const who = recipient(c, r, found);
    if (!who) continue;
    const { counts, ...ids } = who;
    const v = r.values;
    const h: HonorRow = {
      ...ids,
      recipient_type: String(v.recipientType),
      title: String(v.title),
      category: String(v.category),
      level: String(v.level),
      awarded_on: String(v.awardedOn),
      issuer: v.issuer !== undefined ? String(v.issuer) : null,
      issuer_kind: v.issuerKind !== undefined ? String(v.issuerKind) : null,
    };
    rows.push({ r, row: h, orgIds: [counts], day: h.awarded_on });
  }
  const settled = await settle(c, rows, {
    keyOf,
    duplicate: { field: 'title', zh: '同一获奖对象、荣誉名称和授予日期', en: 'the same recipient, title and date' },
    stored: (found) => stored(db, found),
    changed: ['category', 'level', 'issuer', 'issuer_kind'],
    merge: (h, b) => ({ ...h, issuer: h.issuer ?? b.issuer, issuer_kind: h.issuer_kind ?? b.issuer_kind }),
  });
  return { ...plan, ...settled };
}

const COLUMNS: BulkColumn<HonorRow>[] = [
  { name: 'hospital_id', type: 'int' },
  { name: 'recipient_type', type: 'text' },
  { name: 'member_id', type: 'int' },
  { name: 'organization_id', type: 'int' },
  { name: 'department_id', type: 'int' },
  { name: 'title', type: 'text' },
  { name: 'category', type: 'text' },
  { name: 'level', type: 'text' },
  { name: 'awarded_on', type: 'date' },
  { name: 'issuer', type: 'text' },
  { name: 'issuer_kind', type: 'text' },
];

/** New honours in one statement, changed ones in one. */
export const writeHonors = (tx: WriteTx, plan: HonorsPlan): Promise<void> =>
  writeRows(tx.client, 'honor', COLUMNS, ['category', 'level', 'issuer', 'issuer_kind'], plan);
