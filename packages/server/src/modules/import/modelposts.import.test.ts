/**
 * Model posts through GraphQL on a real hub: a person's, a department's and a branch's post committed with the
 * cells equal to a recomputation, the same file again changing nothing, a revoked date added updating one,
 * every kind of bad row reported with nothing written, what counts under another branch out of scope for a
 * secretary.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { idCard, sheetsXlsx } from '../../test-support/import-files.js';
import { cellDifferences, checksums, commitFile, dryRun, idsIn, importWorld, type ImportWorld } from '../../test-support/import-hub.js';

const HEADERS = ['类型', '名称', '身份证号', '科室', '党组织', '医院', '命名级别', '设立日期', '撤销日期'];
const TABLES = ['model_post'];

describe('import/modelposts', () => {
  let hub: TestHub;
  let client: pg.Client;
  let w: ImportWorld;
  let dept: string;
  let hospital: string;
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const file = (rows: unknown[][]) => sheetsXlsx({ 示范岗: { headers: HEADERS, rows } });
  const good = () => [
    ['党员示范岗', '测试党员示范岗', idsIn(w, w.codes[0])[0], '', '', '', '院级', '2026-03-01', ''],
    ['党员先锋岗', '测试先锋岗', '', dept, '', hospital, '市级', '2026/4/2', ''],
    ['党员服务台', '测试服务台', '', '', w.codes[1], '', '院级', '2026年1月15日', '2026-06-30'],
  ];

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    w = await importWorld(client, gql, 23, 'MP');
    dept = (await client.query(`select name from department where hospital_id = $1 order by id limit 1`, [w.h.hospital])).rows[0].name;
    hospital = (await client.query(`select name from hospital where id = $1`, [w.h.hospital])).rows[0].name;
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should commit a good file, the cells equal to a recomputation; the same file again changes nothing; a revoked date updates one', async () => {
    const f = await file(good());
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'MODELPOSTS', f);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ rows: 3, create: 3, update: 0, unchanged: 0 });
    expect(await checksums(client, TABLES)).toEqual(before);
    const c = await commitFile(gql, 'MODELPOSTS', f, r.fileHash);
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    const stored = await client.query(
      `select type, member_id is not null as person, department_id is not null as dept, organization_id is not null as org,
         level, established_on::text, revoked_on::text
       from model_post where title like '测试%' order by established_on`,
    );
    expect(stored.rows).toEqual([
      {
        type: 'service_desk',
        person: false,
        dept: false,
        org: true,
        level: 'hospital',
        established_on: '2026-01-15',
        revoked_on: '2026-06-30',
      },
      { type: 'model_post', person: true, dept: false, org: false, level: 'hospital', established_on: '2026-03-01', revoked_on: null },
      { type: 'vanguard_post', person: false, dept: true, org: false, level: 'municipal', established_on: '2026-04-02', revoked_on: null },
    ]);

    const middle = await checksums(client, TABLES);
    const again = await dryRun(gql, 'MODELPOSTS', f);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    expect((await commitFile(gql, 'MODELPOSTS', f, again.fileHash)).data!.importCommit).toMatchObject({ unchanged: 3, committed: true });
    expect({ ...(await checksums(client, TABLES)), audit_log: '' }).toEqual({ ...middle, audit_log: '' });

    const rows = good();
    rows[0][8] = '2026-09-30';
    const changed = await file(rows);
    const d = await dryRun(gql, 'MODELPOSTS', changed);
    expect(d).toMatchObject({ create: 0, update: 1, unchanged: 2, problemCount: 0 });
    expect((await commitFile(gql, 'MODELPOSTS', changed, d.fileHash)).errors).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    expect((await client.query(`select revoked_on::text from model_post where title = '测试党员示范岗'`)).rows).toEqual([
      { revoked_on: '2026-09-30' },
    ]);
    expect((await client.query(`select count(*)::int as n from audit_log where action = 'import.modelposts'`)).rows[0].n).toBe(3);
  }, 120_000);

  it('should report every bad row and write nothing', async () => {
    const person = idsIn(w, w.codes[0])[1];
    const f = await file([
      ['党员示范岗', '示范岗甲', person, '', '', '', '院级', '2026-02-01', ''], // row 2: fine
      ['党员示范岗', '示范岗乙', person, '', '', '', '院级', '2026-02-01', '2026-01-01'], // row 3: revoked before established
      ['党员责任区', '责任区丙', '', '', '', '', '院级', '2026-02-01', ''], // row 4: no holder
      ['党员示范岗', '示范岗丁', idCard('19800101', 999), '', '', '', '院级', '2026-02-01', ''], // row 5: nobody
      ['党员先锋岗', '先锋岗戊', '', dept, '', '', '院级', '2099-02-01', ''], // row 6: in the future
      ['模范岗', '先锋岗己', '', dept, '', '', '院级', '2026-02-01', ''], // row 7: unknown type
      ['党员示范岗', '示范岗甲', person, '', '', '', '市级', '2026-02-01', ''], // row 8: row 2 again
      ['党员先锋岗', '先锋岗庚', '', '不存在的科室', '', '', '院级', '2026-02-01', ''], // row 9: unknown department
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'MODELPOSTS', f);
    const at = (row: number) => r.problems.filter((p) => p.row === row).map((p) => `${p.column} ${p.header} ${p.reason} ${p.zh} / ${p.en}`);
    expect(at(2)).toEqual([]);
    expect(at(3).join()).toMatch(/^I 撤销日期 input\/inconsistent 撤销日期不能早于设立日期/);
    expect(at(4).join()).toMatch(/^E 党组织 input\/required 须指定岗位人员、科室或党组织/);
    expect(at(5).join()).toMatch(/^C 身份证号 id\/not_found/);
    expect(at(6).join()).toMatch(/^H 设立日期 input\/date_out_of_range/);
    expect(at(7).join()).toMatch(/^A 类型 input\/out_of_range .*可填：党员示范岗/);
    expect(at(8).join()).toMatch(/^B 名称 input\/duplicate 与第 2 行重复/);
    expect(at(9).join()).toMatch(/^D 科室 id\/not_found/);
    expect(r.problemCount).toBe(7);
    expect((await commitFile(gql, 'MODELPOSTS', f, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });

  it('should make what counts under another branch auth/out_of_scope for a secretary of one branch', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'mp-secretary', AccountRole.SECRETARY, [w.branches[0]]);
    const as = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const other = (
      await client.query(`select name from department where hospital_id = $1 and branch_id is distinct from $2 order by id limit 1`, [
        w.h.hospital,
        w.branches[0],
      ])
    ).rows[0].name;
    const f = await file([
      ['党员服务台', '服务台辛', '', '', w.codes[0], '', '院级', '2026-02-02', ''],
      ['党员服务台', '服务台辛', '', '', w.codes[1], '', '院级', '2026-02-02', ''],
      ['党员示范岗', '示范岗壬', idsIn(w, w.codes[1])[0], '', '', '', '院级', '2026-02-02', ''],
      ['党员先锋岗', '先锋岗癸', '', other, '', '', '院级', '2026-02-02', ''],
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(as, 'MODELPOSTS', f);
    expect(r.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [3, 'E', 'auth/out_of_scope'],
      [4, 'C', 'auth/out_of_scope'],
      [5, 'D', 'auth/out_of_scope'],
    ]);
    expect((await commitFile(as, 'MODELPOSTS', f, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });
});
