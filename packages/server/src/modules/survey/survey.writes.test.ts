/**
 * Deleting a wrongly entered batch of survey responses through the real server: the satisfaction cells
 * go back to what they were, the audit entry keeps every response removed and the reason; an empty
 * selection is a coded not found; bad selections are coded with their fields in both languages and write
 * nothing; a branch secretary is refused; the cells equal a rebuild. Results in aggregate: recorded (a
 * department's and the whole hospital's), recorded again for the same survey, department and month (replaced,
 * one row), deleted with a reason; the cells move by the satisfied over the respondents and equal a rebuild;
 * a month holds responses or a result, never both (either way round, a coded refusal); bad input coded in both
 * languages with nothing written; a branch secretary refused a result that counts for the whole hospital or
 * another hospital.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { toGlobalId as gid } from '../../graphql/global-id.js';
import { rebuildCells, verifyCells } from '../../indicators/cells.js';
import { schemaTables } from '../../seed/tables.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../../test-support/random-hospital.js';

const SUBMIT = `mutation($s: ID!, $r: [SurveyResponseInput!]!) { submitSurveyResponses(surveyId: $s, responses: $r) { rows } }`;
const DELETE = `mutation($s: ID!, $f: LocalDate!, $t: LocalDate!, $r: String!, $d: ID) {
  deleteSurveyResponses(surveyId: $s, respondedFrom: $f, respondedTo: $t, reason: $r, departmentId: $d) { id rows } }`;

/** Rows of every table of the schema (a refused write changes none). */
const tableCounts = async (client: pg.Client) =>
  Object.fromEntries(
    await Promise.all(
      (await schemaTables(client)).map(async (t) => [t, Number((await client.query(`select count(*) from ${t}`)).rows[0].count)] as const),
    ),
  );

/** An organisation's (subtree) cell of a satisfaction indicator in a month. */
const satisfactionCell = async (client: pg.Client, indicator: string, org: number, period: string) =>
  (
    await client.query(
      `select numerator::float8 as num, denominator::float8 as den from indicator_cell where indicator_id = $1 and org_id = $2 and period = $3`,
      [indicator, org, period],
    )
  ).rows[0] ?? { num: 0, den: 0 };

/** A write refused with `reason` on `field` (dotted), in both languages, changing no table; the error. */
async function refusedWith(
  hub: TestHub,
  client: pg.Client,
  query: string,
  variables: Record<string, unknown>,
  reason: string,
  field: string,
) {
  const before = await tableCounts(client);
  const res = await hub.gql(query, variables);
  const e = res.errors?.[0];
  expect(e, JSON.stringify(res.data)).toBeDefined();
  const problems = e!.extensions!.problems ?? [];
  expect([e!.extensions!.reason, ...problems.map((p: any) => p.reason)], JSON.stringify(e)).toContain(reason);
  const fields = [e!.extensions!.field, ...problems.map((p: any) => p.field)].map((f) => (Array.isArray(f) ? f.join('.') : f));
  expect(fields, JSON.stringify(e)).toContain(field);
  expect(e!.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  expect(await tableCounts(client)).toEqual(before);
  return e!;
}

/** A field of recordSurveyResult's input, as a problem names it. */
const inputField = (f: string) => `recordSurveyResult.input.${f}`;
const RECORD = `mutation($i: SurveyResultInput!) { recordSurveyResult(input: $i) { id rows } }`;
const DELETE_RESULT = `mutation($id: ID!, $r: String!) { deleteSurveyResult(id: $id, reason: $r) { id rows } }`;

describe('survey/writes: responses and results in aggregate', () => {
  let hub: TestHub;
  let client: pg.Client;
  let h: RandomHospital;
  let other: RandomHospital;
  let survey: number;
  let indicator: string;

  const counts = () => tableCounts(client);
  const cell = (period: string) => satisfactionCell(client, indicator, h.committee, period);
  const refused = (variables: Record<string, unknown>, reason: string, field: string) =>
    refusedWith(hub, client, DELETE, variables, reason, field);
  const refusedAt = (query: string, variables: Record<string, unknown>, reason: string, field: string) =>
    refusedWith(hub, client, query, variables, reason, field);
  const input = (over: Record<string, unknown> = {}) => ({
    surveyId: gid('Survey', survey),
    departmentId: gid('Department', h.departments[0]!),
    month: '2026-05-01',
    respondents: 40,
    satisfied: 34,
    meanScore: 88.25,
    ...over,
  });

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 41, '2026-06');
    other = await randomHospital(client, 52, '2026-06');
    survey = h.surveys[0]!;
    await client.query(`update survey set started_on = '2025-01-01', scale = 'score_0_100', satisfied_from = 60 where id = $1`, [survey]);
    // The months the test writes into start empty.
    await client.query(`delete from survey_response where survey_id = $1 and responded_on >= '2026-03-01'`, [survey]);
    indicator = `${(await client.query(`select kind from survey where id = $1`, [survey])).rows[0].kind}_satisfaction`;
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
  });
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should delete the batch, put the cells back, and keep every response and the reason in the audit log', async () => {
    const start = await cell('2026-04');
    const dept = gid('Department', h.departments[0]!);
    const batch = [
      { departmentId: dept, respondedOn: '2026-04-03', overallScore: 95 },
      { departmentId: dept, respondedOn: '2026-04-04', overallScore: 40 },
      { respondedOn: '2026-04-05', overallScore: 80 },
    ];
    expect((await hub.gql(SUBMIT, { s: gid('Survey', survey), r: batch })).errors).toBeUndefined();
    expect(await cell('2026-04')).toEqual({ num: start.num + 2, den: start.den + 3 });
    // Only the department's two, first.
    const one = await hub.gql(DELETE, { s: gid('Survey', survey), f: '2026-04-01', t: '2026-04-30', r: '科室录错', d: dept });
    expect(one.errors).toBeUndefined();
    expect(one.data!.deleteSurveyResponses.rows).toBe(2);
    expect(await cell('2026-04')).toEqual({ num: start.num + 1, den: start.den + 1 });
    const rest = await hub.gql(DELETE, { s: gid('Survey', survey), f: '2026-04-01', t: '2026-04-30', r: '整批录错' });
    expect(rest.data!.deleteSurveyResponses.rows).toBe(1);
    expect(await cell('2026-04')).toEqual(start);
    const { rows } = await client.query(
      `select before, after from audit_log where action = 'survey.responses.delete' order by id desc limit 2`,
    );
    expect(rows[1].before.count).toBe(2);
    expect(rows[1].before.responses.map((r: any) => r.overall_score).toSorted()).toEqual([40, 95]);
    expect(rows[1].after).toMatchObject({ reason: '科室录错', respondedFrom: '2026-04-01', respondedTo: '2026-04-30' });
    // Nothing left to delete: a coded not found.
    await refused(
      { s: gid('Survey', survey), f: '2026-04-01', t: '2026-04-30', r: '整批录错' },
      'id/not_found',
      'deleteSurveyResponses.respondedFrom',
    );
  });

  it('should refuse bad selections, every problem at once, writing nothing', async () => {
    const s = gid('Survey', survey);
    await refused({ s, f: '2026-04-30', t: '2026-04-01', r: '录错了' }, 'input/inconsistent', 'deleteSurveyResponses.respondedTo');
    await refused({ s, f: '2026-04-01', t: '2026-04-30', r: '错' }, 'input/reason_required', 'deleteSurveyResponses.reason');
    await refused(
      { s: gid('Survey', 99_999_999), f: '2026-04-01', t: '2026-04-30', r: '录错了' },
      'id/not_found',
      'deleteSurveyResponses.surveyId',
    );
    await refused(
      { s, f: '2026-04-01', t: '2026-04-30', r: '录错了', d: gid('Member', 1) },
      'id/invalid',
      'deleteSurveyResponses.departmentId',
    );
  });

  it('should refuse a branch secretary (the responses count for the whole hospital), writing nothing', async () => {
    await hub.gql(SUBMIT, { s: gid('Survey', survey), r: [{ respondedOn: '2026-04-10', overallScore: 70 }] });
    const cookie = await signedIn(hub.url, hub.db.url, 'a.survey', AccountRole.SECRETARY, [h.branches[0]!]);
    const before = await counts();
    const res = await postGraphQL(hub.url, cookie, DELETE, { s: gid('Survey', survey), f: '2026-04-01', t: '2026-04-30', r: '录错了' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/out_of_scope' });
    expect({ ...(await counts()), audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
  });

  it('should record, replace and delete results, the cells moving by satisfied over respondents', async () => {
    const start = await cell('2026-05');
    const dept = await hub.gql(RECORD, { i: input() });
    expect(dept.errors, JSON.stringify(dept.errors)).toBeUndefined();
    const whole = await hub.gql(RECORD, { i: input({ departmentId: null, respondents: 100, satisfied: 90, meanScore: null }) });
    expect(whole.errors, JSON.stringify(whole.errors)).toBeUndefined();
    expect(await cell('2026-05')).toEqual({ num: start.num + 124, den: start.den + 140 });
    // The same survey, department and month again: replaced, not added.
    const again = await hub.gql(RECORD, { i: input({ respondents: 50, satisfied: 45 }) });
    expect(again.data!.recordSurveyResult.id).toBe(dept.data!.recordSurveyResult.id);
    expect(await cell('2026-05')).toEqual({ num: start.num + 135, den: start.den + 150 });
    const { rows } = await client.query(
      `select department_id, respondents, satisfied, mean_score::float8 as mean from survey_result where survey_id = $1 order by department_id nulls first`,
      [survey],
    );
    expect(rows).toEqual([
      { department_id: null, respondents: 100, satisfied: 90, mean: null },
      { department_id: h.departments[0], respondents: 50, satisfied: 45, mean: 88.25 },
    ]);
    const audit = await client.query(`select action, before, after from audit_log where entity = 'survey_result' order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['survey.result.create', 'survey.result.create', 'survey.result.update']);
    expect(audit.rows[2].before.respondents).toBe(40);
    const gone = await hub.gql(DELETE_RESULT, { id: whole.data!.recordSurveyResult.id, r: '全院数据录错' });
    expect(gone.errors).toBeUndefined();
    expect(await cell('2026-05')).toEqual({ num: start.num + 45, den: start.den + 50 });
    await refusedAt(DELETE_RESULT, { id: whole.data!.recordSurveyResult.id, r: '再删一次' }, 'id/not_found', 'deleteSurveyResult.id');
    await refusedAt(DELETE_RESULT, { id: dept.data!.recordSurveyResult.id, r: '错' }, 'input/reason_required', 'deleteSurveyResult.reason');
  });

  it('should hold responses or a result for a survey, department and month, never both', async () => {
    const dept = gid('Department', h.departments[1]!);
    expect((await hub.gql(RECORD, { i: input({ departmentId: dept, month: '2026-06-01' }) })).errors).toBeUndefined();
    const e = await refusedAt(
      SUBMIT,
      {
        s: gid('Survey', survey),
        r: [
          { departmentId: dept, respondedOn: '2026-07-02', overallScore: 90 },
          { departmentId: dept, respondedOn: '2026-06-12', overallScore: 90 },
        ],
      },
      'survey/responses_and_result',
      'submitSurveyResponses.responses.1.respondedOn',
    );
    expect(e.extensions!.problems).toHaveLength(1);
    // Responses in another month, then a result for that month: refused, saying how many and what to do.
    expect(
      (
        await hub.gql(SUBMIT, {
          s: gid('Survey', survey),
          r: [1, 2, 3].map((d) => ({ departmentId: dept, respondedOn: `2026-07-0${d}`, overallScore: 70 })),
        })
      ).errors,
    ).toBeUndefined();
    const both = await refusedAt(
      RECORD,
      { i: input({ departmentId: dept, month: '2026-07-01' }) },
      'survey/responses_and_result',
      'recordSurveyResult.input.month',
    );
    expect(both.message).toMatch(/3 份答卷.*deleteSurveyResponses.*3 individual responses/);
  });

  it('should refuse bad input, every problem coded with its field, writing nothing', async () => {
    await refusedAt(RECORD, { i: input({ satisfied: 41 }) }, 'input/inconsistent', inputField('satisfied'));
    await refusedAt(RECORD, { i: input({ respondents: 0, satisfied: 0 }) }, 'input/out_of_range', inputField('respondents'));
    await refusedAt(RECORD, { i: input({ month: '2026-05-15' }) }, 'input/invalid_month', inputField('month'));
    await refusedAt(RECORD, { i: input({ month: '2099-01-01' }) }, 'input/date_out_of_range', inputField('month'));
    await refusedAt(RECORD, { i: input({ month: '2024-12-01' }) }, 'input/date_out_of_range', inputField('month'));
    await refusedAt(RECORD, { i: input({ meanScore: 100.5 }) }, 'input/out_of_range', inputField('meanScore'));
    await refusedAt(RECORD, { i: input({ surveyId: gid('Survey', 99_999_999) }) }, 'id/not_found', inputField('surveyId'));
    // A department of another hospital than the survey's.
    await refusedAt(
      RECORD,
      { i: input({ departmentId: gid('Department', other.departments[0]!) }) },
      'input/not_in_organization',
      inputField('departmentId'),
    );
    // On a Likert survey the mean is 1–5.
    await client.query(`update survey set scale = 'likert_5' where id = $1`, [h.surveys[1]]);
    await refusedAt(
      RECORD,
      { i: input({ surveyId: gid('Survey', h.surveys[1]!), meanScore: 60 }) },
      'input/out_of_range',
      inputField('meanScore'),
    );
  });

  it('should refuse a branch secretary a result of another hospital’s survey or of the whole hospital, writing nothing', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'r.survey', AccountRole.SECRETARY, [h.branches[0]!]);
    for (const i of [
      input({ surveyId: gid('Survey', other.surveys[0]!), departmentId: gid('Department', other.departments[0]!) }),
      input({ departmentId: null, month: '2026-04-01' }),
    ]) {
      const before = await counts();
      const res = await postGraphQL(hub.url, cookie, RECORD, { i });
      expect(res.errors?.[0]?.extensions, JSON.stringify(res)).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/out_of_scope' });
      expect({ ...(await counts()), audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    }
  });

  it('should leave every cell equal to a rebuild after all of it', async () => {
    await client.query('begin');
    try {
      expect((await verifyCells(client)).differences).toEqual([]);
    } finally {
      await client.query('rollback');
    }
  });
});
