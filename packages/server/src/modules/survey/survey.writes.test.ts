/**
 * Deleting a wrongly entered batch of survey responses through the real server: the satisfaction cells
 * go back to what they were, the audit entry keeps every response removed and the reason; an empty
 * selection is a coded not found; bad selections are coded with their fields in both languages and write
 * nothing; a branch secretary is refused; the cells equal a rebuild.
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

describe('survey/writes: deleting a wrongly entered batch', () => {
  let hub: TestHub;
  let client: pg.Client;
  let h: RandomHospital;
  let survey: number;
  let indicator: string;

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        (await schemaTables(client)).map(
          async (t) => [t, Number((await client.query(`select count(*) from ${t}`)).rows[0].count)] as const,
        ),
      ),
    );
  /** The committee's (the whole hospital's) cell of the survey's indicator in a month. */
  const cell = async (period: string) =>
    (
      await client.query(
        `select numerator::float8 as num, denominator::float8 as den from indicator_cell where indicator_id = $1 and org_id = $2 and period = $3`,
        [indicator, h.committee, period],
      )
    ).rows[0] ?? { num: 0, den: 0 };

  async function refused(variables: Record<string, unknown>, reason: string, field: string) {
    const before = await counts();
    const res = await hub.gql(DELETE, variables);
    const e = res.errors?.[0];
    expect(e, JSON.stringify(res.data)).toBeDefined();
    const problems = e!.extensions!.problems ?? [];
    expect([e!.extensions!.reason, ...problems.map((p: any) => p.reason)], JSON.stringify(e)).toContain(reason);
    expect([e!.extensions!.field, ...problems.map((p: any) => p.field)], JSON.stringify(e)).toContain(field);
    expect(e!.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(await counts()).toEqual(before);
  }

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 41, '2026-06');
    survey = h.surveys[0]!;
    await client.query(`update survey set started_on = '2025-01-01', scale = 'score_0_100', satisfied_from = 60 where id = $1`, [survey]);
    // The month the test writes into starts empty.
    await client.query(`delete from survey_response where survey_id = $1 and responded_on between '2026-04-01' and '2026-04-30'`, [survey]);
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

  it('should leave every cell equal to a rebuild after all of it', async () => {
    await client.query('begin');
    try {
      expect((await verifyCells(client)).differences).toEqual([]);
    } finally {
      await client.query('rollback');
    }
  });
});
