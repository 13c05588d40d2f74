/**
 * Assessments through GraphQL on a real hub: a branch's, its secretary's (filed under the branch named) and two
 * members' (filed under their own branches) committed with the cells equal to a recomputation, the same file
 * again changing nothing, a changed grade updating one, every kind of bad row reported with nothing written,
 * another branch and its member out of scope for a secretary.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { idCard, sheetsXlsx } from '../../test-support/import-files.js';
import { cellDifferences, checksums, commitFile, dryRun, idsIn, importWorld, type ImportWorld } from '../../test-support/import-hub.js';

const HEADERS = ['考核对象类型', '身份证号', '党组织', '考核年度', '等次', '得分'];
const TABLES = ['assessment'];

describe('import/assessments', () => {
  let hub: TestHub;
  let client: pg.Client;
  let w: ImportWorld;
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const file = (rows: unknown[][]) => sheetsXlsx({ 考核评议: { headers: HEADERS, rows } });
  const good = () => [
    ['党支部', '', w.codes[0], 2020, '优秀', 92.5],
    ['党员', idsIn(w, w.codes[0])[0], '', 2026, '良好', ''],
    ['支部书记', idsIn(w, w.codes[0])[1], w.codes[0], 2026, '优秀', 90],
    ['党员', idsIn(w, w.codes[1])[0], '', 2025, '一般', ''],
  ];

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    w = await importWorld(client, gql, 25, 'AS');
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should commit a good file, the cells equal to a recomputation; the same file again changes nothing; a new grade updates one', async () => {
    const f = await file(good());
    const before = await checksums(client, TABLES);
    const last = (await client.query(`select coalesce(max(id), 0) as n from assessment`)).rows[0].n;
    const r = await dryRun(gql, 'ASSESSMENTS', f);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ rows: 4, create: 4, update: 0, unchanged: 0 });
    expect(await checksums(client, TABLES)).toEqual(before);
    const c = await commitFile(gql, 'ASSESSMENTS', f, r.fileHash);
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    const stored = await client.query(
      `select a.subject_type, a.member_id is not null as person, o.code, a.year, a.grade, a.score::float8 as score
       from assessment a join organization o on o.id = a.organization_id where a.id > $1 order by a.id`,
      [last],
    );
    expect(stored.rows).toEqual([
      { subject_type: 'branch', person: false, code: w.codes[0], year: 2020, grade: 'excellent', score: 92.5 },
      { subject_type: 'member', person: true, code: w.codes[0], year: 2026, grade: 'good', score: null },
      { subject_type: 'branch_secretary', person: true, code: w.codes[0], year: 2026, grade: 'excellent', score: 90 },
      { subject_type: 'member', person: true, code: w.codes[1], year: 2025, grade: 'fair', score: null },
    ]);

    const middle = await checksums(client, TABLES);
    const again = await dryRun(gql, 'ASSESSMENTS', f);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 4 });
    expect((await commitFile(gql, 'ASSESSMENTS', f, again.fileHash)).data!.importCommit).toMatchObject({ unchanged: 4, committed: true });
    expect({ ...(await checksums(client, TABLES)), audit_log: '' }).toEqual({ ...middle, audit_log: '' });

    const rows = good();
    rows[1][4] = '优秀';
    rows[2][5] = ''; // a blank score keeps the stored one
    const changed = await file(rows);
    const d = await dryRun(gql, 'ASSESSMENTS', changed);
    expect(d).toMatchObject({ create: 0, update: 1, unchanged: 3, problemCount: 0 });
    expect((await commitFile(gql, 'ASSESSMENTS', changed, d.fileHash)).errors).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    const now = await client.query(`select grade, score::float8 as score from assessment where id > $1 order by id`, [last]);
    expect(now.rows.map((x) => [x.grade, x.score])).toEqual([
      ['excellent', 92.5],
      ['excellent', null],
      ['excellent', 90],
      ['fair', null],
    ]);
    expect((await client.query(`select count(*)::int as n from audit_log where action = 'import.assessments'`)).rows[0].n).toBe(3);
  }, 120_000);

  it('should report every bad row and write nothing', async () => {
    const person = idsIn(w, w.codes[0])[2];
    const f = await file([
      ['党员', person, '', 2024, '良好', ''], // row 2: fine
      ['党支部', person, w.codes[0], 2024, '良好', ''], // row 3: a branch's with a person
      ['党支部', '', '', 2024, '良好', ''], // row 4: a branch's without the branch
      ['党员', '', w.codes[0], 2024, '良好', ''], // row 5: a member's without the person
      ['党员', person, '', 2099, '良好', ''], // row 6: a year to come
      ['党员', person, '', 2023, '良好', 120], // row 7: a score past 100
      ['党员', idCard('19800101', 997), '', 2024, '良好', ''], // row 8: nobody
      ['党员', person, '', 2024, '优秀', ''], // row 9: row 2 again
      ['党员', person, '', 2022, '甲等', ''], // row 10: unknown grade
      ['党支部', '', '不存在的支部', 2024, '良好', ''], // row 11: unknown organisation
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'ASSESSMENTS', f);
    const at = (row: number) => r.problems.filter((p) => p.row === row).map((p) => `${p.column} ${p.header} ${p.reason} ${p.zh} / ${p.en}`);
    expect(at(2)).toEqual([]);
    expect(at(3).join()).toMatch(/^B 身份证号 input\/inconsistent 考核党支部不能指定人员/);
    expect(at(4).join()).toMatch(/^C 党组织 input\/required 考核党支部须指定党支部/);
    expect(at(5).join()).toMatch(/^B 身份证号 input\/required 考核人员须指定人员/);
    expect(at(6).join()).toMatch(/^D 考核年度 input\/out_of_range 年度应在 1921–/);
    expect(at(7).join()).toMatch(/^F 得分 input\/out_of_range/);
    expect(at(8).join()).toMatch(/^B 身份证号 id\/not_found/);
    expect(at(9).join()).toMatch(/^D 考核年度 input\/duplicate 与第 2 行重复/);
    expect(at(10).join()).toMatch(/^E 等次 input\/out_of_range/);
    expect(at(11).join()).toMatch(/^C 党组织 id\/not_found/);
    expect(r.problemCount).toBe(9);
    expect((await commitFile(gql, 'ASSESSMENTS', f, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });

  it('should make another branch and its member auth/out_of_scope for a secretary of one branch', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'ass-secretary', AccountRole.SECRETARY, [w.branches[0]]);
    const as = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const f = await file([
      ['党支部', '', w.codes[0], 2025, '良好', 85],
      ['党支部', '', w.codes[1], 2025, '良好', 85],
      ['党员', idsIn(w, w.codes[1])[1], '', 2025, '良好', ''],
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(as, 'ASSESSMENTS', f);
    expect(r.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [3, 'C', 'auth/out_of_scope'],
      [4, 'B', 'auth/out_of_scope'],
    ]);
    expect(await checksums(client, TABLES)).toEqual(before);
  });
});
