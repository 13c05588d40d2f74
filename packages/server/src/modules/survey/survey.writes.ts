/**
 * Submitting survey responses as a batch, in the shared write transaction: all or nothing, every bad row
 * reported (a score off the survey's scale, a date before the survey began or after today, an unknown
 * department), and the very same batch twice refused. Results in aggregate (survey_result: a department's or
 * the whole hospital's month, as the national platform reports it) recorded and deleted one at a time; a
 * survey's department and month holds either responses or a result, never both.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { Reason } from '../../errors.js';
import { isOutOfWindow, outOfWindow } from '../../db/partitions.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { deleteFact, refuseSame, saveFact, type FactKind, type FactRow } from '../../indicators/fact-writes.js';
import { deptOrgs, ScopeChanged, transact, type WriteContext } from '../../indicators/writes.js';
import type { SurveyResponseInput, SurveyResultInput } from './survey.inputs.js';

/** Most responses one call may carry (a larger batch holds the hospital's write lock too long: send several). */
export const MAX_RESPONSES = 500;

interface Scale {
  scale: string;
  cutoff: number;
  startedOn: string | null;
}

/** The scores a survey's scale allows. */
export const scaleRange = (scale: string | undefined): [number, number] => (scale === 'likert_5' ? [1, 5] : [0, 100]);

/** One response against its survey's scale and cutoff, and its department. */
function checkResponse(p: Problems, i: number, r: SurveyResponseInput, scale: Scale | null, dept: number | null, found: Set<number>) {
  const on = `responses.${i}.respondedOn`;
  if (p.plausibleDate(on, r.respondedOn) && scale?.startedOn && r.respondedOn < scale.startedOn)
    p.add(on, Reason.dateOutOfRange, `早于本调查开始日期（${scale.startedOn}）`, `before the survey started (${scale.startedOn})`);
  const [lo, hi] = scaleRange(scale?.scale);
  if (r.overallScore < lo || r.overallScore > hi) {
    p.add(
      `responses.${i}.overallScore`,
      Reason.inputOutOfRange,
      `评分应在 ${lo}–${hi}（本调查的量表）`,
      `score must be ${lo}–${hi} (this survey’s scale)`,
    );
  }
  if (scale && r.isSatisfied != null && r.isSatisfied !== r.overallScore >= scale.cutoff) {
    p.add(
      `responses.${i}.isSatisfied`,
      Reason.inputInconsistent,
      `与本调查的满意阈值（≥ ${scale.cutoff}）不一致`,
      `disagrees with this survey’s cutoff (satisfied from ${scale.cutoff})`,
    );
  }
  if (dept != null && !found.has(dept))
    p.add(`responses.${i}.departmentId`, Reason.idNotFound, `科室 ${dept} 不存在`, `department ${dept} does not exist`);
}

async function check(db: pg.Pool, surveyId: string, responses: SurveyResponseInput[]) {
  const p = new Problems('submitSurveyResponses');
  await p.bounds('responses', responses);
  const survey = p.id('surveyId', surveyId, 'Survey');
  await p.mustExist(db, 'surveyId', 'survey', survey, 'Survey');
  p.size('responses', responses, 1, MAX_RESPONSES);
  const depts = responses.map((r, i) => p.id(`responses.${i}.departmentId`, r.departmentId, 'Department'));
  const scale: Scale | null =
    survey == null
      ? null
      : ((
          await db.query(`select scale, satisfied_from::float8 as cutoff, started_on::text as "startedOn" from survey where id = $1`, [
            survey,
          ])
        ).rows[0] ?? null);
  const { rows } = await db.query(`select id from department where id = any($1::int[])`, [depts.filter((x) => x != null)]);
  const found = new Set(rows.map((r) => r.id as number));
  responses.forEach((r, i) => checkResponse(p, i, r, scale, depts[i]!, found));
  p.check();
  return { survey: survey!, depts, satisfied: responses.map((r) => (scale ? r.overallScore >= scale.cutoff : false)) };
}

/** What identifies a batch: its responses, canonical (the same batch sent twice has the same). */
const batchHash = (responses: SurveyResponseInput[], satisfied: boolean[]) =>
  createHash('sha256')
    .update(JSON.stringify(responses.map((r, i) => [r.departmentId ?? null, r.respondedOn, r.overallScore, satisfied[i]])))
    .digest('hex');

/** The same batch submitted to this survey before: refused (an idempotency key is how a retry repeats a write). */
async function refuseDuplicate(db: Queryable, survey: number, batch: string): Promise<void> {
  const { rows } = await db.query(
    `select at::text from audit_log where action = 'survey.responses' and entity = 'survey' and entity_id = $1 and after->>'batch' = $2 limit 1`,
    [survey, batch],
  );
  if (!rows.length) return;
  const p = new Problems('submitSurveyResponses');
  p.add('responses', Reason.duplicate, '同样的一批答卷已提交过', 'the very same batch of responses was submitted before');
  p.check();
}

/** Responses for a department and month that has a result in aggregate: refused (one of the two forms, never both). */
async function refuseWhereResults(db: Queryable, survey: number, depts: (number | null)[], responses: SurveyResponseInput[]) {
  const { rows } = await db.query<{ i: string; month: string }>(
    `select r.i, to_char(x.month, 'YYYY-MM') as month from unnest($2::int[], $3::date[]) with ordinality as r(dept, on_day, i)
     join survey_result x on x.survey_id = $1 and x.department_id is not distinct from r.dept and x.month = date_trunc('month', r.on_day)
     order by r.i`,
    [survey, depts, responses.map((r) => r.respondedOn)],
  );
  const p = new Problems('submitSurveyResponses');
  for (const r of rows)
    p.add(
      `responses.${Number(r.i) - 1}.respondedOn`,
      Reason.surveyBothForms,
      `本调查在该科室（未填科室时为全院）${r.month} 已有汇总结果：答卷与汇总结果不能并存（改录答卷须先用 deleteSurveyResult 删除汇总结果）`,
      `this survey has a result in aggregate for this department (the whole hospital when none is named) in ${r.month}: responses and a result cannot both be recorded (to enter responses instead, delete the result first: deleteSurveyResult)`,
    );
  p.check();
}

/**
 * A response dated where the table has no partition (db/partitions.ts: the hourly job has not made its month,
 * or the date is beyond the window): the coded error on the latest such date, nothing written.
 */
function refuseOutOfWindow(err: unknown, responses: SurveyResponseInput[]): never {
  if (!isOutOfWindow(err)) throw err;
  const latest = responses.reduce((a, r, i) => (r.respondedOn > responses[a]!.respondedOn ? i : a), 0);
  throw outOfWindow(['submitSurveyResponses', 'responses', String(latest), 'respondedOn'], responses[latest]!.respondedOn);
}

/** Submits responses to one survey: all or nothing. */
export async function submitSurveyResponses(ctx: WriteContext, surveyId: string, responses: SurveyResponseInput[]): Promise<WriteResult> {
  const { survey, depts, satisfied } = await check(ctx.pool, surveyId, responses);
  return transact(ctx, { tables: ['survey_response'] }, async (tx) => {
    const db = tx.client;
    const byDept = await deptOrgs(
      db,
      depts.filter((x): x is number => x != null),
    );
    const { rows } = await db.query(`select h.committee_id from survey s join hospital h on h.id = s.hospital_id where s.id = $1`, [
      survey,
    ]);
    const orgIds = [rows[0].committee_id as number, ...byDept.values()];
    await tx.lock(orgIds);
    const batch = batchHash(responses, satisfied);
    await refuseDuplicate(db, survey, batch);
    await refuseWhereResults(db, survey, depts, responses);
    const from = responses.map((r) => r.respondedOn).toSorted()[0]!;
    const written = await tx.moving({ orgIds, from }, () =>
      db
        .query(
          `insert into survey_response (survey_id, hospital_id, department_id, responded_on, overall_score, is_satisfied)
           select $1, (select hospital_id from survey where id = $1), * from unnest($2::int[], $3::date[], $4::smallint[], $5::boolean[])`,
          [survey, depts, responses.map((r) => r.respondedOn), responses.map((r) => r.overallScore), satisfied],
        )
        .catch((err: unknown) => refuseOutOfWindow(err, responses)),
    );
    tx.audit({ action: 'survey.responses', entity: 'survey', entityId: survey, after: { count: responses.length, from, batch } });
    return { id: surveyId, rows: written.rowCount ?? 0 };
  });
}

/** Most responses one deletion may remove (a wrongly entered batch is at most MAX_RESPONSES; a few of them at once). */
export const MAX_DELETED_RESPONSES = 5_000;

export interface ResponseSelection {
  surveyId: string;
  departmentId: string | null;
  respondedFrom: string;
  respondedTo: string;
  reason: string;
}

/** Checks a deletion's selection and reason (every problem at once); its decoded ids. */
async function checkSelection(db: pg.Pool, s: ResponseSelection) {
  const p = new Problems('deleteSurveyResponses');
  const survey = p.id('surveyId', s.surveyId, 'Survey');
  const dept = p.id('departmentId', s.departmentId, 'Department');
  const dated = p.date('respondedFrom', s.respondedFrom) && p.date('respondedTo', s.respondedTo);
  if (dated && s.respondedTo < s.respondedFrom)
    p.add('respondedTo', Reason.inputInconsistent, '结束日不能早于开始日', 'the last day cannot be before the first');
  const why = p.reason('reason', s.reason);
  await p.mustExist(db, 'surveyId', 'survey', survey, 'Survey');
  await p.mustExist(db, 'departmentId', 'department', dept, 'Department');
  p.check();
  return { survey: survey!, dept, why: why! };
}

/** The responses a selection names, with the organisations they count under (the hospital's committee, their departments'). */
async function selected(db: Queryable, survey: number, dept: number | null, s: ResponseSelection) {
  const { rows } = await db.query(
    `select id, department_id, responded_on::text, overall_score, is_satisfied from survey_response
     where survey_id = $1 and responded_on between $2 and $3 and ($4::int is null or department_id = $4) order by id`,
    [survey, s.respondedFrom, s.respondedTo, dept],
  );
  const committee = (
    await db.query(`select h.committee_id from survey s join hospital h on h.id = s.hospital_id where s.id = $1`, [survey])
  ).rows[0].committee_id as number;
  const depts = [...new Set(rows.map((r) => r.department_id as number | null).filter((d): d is number => d != null))];
  return { rows, orgIds: [...new Set([committee, ...(await deptOrgs(db, depts)).values()])] };
}

/**
 * Deletes a wrongly entered batch of responses: those of one survey answered between two days (of one
 * department, when named), with a reason. The audit entry keeps every response removed (they name no
 * one); a selection of none is a coded not found, of more than MAX_DELETED_RESPONSES refused.
 */
export async function deleteSurveyResponses(ctx: WriteContext, s: ResponseSelection): Promise<WriteResult> {
  const { survey, dept, why } = await checkSelection(ctx.pool, s);
  return transact(ctx, { tables: ['survey_response'] }, async (tx) => {
    const db = tx.client;
    const seen = await selected(db, survey, dept, s);
    await tx.lock(seen.orgIds);
    const { rows, orgIds } = await selected(db, survey, dept, s);
    if (orgIds.some((o) => !seen.orgIds.includes(o))) throw new ScopeChanged();
    const p = new Problems('deleteSurveyResponses');
    if (!rows.length) p.add('respondedFrom', Reason.idNotFound, '所选范围内没有答卷', 'no responses in this selection');
    if (rows.length > MAX_DELETED_RESPONSES)
      p.add(
        'respondedTo',
        Reason.inputTooMany,
        `一次最多删除 ${MAX_DELETED_RESPONSES} 份（本次 ${rows.length} 份），请缩小范围`,
        `at most ${MAX_DELETED_RESPONSES.toLocaleString('en')} at once (this is ${rows.length.toLocaleString('en')}): narrow it`,
      );
    p.check();
    const deleted = await tx.moving({ orgIds, from: s.respondedFrom }, () =>
      db.query(`delete from survey_response where id = any($1::bigint[])`, [rows.map((r) => r.id as number)]),
    );
    tx.audit({
      action: 'survey.responses.delete',
      entity: 'survey',
      entityId: survey,
      before: { count: rows.length, responses: rows },
      after: { reason: why, departmentId: dept, respondedFrom: s.respondedFrom, respondedTo: s.respondedTo },
    });
    return { id: s.surveyId, rows: deleted.rowCount ?? 0 };
  });
}

/** A survey's individual responses of a department (null: none named) in a month (its first day). */
export async function responsesIn(db: Queryable, survey: number, dept: number | null, month: string): Promise<number> {
  const { rows } = await db.query(
    `select count(*)::int as n from survey_response where survey_id = $1 and department_id is not distinct from $2
       and responded_on >= $3::date and responded_on < $3::date + interval '1 month'`,
    [survey, dept, month],
  );
  return rows[0].n as number;
}

/** The message of a result refused because its department and month has `n` individual responses. */
export const RESPONSES_FIRST = (n: number) => ({
  zh: `该调查、科室和月份已有 ${n} 份答卷：答卷与汇总结果不能并存，请先用 deleteSurveyResponses 删除这些答卷`,
  en: `this survey, department and month has ${n} individual responses: responses and a result in aggregate cannot both be recorded; delete them first (deleteSurveyResponses)`,
});

/** The organisation a result counts under: its department's branch, else the survey's hospital's committee. */
const resultOrgs = async (db: Queryable, r: FactRow): Promise<(number | null)[]> => [
  (
    await db.query(
      `select coalesce((select coalesce(d.branch_id, dh.committee_id) from department d join hospital dh on dh.id = d.hospital_id
         where d.id = $2), h.committee_id) as org from survey s join hospital h on h.id = s.hospital_id where s.id = $1`,
      [r.survey_id, r.department_id],
    )
  ).rows[0]?.org ?? null,
];

const RESULT_KEY = ['survey_id', 'department_id', 'month'] as const;

const SURVEY_RESULT = (root: string): FactKind => ({
  table: 'survey_result',
  type: 'SurveyResult',
  action: 'survey.result',
  orgsOf: resultOrgs,
  from: (r) => r.month as string,
  async refuseDuplicate(db, r, id) {
    await refuseSame(db, SURVEY_RESULT(root), { root, field: 'month' }, r, RESULT_KEY, id);
    const n = await responsesIn(db, r.survey_id as number, r.department_id as number | null, r.month as string);
    if (!n) return;
    const p = new Problems(root);
    p.add('month', Reason.surveyBothForms, RESPONSES_FIRST(n).zh, RESPONSES_FIRST(n).en);
    p.check();
  },
});

interface SurveyFacts {
  hospital: number;
  scale: string;
  startedOn: string | null;
  deptHospital: number | null;
}

/** The survey's hospital, scale and start, and the department's hospital (null: no department). */
const surveyFacts = async (db: pg.Pool, survey: number, dept: number | null): Promise<SurveyFacts> =>
  (
    await db.query(
      `select s.hospital_id as hospital, s.scale, s.started_on::text as "startedOn",
         (select hospital_id from department where id = $2) as "deptHospital" from survey s where s.id = $1`,
      [survey, dept],
    )
  ).rows[0];

/** The month: a first day, not before the earliest fact, the survey's start month, nor after this month. */
function checkMonth(p: Problems, month: string, startedOn: string | null | undefined): void {
  if (!p.plausibleDate('month', month)) return;
  if (!month.endsWith('-01'))
    p.add(
      'month',
      Reason.inputInvalidMonth,
      `月份应写作当月1日（${month.slice(0, 8)}01）`,
      `a month is its first day (${month.slice(0, 8)}01)`,
    );
  else if (startedOn && month < `${startedOn.slice(0, 7)}-01`)
    p.add(
      'month',
      Reason.dateOutOfRange,
      `早于本调查开始的月份（${startedOn.slice(0, 7)}）`,
      `before the survey’s first month (${startedOn.slice(0, 7)})`,
    );
}

/** Every problem of a result's input, or its decoded ids. */
async function checkResult(db: pg.Pool, root: string, input: SurveyResultInput) {
  const p = await Problems.of(root, input);
  const survey = p.id('surveyId', input.surveyId, 'Survey');
  const dept = p.id('departmentId', input.departmentId, 'Department');
  if (input.satisfied > input.respondents)
    p.add('satisfied', Reason.inputInconsistent, '满意人数不能超过样本量', 'the satisfied cannot outnumber the respondents');
  await p.mustExist(db, 'surveyId', 'survey', survey, 'Survey');
  await p.mustExist(db, 'departmentId', 'department', dept, 'Department');
  const facts = p.has('surveyId') || survey == null ? null : await surveyFacts(db, survey, dept);
  checkMonth(p, input.month, facts?.startedOn);
  if (facts && facts.deptHospital != null && facts.deptHospital !== facts.hospital)
    p.add('departmentId', Reason.notInOrganization, '该科室不属于本调查的医院', 'the department does not belong to the survey’s hospital');
  const [lo, hi] = scaleRange(facts?.scale);
  if (input.meanScore != null && (input.meanScore < lo || input.meanScore > hi))
    p.add(
      'meanScore',
      Reason.inputOutOfRange,
      `平均分应在 ${lo}–${hi}（本调查的量表）`,
      `the mean must be ${lo}–${hi} (this survey’s scale)`,
    );
  p.check();
  return { survey: survey!, dept };
}

/**
 * Records a survey's result in aggregate for a department (none: the whole hospital) and month: a new one,
 * or the one recorded for them replaced. Refused while that department and month has individual responses.
 */
export async function recordSurveyResult(ctx: WriteContext, input: SurveyResultInput): Promise<WriteResult> {
  const root = 'recordSurveyResult.input';
  const { survey, dept } = await checkResult(ctx.pool, root, input);
  const { rows } = await ctx.pool.query(
    `select id from survey_result where survey_id = $1 and department_id is not distinct from $2 and month = $3`,
    [survey, dept, input.month],
  );
  return saveFact(ctx, SURVEY_RESULT(root), { root, field: 'month' }, (rows[0]?.id as number | undefined) ?? null, {
    survey_id: survey,
    department_id: dept,
    month: input.month,
    respondents: input.respondents,
    satisfied: input.satisfied,
    mean_score: input.meanScore == null ? null : Math.round(input.meanScore * 100) / 100,
  });
}

/** Deletes a result recorded by mistake, with a reason (kept in the audit log with the row). */
export const deleteSurveyResult = (ctx: WriteContext, id: string, reason: string): Promise<WriteResult> =>
  deleteFact(ctx, SURVEY_RESULT('deleteSurveyResult'), 'deleteSurveyResult', id, reason);
