/**
 * Assessments checked as recordAssessment checks them (modules/assessment/assessment.writes.ts, its own subject
 * and figure rules): a branch named by code or full name, a person by ID-card number, each among the existing
 * ones in the importer's scope (never created; a person in the organisation's hospital, else the one of the scope
 * that has them); a person's assessment filed under the organisation named, else
 * their own; one assessment per subject type, person, organisation and year in the file. It counts under its
 * organisation in the year's December. New ones inserted, a changed grade or score updated. Planning reads only.
 */
import { AssessmentSubject } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import type { Queryable } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import { checkFigures, checkSubject } from '../assessment/assessment.writes.js';
import { ASSESSMENTS } from './assessments.columns.js';
import { countOf, type KindPlan, type KindPlanInput } from './kind.js';
import { Checker, duplicateKeys, hospitals, Organisations, people, personNamed, writeRules, type Hospital, type Person } from './lookup.js';
import type { SheetRecord } from './rows.js';

export interface AssessmentRow {
  subject_type: string;
  member_id: number | null;
  organization_id: number;
  year: number;
  score: string | null;
  grade: string;
}

export interface AssessmentsPlan extends KindPlan {
  create: AssessmentRow[];
  update: (AssessmentRow & { id: number })[];
  /** The earliest year written (null: none). */
  year: number | null;
}

const keyOf = (a: Pick<AssessmentRow, 'subject_type' | 'member_id' | 'organization_id' | 'year'>) =>
  [a.subject_type, a.member_id, a.organization_id, a.year].join('|');

/** One row as an assessment (null after a problem). */
interface Lookups {
  orgs: Organisations;
  /** By id. */
  hospitals: Map<number, Hospital>;
  persons: Map<string, Person[]>;
}

function assessmentOf(c: Checker, r: SheetRecord, x: Lookups): AssessmentRow | null {
  const v = r.values;
  const score = v.score === undefined ? null : String(v.score);
  const rules = writeRules(
    c,
    r,
    (p) => {
      checkSubject(p, {
        subjectType: String(v.subjectType) as AssessmentSubject,
        memberId: v.idCardNo === undefined ? null : 'named',
        organizationId: v.organization === undefined ? null : 'named',
      });
      checkFigures(p, { year: Number(v.year), score });
      return true;
    },
    { memberId: 'idCardNo', organizationId: 'organization' },
  );
  if (!rules) return null;
  const org = v.organization === undefined ? null : x.orgs.find(c, r, 'organization');
  if (v.organization !== undefined && !org) return null;
  const hospital = org?.hospital == null ? null : (x.hospitals.get(org.hospital) ?? null);
  const person = v.idCardNo === undefined ? null : personNamed(c, r, 'idCardNo', x.persons, hospital?.id ?? null);
  if (v.idCardNo !== undefined && !person) return null;
  return {
    subject_type: String(v.subjectType),
    member_id: person?.id ?? null,
    organization_id: org?.id ?? person!.org,
    year: Number(v.year),
    score,
    grade: String(v.grade),
  };
}

async function stored(db: Queryable, rows: AssessmentRow[]): Promise<Map<string, AssessmentRow & { id: number }>> {
  const col = <K extends keyof AssessmentRow>(k: K) => rows.map((a) => a[k]);
  const { rows: found } = await db.query<AssessmentRow & { id: number }>(
    `select a.id, a.subject_type, a.member_id, a.organization_id, a.year, a.score::text as score, a.grade
     from assessment a join unnest($1::text[], $2::int[], $3::int[], $4::int[]) as k(s, m, o, y)
       on a.subject_type = k.s and a.member_id is not distinct from k.m and a.organization_id = k.o and a.year = k.y order by a.id`,
    [col('subject_type'), col('member_id'), col('organization_id'), col('year')],
  );
  const out = new Map<string, AssessmentRow & { id: number }>();
  for (const a of found) if (!out.has(keyOf(a))) out.set(keyOf(a), a);
  return out;
}

const sameScore = (a: string | null, b: string | null) => (a == null ? b == null : b != null && Number(a) === Number(b));

/** The plan of an assessments file: assessments to create, update, leave unchanged; every problem. */
export async function planAssessments({ db, sheets, roots }: KindPlanInput): Promise<AssessmentsPlan> {
  const sheet = sheets[0]!;
  const plan: AssessmentsPlan = { problems: [], orgIds: [], counts: [], create: [], update: [], year: null };
  if (sheet.problems.some((p) => p.reason === Reason.importColumnMissing)) return plan;
  const c = new Checker(ASSESSMENTS, sheet, plan.problems);
  const ids = sheet.records.flatMap((r) => (r.values.idCardNo ? [String(r.values.idCardNo)] : []));
  const found: Lookups = {
    orgs: await Organisations.load(db, roots),
    hospitals: new Map([...(await hospitals(db, roots)).values()].flat().map((h) => [h.id, h])),
    persons: await people(db, ids, roots),
  };
  const rows = sheet.records.flatMap((r) => {
    const a = r.bad ? null : assessmentOf(c, r, found);
    return a ? [{ r, a }] : [];
  });
  const keys = new Map(rows.map((x) => [x.r, keyOf(x.a)]));
  duplicateKeys(c, sheet.records, 'year', (r) => keys.get(r) ?? null, {
    zh: '同一考核对象和年度',
    en: 'the same subject and year',
  });
  const before = await stored(
    db,
    rows.map((x) => x.a),
  );
  let unchanged = 0;
  const touched = new Set<number>();
  for (const { r, a } of rows) {
    if (r.bad) continue;
    const b = before.get(keyOf(a));
    const after = b && a.score == null ? { ...a, score: b.score } : a;
    if (b && b.grade === after.grade && sameScore(b.score, after.score)) {
      unchanged++;
      continue;
    }
    if (b) plan.update.push({ ...after, id: b.id });
    else plan.create.push(a);
    touched.add(a.organization_id);
    if (plan.year == null || a.year < plan.year) plan.year = a.year;
  }
  plan.orgIds = [...touched].toSorted((x, y) => x - y);
  plan.counts = countOf(sheet, plan.create.length, plan.update.length, unchanged);
  return plan;
}

/** New assessments in one statement, changed ones in one. */
export async function writeAssessments(tx: WriteTx, plan: AssessmentsPlan): Promise<void> {
  const { create, update } = plan;
  const col = <K extends keyof AssessmentRow>(rows: AssessmentRow[], k: K) => rows.map((a) => a[k]);
  if (create.length)
    await tx.client.query(
      `insert into assessment (subject_type, member_id, organization_id, year, score, grade)
       select * from unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::numeric[], $6::text[])`,
      (['subject_type', 'member_id', 'organization_id', 'year', 'score', 'grade'] as const).map((k) => col(create, k)),
    );
  if (update.length)
    await tx.client.query(
      `update assessment a set score = r.score, grade = r.grade, updated_at = now()
       from unnest($1::int[], $2::numeric[], $3::text[]) as r(id, score, grade) where a.id = r.id`,
      [update.map((u) => u.id), col(update, 'score'), col(update, 'grade')],
    );
}
