/**
 * Department monthly figures through GraphQL on a real hub: a good file committed with the cells equal to a
 * recomputation, the same file again changing nothing, a changed value updating one figure, every kind of bad
 * row reported with nothing written, and a secretary's figures of a department counted elsewhere refused.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { sheetsXlsx } from '../../test-support/import-files.js';
import { cellDifferences, checksums, commitFile, dryRun, importWorld, type ImportWorld } from '../../test-support/import-hub.js';

const HEADERS = ['科室', '月份', '指标', '数值'];
const TABLES = ['department_metric'];

describe('import/figures', () => {
  let hub: TestHub;
  let client: pg.Client;
  let w: ImportWorld;
  let depts: { name: string; org: number }[];
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const file = (rows: unknown[][]) => sheetsXlsx({ 科室月度数据: { headers: HEADERS, rows } });
  const good = () =>
    depts.slice(0, 2).flatMap((d) => [
      // Staff and senior staff are what indicators read (after the random hospital's months: new figures).
      [d.name, '2026-08', '在职职工数', 1200],
      [d.name, '2026年9月', '高级职称人数', 88],
      [d.name, new Date(Date.UTC(2026, 9, 1)), 'Surgeries', '1,024'],
    ]);

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    w = await importWorld(client, gql, 21, 'FB');
    depts = (
      await client.query(
        `select d.name, coalesce(d.branch_id, h.committee_id) as org from department d join hospital h on h.id = d.hospital_id
         where d.hospital_id = $1 order by d.id`,
        [w.h.hospital],
      )
    ).rows;
    expect(depts.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should commit a good file, the cells equal to a recomputation; the same file again changes nothing; a new value updates one', async () => {
    const f = await file(good());
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'FIGURES', f);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ rows: 6, create: 6, update: 0, unchanged: 0 });
    expect(await checksums(client, TABLES)).toEqual(before);
    const c = await commitFile(gql, 'FIGURES', f, r.fileHash);
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    const stored = await client.query(
      `select m.month::text as month, m.code, m.value::text as value from department_metric m join department d on d.id = m.department_id
       where d.name = $1 and m.month >= '2026-08-01' order by m.month`,
      [depts[0].name],
    );
    expect(stored.rows).toEqual([
      { month: '2026-08-01', code: 'staff_count', value: '1200.00' },
      { month: '2026-09-01', code: 'senior_title_staff', value: '88.00' },
      { month: '2026-10-01', code: 'surgeries', value: '1024.00' },
    ]);
    expect((await client.query(`select after from audit_log where action = 'import.figures'`)).rows).toMatchObject([
      { after: { fileHash: r.fileHash, create: 6 } },
    ]);

    const middle = await checksums(client, TABLES);
    const again = await dryRun(gql, 'FIGURES', f);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 6 });
    expect((await commitFile(gql, 'FIGURES', f, again.fileHash)).data!.importCommit).toMatchObject({ unchanged: 6, committed: true });
    expect({ ...(await checksums(client, TABLES)), audit_log: '' }).toEqual({ ...middle, audit_log: '' });

    const rows = good();
    rows[0][3] = 1300;
    const changed = await file(rows);
    const d = await dryRun(gql, 'FIGURES', changed);
    expect(d).toMatchObject({ create: 0, update: 1, unchanged: 5, problemCount: 0 });
    expect((await commitFile(gql, 'FIGURES', changed, d.fileHash)).errors).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
  }, 120_000);

  it('should report every bad row and write nothing', async () => {
    const d = depts[0].name;
    const f = await file([
      [d, '2026-03', '门急诊人次', 5], // row 2: fine
      ['不存在的科室', '2026-03', '门急诊人次', 1], // row 3
      [d, '2026-13', '门急诊人次', 1], // row 4: no such month
      [d, '2099-01', '门急诊人次', 1], // row 5: in the future
      [d, '2026-03', '床位数', 1], // row 6: unknown metric
      [d, '2026-03', '出院人次', -3], // row 7: negative
      [d, '2026/3', '门急诊人次', 7], // row 8: the same figure as row 2
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'FIGURES', f);
    const at = (row: number) => r.problems.filter((p) => p.row === row).map((p) => `${p.column} ${p.header} ${p.reason} ${p.zh} / ${p.en}`);
    expect(at(2)).toEqual([]);
    expect(at(3).join()).toMatch(/^A 科室 id\/not_found 没有科室“不存在的科室”/);
    expect(at(4).join()).toMatch(/^B 月份 input\/out_of_range .*不是存在的月份/);
    expect(at(5).join()).toMatch(/^B 月份 input\/date_out_of_range/);
    expect(at(6).join()).toMatch(/^C 指标 input\/out_of_range .*可填：在职职工数、.*allowed: Staff in service/);
    expect(at(7).join()).toMatch(/^D 数值 input\/out_of_range 应在 0–10,000,000,000 之间/);
    expect(at(8).join()).toMatch(/^C 指标 input\/duplicate 与第 2 行重复/);
    expect(r.problemCount).toBe(6);
    expect((await commitFile(gql, 'FIGURES', f, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });

  it('should make a department counted under another organisation auth/out_of_scope for a secretary of one branch', async () => {
    const branch = w.branches[0];
    const cookie = await signedIn(hub.url, hub.db.url, 'fig-secretary', AccountRole.SECRETARY, [branch]);
    const as = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const outside = depts.find((d) => d.org !== branch)!;
    const f = await file([[outside.name, '2026-02', '投诉件数', 1]]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(as, 'FIGURES', f);
    expect(r.problems.map((p) => [p.row, p.column, p.reason])).toEqual([[2, 'A', 'auth/out_of_scope']]);
    expect(await checksums(client, TABLES)).toEqual(before);
  });
});
