/**
 * Survey results in aggregate through GraphQL on a real hub: a department's and the whole hospital's results
 * committed with the cells equal to a recomputation, the same file again changing nothing, a changed number
 * updating one; every kind of bad row reported with nothing written (a month with individual responses
 * among them, saying how many and to delete them first); a secretary's other department and the whole
 * hospital out of scope. The surveys kind's export declaration gives one row per survey, department and month,
 * the results and the responses counted together.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { toGlobalId as gid } from '../../graphql/global-id.js';
import { rebuildCells } from '../../indicators/cells.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { sheetsXlsx } from '../../test-support/import-files.js';
import { cellDifferences, checksums, commitFile, dryRun, importWorld, type ImportWorld } from '../../test-support/import-hub.js';
import { KINDS } from './kinds.js';

const HEADERS = ['调查名称', '医院', '科室', '月份', '样本量', '满意人数', '平均分'];
const TABLES = ['survey_result', 'survey_response'];
const file = (rows: unknown[][]) => sheetsXlsx({ 满意度结果: { headers: HEADERS, rows } });

describe('import/surveys', () => {
  let hub: TestHub;
  let client: pg.Client;
  let w: ImportWorld;
  let hospital: string;
  /** Two departments of different branches (the first's branch is the secretary's). */
  let depts: { id: number; name: string; branch: number }[];
  let titles: string[];
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const good = () => [
    [titles[0], '', depts[0].name, '2026-01', 40, 34, 88.5],
    [titles[0], '', '', '2026/2', 100, 90, ''],
    [titles[0], hospital, depts[1].name, '2026年3月', 20, 15, 75],
    [titles[1], '', depts[0].name, new Date(Date.UTC(2026, 3, 15)), 10, 9, ''],
  ];

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    w = await importWorld(client, gql, 61, 'SV');
    hospital = (await client.query(`select name from hospital where id = $1`, [w.h.hospital])).rows[0].name;
    titles = (await client.query(`select title from survey where id = any($1::int[]) order by id`, [w.h.surveys])).rows.map((r) => r.title);
    depts = (
      await client.query(
        `select distinct on (branch_id) id, name, branch_id as branch from department where hospital_id = $1 and branch_id = any($2::int[])
         order by branch_id, id limit 2`,
        [w.h.hospital, w.branches],
      )
    ).rows;
    expect(depts).toHaveLength(2);
    // The months of the file start without responses; the first department has three in 2025-12.
    await client.query(`delete from survey_response where survey_id = any($1::int[]) and responded_on >= '2025-12-01'`, [w.h.surveys]);
    await client.query(`update survey set started_on = null where id = any($1::int[])`, [w.h.surveys]);
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
    const r = await gql(`mutation($s: ID!, $r: [SurveyResponseInput!]!) { submitSurveyResponses(surveyId: $s, responses: $r) { rows } }`, {
      s: gid('Survey', w.h.surveys[0]!),
      r: [3, 4, 5].map((d) => ({ departmentId: gid('Department', depts[0].id), respondedOn: `2025-12-0${d}`, overallScore: 50 + d * 8 })),
    });
    expect(r.errors).toBeUndefined();
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should commit a good file, the cells equal to a recomputation; the same file again changes nothing; a new number updates one', async () => {
    const f = await file(good());
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'SURVEYS', f);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ rows: 4, create: 4, update: 0, unchanged: 0 });
    expect(await checksums(client, TABLES)).toEqual(before);
    const c = await commitFile(gql, 'SURVEYS', f, r.fileHash);
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    const stored = await client.query(
      `select survey_id, department_id, month::text, respondents, satisfied, mean_score::float8 as mean from survey_result order by month`,
    );
    expect(stored.rows).toEqual([
      { survey_id: w.h.surveys[0], department_id: depts[0].id, month: '2026-01-01', respondents: 40, satisfied: 34, mean: 88.5 },
      { survey_id: w.h.surveys[0], department_id: null, month: '2026-02-01', respondents: 100, satisfied: 90, mean: null },
      { survey_id: w.h.surveys[0], department_id: depts[1].id, month: '2026-03-01', respondents: 20, satisfied: 15, mean: 75 },
      { survey_id: w.h.surveys[1], department_id: depts[0].id, month: '2026-04-01', respondents: 10, satisfied: 9, mean: null },
    ]);

    const middle = await checksums(client, TABLES);
    const again = await dryRun(gql, 'SURVEYS', f);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 4 });
    expect((await commitFile(gql, 'SURVEYS', f, again.fileHash)).data!.importCommit).toMatchObject({ unchanged: 4, committed: true });
    expect({ ...(await checksums(client, TABLES)), audit_log: '' }).toEqual({ ...middle, audit_log: '' });

    const rows = good();
    rows[1][5] = 88;
    const changed = await file(rows);
    const d = await dryRun(gql, 'SURVEYS', changed);
    expect(d).toMatchObject({ create: 0, update: 1, unchanged: 3, problemCount: 0 });
    expect((await commitFile(gql, 'SURVEYS', changed, d.fileHash)).errors).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    expect((await client.query(`select satisfied from survey_result where department_id is null`)).rows).toEqual([{ satisfied: 88 }]);
    expect((await client.query(`select count(*)::int as n from audit_log where action = 'import.surveys'`)).rows[0].n).toBe(3);
  }, 120_000);

  it('should report every bad row and write nothing', async () => {
    const f = await file([
      [titles[2], '', depts[0].name, '2026-05', 30, 20, 70], // row 2: fine
      [titles[2], '', depts[0].name, '2026-06', 30, 31, ''], // row 3: more satisfied than respondents
      [titles[2], '', depts[0].name, '五月', 30, 20, ''], // row 4: not a month
      [titles[2], '', depts[0].name, '2099-01', 30, 20, ''], // row 5: in the future
      ['不存在的调查', '', depts[0].name, '2026-05', 30, 20, ''], // row 6: no such survey
      [titles[2], '', '不存在的科室', '2026-05', 30, 20, ''], // row 7: no such department
      [titles[2], '', depts[0].name, '2026/5', 31, 21, ''], // row 8: row 2 again
      [titles[0], '', depts[0].name, '2025-12', 30, 20, ''], // row 9: the month has responses
      [titles[2], '', depts[0].name, '2026-07', 0, 0, ''], // row 10: no respondents
      [titles[2], '', depts[0].name, '2026-08', 30, 20, 120], // row 11: a mean off the scale
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'SURVEYS', f);
    const at = (row: number) => r.problems.filter((p) => p.row === row).map((p) => `${p.column} ${p.header} ${p.reason} ${p.zh} / ${p.en}`);
    expect(at(2)).toEqual([]);
    expect(at(3).join()).toMatch(/^F 满意人数 input\/inconsistent 满意人数不能超过样本量/);
    expect(at(4).join()).toMatch(/^D 月份 input\/out_of_range “五月” 不是月份/);
    expect(at(5).join()).toMatch(/^D 月份 input\/date_out_of_range/);
    expect(at(6).join()).toMatch(/^A 调查名称 id\/not_found/);
    expect(at(7).join()).toMatch(/^C 科室 id\/not_found/);
    expect(at(8).join()).toMatch(/^D 月份 input\/duplicate 与第 2 行重复/);
    expect(at(9).join()).toMatch(/^D 月份 survey\/responses_and_result .*3 份答卷.*deleteSurveyResponses.*3 individual responses/);
    expect(at(10).join()).toMatch(/^E 样本量 input\/out_of_range/);
    expect(at(11).join()).toMatch(/^G 平均分 input\/out_of_range/);
    expect(r.problemCount).toBe(9);
    expect((await commitFile(gql, 'SURVEYS', f, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });

  it('should make another branch’s department and the whole hospital auth/out_of_scope for a secretary of one branch', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'sv-secretary', AccountRole.SECRETARY, [depts[0].branch]);
    const as = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const f = await file([
      [titles[2], '', depts[0].name, '2026-05', 30, 20, ''],
      [titles[2], '', depts[1].name, '2026-05', 30, 20, ''],
      [titles[2], '', '', '2026-05', 30, 20, ''],
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(as, 'SURVEYS', f);
    expect(r.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [3, 'C', 'auth/out_of_scope'],
      [4, 'C', 'auth/out_of_scope'],
    ]);
    expect(await checksums(client, TABLES)).toEqual(before);
  });

  it('should export one row per survey, department and month: the results and the responses counted together', async () => {
    const x = KINDS.surveys.exports![0]!;
    const cols = Object.entries(x.source)
      .map(([field, sql]) => `${sql} as "${field}"`)
      .join(', ');
    const { rows } = await client.query(
      `select ${x.key} as key, o.id as org, ${cols} from ${x.from} where ${x.hospital} = $1 order by ${x.key}`,
      [w.h.hospital],
    );
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    const totals = (
      await client.query(
        `select (select count(*) from survey_response r join survey s on s.id = r.survey_id where s.hospital_id = $1)
              + (select coalesce(sum(respondents), 0) from survey_result x join survey s on s.id = x.survey_id where s.hospital_id = $1) as n`,
        [w.h.hospital],
      )
    ).rows[0].n;
    expect(rows.reduce((n, r) => n + r.respondents, 0)).toBe(Number(totals));
    expect(rows.find((r) => r.month === '2025-12' && r.department === depts[0].name && r.survey === titles[0])).toMatchObject({
      hospital,
      respondents: 3,
      org: depts[0].branch,
      meanScore: '82.00',
    });
    expect(rows.find((r) => r.month === '2026-02' && r.department == null && r.survey === titles[0])).toMatchObject({
      respondents: 100,
      satisfied: 88,
      org: w.h.committee,
    });
  });
});
