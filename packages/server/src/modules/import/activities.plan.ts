/**
 * Activities with attendance checked against the database and the importer's scope, as recordActivity checks
 * them (modules/activity/activity.writes.ts): a plausible date (not after today once held, up to a year ahead
 * when planned), attendees who were members of the organisation holding it (a party group's: its branch) on
 * its day (member/belonged.ts), the same
 * person once per activity, the same activity once. Organisations are found by code or full name among the
 * existing ones (never created); people by hospital + ID-card number or staff number. Activity: organisation + type + date +
 * title; attendance: activity + person. Read-only: it plans the dry run and, under the commit's locks, the
 * commit.
 */
import { addDays, EARLIEST_FACT, PLANNING_HORIZON_DAYS, today } from '../../domain/dates.js';
import { Reason } from '../../errors.js';
import type { Queryable } from '../../indicators/cells.js';
import { belongedOn } from '../member/belonged.js';
import { ACTIVITIES, ATTENDANCE } from './activities.columns.js';
import { countOf, type KindPlan, type KindPlanInput } from './kind.js';
import { Checker, duplicateKeys, Organisations, people, personByCardOrStaff, type Org } from './lookup.js';
import type { ParsedSheet, SheetRecord } from './rows.js';

export interface ActivityRow {
  organization_id: number;
  type: string;
  title: string;
  held_on: string;
  status: string;
  location: string | null;
  expected_count: number | null;
  beneficiary_count: number | null;
  festival_tag: string | null;
}

export interface AttendanceRow {
  /** The activity's natural key (its id known only after a new one is written). */
  activity: string;
  member_id: number;
  status: string;
  role: string;
  hours: number | null;
  /** The reason for leave or absence (none for one present). */
  reason: string | null;
}

interface StoredActivity extends ActivityRow {
  id: number;
}

export interface ActivitiesPlan extends KindPlan {
  create: ActivityRow[];
  update: { id: number; after: ActivityRow }[];
  /** The stored activities' ids by natural key (the ones attendance names, too). */
  ids: Map<string, number>;
  attendance: { create: AttendanceRow[]; update: (AttendanceRow & { id: number })[] };
  /** The first day the changes reach (null: nothing changes). */
  from: string | null;
}

const ACTIVITY_FIELDS = ['status', 'location', 'expected_count', 'beneficiary_count', 'festival_tag'] as const;
const ATTENDANCE_FIELDS = ['status', 'role', 'hours', 'reason'] as const;

export const activityKey = (a: Pick<ActivityRow, 'organization_id' | 'type' | 'held_on' | 'title'>) =>
  `${a.organization_id}|${a.type}|${a.held_on}|${a.title}`;

/** The four key cells of a row as a key, its organisation found (null after a problem). */
function keyOf(c: Checker, r: SheetRecord, orgs: Organisations): { key: string; org: Org } | null {
  const org = orgs.find(c, r, 'organization');
  if (!org) return null;
  const v = r.values;
  return { key: activityKey({ organization_id: org.id, type: String(v.type), held_on: String(v.heldOn), title: String(v.title) }), org };
}

/** recordActivity's date rule: not before the earliest fact; not after today once held, a year ahead when planned. */
function plausible(c: Checker, r: SheetRecord, status: string): boolean {
  const on = String(r.values.heldOn);
  const latest = status === 'planned' ? addDays(today(), PLANNING_HORIZON_DAYS) : today();
  if (on >= EARLIEST_FACT && on <= latest) return true;
  c.add(
    r,
    'heldOn',
    Reason.dateOutOfRange,
    on < EARLIEST_FACT
      ? `日期不能早于 ${EARLIEST_FACT}`
      : status === 'planned'
        ? `计划中的活动不能晚于 ${latest}（一年内）`
        : '已开展的活动日期不能晚于今天',
    on < EARLIEST_FACT
      ? `a date cannot be before ${EARLIEST_FACT}`
      : status === 'planned'
        ? `a planned activity cannot be after ${latest} (a year ahead)`
        : 'a held activity cannot be dated after today',
  );
  return false;
}

async function storedActivities(db: Queryable, keys: string[]): Promise<Map<string, StoredActivity>> {
  const parts = keys.map((k) => k.split('|'));
  const { rows } = await db.query<StoredActivity>(
    `select a.id, a.organization_id, a.type, a.title, a.held_on::text as held_on, a.status, a.location, a.expected_count,
       a.beneficiary_count, a.festival_tag
     from activity a join unnest($1::int[], $2::text[], $3::date[], $4::text[]) as k(o, t, d, title)
       on a.organization_id = k.o and a.type = k.t and a.held_on = k.d and a.title = k.title
     order by (a.status = 'cancelled'), a.id`,
    [parts.map((p) => Number(p[0])), parts.map((p) => p[1]), parts.map((p) => p[2]), parts.map((p) => p.slice(3).join('|'))],
  );
  const out = new Map<string, StoredActivity>();
  for (const a of rows) if (!out.has(activityKey(a))) out.set(activityKey(a), a);
  return out;
}

/** The 活动 sheet: each row created, updated or unchanged. */
function planActivities(c: Checker, sheet: ParsedSheet, orgs: Organisations, plan: ActivitiesPlan, stored: Map<string, StoredActivity>) {
  let unchanged = 0;
  for (const r of sheet.records) {
    if (r.bad) continue;
    const k = keyOf(c, r, orgs);
    const v = r.values;
    const before = k ? stored.get(k.key) : undefined;
    const pick = <T>(field: string, kept: T | undefined, fallback: T): T => (v[field] !== undefined ? (v[field] as T) : (kept ?? fallback));
    const after: ActivityRow = {
      organization_id: k?.org.id ?? 0,
      type: String(v.type),
      title: String(v.title),
      held_on: String(v.heldOn),
      status: pick('status', before?.status, 'held'),
      location: pick('location', before?.location, null),
      expected_count: pick('expectedCount', before?.expected_count, null),
      beneficiary_count: pick('beneficiaryCount', before?.beneficiary_count, null),
      festival_tag: pick('festivalTag', before?.festival_tag, null),
    };
    if (!plausible(c, r, after.status) || !k) continue;
    if (!before) plan.create.push(after);
    else if (ACTIVITY_FIELDS.some((f) => after[f] !== before[f])) plan.update.push({ id: before.id, after });
    else unchanged++;
  }
  return unchanged;
}

interface StoredAttendance {
  id: number;
  activity_id: number;
  member_id: number;
  status: string;
  role: string;
  hours: number | null;
  reason: string | null;
}

async function storedAttendance(db: Queryable, activityIds: number[]): Promise<Map<string, StoredAttendance>> {
  const { rows } = await db.query<StoredAttendance>(
    `select id, activity_id, member_id, status, role, hours, reason from attendance where activity_id = any($1::int[]) and member_id is not null`,
    [activityIds],
  );
  return new Map(rows.map((a) => [`${a.activity_id}|${a.member_id}`, a]));
}

interface AttendanceInput {
  orgs: Organisations;
  /** Activity keys of the 活动 sheet (good rows and bad ones: a bad one's problem is reported there). */
  inFile: Set<string>;
  stored: Map<string, StoredActivity>;
  persons: Awaited<ReturnType<typeof people>>;
}

/** The 出勤 sheet's rows whose activity and person are found and fit: their keys, person and values. */
function attendees(c: Checker, sheet: ParsedSheet, x: AttendanceInput) {
  const out: { r: SheetRecord; key: string; org: Org; member: number; memberOrg: number }[] = [];
  for (const r of sheet.records) {
    if (r.bad) continue;
    const k = keyOf(c, r, x.orgs);
    if (!k) continue;
    if (!x.inFile.has(k.key) && !x.stored.has(k.key)) {
      c.add(
        r,
        'title',
        Reason.idNotFound,
        '没有这项活动：须在“活动”表中列出或已经记录（党组织、活动类型、日期、主题须一致）',
        'no such activity: list it in the 活动 sheet or record it first (organisation, type, date and title must agree)',
      );
      continue;
    }
    if (r.values.reason !== undefined && r.values.attendance === 'present') {
      c.add(r, 'reason', Reason.inputInconsistent, '出席的人不填请假/缺席原因', 'one who was present has no reason for leave or absence');
      continue;
    }
    if (k.org.hospital == null) continue;
    const person = personByCardOrStaff(c, r, { card: 'idCardNo', staff: 'staffNo' }, k.org.hospital, x.persons);
    if (!person) continue;
    out.push({ r, key: k.key, org: k.org, member: person.id, memberOrg: person.org });
  }
  return out;
}

type Attendee = ReturnType<typeof attendees>[number];

/** The cell naming a row's person: its ID-card number, else its staff number. */
const personField = (r: SheetRecord) => (r.values.idCardNo !== undefined ? 'idCardNo' : 'staffNo');

/** The attendees who were members of the organisation holding the activity (or one under it) on its day; the others are problems. */
async function belonging(c: Checker, db: Queryable, rows: Attendee[]): Promise<Attendee[]> {
  const answers = await belongedOn(
    db,
    rows.map((a) => ({ member: a.member, org: a.org.id, day: String(a.r.values.heldOn) })),
  );
  return rows.filter((a, i) => {
    const answer = answers[i];
    if (answer?.inside) return true;
    const day = String(a.r.values.heldOn);
    const holder = answer?.holder ?? a.org.name;
    c.add(
      a.r,
      personField(a.r),
      Reason.notInOrganization,
      `此人在 ${day} 不是 ${holder} 的党员`,
      `this person was not a member of ${holder} on ${day}`,
    );
    return false;
  });
}

/** The 出勤 sheet: each row created, updated or unchanged; the organisations of the changed ones. */
async function planAttendance(c: Checker, db: Queryable, sheet: ParsedSheet, x: AttendanceInput, plan: ActivitiesPlan) {
  const rows = await belonging(c, db, attendees(c, sheet, x));
  const keys = new Map(rows.map((a) => [a.r, `${a.key}|${a.member}`]));
  duplicateKeys(
    c,
    rows.map((a) => a.r),
    personField,
    (r) => keys.get(r) ?? null,
    {
      zh: '同一活动中同一人重复出现',
      en: 'the same person twice at one activity',
    },
  );
  const stored = await storedAttendance(
    db,
    [...x.stored.values()].map((a) => a.id),
  );
  let unchanged = 0;
  const touched: { key: string; orgs: number[] }[] = [];
  for (const a of rows) {
    if (a.r.bad) continue;
    const id = x.stored.get(a.key)?.id;
    const before = id != null ? stored.get(`${id}|${a.member}`) : undefined;
    const v = a.r.values;
    const status = String(v.attendance);
    const after: AttendanceRow = {
      activity: a.key,
      member_id: a.member,
      status,
      role: v.role !== undefined ? String(v.role) : (before?.role ?? 'attendee'),
      hours: v.hours !== undefined ? Number(v.hours) : (before?.hours ?? null),
      reason: status === 'present' ? null : v.reason !== undefined ? String(v.reason) : (before?.reason ?? null),
    };
    if (!before) plan.attendance.create.push(after);
    else if (ATTENDANCE_FIELDS.some((f) => before[f] !== after[f])) plan.attendance.update.push({ ...after, id: before.id });
    else {
      unchanged++;
      continue;
    }
    touched.push({ key: a.key, orgs: [a.org.id, a.memberOrg] });
  }
  return { unchanged, touched };
}

/** Each good row's activity key, its organisation found quietly (its problem is the row's own planning's). */
const keysOf = (s: ParsedSheet | null | undefined, orgs: Organisations) => {
  const out = new Map<SheetRecord, string>();
  for (const r of s?.records ?? []) {
    const org = r.bad ? null : orgs.peek(String(r.values.organization));
    if (org)
      out.set(
        r,
        activityKey({
          organization_id: org.id,
          type: String(r.values.type),
          held_on: String(r.values.heldOn),
          title: String(r.values.title),
        }),
      );
  }
  return out;
};

const missing = (s: ParsedSheet | null | undefined) => !!s?.problems.some((p) => p.reason === Reason.importColumnMissing);

/** The plan of an activities file: activities and attendance to create, update, leave unchanged; every problem. */
export async function planActivityFile({ db, sheets, roots }: KindPlanInput): Promise<ActivitiesPlan> {
  const [acts, att] = sheets;
  const problems: ActivitiesPlan['problems'] = [];
  const plan: ActivitiesPlan = {
    problems,
    orgIds: [],
    counts: [],
    create: [],
    update: [],
    ids: new Map(),
    attendance: { create: [], update: [] },
    from: null,
  };
  if (missing(acts) || missing(att)) return plan;
  const orgs = await Organisations.load(db, roots);
  const actKeys = keysOf(acts, orgs);
  const stored = await storedActivities(db, [...new Set([...actKeys.values(), ...keysOf(att, orgs).values()])]);
  let unchangedActs = 0;
  if (acts) {
    const ca = new Checker(ACTIVITIES, acts, problems);
    duplicateKeys(ca, acts.records, 'title', (r) => actKeys.get(r) ?? null, {
      zh: '同一党组织、活动类型、日期和主题',
      en: 'the same organisation, type, date and title',
    });
    unchangedActs = planActivities(ca, acts, orgs, plan, stored);
  }
  let attendance = { unchanged: 0, touched: [] as { key: string; orgs: number[] }[] };
  if (att) {
    const persons = await people(
      db,
      att.records.flatMap((r) => (r.values.idCardNo ? [String(r.values.idCardNo)] : [])),
      roots,
      att.records.flatMap((r) => (r.values.staffNo ? [String(r.values.staffNo)] : [])),
    );
    const inFile = new Set(actKeys.values());
    attendance = await planAttendance(new Checker(ATTENDANCE, att, problems), db, att, { orgs, inFile, stored, persons }, plan);
  }
  for (const [k, a] of stored) plan.ids.set(k, a.id);
  finish(plan, attendance.touched);
  plan.counts = [
    ...countOf(acts ?? null, plan.create.length, plan.update.length, unchangedActs),
    ...countOf(att ?? null, plan.attendance.create.length, plan.attendance.update.length, attendance.unchanged),
  ];
  return plan;
}

/** The organisations the changes touch and the first day they reach. */
function finish(plan: ActivitiesPlan, touched: { key: string; orgs: number[] }[]): void {
  const orgs = new Set<number>();
  const days: string[] = [];
  for (const a of [...plan.create, ...plan.update.map((u) => u.after)]) {
    orgs.add(a.organization_id);
    days.push(a.held_on);
  }
  for (const t of touched) {
    for (const o of t.orgs) orgs.add(o);
    days.push(t.key.split('|')[2]);
  }
  plan.orgIds = [...orgs].toSorted((a, b) => a - b);
  plan.from = days.toSorted()[0] ?? null;
}
