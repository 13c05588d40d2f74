/**
 * Development steps checked as changeMemberStage checks them (modules/member/member.writes.ts), with the same
 * rule functions (domain/development.ts): a person's steps, the stored ones and the file's together in date
 * order, must follow the procedure (firstIllegalStep over NEXT_STEPS; a record that does not begin with an
 * application starts where the person's status without a record leaves them, stateWithoutRecord, or, for a
 * stored one, where its first step may be taken), dates not
 * after today; and the database's own rules on a step (hub_check_development_event) are found here as row
 * problems: an application at 18 or older, no step of the probation before joining. A person without a
 * stored record whose file record stops short of the status the roll gave them is refused (it would demote
 * them). The person's status follows the record (statusFromSteps; their joining and conversion dates too
 * where the status changes, else the stored ones stand: resulting). The person
 * is found among the existing people in the importer's scope (never created); the steps count under their
 * organisation and their department's. Planning reads only.
 */
import {
  firstIllegalStep,
  NEXT_STEPS,
  RANK,
  STAGE_RANK,
  stateWithoutRecord,
  STATUS_OF_RANK,
  statusFromSteps,
  type StatusFromSteps,
} from '../../domain/development.js';
import { today } from '../../domain/dates.js';
import { DevelopmentStage, type PoliticalStatus } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import type { Queryable } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import { enumChoices } from './columns.js';
import { DEVELOPMENT } from './development.columns.js';
import { countOf, type KindPlan, type KindPlanInput } from './kind.js';
import {
  Checker,
  duplicateKeys,
  hospitals,
  hospitalNamed,
  plausibleDate,
  people,
  personNamed,
  type Hospital,
  type Person,
} from './lookup.js';
import type { SheetRecord } from './rows.js';
import { unnestOf, type SqlColumn } from './unnest.js';

export interface StepRow {
  member_id: number;
  stage: DevelopmentStage;
  event_date: string;
  introducer1_id: number | null;
  introducer2_id: number | null;
  training_hours: number | null;
}

export interface StatusRow {
  member_id: number;
  political_status: PoliticalStatus;
  joined_on: string | null;
  converted_on: string | null;
}

export interface DevelopmentPlan extends KindPlan {
  /** In the order they are inserted: by person, date and the procedure's order. */
  create: StepRow[];
  update: (StepRow & { id: number })[];
  /** The people whose status, joining or conversion date the record changes. */
  status: StatusRow[];
  from: string | null;
}

const S = DevelopmentStage;

interface Stored extends StatusFromSteps {
  id: number;
  birthDate: string | null;
  deptOrg: number | null;
  deptInScope: boolean;
  /** The organisations of their stints (membership): a change of their status or dates counts there too. */
  stints: number[];
  stintsInScope: boolean;
}

interface StoredStep extends StepRow {
  id: number;
}

/** A step of a person's record: a stored one (its id) or a row of the file (its record). */
interface Merged {
  stage: DevelopmentStage;
  on: string;
  id?: number;
  r?: SheetRecord;
}

const key = (member: number, stage: string, on: string) => `${member}|${stage}|${on}`;
const label = (stage: string) => enumChoices(DEVELOPMENT.columns.find((c) => c.field === 'stage')!).find((c) => c.value === stage)!;
const plus18 = (date: string) => `${Number(date.slice(0, 4)) + 18}${date.slice(4)}`;
/** The steps the database allows only on or after joining: the probation's (the committee's approval of the admission aside). */
const afterJoining = (s: DevelopmentStage) => STAGE_RANK[s] >= RANK.PROBATIONARY && s !== S.COMMITTEE_APPROVED && s !== S.WITHDRAWN;
const statusRank = (s: PoliticalStatus) => STATUS_OF_RANK.indexOf(s);
/** The first state from which a step may be taken (a record older than the hub's begins there). */
const stateBefore = (stage: DevelopmentStage) =>
  (Object.keys(NEXT_STEPS) as (DevelopmentStage | 'START')[]).find((s) => NEXT_STEPS[s].includes(stage)) ?? 'START';

const IN_SCOPE = (path: string) => `($2::int[] is null or string_to_array(trim(both '/' from ${path}), '/')::int[] && $2::int[])`;

async function storedPeople(db: Queryable, ids: number[], roots: readonly number[] | null): Promise<Map<number, Stored>> {
  const { rows } = await db.query<Stored>(
    `select m.id, m.political_status as "politicalStatus", m.joined_on::text as "joinedOn", m.converted_on::text as "convertedOn",
       m.birth_date::text as "birthDate", o.id as "deptOrg",
       (o.id is null or ${IN_SCOPE('o.path')}) as "deptInScope",
       array(select distinct ms.organization_id from membership ms where ms.member_id = m.id) as stints,
       not exists (select 1 from membership ms join organization so on so.id = ms.organization_id
         where ms.member_id = m.id and not ${IN_SCOPE('so.path')}) as "stintsInScope"
     from member m left join department d on d.id = m.department_id left join hospital h on h.id = d.hospital_id
       left join organization o on o.id = coalesce(d.branch_id, h.committee_id)
     where m.id = any($1::int[])`,
    [ids, roots],
  );
  return new Map(rows.map((m) => [m.id, m]));
}

async function storedSteps(db: Queryable, ids: number[]): Promise<Map<number, StoredStep[]>> {
  const { rows } = await db.query<StoredStep>(
    `select id, member_id, stage, event_date::text as event_date, introducer1_id, introducer2_id, training_hours
     from development_event where member_id = any($1::int[]) order by member_id, event_date, id`,
    [ids],
  );
  const out = new Map<number, StoredStep[]>();
  for (const s of rows) out.set(s.member_id, [...(out.get(s.member_id) ?? []), s]);
  return out;
}

interface Lookups {
  hosps: Map<string, Hospital[]>;
  byId: Map<number, Hospital>;
  persons: Map<string, Person[]>;
}

/** An introducer's cell: a person of the same hospital in the scope (null: blank; undefined: a problem). */
function introducer(c: Checker, r: SheetRecord, field: string, x: Lookups, hospital: number): number | null | undefined {
  if (r.values[field] === undefined) return null;
  return personNamed(c, r, field, x.persons, hospital)?.id;
}

interface Row {
  r: SheetRecord;
  person: Person;
  step: StepRow;
}

/** A row as a step of its person (null after a problem). */
function rowStep(c: Checker, r: SheetRecord, x: Lookups): Row | null {
  if (!plausibleDate(c, r, 'on')) return null;
  const hospital = hospitalNamed(c, r, 'hospital', x.hosps);
  if (hospital === undefined) return null;
  const person = personNamed(c, r, 'idCardNo', x.persons, hospital?.id ?? null);
  if (!person) return null;
  const i1 = introducer(c, r, 'introducer1', x, person.hospital);
  const i2 = introducer(c, r, 'introducer2', x, person.hospital);
  if (i1 === undefined || i2 === undefined) return null;
  const v = r.values;
  return {
    r,
    person,
    step: {
      member_id: person.id,
      stage: String(v.stage) as DevelopmentStage,
      event_date: String(v.on),
      introducer1_id: i1,
      introducer2_id: i2,
      training_hours: v.trainingHours !== undefined ? Number(v.trainingHours) : null,
    },
  };
}

/** The stored and new steps in date order (the procedure's order within a day, then as stored, then as in the file). */
const inOrder = (steps: Merged[]) =>
  steps.toSorted(
    (a, b) =>
      a.on.localeCompare(b.on) ||
      STAGE_RANK[a.stage] - STAGE_RANK[b.stage] ||
      (a.id ?? Infinity) - (b.id ?? Infinity) ||
      (a.r?.row ?? 0) - (b.r?.row ?? 0),
  );

/** Where a problem of the record at `i` is reported: its own row, else the file's last step before it, else the file's first. */
const blame = (m: Merged[], i: number): SheetRecord => m[i].r ?? m.slice(0, i).findLast((s) => s.r)?.r ?? m.find((s) => s.r)!.r!;

/** The procedure's order over the whole record: the first step that may not follow, as a problem. */
function checkOrder(c: Checker, m: Merged[], start: DevelopmentStage | 'START'): boolean {
  const bad = firstIllegalStep(m, start);
  if (bad == null) return true;
  const before = bad > 0 ? m[bad - 1].stage : start;
  const allowed = NEXT_STEPS[before].map(label);
  const r = blame(m, bad);
  if (m[bad].r && !allowed.length)
    c.add(
      r,
      'stage',
      Reason.stageClosed,
      '该人员的发展程序此时已结束（已转正、撤回或取消资格）',
      'this person’s procedure has ended by then (converted, withdrawn or cancelled)',
    );
  else if (m[bad].r)
    c.add(
      r,
      'stage',
      Reason.stageOutOfOrder,
      `按发展党员程序，此时只能记录：${allowed.map((a) => a.zh).join('、') || '（无）'}`,
      `at this point the procedure allows only: ${allowed.map((a) => a.en).join(', ') || '(none)'}`,
    );
  else
    c.add(
      r,
      'stage',
      Reason.stageOutOfOrder,
      `加上此环节后，已记录的环节“${label(m[bad].stage).zh}”不再符合发展党员程序`,
      `with this step, the recorded step “${label(m[bad].stage).en}” no longer follows the procedure`,
    );
  return false;
}

/** The database's rules on a step (hub_check_development_event), with the status the record leaves. */
function checkDates(c: Checker, m: Merged[], person: Stored, after: StatusFromSteps): boolean {
  let ok = true;
  for (const [i, s] of m.entries()) {
    if (s.r && s.stage === S.APPLICATION_SUBMITTED && person.birthDate && s.on < plus18(person.birthDate)) {
      c.add(
        s.r,
        'on',
        Reason.stageAge,
        '不符合年龄要求（递交入党申请时须年满十八周岁）',
        'does not meet the age requirement (18 years old when applying)',
      );
      ok = false;
    } else if (afterJoining(s.stage) && (!after.joinedOn || s.on < after.joinedOn)) {
      c.add(
        blame(m, i),
        'on',
        Reason.stageOutOfOrder,
        '该环节不能早于入党（支部大会接收）',
        'this step cannot come before joining (the branch meeting’s vote)',
      );
      return false;
    }
  }
  return ok;
}

/** A person without a stored record whose file record ends below their status (and not withdrawn from below admission). */
function demotes(before: StatusFromSteps, after: StatusFromSteps, m: Merged[]): boolean {
  const ended = m.some((s) => s.stage === S.WITHDRAWN || s.stage === S.PROBATION_CANCELLED);
  const was = statusRank(before.politicalStatus);
  return statusRank(after.politicalStatus) < was && (!ended || was >= RANK.ADMISSION_PENDING);
}

/**
 * The status the record leaves (statusFromSteps). Where that is the status the person has already (the roll's),
 * their stored joining and conversion dates stand, filled in where blank: a roll and the record exported from
 * one hub import into another unchanged, and the roll imports again unchanged after.
 */
function resulting(m: Merged[], person: Stored): StatusFromSteps {
  const after = statusFromSteps(m, person);
  if (after.politicalStatus !== person.politicalStatus) return after;
  return { ...after, joinedOn: person.joinedOn ?? after.joinedOn, convertedOn: person.convertedOn ?? after.convertedOn };
}

interface PersonResult {
  create: StepRow[];
  update: (StepRow & { id: number })[];
  unchanged: number;
  status: StatusRow | null;
  dates: string[];
}

/** One person's rows against their stored record: what changes, or null after a problem. */
function planPerson(c: Checker, rows: Row[], person: Stored, stored: StoredStep[]): PersonResult | null {
  const out: PersonResult = { create: [], update: [], unchanged: 0, status: null, dates: [] };
  const byKey = new Map(stored.map((s) => [key(s.member_id, s.stage, s.event_date), s]));
  const merged: Merged[] = stored.map((s) => ({ stage: s.stage, on: s.event_date, id: s.id }));
  for (const { r, step } of rows) {
    const b = byKey.get(key(step.member_id, step.stage, step.event_date));
    if (!b) {
      merged.push({ stage: step.stage, on: step.event_date, r });
      out.create.push(step);
      out.dates.push(step.event_date);
      continue;
    }
    const after = {
      ...step,
      introducer1_id: step.introducer1_id ?? b.introducer1_id,
      introducer2_id: step.introducer2_id ?? b.introducer2_id,
      training_hours: step.training_hours ?? b.training_hours,
    };
    if ((['introducer1_id', 'introducer2_id', 'training_hours'] as const).every((k) => after[k] === b[k])) out.unchanged++;
    else {
      out.update.push({ ...after, id: b.id });
      out.dates.push(step.event_date);
    }
  }
  if (!out.create.length) return out;
  const m = inOrder(merged);
  const start =
    m[0].stage === S.APPLICATION_SUBMITTED ? 'START' : stored.length ? stateBefore(m[0].stage) : stateWithoutRecord(person.politicalStatus);
  if (!checkOrder(c, m, start)) return null;
  const after = resulting(m, person);
  if (!checkDates(c, m, person, after)) return null;
  if (!stored.length && demotes(person, after, m)) {
    c.add(
      m.findLast((s) => s.r)!.r!,
      'stage',
      Reason.inputInconsistent,
      '发展纪实未达到该人员在党员名册中的政治面貌：请补全其后的环节，或先更正名册',
      'the record stops short of the person’s status on the roll: add the later steps, or correct the roll first',
    );
    return null;
  }
  if (after.politicalStatus !== person.politicalStatus || after.joinedOn !== person.joinedOn || after.convertedOn !== person.convertedOn) {
    out.status = {
      member_id: person.id,
      political_status: after.politicalStatus,
      joined_on: after.joinedOn,
      converted_on: after.convertedOn,
    };
    out.dates.push(...[person.joinedOn, person.convertedOn, after.joinedOn, after.convertedOn].filter((d): d is string => !!d));
  }
  out.create = m.filter((s) => s.r).map((s) => out.create.find((x) => x.stage === s.stage && x.event_date === s.on)!);
  return out;
}

/** The person's department counts under an organisation in the scope (their own does: personNamed). */
function personInReach(c: Checker, rows: Row[], person: Stored): boolean {
  if (person.deptInScope) return true;
  for (const y of rows)
    c.add(
      y.r,
      'idCardNo',
      Reason.authOutOfScope,
      '该人员所在科室属于您管辖范围外的党组织',
      'this person’s department belongs to an organisation outside your scope',
    );
  return false;
}

/** A change of the person's status counts in every organisation they had a stint in: each in the scope. */
function statusInReach(c: Checker, rows: Row[], person: Stored): boolean {
  if (person.stintsInScope) return true;
  c.add(
    rows[0].r,
    'idCardNo',
    Reason.authOutOfScope,
    '该人员曾在您管辖范围外的党组织，其政治面貌的改变会影响那里的统计：请由上级导入',
    'this person was in an organisation outside your scope, where the change of their status counts too: an import for the level above',
  );
  return false;
}

/** The plan of a development file: steps to create, update, leave unchanged; the people's new statuses; every problem. */
export async function planDevelopment({ db, sheets, roots }: KindPlanInput): Promise<DevelopmentPlan> {
  const sheet = sheets[0]!;
  const plan: DevelopmentPlan = { problems: [], orgIds: [], counts: [], create: [], update: [], status: [], from: null };
  if (sheet.problems.some((p) => p.reason === Reason.importColumnMissing)) return plan;
  const c = new Checker(DEVELOPMENT, sheet, plan.problems);
  const hosps = await hospitals(db, roots);
  const x: Lookups = {
    hosps,
    byId: new Map([...hosps.values()].flat().map((h) => [h.id, h])),
    persons: await people(
      db,
      sheet.records.flatMap((r) => ['idCardNo', 'introducer1', 'introducer2'].flatMap((f) => (r.values[f] ? [String(r.values[f])] : []))),
      roots,
    ),
  };
  const rows = sheet.records.flatMap((r) => (r.bad ? [] : [rowStep(c, r, x)].filter((y): y is Row => !!y)));
  const keys = new Map(rows.map((y) => [y.r, key(y.step.member_id, y.step.stage, y.step.event_date)]));
  duplicateKeys(c, sheet.records, 'stage', (r) => keys.get(r) ?? null, {
    zh: '同一人员、阶段和日期',
    en: 'the same person, stage and date',
  });
  const ids = [...new Set(rows.map((y) => y.person.id))];
  const persons = await storedPeople(db, ids, roots);
  const steps = await storedSteps(db, ids);
  // A person with a bad row is not checked further (their record is incomplete until it is corrected).
  const spoiled = new Set(sheet.records.filter((r) => r.bad).map((r) => String(r.values.idCardNo ?? r.typed.idCardNo ?? '')));
  let unchanged = 0;
  const orgs = new Set<number>();
  const dates: string[] = [];
  for (const id of ids) {
    const mine = rows.filter((y) => y.person.id === id);
    const person = persons.get(id)!;
    if (mine.some((y) => y.r.bad) || spoiled.has(mine[0].person.idCardNo ?? '') || !personInReach(c, mine, person)) continue;
    const result = planPerson(c, mine, person, steps.get(id) ?? []);
    if (!result || (result.status && !statusInReach(c, mine, person))) continue;
    unchanged += result.unchanged;
    plan.create.push(...result.create);
    plan.update.push(...result.update);
    if (result.status) plan.status.push(result.status);
    const touched = [mine[0].person.org, person.deptOrg, ...(result.status ? person.stints : [])];
    if (result.create.length || result.update.length) for (const o of touched) if (o != null) orgs.add(o);
    dates.push(...result.dates);
  }
  plan.from = dates.toSorted()[0] ?? null;
  plan.orgIds = [...orgs].toSorted((a, b) => a - b);
  plan.counts = countOf(sheet, plan.create.length, plan.update.length, unchanged);
  return plan;
}

const STEP_COLUMNS: SqlColumn<StepRow>[] = [
  { name: 'member_id', type: 'int' },
  { name: 'stage', type: 'text' },
  { name: 'event_date', type: 'date' },
  { name: 'introducer1_id', type: 'int' },
  { name: 'introducer2_id', type: 'int' },
  { name: 'training_hours', type: 'float8' },
];

/**
 * The people's rows locked in id order, their statuses first (the database's rule on a probation step reads the
 * joining date), then the new steps in one statement in the plan's order (a step's rule reads the steps before
 * it), then the changed ones.
 */
export async function writeDevelopment(tx: WriteTx, plan: DevelopmentPlan): Promise<void> {
  const db = tx.client;
  const ids = [...new Set([...plan.create, ...plan.update, ...plan.status].map((s) => s.member_id))].toSorted((a, b) => a - b);
  await db.query(`select id from member where id = any($1::int[]) order by id for no key update`, [ids]);
  if (plan.status.length)
    await db.query(
      `update member m set political_status = r.s, joined_on = r.j, converted_on = r.c, updated_at = now()
       from unnest($1::int[], $2::text[], $3::date[], $4::date[]) as r(id, s, j, c) where m.id = r.id`,
      [
        plan.status.map((s) => s.member_id),
        plan.status.map((s) => s.political_status),
        plan.status.map((s) => s.joined_on),
        plan.status.map((s) => s.converted_on),
      ],
    );
  const { names, casts, arrays } = unnestOf(STEP_COLUMNS);
  if (plan.create.length)
    await db.query(
      `insert into development_event (${names}) select ${names} from unnest(${casts(0)}) with ordinality as r(${names}, n) order by n`,
      arrays(plan.create),
    );
  if (plan.update.length)
    await db.query(
      `update development_event e set introducer1_id = r.introducer1_id, introducer2_id = r.introducer2_id, training_hours = r.training_hours,
         updated_at = now() from unnest($1::int[], ${casts(1)}) as r(id, ${names}) where e.id = r.id`,
      [plan.update.map((u) => u.id), ...arrays(plan.update)],
    );
}

/** The first day a development commit reaches. */
export const developmentFirstDay = async (_tx: WriteTx, plan: DevelopmentPlan) => plan.from ?? today();
