/**
 * Positions through GraphQL on a real hub: a branch's former and current secretaries, a committee member and the
 * hospital committee's secretary committed with the cells equal to a recomputation; the same file again
 * changing nothing; an end date added updating one; every kind of bad row reported with nothing written; a
 * secretary's other branch and its people out of scope.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { rebuildCells } from '../../indicators/cells.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { idCard, roll, rollXlsx, sheetsXlsx } from '../../test-support/import-files.js';
import { cellDifferences, checksums, commitFile, dryRun, idsIn, importWorld, type ImportWorld } from '../../test-support/import-hub.js';

const HEADERS = ['身份证号', '党组织', '职务', '任职日期', '离任日期', '科室负责人', '学科带头人', '双带头人'];
const TABLES = ['position'];

describe('import/positions', () => {
  let hub: TestHub;
  let client: pg.Client;
  let w: ImportWorld;
  /** Full members of the first branch, imported from a roll. */
  let x: string[];
  let committee: string;
  /** A branch of the hospital dissolved already (its code). */
  let dissolved: string;
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const file = (rows: unknown[][]) => sheetsXlsx({ 职务: { headers: HEADERS, rows } });
  const other = () => idsIn(w, w.codes[1])[0];
  const good = () => [
    [x[0], w.codes[0], '支部书记', '2024-01-01', '2025-12-31', '是'],
    [x[1], w.codes[0], 'Branch secretary', '2026-01-01', '', '', '', '是'],
    [x[2], w.codes[0], '组织委员', '2024-03-01'],
    [other(), committee, '党委书记', '2023-01-01', '', '否', '是', '否'],
    // A term that ended, in a branch dissolved since.
    [x[3], dissolved, '纪检委员', '2020-01-01', '2020-12-31'],
  ];

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    w = await importWorld(client, gql, 41, 'PS');
    const f = await rollXlsx(roll(6, [w.codes[0]], 8100));
    const r = await dryRun(gql, 'MEMBERS', f);
    expect(r.problems).toEqual([]);
    expect((await commitFile(gql, 'MEMBERS', f, r.fileHash)).errors).toBeUndefined();
    x = roll(6, [w.codes[0]], 8100).map((p) => String(p[1]));
    committee = (await client.query(`select name from organization where id = $1`, [w.h.committee])).rows[0].name;
    dissolved = 'PS-dissolved';
    await client.query(
      `insert into organization (parent_id, kind, category, name, code, founded_on, dissolved_on, term_years)
       values ($1, 'branch', 'clinical', '已撤销的测试支部', $2, '2015-01-01', '2021-12-31', 3)`,
      [w.h.committee, dissolved],
    );
    // The random hospital's own appointments in the two branches out of the way, the cells recounted.
    await client.query(`delete from position where organization_id = any($1::int[])`, [w.branches.slice(0, 2)]);
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should commit a good file, the cells equal to a recomputation; the same file again changes nothing; an end date added updates one', async () => {
    const f = await file(good());
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'POSITIONS', f);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ rows: 5, create: 5, update: 0, unchanged: 0 });
    expect(await checksums(client, TABLES)).toEqual(before);
    const c = await commitFile(gql, 'POSITIONS', f, r.fileHash);
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    const stored = await client.query(
      `select s.role, s.start_on::text as start_on, s.end_on::text as end_on, s.is_dept_head, s.is_discipline_leader, s.is_dual_leader
       from position s where s.organization_id = any($1::int[]) order by s.start_on`,
      [[w.branches[0], w.h.committee]],
    );
    expect(stored.rows).toEqual([
      {
        role: 'committee_secretary',
        start_on: '2023-01-01',
        end_on: null,
        is_dept_head: false,
        is_discipline_leader: true,
        is_dual_leader: false,
      },
      {
        role: 'secretary',
        start_on: '2024-01-01',
        end_on: '2025-12-31',
        is_dept_head: true,
        is_discipline_leader: false,
        is_dual_leader: false,
      },
      {
        role: 'organization_member',
        start_on: '2024-03-01',
        end_on: null,
        is_dept_head: false,
        is_discipline_leader: false,
        is_dual_leader: false,
      },
      { role: 'secretary', start_on: '2026-01-01', end_on: null, is_dept_head: false, is_discipline_leader: false, is_dual_leader: true },
    ]);

    const middle = await checksums(client, TABLES);
    const again = await dryRun(gql, 'POSITIONS', f);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 5, problemCount: 0 });
    expect((await commitFile(gql, 'POSITIONS', f, again.fileHash)).data!.importCommit).toMatchObject({ unchanged: 5, committed: true });
    expect({ ...(await checksums(client, TABLES)), audit_log: '' }).toEqual({ ...middle, audit_log: '' });

    const rows = good();
    rows[2][4] = '2026-06-30';
    const changed = await file(rows);
    const d = await dryRun(gql, 'POSITIONS', changed);
    expect(d).toMatchObject({ create: 0, update: 1, unchanged: 4, problemCount: 0 });
    expect((await commitFile(gql, 'POSITIONS', changed, d.fileHash)).errors).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    expect(
      (
        await client.query(`select end_on::text as e from position where role = 'organization_member' and organization_id = $1`, [
          w.branches[0],
        ])
      ).rows,
    ).toEqual([{ e: '2026-06-30' }]);
    expect((await client.query(`select count(*)::int as n from audit_log where action = 'import.positions'`)).rows[0].n).toBe(3);
  }, 120_000);

  it('should report every bad row and write nothing', async () => {
    const b = w.codes[0];
    const f = await file([
      [x[3], b, '宣传委员', '2025-01-01'], // row 2: fine
      [x[3], b, '党委书记', '2025-01-01'], // row 3: a branch has no committee secretary
      [x[3], b, '纪检委员', '2025-01-01', '2024-01-01'], // row 4: ends before it starts
      [x[3], b, '纪检委员', '2099-01-01'], // row 5: too far ahead
      [x[3], '不存在的支部', '纪检委员', '2025-01-01'], // row 6: no such organisation
      [idCard('19800101', 999), b, '纪检委员', '2025-01-01'], // row 7: nobody
      [x[4], b, '支部书记', '2025-06-01'], // row 8: while another is secretary
      [x[3], b, '宣传委员', '2025-01-01'], // row 9: row 2 again
      [other(), b, '组织委员', '2025-01-01'], // row 10: someone of another branch
      [x[3], b, '书记长', '2025-01-01'], // row 11: no such role
      [x[3], dissolved, '宣传委员', '2025-01-01'], // row 12: a term still held in a dissolved branch
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'POSITIONS', f);
    const at = (row: number) => r.problems.filter((p) => p.row === row).map((p) => `${p.column} ${p.header} ${p.reason} ${p.zh} / ${p.en}`);
    expect(at(2)).toEqual([]);
    expect(at(3).join()).toMatch(/^C 职务 input\/inconsistent 该党组织没有这一职务/);
    expect(at(4).join()).toMatch(/^E 离任日期 input\/inconsistent/);
    expect(at(5).join()).toMatch(/^D 任职日期 input\/date_out_of_range/);
    expect(at(6).join()).toMatch(/^B 党组织 id\/not_found/);
    expect(at(7).join()).toMatch(/^A 身份证号 id\/not_found/);
    expect(at(8).join()).toMatch(/^D 任职日期 position\/overlap/);
    expect(at(9).join()).toMatch(/^D 任职日期 input\/duplicate 与第 2 行重复/);
    expect(at(10).join()).toMatch(/^A 身份证号 input\/not_in_organization/);
    expect(at(11).join()).toMatch(/^C 职务 input\/out_of_range .*可填：支部书记/);
    expect(at(12).join()).toMatch(/^B 党组织 input\/not_eligible .*已撤销/);
    expect(r.problemCount).toBe(10);
    expect((await commitFile(gql, 'POSITIONS', f, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });

  it('should make another branch and its people auth/out_of_scope for a secretary of one branch', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'pos-secretary', AccountRole.SECRETARY, [w.branches[0]]);
    const as = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const f = await file([
      [x[5], w.codes[0], '纪检委员', '2025-03-03'],
      [other(), w.codes[1], '纪检委员', '2025-03-03'],
      [other(), w.codes[0], '纪检委员', '2025-03-03'],
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(as, 'POSITIONS', f);
    expect(r.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [3, 'B', 'auth/out_of_scope'],
      [4, 'A', 'auth/out_of_scope'],
    ]);
    expect(await checksums(client, TABLES)).toEqual(before);
  });
});
