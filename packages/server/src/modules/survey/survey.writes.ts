/**
 * Submitting survey responses as a batch, in the shared write transaction: all or nothing, every bad row
 * reported (a score off the survey's scale, a date before the survey began or after today, an unknown
 * department), and the very same batch twice refused.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { deptOrgs, ScopeChanged, transact, type WriteContext } from '../../indicators/writes.js';
import type { SurveyResponseInput } from './survey.inputs.js';

/** Most responses one call may carry (a larger batch holds the hospital's write lock too long: send several). */
export const MAX_RESPONSES = 500;

interface Scale {
  scale: string;
  cutoff: number;
  startedOn: string | null;
}

/** One response against its survey's scale and cutoff, and its department. */
function checkResponse(p: Problems, i: number, r: SurveyResponseInput, scale: Scale | null, dept: number | null, found: Set<number>) {
  const on = `responses.${i}.respondedOn`;
  if (p.plausibleDate(on, r.respondedOn) && scale?.startedOn && r.respondedOn < scale.startedOn)
    p.add(on, Reason.dateOutOfRange, `早于本调查开始日期（${scale.startedOn}）`, `before the survey started (${scale.startedOn})`);
  const [lo, hi] = scale?.scale === 'likert_5' ? [1, 5] : [0, 100];
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
    const from = responses.map((r) => r.respondedOn).toSorted()[0]!;
    const written = await tx.moving({ orgIds, from }, () =>
      db.query(
        `insert into survey_response (survey_id, department_id, responded_on, overall_score, is_satisfied)
         select $1, * from unnest($2::int[], $3::date[], $4::smallint[], $5::boolean[])`,
        [survey, depts, responses.map((r) => r.respondedOn), responses.map((r) => r.overallScore), satisfied],
      ),
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
      db.query(`delete from survey_response where id = any($1::int[])`, [rows.map((r) => r.id as number)]),
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
