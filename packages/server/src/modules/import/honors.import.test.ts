/**
 * Honours through GraphQL on a real hub: a person's, a branch's, a department's, a team's and the hospital's
 * honours committed with the cells equal to a recomputation, the same file again changing nothing, a changed
 * level updating one, every kind of bad row reported with nothing written, a secretary's other branch and
 * hospital out of scope.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { idCard, sheetsXlsx } from '../../test-support/import-files.js';
import { cellDifferences, checksums, commitFile, dryRun, idsIn, importWorld, type ImportWorld } from '../../test-support/import-hub.js';

const HEADERS = ['获奖对象类型', '身份证号', '党组织', '科室', '医院', '荣誉名称', '类别', '级别', '授予日期'];
const TABLES = ['honor'];

describe('import/honors', () => {
  let hub: TestHub;
  let client: pg.Client;
  let w: ImportWorld;
  let dept: string;
  let hospital: string;
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const file = (rows: unknown[][]) => sheetsXlsx({ 荣誉表彰: { headers: HEADERS, rows } });
  const good = () => [
    ['个人', idsIn(w, w.codes[0])[0], '', '', '', '优秀共产党员', '党内表彰', '院级', '2026-07-01'],
    ['党支部', '', w.codes[0], '', '', '先进基层党组织', 'Party', '市级', '2026/7/1'],
    ['科室', '', '', dept, '', '文明科室', '文明创建', '院级', '2026年5月4日'],
    ['团队', '', '', '', hospital, '抗疫先进集体', '行政表彰', '省级', '2026-03-08'],
    ['医院', '', '', '', '', '改善医疗服务示范医院', '行政表彰', '国家级', '2026-01-15'],
  ];

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    w = await importWorld(client, gql, 21, 'HB');
    dept = (await client.query(`select name from department where hospital_id = $1 order by id limit 1`, [w.h.hospital])).rows[0].name;
    hospital = (await client.query(`select name from hospital where id = $1`, [w.h.hospital])).rows[0].name;
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should commit a good file, the cells equal to a recomputation; the same file again changes nothing; a new level updates one', async () => {
    const f = await file(good());
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'HONORS', f);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ rows: 5, create: 5, update: 0, unchanged: 0 });
    expect(await checksums(client, TABLES)).toEqual(before);
    const c = await commitFile(gql, 'HONORS', f, r.fileHash);
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    const stored = await client.query(
      `select recipient_type, member_id is not null as person, organization_id is not null as org, department_id is not null as dept, level
       from honor where awarded_on >= '2026-01-01' and title in ('优秀共产党员', '先进基层党组织', '文明科室', '抗疫先进集体', '改善医疗服务示范医院')
       order by awarded_on`,
    );
    expect(stored.rows).toEqual([
      { recipient_type: 'hospital', person: false, org: false, dept: false, level: 'national' },
      { recipient_type: 'team', person: false, org: false, dept: false, level: 'provincial' },
      { recipient_type: 'department', person: false, org: false, dept: true, level: 'hospital' },
      { recipient_type: 'person', person: true, org: false, dept: false, level: 'hospital' },
      { recipient_type: 'branch', person: false, org: true, dept: false, level: 'municipal' },
    ]);

    const middle = await checksums(client, TABLES);
    const again = await dryRun(gql, 'HONORS', f);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 5 });
    expect((await commitFile(gql, 'HONORS', f, again.fileHash)).data!.importCommit).toMatchObject({ unchanged: 5, committed: true });
    expect({ ...(await checksums(client, TABLES)), audit_log: '' }).toEqual({ ...middle, audit_log: '' });

    const rows = good();
    rows[1][7] = '省级';
    const changed = await file(rows);
    const d = await dryRun(gql, 'HONORS', changed);
    expect(d).toMatchObject({ create: 0, update: 1, unchanged: 4, problemCount: 0 });
    expect((await commitFile(gql, 'HONORS', changed, d.fileHash)).errors).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    expect((await client.query(`select count(*)::int as n from audit_log where action = 'import.honors'`)).rows[0].n).toBe(3);
  }, 120_000);

  it('should report every bad row and write nothing', async () => {
    const committee = (await client.query(`select name from organization where id = $1`, [w.h.committee])).rows[0].name;
    const person = idsIn(w, w.codes[0])[1];
    const f = await file([
      ['个人', person, '', '', '', '岗位能手', '行政表彰', '院级', '2026-02-01'], // row 2: fine
      ['个人', person, w.codes[0], '', '', '岗位标兵', '行政表彰', '院级', '2026-02-01'], // row 3: an organisation too
      ['党支部', '', committee, '', '', '先进党支部', '党内表彰', '院级', '2026-02-01'], // row 4: the committee is no branch
      ['个人', idCard('19800101', 999), '', '', '', '岗位能手', '行政表彰', '院级', '2026-02-01'], // row 5: nobody
      ['科室', '', '', dept, '', '优质科室', '行政表彰', '院级', '2099-02-01'], // row 6: in the future
      ['科室', '', '', dept, '', '优质科室', '行政表彰', '特级', '2026-02-01'], // row 7: unknown level
      ['个人', person, '', '', '', '岗位能手', '行政表彰', '市级', '2026-02-01'], // row 8: row 2 again
      ['科室', '', '', '', '', '优质科室', '行政表彰', '院级', '2026-02-01'], // row 9: no department named
      ['党支部', '', '不存在的支部', '', '', '先进党支部', '党内表彰', '院级', '2026-02-01'], // row 10: unknown organisation
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'HONORS', f);
    const at = (row: number) => r.problems.filter((p) => p.row === row).map((p) => `${p.column} ${p.header} ${p.reason} ${p.zh} / ${p.en}`);
    expect(at(2)).toEqual([]);
    expect(at(3).join()).toMatch(/^C 党组织 input\/inconsistent 该类获奖对象不填写“党组织”/);
    expect(at(4).join()).toMatch(/^C 党组织 input\/inconsistent 党组织类型与获奖对象类型不符/);
    expect(at(5).join()).toMatch(/^B 身份证号 id\/not_found/);
    expect(at(6).join()).toMatch(/^I 授予日期 input\/date_out_of_range/);
    expect(at(7).join()).toMatch(/^H 级别 input\/out_of_range .*可填：国家级、省级.*allowed: National/);
    expect(at(8).join()).toMatch(/^F 荣誉名称 input\/duplicate 与第 2 行重复/);
    expect(at(9).join()).toMatch(/^D 科室 input\/required 该类获奖对象须填写“科室”/);
    expect(at(10).join()).toMatch(/^C 党组织 id\/not_found/);
    expect(r.problemCount).toBe(8);
    expect((await commitFile(gql, 'HONORS', f, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });

  it('should make another branch’s and the hospital’s honours auth/out_of_scope for a secretary of one branch', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'hon-secretary', AccountRole.SECRETARY, [w.branches[0]]);
    const as = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const f = await file([
      ['党支部', '', w.codes[0], '', '', '五好党支部', '党内表彰', '院级', '2026-02-02'],
      ['党支部', '', w.codes[1], '', '', '五好党支部', '党内表彰', '院级', '2026-02-02'],
      ['医院', '', '', '', hospital, '平安医院', '行政表彰', '市级', '2026-02-02'],
      ['个人', idsIn(w, w.codes[1])[0], '', '', '', '优秀党务工作者', '党内表彰', '院级', '2026-02-02'],
      ['团队', '', '', '', '', '青年突击队', '行政表彰', '院级', '2026-02-02'],
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(as, 'HONORS', f);
    expect(r.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [3, 'C', 'auth/out_of_scope'],
      [4, 'E', 'auth/out_of_scope'],
      [5, 'B', 'auth/out_of_scope'],
      [6, 'A', 'auth/out_of_scope'],
    ]);
    expect(await checksums(client, TABLES)).toEqual(before);
  });
});
