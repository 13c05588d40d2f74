/**
 * Survey results in aggregate checked as recordSurveyResult checks them (modules/survey/survey.writes.ts): a
 * month not before the earliest fact, the survey's first month, nor after this month; the satisfied at most the
 * respondents; a mean on the survey's scale; each survey, department and month once in the file, and never one
 * that has individual responses (delete them first: a month holds one form or the other) — unless the row is
 * exactly those responses counted up (an export imported back), which leaves it unchanged. The survey is found by
 * title (within the named hospital), the department by full name in the survey's hospital; a result counts under
 * the department's organisation, or the hospital's committee for the whole hospital's, which must lie in the
 * importer's scope. New results inserted, changed ones updated. Planning reads only.
 */
import { Reason } from '../../errors.js';
import type { Queryable } from '../../indicators/cells.js';
import type { WriteTx } from '../../indicators/writes.js';
import { RESPONSES_FIRST, scaleRange } from '../survey/survey.writes.js';
import { monthOk } from './figures.plan.js';
import { countOf, type KindPlan, type KindPlanInput } from './kind.js';
import { Checker, closeMatches, Departments, duplicateKeys, hospitals, nameKey, type Hospital } from './lookup.js';
import type { SheetRecord } from './rows.js';
import { SURVEY_RESULTS } from './surveys.columns.js';

export interface ResultRow {
  survey_id: number;
  department_id: number | null;
  /** The month's first day. */
  month: string;
  respondents: number;
  satisfied: number;
  mean_score: number | null;
}

export interface SurveysPlan extends KindPlan {
  create: ResultRow[];
  update: (ResultRow & { id: number })[];
  from: string | null;
}

interface SurveyRef {
  id: number;
  title: string;
  hospital: number;
  scale: string;
  startedOn: string | null;
}

interface Lookups {
  surveys: Map<string, SurveyRef[]>;
  hosps: Map<string, Hospital[]>;
  byId: Map<number, Hospital>;
  depts: Departments;
}

async function lookups(db: Queryable, roots: readonly number[] | null): Promise<Lookups> {
  const { rows } = await db.query<SurveyRef>(
    `select id, title, hospital_id as hospital, scale, started_on::text as "startedOn" from survey order by id`,
  );
  const surveys = new Map<string, SurveyRef[]>();
  for (const s of rows) surveys.set(nameKey(s.title), [...(surveys.get(nameKey(s.title)) ?? []), s]);
  const hosps = await hospitals(db, roots);
  return { surveys, hosps, byId: new Map([...hosps.values()].flat().map((h) => [h.id, h])), depts: await Departments.load(db, roots) };
}

/** The hospital a row names (null: none named; undefined: a problem). */
function namedHospital(c: Checker, r: SheetRecord, x: Lookups): Hospital | null | undefined {
  if (r.values.hospital === undefined) return null;
  const found = x.hosps.get(nameKey(String(r.values.hospital))) ?? [];
  if (found.length === 1) return found[0];
  c.add(r, 'hospital', Reason.idNotFound, '没有这家医院（按全称查找）', 'no such hospital (looked up by full name)');
  return undefined;
}

/** The survey a row names by title (in the named hospital; else the one in the importer's scope), or null after a problem. */
function surveyOf(c: Checker, r: SheetRecord, x: Lookups): SurveyRef | null {
  const hospital = namedHospital(c, r, x);
  if (hospital === undefined) return null;
  const title = String(r.values.survey);
  let found = (x.surveys.get(nameKey(title)) ?? []).filter((s) => !hospital || s.hospital === hospital.id);
  if (found.length > 1 && !hospital) {
    const ours = found.filter((s) => x.byId.get(s.hospital)?.inScope);
    if (ours.length === 1) found = ours;
  }
  if (found.length === 1) return found[0];
  if (found.length > 1)
    c.add(
      r,
      'survey',
      Reason.inputInconsistent,
      `有 ${found.length} 个调查叫“${title}”：请填写“医院”列`,
      `${found.length} surveys are titled “${title}”: fill in the hospital column`,
    );
  else {
    const near = closeMatches(
      title,
      [...x.surveys.values()].flat().map((s) => s.title),
    );
    c.add(
      r,
      'survey',
      Reason.idNotFound,
      `没有名为“${title}”的满意度调查${near.length ? `（是否为：${near.join('、')}）` : ''}`,
      `no survey titled “${title}”${near.length ? ` (did you mean: ${near.join(', ')})` : ''}`,
    );
  }
  return null;
}

/** The numbers against each other and the survey's scale and start. */
function numbersOk(c: Checker, r: SheetRecord, s: SurveyRef): boolean {
  const v = r.values;
  if (Number(v.satisfied) > Number(v.respondents))
    c.add(r, 'satisfied', Reason.inputInconsistent, '满意人数不能超过样本量', 'the satisfied cannot outnumber the respondents');
  const [lo, hi] = scaleRange(s.scale);
  if (v.meanScore !== undefined && (Number(v.meanScore) < lo || Number(v.meanScore) > hi))
    c.add(
      r,
      'meanScore',
      Reason.inputOutOfRange,
      `平均分应在 ${lo}–${hi}（本调查的量表）`,
      `the mean must be ${lo}–${hi} (this survey’s scale)`,
    );
  if (s.startedOn && String(v.month) < s.startedOn.slice(0, 7))
    c.add(
      r,
      'month',
      Reason.dateOutOfRange,
      `早于本调查开始的月份（${s.startedOn.slice(0, 7)}）`,
      `before the survey’s first month (${s.startedOn.slice(0, 7)})`,
    );
  return !r.bad;
}

/** The department (null: the whole hospital) and the organisation the row counts under, or undefined after a problem. */
function countsUnder(c: Checker, r: SheetRecord, s: SurveyRef, x: Lookups): { dept: number | null; org: number } | undefined {
  if (r.values.department !== undefined) {
    const d = x.depts.find(c, r, 'department', s.hospital);
    return d ? { dept: d.id, org: d.org } : undefined;
  }
  const h = x.byId.get(s.hospital)!;
  if (h.inScope) return { dept: null, org: h.committee };
  c.add(
    r,
    'department',
    Reason.authOutOfScope,
    '全院的结果计入医院党委，不在您的管辖范围内：请填写科室',
    'the whole hospital’s result counts under the hospital’s committee, outside your scope: name the department',
  );
  return undefined;
}

const keyOf = (x: ResultRow) => `${x.survey_id}|${x.department_id ?? ''}|${x.month}`;
const cents = (n: number) => Math.round(n * 100) / 100;

interface Stored {
  id: number;
  respondents: number;
  satisfied: number;
  mean: number | null;
  responses: number;
  /** The individual responses counted up as a row would give them (what an export writes for that month). */
  answered_satisfied: number;
  answered_mean: number | null;
}

/** What is stored for each row's key: the result (id 0: none) and the individual responses' count. */
async function stored(db: Queryable, rows: ResultRow[]): Promise<Map<string, Stored>> {
  const { rows: found } = await db.query<Stored & { key: string }>(
    `select k.s || '|' || coalesce(k.d::text, '') || '|' || k.m::text as key, coalesce(x.id, 0) as id, x.respondents, x.satisfied,
       x.mean_score::float8 as mean,
       a.responses, a.answered_satisfied, a.answered_mean
     from unnest($1::int[], $2::int[], $3::date[]) as k(s, d, m)
     left join survey_result x on x.survey_id = k.s and x.department_id is not distinct from k.d and x.month = k.m
     cross join lateral (select count(*)::int as responses, (count(*) filter (where r.is_satisfied))::int as answered_satisfied,
         round(avg(r.overall_score), 2)::float8 as answered_mean
       from survey_response r where r.survey_id = k.s and r.department_id is not distinct from k.d
         and r.responded_on >= k.m and r.responded_on < k.m + interval '1 month') a`,
    [rows.map((x) => x.survey_id), rows.map((x) => x.department_id), rows.map((x) => x.month)],
  );
  return new Map(found.map((f) => [f.key, f]));
}

/** Each row checked on its own: its result and the organisation it counts under. */
function checkRows(c: Checker, records: readonly SheetRecord[], x: Lookups) {
  const rows: { r: SheetRecord; x: ResultRow; org: number }[] = [];
  for (const r of records) {
    if (r.bad || !monthOk(c, r)) continue;
    const s = surveyOf(c, r, x);
    if (!s || !numbersOk(c, r, s)) continue;
    const under = countsUnder(c, r, s, x);
    if (!under) continue;
    const v = r.values;
    rows.push({
      r,
      org: under.org,
      x: {
        survey_id: s.id,
        department_id: under.dept,
        month: `${String(v.month)}-01`,
        respondents: Number(v.respondents),
        satisfied: Number(v.satisfied),
        mean_score: v.meanScore !== undefined ? cents(Number(v.meanScore)) : null,
      },
    });
  }
  return rows;
}

/** The plan of a survey results file: results to create, update, leave unchanged; every problem. */
export async function planSurveyResults({ db, sheets, roots }: KindPlanInput): Promise<SurveysPlan> {
  const sheet = sheets[0]!;
  const plan: SurveysPlan = { problems: [], orgIds: [], counts: [], create: [], update: [], from: null };
  if (sheet.problems.some((p) => p.reason === Reason.importColumnMissing)) return plan;
  const c = new Checker(SURVEY_RESULTS, sheet, plan.problems);
  const rows = checkRows(c, sheet.records, await lookups(db, roots));
  const keys = new Map(rows.map((x) => [x.r, keyOf(x.x)]));
  duplicateKeys(c, sheet.records, 'month', (r) => keys.get(r) ?? null, {
    zh: '同一调查、科室和月份',
    en: 'the same survey, department and month',
  });
  const before = await stored(
    db,
    rows.map((x) => x.x),
  );
  let unchanged = 0;
  const orgs = new Set<number>();
  for (const { r, x, org } of rows) {
    if (r.bad) continue;
    const b = before.get(keyOf(x))!;
    // The month's individual responses, counted up, are what the row says (an export of them, imported back): unchanged.
    const asAnswered =
      b.responses === x.respondents && b.answered_satisfied === x.satisfied && (x.mean_score === null || x.mean_score === b.answered_mean);
    if (b.responses && asAnswered) {
      unchanged++;
      continue;
    }
    if (b.responses) {
      const m = RESPONSES_FIRST(b.responses);
      c.add(r, 'month', Reason.surveyBothForms, m.zh, m.en);
      continue;
    }
    const after = { ...x, mean_score: x.mean_score ?? b.mean };
    if (b.id && b.respondents === after.respondents && b.satisfied === after.satisfied && b.mean === after.mean_score) {
      unchanged++;
      continue;
    }
    if (b.id) plan.update.push({ ...after, id: b.id });
    else plan.create.push(x);
    orgs.add(org);
    if (!plan.from || x.month < plan.from) plan.from = x.month;
  }
  plan.orgIds = [...orgs].toSorted((a, b) => a - b);
  plan.counts = countOf(sheet, plan.create.length, plan.update.length, unchanged);
  return plan;
}

const col = <K extends keyof ResultRow>(rows: ResultRow[], k: K) => rows.map((x) => x[k]);

/** New results in one statement, changed ones in one. */
export async function writeSurveyResults(tx: WriteTx, plan: SurveysPlan): Promise<void> {
  const { create, update } = plan;
  if (create.length)
    await tx.client.query(
      `insert into survey_result (survey_id, department_id, month, respondents, satisfied, mean_score)
       select * from unnest($1::int[], $2::int[], $3::date[], $4::int[], $5::int[], $6::numeric[])`,
      [
        col(create, 'survey_id'),
        col(create, 'department_id'),
        col(create, 'month'),
        col(create, 'respondents'),
        col(create, 'satisfied'),
        col(create, 'mean_score'),
      ],
    );
  if (update.length)
    await tx.client.query(
      `update survey_result x set respondents = r.respondents, satisfied = r.satisfied, mean_score = r.mean_score, updated_at = now()
       from unnest($1::int[], $2::int[], $3::int[], $4::numeric[]) as r(id, respondents, satisfied, mean_score) where x.id = r.id`,
      [update.map((u) => u.id), col(update, 'respondents'), col(update, 'satisfied'), col(update, 'mean_score')],
    );
}
